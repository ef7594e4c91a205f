/* SPDX-License-Identifier: MIT */
/*
 * Real encrypted records for the collector's tests, in the kiosk's formats:
 * a report or alert sealed here with libsodium exactly as store_crypto.c
 * does (a random record key sealed to the clinic with crypto_box_seal, the
 * JSON under XChaCha20-Poly1305 with the record's UUID as additional data);
 * a photo made by a real kiosk store in a temporary folder, its sealed key
 * read from kiosk.db and its two encrypted files from the photos folder.
 */
#ifndef MK_TEST_CSTORE_REC_H
#define MK_TEST_CSTORE_REC_H

#include "../check.h"
#include "cstore.h"
#include "store_int.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	cstore_record r;
	uint8_t sealed[crypto_box_SEALBYTES + 32];
	uint8_t nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	uint8_t ct[512];
} test_rec;

/* A record of kind for the patient (uuid, code), created at, holding json
 * sealed to pk. The UUID is new unless uuid is given. */
static inline void test_rec_make(test_rec *t, const uint8_t pk[32], const char *kind,
				 const char *uuid, const char *patient, const char *code,
				 int64_t at, const char *json)
{
	uint8_t rk[32];
	unsigned long long n = 0;
	memset(t, 0, sizeof *t);
	if (uuid)
		snprintf(t->r.uuid, sizeof t->r.uuid, "%s", uuid);
	else
		store_uuid(t->r.uuid);
	snprintf(t->r.kind, sizeof t->r.kind, "%s", kind);
	snprintf(t->r.patient_uuid, sizeof t->r.patient_uuid, "%s", patient);
	snprintf(t->r.patient_code, sizeof t->r.patient_code, "%s", code ? code : "");
	t->r.created_at = at;
	if (!strcmp(kind, "erasure"))
		return;
	CHECK(strlen(json) + crypto_aead_xchacha20poly1305_ietf_ABYTES <= sizeof t->ct);
	crypto_aead_xchacha20poly1305_ietf_keygen(rk);
	randombytes_buf(t->nonce, sizeof t->nonce);
	CHECK(crypto_aead_xchacha20poly1305_ietf_encrypt(t->ct, &n, (const uint8_t *)json,
		strlen(json), (const uint8_t *)t->r.uuid, 36, NULL, t->nonce, rk) == 0);
	CHECK(crypto_box_seal(t->sealed, rk, 32, pk) == 0);
	sodium_memzero(rk, sizeof rk);
	t->r.sealed_key = t->sealed;
	t->r.sealed_len = sizeof t->sealed;
	t->r.nonce = t->nonce;
	t->r.nonce_len = sizeof t->nonce;
	t->r.ciphertext = t->ct;
	t->r.ct_len = (size_t)n;
}

typedef struct {
	cstore_record r;
	uint8_t *sealed, *nonce, *ct;
	char *file[2];      /* the encrypted files, as the kiosk sends them */
	size_t file_len[2];
	uint8_t plain[2][6000]; /* what they hold: the image, the thumbnail */
	size_t plain_len[2];
} test_photo;

static inline uint8_t *test_blob(sqlite3_stmt *st, int col, size_t *n)
{
	*n = (size_t)sqlite3_column_bytes(st, col);
	uint8_t *p = malloc(*n ? *n : 1);
	if (p && *n)
		memcpy(p, sqlite3_column_blob(st, col), *n);
	return p;
}

/* A photo taken on a real kiosk store (in dir), for the collector's
 * patient (uuid, code). 0 when it worked. */
static inline int test_photo_make(test_photo *t, const char *dir, const uint8_t pk[32],
				  const char *patient, const char *code, int64_t at)
{
	store *s = NULL;
	char kcode[9], uuid[37];
	int64_t id = 0;
	uint8_t key[32];
	sqlite3_stmt *st;
	int rc;
	memset(t, 0, sizeof *t);
	t->plain_len[0] = 5000;
	t->plain_len[1] = 700;
	randombytes_buf(t->plain[0], t->plain_len[0]);
	randombytes_buf(t->plain[1], t->plain_len[1]);
	if ((rc = store_open(&s, dir)) != 0 ||
	    (rc = store_patient_enrol(s, "482913", &STORE_PIN_COST_TEST, kcode, &id)) != 0 ||
	    (rc = store_patient_unlock(s, kcode, "482913", at, key, &id)) != 0) {
		store_close(s);
		return rc;
	}
	store_photo ph = { .clinic_pk = pk, .patient_key = key, .patient_id = id, .session = 1,
			   .area = 2, .image = t->plain[0], .image_len = t->plain_len[0],
			   .thumb = t->plain[1], .thumb_len = t->plain_len[1], .width = 640,
			   .height = 480, .meta_json = "{\"source\":\"camera\"}" };
	if ((rc = store_photo_add(s, &ph, uuid)) != 0) {
		store_close(s);
		return rc;
	}
	snprintf(t->r.uuid, sizeof t->r.uuid, "%s", uuid);
	snprintf(t->r.kind, sizeof t->r.kind, "photo");
	snprintf(t->r.patient_uuid, sizeof t->r.patient_uuid, "%s", patient);
	snprintf(t->r.patient_code, sizeof t->r.patient_code, "%s", code);
	t->r.created_at = at;
	t->r.session = 1;
	t->r.area = 2;
	t->r.width = 640;
	t->r.height = 480;
	rc = sqlite3_prepare_v2(store_db(s), "SELECT sealed_key, nonce, ciphertext FROM records"
				" WHERE uuid = ?1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		t->sealed = test_blob(st, 0, &t->r.sealed_len);
		t->nonce = test_blob(st, 1, &t->r.nonce_len);
		t->ct = test_blob(st, 2, &t->r.ct_len);
	}
	sqlite3_finalize(st);
	t->r.sealed_key = t->sealed;
	t->r.nonce = t->nonce;
	t->r.ciphertext = t->ct;
	for (int w = 0; w < 2; w++) {
		char *path = store_photo_path(s, uuid, w);
		if (!path || mk_read_file(path, &t->file[w], &t->file_len[w]) != 0)
			rc = -1;
		else
			store_sha256_hex(t->file[w], t->file_len[w], t->r.sha256[w]);
		t->r.size[w] = (int64_t)t->file_len[w];
		free(path);
	}
	store_close(s);
	return t->sealed && t->ct ? rc : -1;
}

static inline void test_photo_free(test_photo *t)
{
	free(t->sealed);
	free(t->nonce);
	free(t->ct);
	free(t->file[0]);
	free(t->file[1]);
}

#endif
