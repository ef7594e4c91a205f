/* SPDX-License-Identifier: MIT */
/*
 * Opening what a kiosk sent, with the clinic's key pair: the encrypted
 * parts are read from the database and handed to mkc_record_open /
 * mkc_photo_open_sealed, so the formats have one implementation (in
 * src/crypto, which the kiosk's store seals with). A key that does not open them is MK_EPERM (the dashboard
 * says "wrong key", not "damaged"). Decrypted bytes are wiped when freed.
 */
#include "cstore_int.h"
#include "core.h"
#include "crypto.h"
#include <stdlib.h>
#include <string.h>

static uint8_t *dup_blob(cdb_stmt *st, int col, size_t *n)
{
	const uint8_t *b = cdb_col_blob(st, col, n);
	uint8_t *p = malloc(*n ? *n : 1);
	if (p && *n)
		memcpy(p, b, *n);
	return p;
}

int cstore_record_blob(cstore *cs, const char *uuid, cstore_blob *out)
{
	cdb_stmt *st;
	memset(out, 0, sizeof *out);
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT sealed_key, nonce, ciphertext FROM records"
			  " WHERE uuid = $1", "t", uuid ? uuid : "");
	if (!rc && (rc = cdb_step(st)) == 1) {
		out->sealed_key = dup_blob(st, 0, &out->sealed_len);
		out->nonce = dup_blob(st, 1, &out->nonce_len);
		out->ciphertext = dup_blob(st, 2, &out->ct_len);
		rc = out->sealed_key && out->nonce && out->ciphertext
			     ? 0 : mk_err(MK_ENOMEM, "out of memory reading a record");
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "no such record");
	}
	cdb_finalize(st);
	cs_give(cs, db);
	if (rc)
		cstore_blob_free(out);
	return rc;
}

void cstore_blob_free(cstore_blob *b)
{
	free(b->sealed_key);
	free(b->nonce);
	free(b->ciphertext);
	memset(b, 0, sizeof *b);
}

static int wrong_key(int rc, const char *uuid)
{
	return rc == MK_EINVAL ? mk_err(MK_EPERM, "record %s does not open with this key", uuid)
			       : rc;
}

int cstore_open_record(cstore *cs, const uint8_t pk[32], const uint8_t sk[32], const char *uuid,
		       char **json, size_t *n)
{
	cstore_blob b;
	void *plain = NULL;
	int rc = cstore_record_blob(cs, uuid, &b);
	*json = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = mkc_record_open(pk, sk, uuid, b.sealed_key, b.sealed_len, b.nonce, b.nonce_len,
			     b.ciphertext, b.ct_len, &plain, n);
	cstore_blob_free(&b);
	if (rc)
		return wrong_key(rc, uuid);
	*json = plain;
	return 0;
}

int cstore_open_photo(cstore *cs, const uint8_t pk[32], const uint8_t sk[32], const char *uuid,
		      int which, uint8_t **bytes, size_t *n)
{
	cstore_blob b;
	uint8_t *file = NULL;
	size_t file_n = 0;
	void *plain = NULL;
	int rc = cstore_record_blob(cs, uuid, &b);
	*bytes = NULL;
	*n = 0;
	if (rc)
		return rc;
	if ((rc = cstore_photo_file(cs, uuid, which, &file, &file_n)) == 0) {
		rc = mkc_photo_open_sealed(pk, sk, uuid, b.sealed_key, b.sealed_len, which, file,
					   file_n, &plain, n);
		/* crypto says MK_EIO when the file's bytes do not open: here
		 * they came from the database, so that is a damaged file. */
		rc = rc == MK_EIO ? mk_err(MK_ECONTENT, "photo %s: its file is damaged", uuid)
				  : wrong_key(rc, uuid);
	}
	free(file);
	cstore_blob_free(&b);
	if (!rc)
		*bytes = plain;
	return rc;
}

void cstore_plain_free(void *p, size_t n)
{
	mkc_free(p, n);
}
