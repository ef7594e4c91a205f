/* SPDX-License-Identifier: MIT */
/*
 * Sealing and opening: the clinic's key pairs, a record's key sealed to the
 * clinic and wrapped with the patient's key, the record itself
 * (XChaCha20-Poly1305 with its UUID as additional data) and the photo files
 * sealed under a record's key (crypto.h has the formats). The kiosk's store
 * writes with these and the collector opens with them, so a format has one
 * implementation; the store's tests of stored data check that the bytes on
 * disk still open.
 */
#include "crypto.h"
#include "core.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PHOTO_MAGIC "MKPHOTO1"
#define PHOTO_HEAD (MKC_PHOTO_MAGIC_LEN + MKC_NONCE_BYTES)

_Static_assert(crypto_box_PUBLICKEYBYTES == MKC_KEY_BYTES, "clinic key size");
_Static_assert(crypto_box_SECRETKEYBYTES == MKC_KEY_BYTES, "clinic key size");
_Static_assert(crypto_secretbox_KEYBYTES == MKC_KEY_BYTES, "patient key size");
_Static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == MKC_KEY_BYTES, "record key size");
_Static_assert(MKC_SEALED_BYTES == crypto_box_SEALBYTES + MKC_KEY_BYTES, "sealed key size");
_Static_assert(MKC_WRAPPED_BYTES == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	       MKC_KEY_BYTES, "wrapped key size");
_Static_assert(sizeof PHOTO_MAGIC - 1 == MKC_PHOTO_MAGIC_LEN, "photo magic size");

/* ---- Keys */

int mkc_keypair(uint8_t pk[MKC_KEY_BYTES], uint8_t sk[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (!rc && crypto_box_keypair(pk, sk) != 0)
		rc = mk_err(MK_EINVAL, "cannot make a key pair");
	return rc;
}

int mkc_keypair_check(const uint8_t pk[MKC_KEY_BYTES], const uint8_t sk[MKC_KEY_BYTES])
{
	uint8_t derived[MKC_KEY_BYTES];
	int rc = mkc_init();
	if (!rc && (crypto_scalarmult_base(derived, sk) != 0 || sodium_memcmp(derived, pk, 32)))
		rc = mk_err(MK_EINVAL, "the public key is not the secret key's");
	sodium_memzero(derived, sizeof derived);
	return rc;
}

void mkc_key_new(uint8_t key[MKC_KEY_BYTES])
{
	mkc_random(key, MKC_KEY_BYTES);
}

int mkc_seal_key(uint8_t out[MKC_SEALED_BYTES], const uint8_t key[MKC_KEY_BYTES],
		 const uint8_t pk[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (!rc && crypto_box_seal(out, key, MKC_KEY_BYTES, pk) != 0)
		rc = mk_err(MK_EINVAL, "cannot seal a key");
	return rc;
}

int mkc_seal_key_open(uint8_t key_out[MKC_KEY_BYTES], const uint8_t sealed[MKC_SEALED_BYTES],
		      const uint8_t pk[MKC_KEY_BYTES], const uint8_t sk[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (!rc && crypto_box_seal_open(key_out, sealed, MKC_SEALED_BYTES, pk, sk) != 0)
		rc = mk_err(MK_EINVAL, "the key does not open with this key pair");
	return rc;
}

int mkc_wrap_key(uint8_t out[MKC_WRAPPED_BYTES], const uint8_t key[MKC_KEY_BYTES],
		 const uint8_t wrap[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	if (crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, key, MKC_KEY_BYTES, out,
				  wrap) != 0)
		rc = mk_err(MK_EINVAL, "cannot wrap a key");
	return rc;
}

int mkc_wrap_key_open(uint8_t key_out[MKC_KEY_BYTES], const uint8_t wrapped[MKC_WRAPPED_BYTES],
		      const uint8_t wrap[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (!rc && crypto_secretbox_open_easy(key_out, wrapped + crypto_secretbox_NONCEBYTES,
					      MKC_WRAPPED_BYTES - crypto_secretbox_NONCEBYTES,
					      wrapped, wrap) != 0)
		rc = mk_err(MK_EINVAL, "the key does not open with this key");
	return rc;
}

int mkc_aead_seal(uint8_t *ct, uint8_t nonce[MKC_NONCE_BYTES], const void *plain, size_t n,
		  const void *ad, size_t ad_len, const uint8_t key[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	randombytes_buf(nonce, MKC_NONCE_BYTES);
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(ct, NULL, plain, n, ad, ad_len, NULL, nonce,
						       key) != 0)
		rc = mk_err(MK_EINVAL, "cannot encrypt");
	return rc;
}

int mkc_aead_open(uint8_t *out, size_t *n, const uint8_t *ct, size_t ct_len, const void *ad,
		  size_t ad_len, const uint8_t nonce[MKC_NONCE_BYTES],
		  const uint8_t key[MKC_KEY_BYTES])
{
	unsigned long long got = 0;
	int rc = mkc_init();
	*n = 0;
	if (!rc && (ct_len < MKC_MAC_BYTES ||
		    crypto_aead_xchacha20poly1305_ietf_decrypt(out, &got, NULL, ct, ct_len, ad,
							       ad_len, nonce, key) != 0))
		rc = mk_err(MK_EINVAL, "damaged, moved or under another key");
	if (!rc)
		*n = (size_t)got;
	return rc;
}

/* ---- What a kiosk sent */

static int open_key(const uint8_t pk[MKC_KEY_BYTES], const uint8_t sk[MKC_KEY_BYTES],
		    const char *uuid, const uint8_t *sealed, size_t sealed_len,
		    uint8_t rk[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	if (!uuid || strlen(uuid) != MKC_UUID_LEN)
		return mk_err(MK_EINVAL, "not a record id");
	if (!sealed || sealed_len != MKC_SEALED_BYTES)
		return mk_err(MK_EINVAL, "record %s: its sealed key has the wrong size", uuid);
	if (mkc_seal_key_open(rk, sealed, pk, sk) != 0)
		return mk_err(MK_EINVAL, "record %s cannot be opened with this key", uuid);
	return 0;
}

int mkc_record_open(const uint8_t clinic_pk[MKC_KEY_BYTES],
		    const uint8_t clinic_sk[MKC_KEY_BYTES], const char *uuid,
		    const uint8_t *sealed, size_t sealed_len, const uint8_t *nonce,
		    size_t nonce_len, const uint8_t *ct, size_t ct_len, void **plain, size_t *n)
{
	uint8_t rk[MKC_KEY_BYTES], *out;
	int rc;
	*plain = NULL;
	*n = 0;
	if ((rc = open_key(clinic_pk, clinic_sk, uuid, sealed, sealed_len, rk)) != 0)
		return rc;
	if (!nonce || nonce_len != MKC_NONCE_BYTES || !ct || ct_len < MKC_MAC_BYTES)
		rc = mk_err(MK_EINVAL, "record %s is damaged", uuid);
	else if (!(out = malloc(ct_len - MKC_MAC_BYTES + 1)))
		rc = mk_err(MK_ENOMEM, "out of memory opening a record");
	else if (mkc_aead_open(out, n, ct, ct_len, uuid, MKC_UUID_LEN, nonce, rk) != 0) {
		free(out);
		rc = mk_err(MK_EINVAL, "record %s cannot be opened: damaged or moved", uuid);
	} else {
		out[*n] = 0;
		*plain = out;
	}
	sodium_memzero(rk, sizeof rk);
	return rc;
}

/* ---- Photo files */

const char *mkc_photo_suffix(int which)
{
	return which == MKC_PHOTO_THUMB ? ".thumb" : ".img";
}

/* Additional data: the header's magic, the UUID and the suffix. */
static size_t photo_ad(const char *uuid, int which, uint8_t ad[64])
{
	const char *suffix = mkc_photo_suffix(which);
	size_t n = strlen(suffix);
	memcpy(ad, PHOTO_MAGIC, MKC_PHOTO_MAGIC_LEN);
	memcpy(ad + MKC_PHOTO_MAGIC_LEN, uuid, MKC_UUID_LEN);
	memcpy(ad + MKC_PHOTO_MAGIC_LEN + MKC_UUID_LEN, suffix, n);
	return MKC_PHOTO_MAGIC_LEN + MKC_UUID_LEN + n;
}

uint8_t *mkc_photo_seal(const uint8_t key[MKC_KEY_BYTES], const char *uuid, int which,
			const void *plain, size_t n)
{
	uint8_t ad[64], *buf = malloc(n + MKC_PHOTO_EXTRA);
	size_t ad_len = photo_ad(uuid, which, ad);
	if (!buf)
		return NULL;
	memcpy(buf, PHOTO_MAGIC, MKC_PHOTO_MAGIC_LEN);
	if (mkc_aead_seal(buf + PHOTO_HEAD, buf + MKC_PHOTO_MAGIC_LEN, plain, n, ad, ad_len,
			  key) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int mkc_photo_open(const uint8_t key[MKC_KEY_BYTES], const char *uuid, int which, uint8_t *buf,
		   size_t len, size_t *plain_len)
{
	uint8_t ad[64], nonce[MKC_NONCE_BYTES];
	size_t ad_len = photo_ad(uuid, which, ad);
	*plain_len = 0;
	if (len < MKC_PHOTO_EXTRA || memcmp(buf, PHOTO_MAGIC, MKC_PHOTO_MAGIC_LEN) != 0)
		return mk_err(MK_EIO, "photo %s: its file is damaged", uuid);
	memcpy(nonce, buf + MKC_PHOTO_MAGIC_LEN, MKC_NONCE_BYTES);
	memmove(buf, buf + PHOTO_HEAD, len - PHOTO_HEAD);
	if (mkc_aead_open(buf, plain_len, buf, len - PHOTO_HEAD, ad, ad_len, nonce, key) != 0)
		return mk_err(MK_EIO, "photo %s cannot be opened: its file is damaged or moved", uuid);
	return 0;
}

int mkc_photo_open_sealed(const uint8_t clinic_pk[MKC_KEY_BYTES],
			  const uint8_t clinic_sk[MKC_KEY_BYTES], const char *uuid,
			  const uint8_t *sealed, size_t sealed_len, int which,
			  const uint8_t *file, size_t file_len, void **plain, size_t *n)
{
	uint8_t rk[MKC_KEY_BYTES], *buf;
	int rc;
	*plain = NULL;
	*n = 0;
	if (which != MKC_PHOTO_ORIGINAL && which != MKC_PHOTO_THUMB)
		return mk_err(MK_EINVAL, "a photo has an original and a thumbnail, nothing else");
	if ((rc = open_key(clinic_pk, clinic_sk, uuid, sealed, sealed_len, rk)) != 0)
		return rc;
	if (!(buf = malloc(file_len ? file_len : 1)))
		rc = mk_err(MK_ENOMEM, "out of memory opening a photo");
	else {
		if (file_len)
			memcpy(buf, file, file_len);
		rc = mkc_photo_open(rk, uuid, which, buf, file_len, n);
		if (rc)
			free(buf);
		else
			*plain = buf;
	}
	sodium_memzero(rk, sizeof rk);
	return rc;
}
