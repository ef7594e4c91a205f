/* SPDX-License-Identifier: MIT */
/*
 * What both exports need: the selection (which patients, their courses and
 * sessions, which records), opening a record with the clinic's key pair,
 * and the formatting that keeps free text safe in FHIR and CSV.
 *
 * cstore's listing calls fill a caller's array up to max; here each one is
 * repeated with a bigger array until the answer fits, so an export never
 * silently stops at an arbitrary count. Only the list of patients is held
 * for the whole export; each patient's courses and records are read when
 * their turn comes and let go after (export_each), so exporting the whole
 * clinic takes the memory of its biggest patient, not of every record.
 */
#define _POSIX_C_SOURCE 200809L
#include "export_int.h"
#include "core.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Calls fill(ctx, buf, cap, &n) with a buffer of cap items of size bytes,
 * growing it until n < cap (everything fitted). */
typedef int (*fill_fn)(cstore *cs, const void *ctx, void *buf, int cap, int *n);

static int fill_all(cstore *cs, const void *ctx, fill_fn fill, size_t size, void **out, int *n)
{
	for (int cap = 16;; cap *= 4) {
		void *buf = calloc((size_t)cap, size);
		if (!buf)
			return mk_err(MK_ENOMEM, "out of memory");
		int rc = fill(cs, ctx, buf, cap, n);
		if (rc) {
			free(buf);
			return rc;
		}
		if (*n < cap || cap > (1 << 24)) {
			*out = buf;
			return 0;
		}
		free(buf);
	}
}

typedef struct {
	const char *patient;
	int64_t from, to;
} rows_q;

static int fill_rows(cstore *cs, const void *ctx, void *buf, int cap, int *n)
{
	const rows_q *q = ctx;
	return cstore_records(cs, q->patient, NULL, q->from, q->to, buf, cap, n);
}

static int fill_courses(cstore *cs, const void *ctx, void *buf, int cap, int *n)
{
	return cstore_courses(cs, ctx, buf, cap, n);
}

static int fill_patients(cstore *cs, const void *ctx, void *buf, int cap, int *n)
{
	(void)ctx;
	return cstore_patients(cs, buf, cap, n);
}

static int fill_kiosks(cstore *cs, const void *ctx, void *buf, int cap, int *n)
{
	(void)ctx;
	return cstore_kiosks(cs, buf, cap, n);
}

/* Fills p's courses and rows; p->p is set. */
static int select_patient(cstore *cs, const export_query *q, export_patient *p)
{
	/* A range given by its start alone runs to the end of time. */
	rows_q rq = { p->p.uuid, q->from, q->from && !q->to ? INT64_MAX : q->to };
	int rc = fill_all(cs, p->p.uuid, fill_courses, sizeof(cstore_course), (void **)&p->courses,
			  &p->n_courses);
	if (!rc)
		rc = fill_all(cs, &rq, fill_rows, sizeof(cstore_row), (void **)&p->rows, &p->n_rows);
	return rc;
}

int export_select(cstore *cs, const export_query *q, export_set *out)
{
	cstore_patient *all = NULL;
	int n = 0, rc;
	memset(out, 0, sizeof *out);
	if (q->patient) {
		all = calloc(1, sizeof *all);
		if (!all)
			return mk_err(MK_ENOMEM, "out of memory");
		rc = cstore_patient_get(cs, q->patient, all);
		n = 1;
	} else {
		rc = fill_all(cs, NULL, fill_patients, sizeof *all, (void **)&all, &n);
	}
	if (!rc)
		rc = fill_all(cs, NULL, fill_kiosks, sizeof(cstore_kiosk), (void **)&out->kiosks,
			      &out->n_kiosks);
	if (!rc && !(out->pt = calloc((size_t)n + 1, sizeof *out->pt)))
		rc = mk_err(MK_ENOMEM, "out of memory");
	for (int i = 0; !rc && i < n; i++)
		out->pt[out->n++].p = all[i];
	free(all);
	if (rc)
		export_set_free(out);
	return rc;
}

int export_each(cstore *cs, const export_query *q, const export_set *set,
		int (*fn)(void *ctx, const export_patient *p), void *ctx)
{
	int rc = 0;
	for (int i = 0; !rc && i < set->n; i++) {
		export_patient p = { .p = set->pt[i].p };
		rc = select_patient(cs, q, &p);
		/* A time range picks the patients with records in it. */
		if (!rc && (q->patient || !(q->from || q->to) || p.n_rows > 0))
			rc = fn(ctx, &p);
		free(p.courses);
		free(p.rows);
	}
	return rc;
}

void export_set_free(export_set *s)
{
	free(s->pt);
	free(s->kiosks);
	memset(s, 0, sizeof *s);
}

int export_record(cstore *cs, const export_query *q, const cstore_row *r, json_t **out)
{
	char *plain = NULL;
	size_t n = 0;
	json_error_t err;
	int rc = cstore_open_record(cs, q->pk, q->sk, r->uuid, &plain, &n);
	if (rc == MK_EPERM)
		return mk_err(MK_EPERM, "the key does not open the records: is it the clinic's key?");
	if (rc)
		return rc;
	*out = json_loadb(plain, n, JSON_REJECT_DUPLICATES, &err);
	cstore_plain_free(plain, n);
	if (*out && json_is_object(*out) &&
	    json_object_size(json_object_get(*out, "answers")) <= EXPORT_MAX_ANSWERS)
		return 0;
	if (*out && json_is_object(*out)) {
		mk_log(MK_LOG_WARN, "export-skip", "uuid=%s kind=%s reason=too-many-answers n=%zu",
		       r->uuid, r->kind, json_object_size(json_object_get(*out, "answers")));
		json_decref(*out);
		*out = NULL;
		return mk_err(MK_EINVAL, "record %s answers more items than a questionnaire has",
			      r->uuid);
	}
	json_decref(*out);
	*out = NULL;
	mk_log(MK_LOG_WARN, "export-skip", "uuid=%s kind=%s reason=not-a-json-object", r->uuid,
	       r->kind);
	return mk_err(MK_EINVAL, "record %s is not a JSON object", r->uuid);
}

void export_unopened(const cstore_row *r, int *unopened)
{
	mk_log(MK_LOG_WARN, "export-skip", "uuid=%s kind=%s reason=does-not-open", r->uuid,
	       r->kind);
	++*unopened;
}

int export_key_wrong(int opened, int unopened)
{
	/* A kiosk can send bytes no key opens (the collector cannot check
	 * them at ingest): one such record is left out. Every record failing
	 * is the key. */
	return unopened && !opened
		       ? mk_err(MK_EPERM, "the key does not open the records: is it the clinic's key?")
		       : 0;
}

const char *export_time(int64_t t, char out[EXPORT_TIME])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(out, EXPORT_TIME, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, EXPORT_TIME, "1970-01-01T00:00:00Z");
	return out;
}

/* What a JSON schema's \s matches besides space, \t, \r and \n (ECMAScript
 * white space and line terminators), and the C0/C1 controls. */
static int odd_space(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *export_text(const char *s)
{
	size_t len = s ? strlen(s) : 0, o = 0;
	char *out = malloc(len * 3 + 1); /* an invalid byte becomes U+FFFD: 3 bytes */
	if (!out)
		return NULL;
	while (len) {
		uint32_t c;
		size_t k = mk_utf8_next(s, len, &c);
		if (k == 0) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			k = 1;
		} else if (odd_space(c)) {
			out[o++] = ' ';
		} else {
			memcpy(out + o, s, k);
			o += k;
		}
		s += k;
		len -= k;
	}
	while (o && blank(out[o - 1]))
		o--;
	out[o] = 0;
	size_t start = 0;
	while (blank(out[start]))
		start++;
	memmove(out, out + start, o - start + 1);
	if (!out[0]) {
		free(out);
		return NULL;
	}
	return out;
}

const char *export_area(json_t *meta, int area)
{
	/* The kiosk's content_area numbers (src/content): the names the
	 * photo's own metadata carries, for records that lack them. */
	static const char *const names[] = { "thighs", "buttocks", "abdomen", "arms", "other" };
	const char *s = json_string_value(json_object_get(meta, "area"));
	if (s && *s)
		return s;
	return area >= 0 && area < 5 ? names[area] : "other";
}

const char *export_session_uuid(const export_patient *p, const char *course_uuid, int session)
{
	for (int i = 0; course_uuid && *course_uuid && i < p->n_courses; i++) {
		const cstore_course *c = &p->courses[i];
		if (strcmp(c->uuid, course_uuid) == 0)
			return session >= 1 && session <= c->n_sessions ? c->sessions[session - 1].uuid
									: NULL;
	}
	return NULL;
}

void export_put(export_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *t = malloc(cap);
		if (!t) {
			b->failed = 1;
			return;
		}
		if (b->s)
			memcpy(t, b->s, b->len);
		cstore_plain_free(b->s, b->cap);
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void export_puts(export_buf *b, const char *s)
{
	export_put(b, s, strlen(s));
}

void export_buf_free(export_buf *b)
{
	cstore_plain_free(b->s, b->cap);
	memset(b, 0, sizeof *b);
}

int export_write(FILE *out, export_buf *const *bufs, int n)
{
	int rc = 0;
	for (int i = 0; i < n; i++)
		if (bufs[i]->failed)
			rc = mk_err(MK_ENOMEM, "out of memory");
	for (int i = 0; !rc && i < n; i++)
		if (fwrite(bufs[i]->s ? bufs[i]->s : "", 1, bufs[i]->len, out) != bufs[i]->len)
			rc = mk_err(MK_EIO, "could not write the export");
	if (!rc && fflush(out) != 0)
		rc = mk_err(MK_EIO, "could not write the export");
	for (int i = 0; i < n; i++)
		export_buf_free(bufs[i]);
	return rc;
}
