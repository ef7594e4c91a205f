/* SPDX-License-Identifier: MIT */
/*
 * Ed25519 signatures for content bundles. Whoever publishes content holds
 * a content-signing key (`mesokiosk keygen --content PREFIX`); kiosks hold
 * only its public half, listed in kiosk.conf (content_keys). The key files
 * have the same shape as the clinic's (one line of 64 hex digits, the
 * private one 0600): the private file keeps the 32-byte seed, from which
 * libsodium rebuilds the signing key, so a key file never holds more than
 * it must and mkc_key_read reads both kinds.
 */
#include "crypto.h"
#include "core.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(MKC_SIGN_BYTES == crypto_sign_BYTES, "signature size");
_Static_assert(MKC_KEY_BYTES == crypto_sign_SEEDBYTES, "seed size");
_Static_assert(MKC_KEY_BYTES == crypto_sign_PUBLICKEYBYTES, "public key size");

int mkc_sign_public(uint8_t pk[MKC_KEY_BYTES], const uint8_t seed[MKC_KEY_BYTES])
{
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
	int rc = mkc_init();
	if (rc)
		return rc;
	crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(sk, sizeof sk);
	return 0;
}

int mkc_sign_keys_write(const char *prefix)
{
	uint8_t pk[MKC_KEY_BYTES], seed[MKC_KEY_BYTES];
	char *pub = mk_asprintf("%s.pub", prefix), *key = mk_asprintf("%s.key", prefix);
	int rc = pub && key ? mkc_init() : MK_ENOMEM;
	if (rc == 0 && (mk_is_file(pub) || mk_is_file(key)))
		rc = mk_err(MK_EINVAL, "%s.pub or %s.key already exists: not overwriting a "
			    "content-signing key", prefix, prefix);
	if (rc == 0) {
		randombytes_buf(seed, sizeof seed);
		rc = mkc_sign_public(pk, seed);
	}
	if (rc == 0)
		rc = mkc_key_file_write(key, seed, 0600);
	if (rc == 0)
		rc = mkc_key_file_write(pub, pk, 0644);
	sodium_memzero(seed, sizeof seed);
	free(pub);
	free(key);
	return rc;
}

int mkc_sign(uint8_t sig[MKC_SIGN_BYTES], const void *msg, size_t n,
	     const uint8_t seed[MKC_KEY_BYTES])
{
	uint8_t pk[MKC_KEY_BYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc = mkc_init();
	if (rc)
		return rc;
	crypto_sign_seed_keypair(pk, sk, seed);
	rc = crypto_sign_detached(sig, NULL, msg, n, sk) == 0 ? 0 : mk_err(MK_EINVAL, "cannot sign");
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int mkc_sign_verify(const uint8_t sig[MKC_SIGN_BYTES], const void *msg, size_t n,
		    const uint8_t pk[MKC_KEY_BYTES])
{
	int rc = mkc_init();
	if (rc)
		return rc;
	if (crypto_sign_verify_detached(sig, msg, n, pk) != 0)
		return mk_err(MK_EPERM, "the signature does not match this key");
	return 0;
}
