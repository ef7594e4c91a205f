/* SPDX-License-Identifier: MIT */
/*
 * What one bad record must not do to the exports (issue 16, points 2 and
 * 7), on the real records of test_export_fixture.c:
 *  - a report with thousands of answer keys: refused at ingest when it is
 *    larger than any report a kiosk writes (the kiosk is told why); one
 *    that fits the size but answers more items than a questionnaire has is
 *    stored, then left out of the FHIR and CSV exports, which finish and
 *    name it in the bundle's OperationOutcome;
 *  - a record whose encrypted parts open with no key, among others that
 *    open: left out of both exports and named, the rest exported;
 *  - a photo whose file no longer opens: the FHIR export still succeeds,
 *    without that photo's Media, with the photo named in the
 *    OperationOutcome, and everything else there.
 * How long the export of many answer keys takes is a row of scripts/bench
 * (bench_collector.py), not a check here.
 *
 * Usage: test_export_skip [FOLDER [PG_URI_FILE]]: with a folder it also
 * writes the bundle with the OperationOutcome there (skipped.json) for the
 * FHIR R4 schema check; PostgreSQL with PG_URI_FILE, else SQLite.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_export.h"
#include "cdb.h"
#include "core.h"
#include "export.h"
#include "store.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static fixture fx;
static const char *dir; /* where the bundle goes for validate.js, or NULL */

/* A report for patient B whose answers have n distinct keys, sealed to the
 * clinic's key as a kiosk seals it; put as the fixture's kiosk. */
static int put_wide_report(int n, char uuid[37], char reason[200])
{
	size_t cap = 256 + (size_t)n * 16, len = 0;
	char *json = malloc(cap);
	uint8_t rk[32], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	uint8_t sealed[crypto_box_SEALBYTES + 32];
	len += (size_t)snprintf(json, cap, "{\"v\":1,\"type\":\"symptom-report\",\"content_version\":"
				"\"wide\",\"answers\":{");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(json + len, cap - len, "%s\"k%05d\":%d", i ? "," : "", i,
					i % 5);
	len += (size_t)snprintf(json + len, cap - len, "},\"note\":\"\"}");
	uint8_t *ct = malloc(len + crypto_aead_xchacha20poly1305_ietf_ABYTES);
	unsigned long long ct_len = 0;
	cstore_record r = { .created_at = FX_T_B + 60, .sealed_key = sealed,
			    .sealed_len = sizeof sealed, .nonce = nonce, .nonce_len = sizeof nonce };
	store_uuid(r.uuid);
	snprintf(uuid, 37, "%s", r.uuid);
	snprintf(r.kind, sizeof r.kind, "report");
	snprintf(r.patient_uuid, sizeof r.patient_uuid, "%s", fx.patient_b);
	snprintf(r.patient_code, sizeof r.patient_code, "%s", fx.code_b);
	crypto_aead_xchacha20poly1305_ietf_keygen(rk);
	randombytes_buf(nonce, sizeof nonce);
	CHECK(crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &ct_len, (const uint8_t *)json, len,
		(const uint8_t *)r.uuid, 36, NULL, nonce, rk) == 0);
	CHECK(crypto_box_seal(sealed, rk, 32, fx.pk) == 0);
	r.ciphertext = ct;
	r.ct_len = (size_t)ct_len;
	int rc = cstore_record_put(fx.cs, fx.kiosk, &r, FX_T_B + 60, reason);
	free(ct);
	free(json);
	return rc;
}

static json_t *fhir_all(int *rc)
{
	char *s = NULL;
	size_t n = 0;
	export_query q = { .pk = fx.pk, .sk = fx.sk };
	FILE *f = open_memstream(&s, &n);
	*rc = export_fhir(fx.cs, &q, f);
	fclose(f);
	json_t *b = *rc == 0 ? json_loadb(s, n, 0, NULL) : NULL;
	free(s);
	return b;
}

static char *csv_all(int *rc)
{
	char *s = NULL;
	size_t n = 0;
	export_query q = { .pk = fx.pk, .sk = fx.sk };
	FILE *f = open_memstream(&s, &n);
	*rc = export_csv(fx.cs, &q, f);
	fclose(f);
	return s;
}

/* The entry of that type and id (id NULL: the first of the type). */
static json_t *entry(json_t *b, const char *type, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(b, "entry"), i, e) {
		json_t *r = json_object_get(e, "resource");
		if (!strcmp(json_string_value(json_object_get(r, "resourceType")), type) &&
		    (!id || !strcmp(json_string_value(json_object_get(r, "id")), id)))
			return r;
	}
	return NULL;
}

/* 1 when the bundle's OperationOutcome has an issue naming uuid. */
static int outcome_names(json_t *b, const char *uuid)
{
	json_t *oo = entry(b, "OperationOutcome", NULL), *v;
	size_t i;
	json_array_foreach(json_object_get(oo, "issue"), i, v)
		if (strstr(json_string_value(json_object_get(v, "diagnostics")), uuid) &&
		    !strcmp(json_string_value(json_object_get(v, "severity")), "warning"))
			return 1;
	return 0;
}

static void test_wide_report(void)
{
	char big[37], wide[37], reason[200] = "";
	int rc = put_wide_report(5000, big, reason);
	CHECK_MSG(rc == MK_EINVAL, "5000 answer keys: rc %d", rc);
	CHECK_MSG(strstr(reason, "more answers than a questionnaire has") != NULL, "%s", reason);
	rc = put_wide_report(2000, wide, reason);
	CHECK_MSG(rc == 0, "2000 short keys fit the size: %s", mk_err_msg());
	json_t *b = fhir_all(&rc);
	CHECK_MSG(rc == 0 && b, "%s", mk_err_msg());
	CHECK(entry(b, "QuestionnaireResponse", wide) == NULL);
	CHECK(entry(b, "QuestionnaireResponse", fx.report_a) != NULL);
	CHECK(outcome_names(b, wide));
	/* No Questionnaire grew past what a questionnaire can hold. */
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(b, "entry"), i, e) {
		json_t *r = json_object_get(e, "resource");
		if (!strcmp(json_string_value(json_object_get(r, "resourceType")), "Questionnaire"))
			CHECK(json_array_size(json_object_get(r, "item")) <= 48 + 2);
	}
	json_decref(b);
	char *csv = csv_all(&rc);
	CHECK_MSG(rc == 0 && csv && !strstr(csv, wide) && strstr(csv, fx.report_a), "csv rc %d", rc);
	free(csv);
}

/* A record whose encrypted parts open with no key (a kiosk can send that:
 * the collector cannot check them) is left out; the rest is exported. */
static void test_garbage_record(void)
{
	uint8_t sealed[crypto_box_SEALBYTES + 32], nonce[24], ct[100];
	char reason[200];
	int rc;
	cstore_record r = { .created_at = FX_T_B + 90, .sealed_key = sealed,
			    .sealed_len = sizeof sealed, .nonce = nonce, .nonce_len = sizeof nonce,
			    .ciphertext = ct, .ct_len = sizeof ct };
	randombytes_buf(sealed, sizeof sealed);
	randombytes_buf(nonce, sizeof nonce);
	randombytes_buf(ct, sizeof ct);
	store_uuid(r.uuid);
	snprintf(r.kind, sizeof r.kind, "report");
	snprintf(r.patient_uuid, sizeof r.patient_uuid, "%s", fx.patient_b);
	snprintf(r.patient_code, sizeof r.patient_code, "%s", fx.code_b);
	CHECK_MSG(cstore_record_put(fx.cs, fx.kiosk, &r, FX_T_B + 90, reason) == 0, "%s", reason);
	json_t *b = fhir_all(&rc);
	CHECK_MSG(rc == 0 && b, "one record that does not open failed the export: %s",
		  mk_err_msg());
	CHECK(outcome_names(b, r.uuid));
	CHECK(entry(b, "QuestionnaireResponse", fx.report_b) != NULL);
	json_decref(b);
	char *csv = csv_all(&rc);
	CHECK_MSG(rc == 0 && csv && strstr(csv, fx.report_b) && !strstr(csv, r.uuid), "csv rc %d", rc);
	free(csv);
}

/* Photo A's image file replaced by bytes that do not open. */
static void damage_photo(void)
{
	cdb *db = NULL;
	char *sql = mk_asprintf("UPDATE photo_files SET bytes = (SELECT nonce FROM records"
				" WHERE records.uuid = photo_files.uuid) WHERE uuid = '%s'"
				" AND part = 0", fx.photo_a);
	CHECK_MSG(cdb_open(&db, fx.db.spec) == 0, "%s", mk_err_msg());
	CHECK_MSG(db && cdb_exec(db, sql) == 0, "%s", mk_err_msg());
	cdb_close(db);
	free(sql);
}

static void test_damaged_photo(void)
{
	int rc;
	json_t *b = fhir_all(&rc);
	CHECK(b && entry(b, "Media", fx.photo_a) != NULL);
	CHECK(b && !outcome_names(b, fx.photo_a));
	json_decref(b);
	damage_photo();
	b = fhir_all(&rc);
	CHECK_MSG(rc == 0 && b, "one damaged photo failed the export: %s", mk_err_msg());
	CHECK(entry(b, "Media", fx.photo_a) == NULL);
	CHECK(outcome_names(b, fx.photo_a));
	CHECK(entry(b, "QuestionnaireResponse", fx.report_a) != NULL);
	CHECK(entry(b, "QuestionnaireResponse", fx.report_b) != NULL);
	CHECK(entry(b, "Flag", fx.alert_a) != NULL);
	if (dir) { /* for validate.js: the bundle with its OperationOutcome */
		char *path = mk_asprintf("%s/skipped.json", dir);
		CHECK(json_dump_file(b, path, JSON_INDENT(1)) == 0);
		free(path);
	}
	json_decref(b);
}

int main(int argc, char **argv)
{
	const char *pg = argc > 2 ? argv[2] : NULL;
	dir = argc > 1 && *argv[1] ? argv[1] : NULL;
	if (dir)
		CHECK(mk_mkdir_p(dir, 0755) == 0);
	CHECK(fixture_make(&fx, pg, "test_export_skip") == 0);
	if (check_fail)
		return check_done();
	test_damaged_photo();
	test_wide_report();
	test_garbage_record();
	fixture_free(&fx);
	return check_done();
}
