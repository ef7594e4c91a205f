/* SPDX-License-Identifier: MIT */
/*
 * Opening what a kiosk sent, without a database, under the store's names:
 * the formats of records and photo files are src/crypto's (crypto_seal.c),
 * which the collector calls directly; the store's tests of the wire form
 * call these.
 */
#include "store_int.h"
#include "core.h"

_Static_assert(STORE_PHOTO_ORIGINAL == MKC_PHOTO_ORIGINAL && STORE_PHOTO_THUMB == MKC_PHOTO_THUMB,
	       "photo file kinds");

int store_open_sealed(const uint8_t clinic_pk[STORE_KEY_BYTES],
		      const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
		      const uint8_t *sealed, size_t sealed_len, const uint8_t *nonce,
		      size_t nonce_len, const uint8_t *ct, size_t ct_len, void **plain, size_t *n)
{
	return mkc_record_open(clinic_pk, clinic_sk, uuid, sealed, sealed_len, nonce, nonce_len,
			       ct, ct_len, plain, n);
}

int store_open_photo_file(const uint8_t clinic_pk[STORE_KEY_BYTES],
			  const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
			  const uint8_t *sealed, size_t sealed_len, int which,
			  const uint8_t *file, size_t file_len, void **plain, size_t *n)
{
	return mkc_photo_open_sealed(clinic_pk, clinic_sk, uuid, sealed, sealed_len, which, file,
				     file_len, plain, n);
}

void store_sha256_hex(const void *bytes, size_t n, char out[65])
{
	mkc_sha256_hex(bytes, n, out);
}
