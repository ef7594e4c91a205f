/* SPDX-License-Identifier: MIT */
/*
 * The basics of the crypto module: starting libsodium, random bytes,
 * wiping, comparing in constant time, hex and base64, SHA-256 and BLAKE2b.
 * Thin on purpose: each is one libsodium call with the project's error
 * convention around it, so that the rest of the program never needs
 * sodium.h (crypto.h says why the prefix is mkc_).
 */
#include "crypto.h"
#include "core.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(mkc_sha256_state), "sha256 state size");
_Static_assert(MKC_NONCE_BYTES == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce size");
_Static_assert(MKC_MAC_BYTES == crypto_aead_xchacha20poly1305_ietf_ABYTES, "tag size");

int mkc_init(void)
{
	return sodium_init() < 0 ? mk_err(MK_EINVAL, "libsodium cannot start") : 0;
}

void mkc_random(void *buf, size_t n)
{
	mkc_init();
	randombytes_buf(buf, n);
}

uint32_t mkc_random_below(uint32_t n)
{
	mkc_init();
	return randombytes_uniform(n);
}

void mkc_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

void mkc_free(void *p, size_t n)
{
	if (!p)
		return;
	sodium_memzero(p, n);
	free(p);
}

int mkc_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

/* ---- Encodings */

void mkc_hex(char *out, const void *bin, size_t n)
{
	sodium_bin2hex(out, 2 * n + 1, bin, n);
}

int mkc_unhex(uint8_t *bin, size_t n, const char *hex)
{
	size_t got = 0;
	if (sodium_hex2bin(bin, n, hex, strlen(hex), NULL, &got, NULL) != 0 || got != n)
		return mk_err(MK_EINVAL, "expected %zu hex digits", 2 * n);
	return 0;
}

size_t mkc_base64_len(size_t n)
{
	return sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
}

void mkc_base64(char *out, const void *bin, size_t n)
{
	sodium_bin2base64(out, mkc_base64_len(n), bin, n, sodium_base64_VARIANT_ORIGINAL);
}

int mkc_unbase64(uint8_t *bin, size_t cap, const char *s, size_t len, size_t *n)
{
	const char *end = NULL;
	if (sodium_base642bin(bin, cap, s, len, NULL, n, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != s + len)
		return mk_err(MK_EINVAL, "not standard base64");
	return 0;
}

/* ---- Hashes */

static void to_hex(const uint8_t h[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = 0;
}

void mkc_sha256(uint8_t out[32], const void *bytes, size_t n)
{
	mkc_init();
	crypto_hash_sha256(out, bytes, n);
}

void mkc_sha256_hex(const void *bytes, size_t n, char out[65])
{
	uint8_t h[32];
	mkc_sha256(h, bytes, n);
	to_hex(h, out);
}

void mkc_sha256_init(mkc_sha256_state *st)
{
	mkc_init();
	crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)st->opaque);
}

void mkc_sha256_update(mkc_sha256_state *st, const void *bytes, size_t n)
{
	crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)st->opaque, bytes, n);
}

void mkc_sha256_final(mkc_sha256_state *st, char out[65])
{
	uint8_t h[32];
	crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)st->opaque, h);
	to_hex(h, out);
}

void mkc_hash(uint8_t *out, size_t out_len, const void *bytes, size_t n, const void *key,
	      size_t key_len)
{
	mkc_init();
	crypto_generichash(out, out_len, bytes, n, key, key_len);
}
