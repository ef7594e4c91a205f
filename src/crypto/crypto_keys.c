/* SPDX-License-Identifier: MIT */
/*
 * Key files and secrets. `mesokiosk keygen PREFIX` (and the collector's
 * keygen) write PREFIX.pub, the public key every kiosk gets in its
 * configuration, and PREFIX.key, the private key only the collector may
 * hold (mode 0600). Both are one line of hex, so IT can read, copy and
 * compare them; one implementation serves the kiosk and the collector.
 *
 * PINs and passwords are Argon2id: a key made from a patient's PIN and
 * salt, and hash strings ("$argon2id$v=19$m=...,t=...,p=1$salt$hash") for
 * the staff PIN in kiosk.conf and the dashboard's passwords, which carry
 * their own salt and cost, so the cost can be raised later without
 * breaking old files.
 */
#include "crypto.h"
#include "core.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Static_assert(MKC_HASH_MAX == crypto_pwhash_STRBYTES, "hash string size");

#define ARGON2ID_PREFIX "$argon2id$"

/* Measured on the reference machine: 128 MiB, 3 passes = about 0.29 s. */
const mkc_cost MKC_COST = { 3, 128u << 20 };
const mkc_cost MKC_COST_TEST = { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };

/* ---- Key files */

int mkc_key_file_write(const char *path, const uint8_t *key, int mode)
{
	char hex[MKC_KEY_BYTES * 2 + 2];
	mkc_hex(hex, key, MKC_KEY_BYTES);
	strcat(hex, "\n");
	int rc = mk_write_atomic(path, hex, strlen(hex)); /* created 0600 */
	sodium_memzero(hex, sizeof hex);
	if (rc == 0 && chmod(path, (mode_t)mode) != 0)
		rc = mk_err(MK_EIO, "%s: cannot set permissions", path);
	return rc;
}

int mkc_keys_write(const char *prefix)
{
	uint8_t pk[MKC_KEY_BYTES], sk[MKC_KEY_BYTES];
	char *pub = mk_asprintf("%s.pub", prefix), *key = mk_asprintf("%s.key", prefix);
	int rc = pub && key ? 0 : MK_ENOMEM;
	if (rc == 0 && (mk_is_file(pub) || mk_is_file(key)))
		rc = mk_err(MK_EINVAL, "%s.pub or %s.key already exists: not overwriting a clinic key",
			    prefix, prefix);
	if (rc == 0)
		rc = mkc_keypair(pk, sk);
	if (rc == 0)
		rc = mkc_key_file_write(key, sk, 0600);
	if (rc == 0)
		rc = mkc_key_file_write(pub, pk, 0644);
	sodium_memzero(sk, sizeof sk);
	free(pub);
	free(key);
	return rc;
}

int mkc_key_read(const char *path, uint8_t key[MKC_KEY_BYTES])
{
	char *text = NULL;
	size_t n = 0;
	int rc = mk_read_file(path, &text, &n);
	if (rc)
		return mk_err(rc, "%s: cannot read the key: %s", path, mk_err_msg());
	if (mkc_unhex(key, MKC_KEY_BYTES, mk_trim(text)) != 0)
		rc = mk_err(MK_EINVAL, "%s: not a key (expected %d hex digits)", path, MKC_KEY_BYTES * 2);
	sodium_memzero(text, n);
	free(text);
	return rc;
}

int mkc_key_read_secret(const char *path, uint8_t key[MKC_KEY_BYTES])
{
	struct stat st;
	if (stat(path, &st) != 0)
		return mk_err(MK_ENOTFOUND, "%s: no such key file", path);
	if (st.st_mode & 077)
		return mk_err(MK_EPERM, "%s can be read by other users (mode %04o): the clinic's "
			      "private key must be 0600 (chmod 600 %s)", path,
			      (unsigned)(st.st_mode & 07777), path);
	return mkc_key_read(path, key);
}

/* ---- Secrets */

int mkc_pin_key(const char *pin, const uint8_t salt[MKC_SALT_BYTES], const mkc_cost *cost,
		uint8_t key_out[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	if (!cost)
		cost = &MKC_COST;
	if (crypto_pwhash(key_out, MKC_KEY_BYTES, pin, strlen(pin), salt, cost->ops, cost->mem,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return mk_err(MK_ENOMEM, "not enough memory to check the PIN");
	return 0;
}

int mkc_secret_hash(const char *secret, const mkc_cost *cost, char out[MKC_HASH_MAX])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	if (!secret || !*secret)
		return mk_err(MK_EINVAL, "an empty secret cannot be hashed");
	if (!cost)
		cost = &MKC_COST;
	if (crypto_pwhash_str_alg(out, secret, strlen(secret), cost->ops, cost->mem,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return mk_err(MK_ENOMEM, "cannot hash the secret: cost out of range or out of memory");
	return 0;
}

/* crypto_pwhash_str_needs_rehash answers -1 for a string it cannot parse,
 * which tells a damaged kiosk.conf from a wrong PIN. The words are the
 * staff PIN's, the first user; the dashboard says its own. */
int mkc_secret_verify(const char *hash, const char *secret)
{
	int rc = mkc_init();
	if (rc)
		return rc;
	if (!hash || strnlen(hash, MKC_HASH_MAX) == MKC_HASH_MAX ||
	    strncmp(hash, ARGON2ID_PREFIX, strlen(ARGON2ID_PREFIX)) != 0 ||
	    crypto_pwhash_str_needs_rehash(hash, MKC_COST.ops, MKC_COST.mem) < 0)
		return mk_err(MK_EINVAL, "the PIN hash is malformed (expected \"" ARGON2ID_PREFIX
			      "...\"); set the staff PIN again");
	if (!secret || crypto_pwhash_str_verify(hash, secret, strlen(secret)) != 0)
		return mk_err(MK_EINVAL, "that PIN is not right");
	return 0;
}
