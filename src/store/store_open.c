/* SPDX-License-Identifier: MIT */
/*
 * Opening what a kiosk sent, without a database: the collector's side of
 * the formats in store_crypto.c (records) and store_photo.c (photo files),
 * so each format has one implementation. The record key is sealed to the
 * clinic (crypto_box_seal); the record is XChaCha20-Poly1305 with its UUID
 * as additional data; a photo file is sealed under the same key.
 */
#include "store_int.h"
#include "core.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SEALED_LEN (crypto_box_SEALBYTES + STORE_KEY_BYTES)
#define REC_NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define REC_MAC crypto_aead_xchacha20poly1305_ietf_ABYTES

static int open_key(const uint8_t pk[STORE_KEY_BYTES], const uint8_t sk[STORE_KEY_BYTES],
		    const char *uuid, const uint8_t *sealed, size_t sealed_len,
		    uint8_t rk[STORE_KEY_BYTES])
{
	int rc = store_crypto_init();
	if (rc)
		return rc;
	if (!uuid || strlen(uuid) != STORE_UUID_LEN)
		return mk_err(MK_EINVAL, "not a record id");
	if (!sealed || sealed_len != SEALED_LEN)
		return mk_err(MK_EINVAL, "record %s: its sealed key has the wrong size", uuid);
	if (crypto_box_seal_open(rk, sealed, SEALED_LEN, pk, sk) != 0)
		return mk_err(MK_EINVAL, "record %s cannot be opened with this key", uuid);
	return 0;
}

int store_open_sealed(const uint8_t clinic_pk[STORE_KEY_BYTES],
		      const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
		      const uint8_t *sealed, size_t sealed_len, const uint8_t *nonce,
		      size_t nonce_len, const uint8_t *ct, size_t ct_len, void **plain, size_t *n)
{
	uint8_t rk[STORE_KEY_BYTES], *out;
	unsigned long long got = 0;
	int rc;
	*plain = NULL;
	*n = 0;
	if ((rc = open_key(clinic_pk, clinic_sk, uuid, sealed, sealed_len, rk)) != 0)
		return rc;
	if (!nonce || nonce_len != REC_NONCE || !ct || ct_len < REC_MAC)
		rc = mk_err(MK_EINVAL, "record %s is damaged", uuid);
	else if (!(out = malloc(ct_len - REC_MAC + 1)))
		rc = mk_err(MK_ENOMEM, "out of memory opening a record");
	else if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &got, NULL, ct, ct_len,
			(const uint8_t *)uuid, STORE_UUID_LEN, nonce, rk) != 0) {
		free(out);
		rc = mk_err(MK_EINVAL, "record %s cannot be opened: damaged or moved", uuid);
	} else {
		out[got] = 0;
		*plain = out;
		*n = (size_t)got;
	}
	sodium_memzero(rk, sizeof rk);
	return rc;
}

int store_open_photo_file(const uint8_t clinic_pk[STORE_KEY_BYTES],
			  const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
			  const uint8_t *sealed, size_t sealed_len, int which,
			  const uint8_t *file, size_t file_len, void **plain, size_t *n)
{
	uint8_t rk[STORE_KEY_BYTES], *buf;
	int rc;
	*plain = NULL;
	*n = 0;
	if (which != STORE_PHOTO_ORIGINAL && which != STORE_PHOTO_THUMB)
		return mk_err(MK_EINVAL, "a photo has an original and a thumbnail, nothing else");
	if ((rc = open_key(clinic_pk, clinic_sk, uuid, sealed, sealed_len, rk)) != 0)
		return rc;
	if (!(buf = malloc(file_len ? file_len : 1)))
		rc = mk_err(MK_ENOMEM, "out of memory opening a photo");
	else {
		memcpy(buf, file, file_len);
		rc = store_photo_unseal(rk, uuid, which, buf, file_len, n);
		if (rc)
			free(buf);
		else
			*plain = buf;
	}
	sodium_memzero(rk, sizeof rk);
	return rc;
}

void store_sha256_hex(const void *bytes, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t h[crypto_hash_sha256_BYTES];
	store_crypto_init();
	crypto_hash_sha256(h, bytes, n);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = 0;
}
