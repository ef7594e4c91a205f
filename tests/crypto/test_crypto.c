/* SPDX-License-Identifier: MIT */
/*
 * crypto: what the module promises the kiosk and the collector. A record
 * opens only with the clinic's key pair and its own UUID, and a changed
 * byte is refused; a photo file only under its record's key, its UUID and
 * its kind; key files round-trip and a private key that others can read,
 * or a file of the wrong size, is refused; a secret's hash verifies only
 * that secret; SHA-256 matches the published vectors.
 */
#include "crypto.h"
#include "core.h"
#include "../check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char UUID[] = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
static const char UUID2[] = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5c";

/* One record as a kiosk seals it: ciphertext, nonce and the sealed key. */
typedef struct {
	uint8_t sealed[MKC_SEALED_BYTES], wrapped[MKC_WRAPPED_BYTES], nonce[MKC_NONCE_BYTES];
	uint8_t ct[64 + MKC_MAC_BYTES];
	size_t ct_len;
} record;

static void seal_record(record *r, const uint8_t pk[32], const uint8_t patient[32],
			const char *text)
{
	uint8_t rk[MKC_KEY_BYTES];
	size_t n = strlen(text);
	mkc_key_new(rk);
	CHECK(n <= 64);
	CHECK(mkc_aead_seal(r->ct, r->nonce, text, n, UUID, MKC_UUID_LEN, rk) == 0);
	CHECK(mkc_seal_key(r->sealed, rk, pk) == 0);
	CHECK(mkc_wrap_key(r->wrapped, rk, patient) == 0);
	r->ct_len = n + MKC_MAC_BYTES;
	mkc_wipe(rk, sizeof rk);
}

static int open_record(const record *r, const uint8_t pk[32], const uint8_t sk[32],
		       const char *uuid, char **text)
{
	void *plain = NULL;
	size_t n = 0;
	int rc = mkc_record_open(pk, sk, uuid, r->sealed, sizeof r->sealed, r->nonce,
				 sizeof r->nonce, r->ct, r->ct_len, &plain, &n);
	*text = plain;
	CHECK(rc ? plain == NULL && n == 0 : plain != NULL && strlen(plain) == n);
	return rc;
}

static void test_sealed_record(void)
{
	uint8_t pk[32], sk[32], pk2[32], sk2[32], patient[32], other[32], rk[32];
	record r;
	char *text;
	CHECK(mkc_keypair(pk, sk) == 0 && mkc_keypair(pk2, sk2) == 0);
	CHECK(mkc_keypair_check(pk, sk) == 0 && mkc_keypair_check(pk2, sk) == MK_EINVAL);
	mkc_key_new(patient);
	mkc_key_new(other);
	seal_record(&r, pk, patient, "{\"pain\":3}");

	CHECK(open_record(&r, pk, sk, UUID, &text) == 0 && text && !strcmp(text, "{\"pain\":3}"));
	mkc_free(text, text ? strlen(text) : 0);
	/* Another clinic's key, or the record under another UUID: refused. */
	CHECK(open_record(&r, pk2, sk2, UUID, &text) == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "cannot be opened with this key") != NULL);
	CHECK(open_record(&r, pk, sk, UUID2, &text) == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "damaged or moved") != NULL);
	/* One changed byte anywhere: refused. */
	r.ct[3] ^= 1;
	CHECK(open_record(&r, pk, sk, UUID, &text) == MK_EINVAL);
	r.ct[3] ^= 1;
	r.sealed[40] ^= 0x80;
	CHECK(open_record(&r, pk, sk, UUID, &text) == MK_EINVAL);
	r.sealed[40] ^= 0x80;
	r.nonce[0] ^= 1;
	CHECK(open_record(&r, pk, sk, UUID, &text) == MK_EINVAL);
	r.nonce[0] ^= 1;
	CHECK(open_record(&r, pk, sk, "not-a-uuid", &text) == MK_EINVAL);

	/* The patient's copy of the key opens with their key only. */
	CHECK(mkc_wrap_key_open(rk, r.wrapped, patient) == 0);
	CHECK(mkc_wrap_key_open(rk, r.wrapped, other) == MK_EINVAL);
	r.wrapped[30] ^= 1;
	CHECK(mkc_wrap_key_open(rk, r.wrapped, patient) == MK_EINVAL);
}

static void test_photo_file(void)
{
	uint8_t pk[32], sk[32], rk[32], sealed[MKC_SEALED_BYTES];
	static const char jpeg[] = "\xff\xd8\xff\xe0 not really a photo";
	size_t n = sizeof jpeg - 1, len = n + MKC_PHOTO_EXTRA, got = 0;
	void *plain = NULL;
	CHECK(mkc_keypair(pk, sk) == 0);
	mkc_key_new(rk);
	CHECK(mkc_seal_key(sealed, rk, pk) == 0);
	uint8_t *file = mkc_photo_seal(rk, UUID, MKC_PHOTO_ORIGINAL, jpeg, n);
	CHECK(file && !memcmp(file, "MKPHOTO1", 8));
	if (!file)
		return;
	CHECK(mkc_photo_open_sealed(pk, sk, UUID, sealed, sizeof sealed, MKC_PHOTO_ORIGINAL, file,
				    len, &plain, &got) == 0);
	CHECK(plain && got == n && !memcmp(plain, jpeg, n));
	mkc_free(plain, got);
	/* The image put in place of its thumbnail, or of another photo: refused. */
	CHECK(mkc_photo_open_sealed(pk, sk, UUID, sealed, sizeof sealed, MKC_PHOTO_THUMB, file,
				    len, &plain, &got) == MK_EIO && !plain);
	CHECK(mkc_photo_open_sealed(pk, sk, UUID2, sealed, sizeof sealed, MKC_PHOTO_ORIGINAL, file,
				    len, &plain, &got) == MK_EIO && !plain);
	file[len - 1] ^= 1;
	CHECK(mkc_photo_open_sealed(pk, sk, UUID, sealed, sizeof sealed, MKC_PHOTO_ORIGINAL, file,
				    len, &plain, &got) == MK_EIO && !plain);
	CHECK(strstr(mk_err_msg(), UUID) != NULL);
	CHECK(mkc_photo_open_sealed(pk, sk, UUID, sealed, sizeof sealed, MKC_PHOTO_ORIGINAL, file,
				    10, &plain, &got) == MK_EIO && !plain);
	free(file);
}

static char *path_in(const char *dir, const char *name)
{
	return mk_asprintf("%s/%s", dir, name);
}

static void test_key_files(void)
{
	char dir[] = "/tmp/mkcryptoXXXXXX";
	uint8_t pk[32], sk[32];
	struct stat st;
	CHECK(mkdtemp(dir) != NULL);
	char *prefix = path_in(dir, "clinic"), *pub = path_in(dir, "clinic.pub");
	char *key = path_in(dir, "clinic.key"), *odd = path_in(dir, "odd.key");
	CHECK(mkc_keys_write(prefix) == 0);
	CHECK(stat(key, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat(pub, &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(mkc_key_read(pub, pk) == 0 && mkc_key_read_secret(key, sk) == 0);
	CHECK(mkc_keypair_check(pk, sk) == 0);
	/* Never overwritten. */
	CHECK(mkc_keys_write(prefix) == MK_EINVAL && strstr(mk_err_msg(), "not overwriting"));
	CHECK(mkc_key_read(pub, pk) == 0 && mkc_keypair_check(pk, sk) == 0);
	/* A private key that other users can read is refused, with the fix. */
	CHECK(chmod(key, 0640) == 0);
	CHECK(mkc_key_read_secret(key, sk) == MK_EPERM);
	CHECK(strstr(mk_err_msg(), "chmod 600") != NULL);
	CHECK(chmod(key, 0600) == 0 && mkc_key_read_secret(key, sk) == 0);
	CHECK(mkc_key_read_secret(odd, sk) == MK_ENOTFOUND);
	/* 31 or 33 bytes, or not hex: not a key. */
	CHECK(mk_write_atomic(odd, "00112233445566778899aabbccddeeff00112233445566778899aabbccddee\n",
			      63) == 0);
	CHECK(mkc_key_read_secret(odd, sk) == MK_EINVAL && strstr(mk_err_msg(), "not a key"));
	CHECK(mk_write_atomic(odd, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00",
			      66) == 0);
	CHECK(mkc_key_read(odd, sk) == MK_EINVAL);
	CHECK(mk_write_atomic(odd, "zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
			      64) == 0);
	CHECK(mkc_key_read(odd, sk) == MK_EINVAL);
	CHECK(mk_write_atomic(odd, "  00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
			      67) == 0);
	CHECK(mkc_key_read(odd, sk) == 0 && sk[0] == 0 && sk[31] == 0xff);
	unlink(key);
	unlink(pub);
	unlink(odd);
	rmdir(dir);
	free(prefix), free(pub), free(key), free(odd);
}

/* Content signatures: a publisher's key files, a signature that holds for
 * its own key and message only, and no second keygen over the first. */
static void test_content_signature(void)
{
	char dir[] = "/tmp/mkcryptoXXXXXX";
	uint8_t pk[32], seed[32], other_seed[32], other[32], sig[MKC_SIGN_BYTES];
	struct stat st;
	const char msg[] = "mesokiosk-bundle 1\nversion 3\n";
	CHECK(mkdtemp(dir) != NULL);
	char *prefix = path_in(dir, "pub"), *pub = path_in(dir, "pub.pub"), *key = path_in(dir, "pub.key");
	CHECK(mkc_sign_keys_write(prefix) == 0);
	CHECK(stat(key, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat(pub, &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(mkc_sign_keys_write(prefix) == MK_EINVAL && strstr(mk_err_msg(), "not overwriting"));
	CHECK(mkc_key_read(pub, pk) == 0 && mkc_key_read_secret(key, seed) == 0);
	CHECK(mkc_sign(sig, msg, strlen(msg), seed) == 0);
	CHECK(mkc_sign_verify(sig, msg, strlen(msg), pk) == 0);
	CHECK(mkc_sign_verify(sig, msg, strlen(msg) - 1, pk) == MK_EPERM);
	mkc_random(other_seed, sizeof other_seed);
	mkc_sign_public(other, other_seed);
	CHECK(mkc_sign_verify(sig, msg, strlen(msg), other) == MK_EPERM);
	sig[5] ^= 1;
	CHECK(mkc_sign_verify(sig, msg, strlen(msg), pk) == MK_EPERM);
	unlink(pub);
	unlink(key);
	rmdir(dir);
	free(prefix);
	free(pub);
	free(key);
}

static void test_secret_hash(void)
{
	char hash[MKC_HASH_MAX];
	CHECK(mkc_secret_hash("482916", &MKC_COST_TEST, hash) == 0);
	CHECK(!strncmp(hash, "$argon2id$", 10));
	CHECK(mkc_secret_verify(hash, "482916") == 0);
	CHECK(mkc_secret_verify(hash, "482917") == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "not right") != NULL);
	CHECK(mkc_secret_verify(hash, NULL) == MK_EINVAL);
	CHECK(mkc_secret_verify("$2y$10$abcdefghij", "482916") == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "malformed") != NULL);
	CHECK(mkc_secret_hash("", &MKC_COST_TEST, hash) == MK_EINVAL);
}

static void test_sha256_and_encodings(void)
{
	char hex[65];
	mkc_sha256_state st;
	uint8_t bin[8];
	size_t n = 0;
	mkc_sha256_hex("abc", 3, hex);
	CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	mkc_sha256_init(&st);
	mkc_sha256_update(&st, "a", 1);
	mkc_sha256_update(&st, "bc", 2);
	mkc_sha256_final(&st, hex);
	CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	char b64[16];
	CHECK(mkc_base64_len(4) == 9);
	mkc_base64(b64, "\x01\x02\x03\x04", 4);
	CHECK(!strcmp(b64, "AQIDBA=="));
	CHECK(mkc_unbase64(bin, sizeof bin, b64, 8, &n) == 0 && n == 4 && bin[3] == 4);
	CHECK(mkc_unbase64(bin, sizeof bin, "AQ-DBA==", 8, &n) == MK_EINVAL);
	CHECK(mkc_equal("abcd", "abcd", 4) && !mkc_equal("abcd", "abce", 4));
}

int main(void)
{
	CHECK(mkc_init() == 0);
	test_sealed_record();
	test_photo_file();
	test_key_files();
	test_content_signature();
	test_secret_hash();
	test_sha256_and_encodings();
	return check_done();
}
