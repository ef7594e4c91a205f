/* SPDX-License-Identifier: MIT */
/*
 * The store's names for the crypto module's key and secret helpers: the
 * kiosk's programs and tests call store_keys_write, store_key_read,
 * store_secret_verify and the rest, and each is one call into src/crypto
 * (crypto_keys.c has the key files' and hash strings' formats), so the
 * kiosk and the collector share one implementation without the collector
 * linking the store.
 */
#include "store.h"
#include "core.h"

_Static_assert(STORE_KEY_BYTES == MKC_KEY_BYTES, "key size");
_Static_assert(STORE_SALT_BYTES == MKC_SALT_BYTES, "salt size");

int store_crypto_init(void)
{
	return mkc_init();
}

int store_keygen(uint8_t pk[STORE_KEY_BYTES], uint8_t sk[STORE_KEY_BYTES])
{
	return mkc_keypair(pk, sk);
}

int store_keys_write(const char *prefix)
{
	return mkc_keys_write(prefix);
}

int store_key_read(const char *path, uint8_t key[STORE_KEY_BYTES])
{
	return mkc_key_read(path, key);
}

int store_pin_key(const char *pin, const uint8_t salt[STORE_SALT_BYTES],
		  const store_pin_cost *cost, uint8_t key_out[STORE_KEY_BYTES])
{
	return mkc_pin_key(pin, salt, cost, key_out);
}

void store_plain_free(void *plain, size_t n)
{
	mkc_free(plain, n);
}

int store_secret_hash(const char *secret, const store_pin_cost *cost, char out[STORE_HASH_MAX])
{
	return mkc_secret_hash(secret, cost, out);
}

int store_secret_verify(const char *hash, const char *secret)
{
	return mkc_secret_verify(hash, secret);
}
