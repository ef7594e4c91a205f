/* SPDX-License-Identifier: MIT */
/*
 * Clinic key files. `mesokiosk keygen PREFIX` writes PREFIX.pub (the public
 * key every kiosk gets in its configuration) and PREFIX.key (the private
 * key only the collector may hold, mode 0600). Both are one line of hex,
 * so IT can read, copy and compare them; one implementation serves the
 * kiosk and, later, the collector.
 *
 * Also the staff PIN's hash for kiosk.conf: an Argon2id string
 * ("$argon2id$v=19$m=...,t=...,p=1$salt$hash") that carries its own salt and
 * cost, so the cost can be raised later without breaking old files.
 */
#include "store.h"
#include "core.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Static_assert(STORE_HASH_MAX == crypto_pwhash_STRBYTES, "hash string size");

#define ARGON2ID_PREFIX "$argon2id$"

static int write_hex(const char *path, const uint8_t *key, int mode)
{
	char hex[STORE_KEY_BYTES * 2 + 2];
	sodium_bin2hex(hex, sizeof hex - 1, key, STORE_KEY_BYTES);
	strcat(hex, "\n");
	int rc = mk_write_atomic(path, hex, strlen(hex)); /* created 0600 */
	sodium_memzero(hex, sizeof hex);
	if (rc == 0 && chmod(path, (mode_t)mode) != 0)
		rc = mk_err(MK_EIO, "%s: cannot set permissions", path);
	return rc;
}

int store_keys_write(const char *prefix)
{
	uint8_t pk[STORE_KEY_BYTES], sk[STORE_KEY_BYTES];
	char *pub = mk_asprintf("%s.pub", prefix), *key = mk_asprintf("%s.key", prefix);
	int rc = pub && key ? 0 : MK_ENOMEM;
	if (rc == 0 && (mk_is_file(pub) || mk_is_file(key)))
		rc = mk_err(MK_EINVAL, "%s.pub or %s.key already exists: not overwriting a clinic key",
			    prefix, prefix);
	if (rc == 0)
		rc = store_keygen(pk, sk);
	if (rc == 0)
		rc = write_hex(key, sk, 0600);
	if (rc == 0)
		rc = write_hex(pub, pk, 0644);
	sodium_memzero(sk, sizeof sk);
	free(pub);
	free(key);
	return rc;
}

int store_key_read(const char *path, uint8_t key[STORE_KEY_BYTES])
{
	char *text = NULL;
	size_t n = 0, bin = 0;
	int rc = mk_read_file(path, &text, &n);
	if (rc)
		return mk_err(rc, "%s: cannot read the key: %s", path, mk_err_msg());
	char *line = mk_trim(text);
	if (sodium_hex2bin(key, STORE_KEY_BYTES, line, strlen(line), NULL, &bin, NULL) != 0 ||
	    bin != STORE_KEY_BYTES)
		rc = mk_err(MK_EINVAL, "%s: not a key (expected %d hex digits)", path, STORE_KEY_BYTES * 2);
	sodium_memzero(text, n);
	free(text);
	return rc;
}

int store_secret_hash(const char *secret, const store_pin_cost *cost, char out[STORE_HASH_MAX])
{
	int rc = store_crypto_init();
	if (rc)
		return rc;
	if (!secret || !*secret)
		return mk_err(MK_EINVAL, "an empty secret cannot be hashed");
	if (!cost)
		cost = &STORE_PIN_COST;
	if (crypto_pwhash_str_alg(out, secret, strlen(secret), cost->ops, cost->mem,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return mk_err(MK_ENOMEM, "cannot hash the secret: cost out of range or out of memory");
	return 0;
}

/* crypto_pwhash_str_needs_rehash answers -1 for a string it cannot parse,
 * which tells a damaged kiosk.conf from a wrong PIN. */
int store_secret_verify(const char *hash, const char *secret)
{
	int rc = store_crypto_init();
	if (rc)
		return rc;
	if (!hash || strnlen(hash, STORE_HASH_MAX) == STORE_HASH_MAX ||
	    strncmp(hash, ARGON2ID_PREFIX, strlen(ARGON2ID_PREFIX)) != 0 ||
	    crypto_pwhash_str_needs_rehash(hash, STORE_PIN_COST.ops, STORE_PIN_COST.mem) < 0)
		return mk_err(MK_EINVAL, "the PIN hash is malformed (expected \"" ARGON2ID_PREFIX
			      "...\"); set the staff PIN again");
	if (!secret || crypto_pwhash_str_verify(hash, secret, strlen(secret)) != 0)
		return mk_err(MK_EINVAL, "that PIN is not right");
	return 0;
}
