/* SPDX-License-Identifier: MIT */
/*
 * The FHIR export as the clinic's record system would read it: from real
 * encrypted records (test_export_fixture.c), one transaction Bundle in
 * which every entry is a PUT to "Type/id" with the record's UUID; the
 * Patient carries the pseudonymous code; the course, its session and each
 * report, answer, alert and photo are there with the values the kiosk
 * saved; every reference points at an entry of the bundle; exporting twice
 * gives the same entries byte for byte; a date range and a patient pick
 * what they should; a wrong key writes nothing.
 *
 * Usage: test_export [FOLDER [PG_URI_FILE]]. With a folder it also writes
 * the bundles there (and a few broken on purpose) for the FHIR R4 JSON
 * schema check (validate.js); with PG_URI_FILE the collector's database is
 * PostgreSQL (test_cstore_db.h), else SQLite.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_export.h"
#include "core.h"
#include "export.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static fixture fx;

/* Runs an export into memory: rc, and the text in *out (free it). */
static int run(int fhir, const char *patient, int64_t from, int64_t to, const uint8_t *pk,
	       const uint8_t *sk, char **out, size_t *n)
{
	export_query q = { .patient = patient, .from = from, .to = to, .pk = pk, .sk = sk };
	FILE *f = open_memstream(out, n);
	int rc = fhir ? export_fhir(fx.cs, &q, f) : export_csv(fx.cs, &q, f);
	fclose(f);
	return rc;
}

static json_t *bundle_of(const char *patient, int64_t from, int64_t to, char **text)
{
	char *s = NULL;
	size_t n = 0;
	json_error_t err;
	int rc = run(1, patient, from, to, fx.pk, fx.sk, &s, &n);
	CHECK_MSG(rc == 0, "%s", mk_err_msg());
	json_t *b = json_loadb(s, n, JSON_REJECT_DUPLICATES, &err);
	CHECK_MSG(b != NULL, "%s at line %d", err.text, err.line);
	if (text)
		*text = s;
	else
		free(s);
	return b;
}

static const char *str(json_t *o, const char *path)
{
	json_t *v = o;
	char key[64];
	for (const char *p = path; v && *p;) {
		size_t k = strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)k, p);
		v = key[0] >= '0' && key[0] <= '9' ? json_array_get(v, (size_t)atoi(key))
						   : json_object_get(v, key);
		p += k + (p[k] == '.');
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

static json_t *find(json_t *b, const char *type, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(b, "entry"), i, e)
		if (!strcmp(str(e, "resource.resourceType"), type) && !strcmp(str(e, "resource.id"), id))
			return json_object_get(e, "resource");
	return NULL;
}

static int count(json_t *b, const char *type)
{
	size_t i;
	json_t *e;
	int n = 0;
	json_array_foreach(json_object_get(b, "entry"), i, e)
		n += !strcmp(str(e, "resource.resourceType"), type);
	return n;
}

/* Every "reference" anywhere under v names an entry's "Type/id". */
static int refs_resolve(json_t *b, json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;
	int ok = 1;
	if (json_is_array(v))
		json_array_foreach(v, i, x) ok &= refs_resolve(b, x);
	if (!json_is_object(v))
		return ok;
	json_object_foreach(v, key, x) {
		if (!strcmp(key, "reference")) {
			char type[64];
			const char *r = json_string_value(x), *slash = r ? strchr(r, '/') : NULL;
			snprintf(type, sizeof type, "%.*s", slash ? (int)(slash - r) : 0, r ? r : "");
			if (!slash || !find(b, type, slash + 1)) {
				fprintf(stderr, "unresolved reference %s\n", r ? r : "(null)");
				ok = 0;
			}
		} else {
			ok &= refs_resolve(b, x);
		}
	}
	return ok;
}

/* Every entry: PUT Type/id, a unique urn:uuid fullUrl, a FHIR id. */
static void check_entries(json_t *b)
{
	size_t i, j;
	json_t *e, *f;
	CHECK(!strcmp(str(b, "resourceType"), "Bundle") && !strcmp(str(b, "type"), "transaction"));
	CHECK(strlen(str(b, "timestamp")) == 20);
	json_array_foreach(json_object_get(b, "entry"), i, e) {
		char url[160];
		const char *id = str(e, "resource.id");
		snprintf(url, sizeof url, "%s/%s", str(e, "resource.resourceType"), id);
		CHECK_MSG(!strcmp(str(e, "request.method"), "PUT"), "%s", url);
		CHECK_MSG(!strcmp(str(e, "request.url"), url), "%s", url);
		CHECK(strlen(id) >= 1 && strlen(id) <= 64 && strspn(id, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") == strlen(id));
		CHECK(!strncmp(str(e, "fullUrl"), "urn:uuid:", 9) && strlen(str(e, "fullUrl")) == 45);
		json_array_foreach(json_object_get(b, "entry"), j, f)
			if (j > i)
				CHECK(strcmp(str(e, "fullUrl"), str(f, "fullUrl")) != 0);
	}
	CHECK(refs_resolve(b, json_object_get(b, "entry")));
}

static void check_report(json_t *b)
{
	char ref[80], obs[80];
	json_t *qr = find(b, "QuestionnaireResponse", fx.report_a), *items = json_object_get(qr, "item");
	CHECK(qr != NULL);
	snprintf(ref, sizeof ref, "Patient/%s", fx.patient_a);
	CHECK(!strcmp(str(qr, "subject.reference"), ref) && !strcmp(str(qr, "status"), "completed"));
	snprintf(ref, sizeof ref, "Encounter/%s", fx.session_a);
	CHECK(!strcmp(str(qr, "encounter.reference"), ref));
	CHECK(!strcmp(str(qr, "authored"), "2026-09-21T14:13:20Z"));
	CHECK(json_array_size(items) == FX_ANSWERS_A + 2); /* answers, areas, note */
	for (int i = 0; i < FX_ANSWERS_A; i++) {
		json_t *it = json_array_get(items, (size_t)i);
		CHECK_MSG(!strcmp(str(it, "linkId"), fx.items_a[i]), "%s", fx.items_a[i]);
		CHECK(json_integer_value(json_object_get(json_array_get(json_object_get(it, "answer"), 0),
							  "valueInteger")) == fx.scores_a[i]);
		/* The Observation of the item, derived from the response. */
		json_t *o = NULL;
		size_t k;
		json_t *e;
		json_array_foreach(json_object_get(b, "entry"), k, e)
			if (!strcmp(str(e, "resource.resourceType"), "Observation") &&
			    !strcmp(str(e, "resource.code.text"), fx.items_a[i]) &&
			    !strcmp(str(e, "resource.derivedFrom.0.reference") + 22, fx.report_a))
				o = json_object_get(e, "resource");
		CHECK_MSG(o != NULL, "no Observation for %s", fx.items_a[i]);
		CHECK(json_integer_value(json_object_get(o, "valueInteger")) == fx.scores_a[i]);
		CHECK(!strcmp(str(o, "status"), "final"));
		CHECK(!strcmp(str(o, "code.coding.0.system"), "urn:mesokiosk:questionnaire-item"));
		CHECK(!strcmp(str(o, "code.coding.0.code"), fx.items_a[i]));
		CHECK(!strncmp(str(o, "id"), fx.report_a, 36) && str(o, "id")[36] == '-');
		snprintf(obs, sizeof obs, "%s-%s", fx.report_a, fx.items_a[i]);
		if (i < 5) /* plain item ids are kept readable */
			CHECK(!strcmp(str(o, "id"), obs));
	}
	CHECK(!strcmp(str(qr, "item.7.linkId"), "areas") && !strcmp(str(qr, "item.7.answer.1.valueString"),
								      "arms"));
	CHECK(!strcmp(str(qr, "item.8.linkId"), "note"));
	CHECK_MSG(!strcmp(str(qr, "item.8.answer.0.valueString"), FX_NOTE_FHIR), "%s",
		  str(qr, "item.8.answer.0.valueString"));
	/* The Questionnaire it answers lists every linkId, scored 0-4. */
	json_t *q = find(b, "Questionnaire", "mesokiosk-symptoms-2026-11-01");
	CHECK(q && !strcmp(str(q, "url"), str(qr, "questionnaire")));
	CHECK(!strcmp(str(q, "version"), "2026-11-01"));
	/* Labelled for what it is: adapted from PRO-CTCAE, not PRO-CTCAE. */
	CHECK_MSG(strstr(str(q, "description"), "adapted from PRO-CTCAE") &&
			  strstr(str(q, "description"), "not PRO-CTCAE itself") &&
			  strstr(str(q, "description"), "not the last 7 days"),
		  "description: %s", str(q, "description"));
	CHECK(json_array_size(json_object_get(q, "item")) == FX_ANSWERS_A + 2);
	for (int i = 0; i < FX_ANSWERS_A; i++) {
		json_t *it = json_array_get(json_object_get(q, "item"), (size_t)i);
		CHECK(!strcmp(str(it, "linkId"), fx.items_a[i]) && !strcmp(str(it, "type"), "integer"));
		CHECK(json_integer_value(json_object_get(json_array_get(json_object_get(it, "extension"), 1),
							  "valueInteger")) == 4);
	}
}

static void check_all(json_t *b)
{
	char ref[80];
	check_entries(b);
	CHECK(count(b, "Patient") == 2);
	json_t *p = find(b, "Patient", fx.patient_a);
	CHECK(p && !strcmp(str(p, "identifier.0.system"), EXPORT_CODE_SYSTEM));
	CHECK(p && !strcmp(str(p, "identifier.0.value"), fx.code_a));
	CHECK(!strcmp(str(find(b, "Patient", fx.patient_b), "identifier.0.value"), fx.code_b));
	json_t *ep = find(b, "EpisodeOfCare", fx.course_a);
	CHECK(ep && !strcmp(str(ep, "status"), "active")); /* 1 session of 3 */
	CHECK(!strcmp(str(ep, "period.start"), "2026-09-01T14:13:20Z"));
	CHECK(count(b, "EpisodeOfCare") == 1 && count(b, "Encounter") == 1);
	json_t *en = find(b, "Encounter", fx.session_a);
	snprintf(ref, sizeof ref, "EpisodeOfCare/%s", fx.course_a);
	CHECK(en && !strcmp(str(en, "status"), "finished") && !strcmp(str(en, "class.code"), "AMB"));
	CHECK(!strcmp(str(en, "class.system"), "http://terminology.hl7.org/CodeSystem/v3-ActCode"));
	CHECK(!strcmp(str(en, "episodeOfCare.0.reference"), ref));
	CHECK(count(b, "QuestionnaireResponse") == 2);
	CHECK(count(b, "Observation") == FX_ANSWERS_A + 1);
	check_report(b);
	json_t *qb = find(b, "QuestionnaireResponse", fx.report_b);
	CHECK(qb && json_object_get(qb, "encounter") == NULL && json_array_size(json_object_get(qb, "item")) == 1);
	json_t *m = find(b, "Media", fx.photo_a);
	CHECK(m && !strcmp(str(m, "bodySite.text"), "thighs") && !strcmp(str(m, "status"), "completed"));
	CHECK(!strcmp(str(m, "content.contentType"), "image/jpeg"));
	CHECK(json_integer_value(json_object_get(json_object_get(m, "content"), "size")) ==
	      (json_int_t)fx.image_len);
	CHECK(json_object_get(json_object_get(m, "content"), "data") == NULL);
	CHECK(!strcmp(str(m, "createdDateTime"), "2026-09-21T14:15:00Z"));
	json_t *fl = find(b, "Flag", fx.alert_a);
	CHECK(fl && !strcmp(str(fl, "code.text"), "fever") && !strcmp(str(fl, "status"), "active"));
	CHECK(!strcmp(str(fl, "period.start"), "2026-09-21T14:13:20Z"));
	/* One Provenance per record, naming it and the kiosk. */
	const char *recs[4][2] = { { fx.report_a, "QuestionnaireResponse" }, { fx.alert_a, "Flag" },
				   { fx.photo_a, "Media" }, { fx.report_b, "QuestionnaireResponse" } };
	CHECK(count(b, "Provenance") == 4);
	snprintf(ref, sizeof ref, "Device/%s", fx.kiosk);
	for (int i = 0; i < 4; i++) {
		char target[96];
		json_t *pv = find(b, "Provenance", recs[i][0]), *ag = json_object_get(pv, "agent");
		snprintf(target, sizeof target, "%s/%s", recs[i][1], recs[i][0]);
		CHECK_MSG(pv && !strcmp(str(pv, "target.0.reference"), target), "%s", target);
		CHECK(!strcmp(str(json_array_get(ag, json_array_size(ag) - 1), "who.reference"), ref));
	}
	CHECK(json_array_size(json_object_get(find(b, "Provenance", fx.report_a), "target")) ==
	      1 + FX_ANSWERS_A);
	CHECK(find(b, "Device", fx.kiosk) && count(b, "Device") == 1);
}

/* The same export twice: the same bytes but for the timestamp line. */
static void test_stable(const char *first)
{
	char *second = NULL;
	json_t *b = bundle_of(NULL, 0, 0, &second);
	const char *t1 = strstr(first, "\"timestamp\""), *t2 = strstr(second, "\"timestamp\"");
	CHECK(t1 && t2 && t1 - first == t2 - second);
	if (t1 && t2 && t1 - first == t2 - second) {
		CHECK(!memcmp(first, second, (size_t)(t1 - first)));
		CHECK(!strcmp(strchr(t1, '\n'), strchr(t2, '\n'))); /* every entry, byte for byte */
	}
	json_decref(b);
	free(second);
}

static void save(json_t *b, const char *dir, const char *name)
{
	char *path = dir ? mk_asprintf("%s/%s", dir, name) : NULL;
	if (path)
		CHECK(json_dump_file(b, path, JSON_INDENT(1)) == 0);
	free(path);
}

static void test_selections(const char *dir)
{
	/* Patient B's report only: [FX_T_B, FX_T_B + 1) */
	json_t *b = bundle_of(NULL, FX_T_B, FX_T_B + 1, NULL);
	CHECK(count(b, "Patient") == 1 && find(b, "Patient", fx.patient_b));
	CHECK(count(b, "QuestionnaireResponse") == 1 && find(b, "QuestionnaireResponse", fx.report_b));
	CHECK(count(b, "Provenance") == 1);
	save(b, dir, "range.json");
	json_decref(b);
	/* [T0, T_PHOTO): the report and alert, not the photo (to is excluded). */
	b = bundle_of(fx.code_a, FX_T0, FX_T_PHOTO, NULL);
	CHECK(find(b, "QuestionnaireResponse", fx.report_a) && find(b, "Flag", fx.alert_a));
	CHECK(count(b, "Media") == 0 && count(b, "Provenance") == 2);
	json_decref(b);
	/* One patient, by code in lower case or by UUID. */
	char lower[9];
	for (int i = 0; i < 9; i++)
		lower[i] = (char)(fx.code_a[i] >= 'A' && fx.code_a[i] <= 'Z' ? fx.code_a[i] + 32
									    : fx.code_a[i]);
	b = bundle_of(lower, 0, 0, NULL);
	CHECK(count(b, "Patient") == 1 && find(b, "Patient", fx.patient_a));
	CHECK(count(b, "Provenance") == 3 && find(b, "Media", fx.photo_a));
	check_entries(b);
	save(b, dir, "patient.json");
	json_decref(b);
	b = bundle_of(fx.patient_b, 0, 0, NULL);
	CHECK(count(b, "Patient") == 1 && count(b, "Media") == 0 && count(b, "Flag") == 0);
	json_decref(b);
	/* A range with nothing in it: a bundle without entries. */
	b = bundle_of(NULL, FX_T0 - 100, FX_T0 - 50, NULL);
	CHECK(b && json_object_get(b, "entry") == NULL);
	save(b, dir, "empty.json");
	json_decref(b);
	char *s = NULL;
	size_t n = 0;
	CHECK(run(1, "NOSUCHCODE", 0, 0, fx.pk, fx.sk, &s, &n) == MK_ENOTFOUND && n == 0);
	free(s);
}

/* A wrong key pair: MK_EPERM, and not a byte written. */
static void test_wrong_key(void)
{
	for (int fhir = 0; fhir < 2; fhir++) {
		char *s = NULL;
		size_t n = 99;
		CHECK(run(fhir, NULL, 0, 0, fx.wrong_pk, fx.wrong_sk, &s, &n) == MK_EPERM);
		CHECK(n == 0);
		free(s);
	}
}

/* Copies of the bundle, each broken in one way the FHIR R4 schema refuses
 * (value NULL: the key removed):
 * validate.js --expect-invalid must refuse every one of them, which shows
 * the schema check can fail at all. */
static void broken(json_t *b, const char *dir, const char *name, const char *type,
		   const char *key, json_t *value)
{
	json_t *c = json_deep_copy(b), *e;
	size_t i;
	int done = 0;
	json_array_foreach(json_object_get(c, "entry"), i, e)
		if (!done && !strcmp(str(e, "resource.resourceType"), type))
			done = value ? !json_object_set(json_object_get(e, "resource"), key, value)
				     : !json_object_del(json_object_get(e, "resource"), key);
	if (!strcmp(type, "Bundle"))
		done = !json_object_set(c, key, value);
	CHECK_MSG(done, "%s", name);
	char *path = mk_asprintf("%s/broken-%s.json", dir, name);
	CHECK(json_dump_file(c, path, JSON_INDENT(1)) == 0);
	free(path);
	json_decref(value);
	json_decref(c);
}

static void test_export_broken(json_t *b, const char *dir)
{
	broken(b, dir, "id", "Observation", "id", json_string("bad_id"));
	broken(b, dir, "datetime", "QuestionnaireResponse", "authored",
	       json_string("2026-09-21T14:13:20")); /* no time zone */
	broken(b, dir, "property", "Media", "bodysite", json_pack("{s:s}", "text", "thighs"));
	broken(b, dir, "value", "Observation", "valueInteger", json_string("3"));
	broken(b, dir, "class", "Encounter", "class", NULL); /* a required element */
	broken(b, dir, "type", "Bundle", "type", json_string("transactions"));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 && *argv[1] ? argv[1] : NULL, *pg = argc > 2 ? argv[2] : NULL;
	char *text = NULL;
	if (dir)
		CHECK(mk_mkdir_p(dir, 0755) == 0);
	CHECK(fixture_make(&fx, pg, "test_export") == 0);
	if (check_fail)
		return check_done();
	CHECK(!strcmp(cstore_backend(fx.cs), pg ? "postgresql" : "sqlite"));
	json_t *b = bundle_of(NULL, 0, 0, &text);
	check_all(b);
	if (dir) {
		char *path = mk_asprintf("%s/all.json", dir);
		CHECK(mk_write_atomic(path, text, strlen(text)) == 0);
		free(path);
		test_export_broken(b, dir);
	}
	test_stable(text);
	test_selections(dir);
	test_wrong_key();
	json_decref(b);
	free(text);
	fixture_free(&fx);
	return check_done();
}
