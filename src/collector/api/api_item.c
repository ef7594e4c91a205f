/* SPDX-License-Identifier: MIT */
/*
 * One item of a batch, checked for shape before the store sees it: UUIDs in
 * the kiosk's form (lower-case 8-4-4-4-12), a known kind, integers where
 * numbers belong and within sane ranges, patient codes in the kiosk's
 * alphabet, the encrypted parts in standard base64 with exactly the sizes
 * the kiosk's formats have (store_open.c). A failed check names the field
 * and never echoes its value, so a reason can be logged and shown to staff.
 *
 * Items are judged one by one: a malformed one is rejected for good while
 * its neighbours go on to be stored. A call for staff carries only its
 * UUID, time and patient (or "patient": null): nothing sealed.
 */
#include "api_int.h"
#include "core.h"
#include "crypto.h"
#include "store.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEALED_BYTES MKC_SEALED_BYTES
#define NONCE_BYTES MKC_NONCE_BYTES
#define MAC_BYTES MKC_MAC_BYTES

static int why(char reason[CSTORE_REASON], const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int why(char reason[CSTORE_REASON], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, CSTORE_REASON, fmt, ap);
	va_end(ap);
	return -1;
}

/* An integer field in [lo, hi]; a missing one is 0 unless required. */
static int get_int(json_t *o, const char *key, int64_t lo, int64_t hi, int required,
		   int64_t *out, char reason[CSTORE_REASON])
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v && !required)
		return 0;
	if (!json_is_integer(v))
		return why(reason, "%s: expected a whole number", key);
	*out = json_integer_value(v);
	if (*out < lo || *out > hi)
		return why(reason, "%s: out of range", key);
	return 0;
}

static int get_i32(json_t *o, const char *key, int64_t lo, int64_t hi, int *out, char reason[CSTORE_REASON])
{
	int64_t v;
	int rc = get_int(o, key, lo, hi, 0, &v, reason);
	*out = (int)v;
	return rc;
}

static int get_uuid(json_t *o, const char *key, char out[CSTORE_UUID], char reason[CSTORE_REASON])
{
	if (api_str(json_object_get(o, key), out, CSTORE_UUID, 0) != 0 || !api_uuid_ok(out))
		return why(reason, "%s: expected a lower-case UUID", key);
	return 0;
}

static int get_text(json_t *o, const char *key, char *out, size_t n, char reason[CSTORE_REASON])
{
	if (api_str(json_object_get(o, key), out, n, 0) != 0)
		return why(reason, "%s: expected a string of at most %zu bytes", key, n - 1);
	return 0;
}

/* Standard base64 of exactly want bytes (or, when want is 0, of min..max). */
static int get_b64(json_t *o, const char *key, size_t min, size_t max, uint8_t **out, size_t *n,
		   char reason[CSTORE_REASON])
{
	json_t *v = json_object_get(o, key);
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	*out = NULL;
	*n = 0;
	if (!s || len == 0 || len / 4 * 3 > max + 3)
		return why(reason, "%s: expected base64 of %zu to %zu bytes", key, min, max);
	if (!(*out = malloc(len / 4 * 3 + 3)))
		return why(reason, "%s: out of memory", key);
	if (mkc_unbase64(*out, len / 4 * 3 + 3, s, len, n) != 0)
		return why(reason, "%s: not standard base64", key);
	if (*n < min || *n > max)
		return why(reason, "%s: expected %zu to %zu bytes", key, min, max);
	return 0;
}

static int get_patient(json_t *o, cstore_record *rec, int erasure, char reason[CSTORE_REASON])
{
	json_t *p = json_object_get(o, "patient");
	if (!json_is_object(p))
		return why(reason, "patient: expected an object");
	if (get_uuid(p, "uuid", rec->patient_uuid, reason))
		return -1;
	if (erasure)
		return 0;
	size_t n;
	if (get_text(p, "code", rec->patient_code, sizeof rec->patient_code, reason))
		return -1;
	n = strlen(rec->patient_code);
	if (n < 4 || strspn(rec->patient_code, STORE_CODE_ALPHABET) != n)
		return why(reason, "patient.code: expected a code in the kiosk's alphabet");
	return 0;
}

static int get_course(json_t *o, cstore_course *c, int *has, char reason[CSTORE_REASON])
{
	json_t *j = json_object_get(o, "course"), *ss;
	char inner[CSTORE_REASON];
	int64_t v;
	*has = 0;
	if (!j || json_is_null(j))
		return 0;
	if (!json_is_object(j))
		return why(reason, "course: expected an object or null");
	*has = 1;
	if (get_uuid(j, "uuid", c->uuid, reason) || get_text(j, "plan", c->plan, sizeof c->plan, reason) ||
	    get_text(j, "area", c->area, sizeof c->area, reason) ||
	    get_i32(j, "grade", 0, STORE_GRADE_MAX, &c->grade, reason) ||
	    get_i32(j, "sessions_planned", 0, STORE_SESSIONS_MAX, &c->sessions_planned, reason) ||
	    get_i32(j, "interval_days", 0, STORE_INTERVAL_MAX, &c->interval_days, reason) ||
	    get_int(j, "started_at", 0, STORE_TIME_MAX, 0, &c->started_at, reason)) {
		memcpy(inner, reason, sizeof inner);
		return why(reason, "course.%s", inner);
	}
	ss = json_object_get(j, "sessions");
	if (ss && !json_is_array(ss))
		return why(reason, "course.sessions: expected an array");
	/* A course longer than the store keeps is not the record's fault: its
	 * newest sessions are kept (older records brought the older ones). */
	size_t total = json_array_size(ss), skip = total > CSTORE_MAX_SESSIONS
						    ? total - CSTORE_MAX_SESSIONS : 0;
	for (size_t i = 0; i < total; i++) {
		json_t *s = json_array_get(ss, i);
		cstore_session *to = &c->sessions[i < skip ? 0 : i - skip];
		if (!json_is_object(s) || get_uuid(s, "uuid", to->uuid, reason) ||
		    get_int(s, "done_at", 0, STORE_TIME_MAX, 0, &v, reason))
			return why(reason, "course.sessions[%zu]: expected {uuid, done_at}", i);
		to->done_at = v;
		c->n_sessions = i < skip ? 0 : (int)(i - skip) + 1;
	}
	return 0;
}

static int get_photo(json_t *o, cstore_record *rec, char reason[CSTORE_REASON])
{
	static const char *const parts[2] = { "image", "thumb" };
	json_t *files = json_object_get(o, "files");
	if (get_i32(o, "area", 0, STORE_AREA_MAX, &rec->area, reason) ||
	    get_i32(o, "width", 1, STORE_PHOTO_SIDE_MAX, &rec->width, reason) ||
	    get_i32(o, "height", 1, STORE_PHOTO_SIDE_MAX, &rec->height, reason))
		return -1;
	if (!json_is_object(files))
		return why(reason, "files: expected {image, thumb}");
	for (int i = 0; i < 2; i++) {
		json_t *f = json_object_get(files, parts[i]);
		if (!json_is_object(f) ||
		    !api_sha256_ok(json_string_value(json_object_get(f, "sha256")), rec->sha256[i]) ||
		    get_int(f, "size", 1, API_MAX_PHOTO, 1, &rec->size[i], reason))
			return why(reason, "files.%s: expected {sha256: 64 hex digits, size: 1 to %u}",
				   parts[i], API_MAX_PHOTO);
	}
	return 0;
}

static int get_sealed(json_t *o, api_item *it, char reason[CSTORE_REASON])
{
	cstore_record *rec = &it->rec;
	if (get_b64(o, "sealed_key", SEALED_BYTES, SEALED_BYTES, &it->sealed, &rec->sealed_len, reason) ||
	    get_b64(o, "nonce", NONCE_BYTES, NONCE_BYTES, &it->nonce, &rec->nonce_len, reason) ||
	    get_b64(o, "ciphertext", MAC_BYTES, API_MAX_BODY, &it->ct, &rec->ct_len, reason))
		return -1;
	rec->sealed_key = it->sealed;
	rec->nonce = it->nonce;
	rec->ciphertext = it->ct;
	return 0;
}

static int kind_ok(const char *k)
{
	return !strcmp(k, "report") || !strcmp(k, "alert") || !strcmp(k, "photo") ||
	       !strcmp(k, "erasure") || !strcmp(k, "enrolment") || !strcmp(k, "session-undone") ||
	       !strcmp(k, "photo-deletion") || !strcmp(k, "call");
}

/* A session staff took back: its course as it now is, and which one went. */
static int get_undone(json_t *o, cstore_record *rec, char reason[CSTORE_REASON])
{
	json_t *u = json_object_get(o, "undone");
	if (get_course(o, &rec->course, &rec->has_course, reason))
		return -1;
	if (!rec->has_course)
		return why(reason, "course: expected the undone session's course");
	if (!json_is_object(u) || get_uuid(u, "uuid", rec->undone.uuid, reason) ||
	    get_int(u, "done_at", 0, STORE_TIME_MAX, 1, &rec->undone.done_at, reason))
		return why(reason, "undone: expected {uuid, done_at}");
	return 0;
}

int api_item_parse(json_t *j, api_item *it, char reason[CSTORE_REASON])
{
	cstore_record *rec = &it->rec;
	memset(it, 0, sizeof *it);
	reason[0] = 0;
	if (!json_is_object(j))
		return why(reason, "expected an object");
	/* Keep the uuid as sent when it is a short string, so the kiosk can
	 * match the rejection to its item even if the UUID itself is bad. */
	api_str(json_object_get(j, "uuid"), rec->uuid, sizeof rec->uuid, 0);
	if (!api_uuid_ok(rec->uuid))
		return why(reason, "uuid: expected a lower-case UUID");
	if (get_text(j, "kind", rec->kind, sizeof rec->kind, reason))
		return -1;
	if (!kind_ok(rec->kind))
		return why(reason, "kind: expected report, alert, photo, erasure, enrolment,"
			   " session-undone, photo-deletion or call");
	if (get_int(j, "created_at", 0, STORE_TIME_MAX, 1, &rec->created_at, reason))
		return -1;
	/* A call for staff names the signed-in patient, or nobody (null). */
	if (!strcmp(rec->kind, "call"))
		return json_is_null(json_object_get(j, "patient")) ? 0 : get_patient(j, rec, 0, reason);
	int deletion = !strcmp(rec->kind, "photo-deletion"), erasure = deletion || !strcmp(rec->kind, "erasure");
	if (get_patient(j, rec, erasure, reason))
		return -1;
	if (deletion) /* the patient and the photo: UUIDs only */
		return get_uuid(j, "photo", rec->photo_uuid, reason);
	if (erasure || !strcmp(rec->kind, "enrolment")) /* no record, nothing sealed */
		return 0;
	if (!strcmp(rec->kind, "session-undone"))
		return get_undone(j, rec, reason);
	if (get_course(j, &rec->course, &rec->has_course, reason) ||
	    get_i32(j, "session", 0, STORE_SESSION_MAX, &rec->session, reason) ||
	    get_i32(j, "alert_level", 0, STORE_ALERT_LEVEL_MAX, &rec->alert_level, reason) ||
	    get_sealed(j, it, reason))
		return -1;
	if (!strcmp(rec->kind, "photo") && get_photo(j, rec, reason))
		return -1;
	return 0;
}

void api_item_free(api_item *it)
{
	free(it->sealed);
	free(it->nonce);
	free(it->ct);
	it->sealed = it->nonce = it->ct = NULL;
}
