/* SPDX-License-Identifier: MIT */
/*
 * The CSV export (RFC 4180, UTF-8, CRLF line ends, a header line): one line
 * per answered item of each report, per alert ("alert:<rule>", the score
 * column holding its level, "emergency" or "call") and per photo
 * ("photo:<area>", no score), and one per report with a note ("note", the
 * score column holding the patient's words exactly as saved), so the CSV
 * says what the FHIR export says.
 *
 * A field with a comma, quote, CR or LF is quoted with its quotes doubled.
 * A text field that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or CR) gets a leading apostrophe: what kiosks send is
 * not trusted to be harmless when a clinician opens the file.
 *
 * The file is written a patient at a time (export_each), so exporting the
 * whole clinic streams; nothing is written before a record has opened with
 * the key, so a wrong key writes nothing. Buffers are wiped when freed.
 */
#include "core.h"
#include "export_int.h"
#include <stdlib.h>
#include <string.h>

#define HEADER "patient_code,course_uuid,session,report_uuid,created_at,item,score\r\n"

typedef export_buf buf;

static void put_n(buf *b, const char *s, size_t n)
{
	export_put(b, s, n);
}

static void put(buf *b, const char *s)
{
	export_put(b, s, strlen(s));
}

/* One field and the comma after it (last: the line end instead). */
static void field(buf *b, const char *s, int last)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int formula = strchr("=+-@\t\r", s[0]) && s[0];
	if (quote)
		put(b, "\"");
	if (formula)
		put(b, "'");
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		put_n(b, s, (size_t)(q - s));
		put(b, "\"\"");
	}
	put(b, s);
	if (quote)
		put(b, "\"");
	put(b, last ? "\r\n" : ",");
}

static void line(buf *b, const cstore_row *r, const char *item, const char *score)
{
	char t[EXPORT_TIME], session[16];
	snprintf(session, sizeof session, "%d", r->session);
	field(b, r->patient_code, 0);
	field(b, r->course_uuid, 0);
	field(b, session, 0);
	field(b, r->uuid, 0);
	field(b, export_time(r->created_at, t), 0);
	field(b, item, 0);
	field(b, score, 1);
}

static void record(buf *b, const cstore_row *r, json_t *c)
{
	const char *key;
	json_t *v;
	char score[8], *item = NULL;
	if (!strcmp(r->kind, "report")) {
		json_object_foreach(json_object_get(c, "answers"), key, v) {
			json_int_t s = json_integer_value(v);
			if (!json_is_integer(v) || s < 0 || s > 4 || !*key)
				continue;
			snprintf(score, sizeof score, "%d", (int)s);
			line(b, r, key, score);
		}
		const char *note = json_string_value(json_object_get(c, "note"));
		if (note && *note)
			line(b, r, "note", note);
		return;
	}
	if (!strcmp(r->kind, "alert")) {
		const char *rule = json_string_value(json_object_get(c, "rule"));
		const char *level = json_string_value(json_object_get(c, "level"));
		item = mk_asprintf("alert:%s", rule ? rule : "");
		line(b, r, item ? item : "alert:", level ? level
						       : r->alert_level >= 2 ? "emergency" : "call");
	} else if (!strcmp(r->kind, "photo")) {
		item = mk_asprintf("photo:%s", export_area(c, r->area));
		line(b, r, item ? item : "photo:", "");
	}
	free(item);
}

typedef struct {
	cstore *cs;
	const export_query *q;
	FILE *out;
	int written; /* the header line is out */
	int opened, unopened; /* records that opened with the key / did not */
} csv_ctx;

/* One patient's lines, written as soon as they are made: a line exists
 * only once a record opened with the key, so a wrong key writes nothing. */
static int one_patient(void *ctx, const export_patient *p)
{
	csv_ctx *x = ctx;
	buf b = { 0 };
	int rc = 0;
	for (int k = 0; !rc && k < p->n_rows; k++) {
		json_t *c = NULL;
		rc = export_record(x->cs, x->q, &p->rows[k], &c);
		if (rc == MK_EPERM)
			export_unopened(&p->rows[k], &x->unopened);
		x->opened += rc == 0;
		if (rc == MK_EINVAL || rc == MK_EPERM) {
			rc = 0; /* skipped, logged */
			continue;
		}
		if (!rc)
			record(&b, &p->rows[k], c);
		json_decref(c);
	}
	if (rc || !b.len) {
		export_buf_free(&b);
		return rc;
	}
	if (!x->written && fputs(HEADER, x->out) == EOF)
		rc = mk_err(MK_EIO, "could not write the export");
	x->written = 1;
	buf *parts[] = { &b };
	return rc ? (export_buf_free(&b), rc) : export_write(x->out, parts, 1);
}

int export_csv(cstore *cs, const export_query *q, FILE *out)
{
	export_set set;
	csv_ctx x = { .cs = cs, .q = q, .out = out };
	int rc = export_select(cs, q, &set);
	if (rc)
		return rc;
	rc = export_each(cs, q, &set, one_patient, &x);
	export_set_free(&set);
	if (!rc)
		rc = export_key_wrong(x.opened, x.unopened);
	if (!rc && !x.written && fputs(HEADER, out) == EOF)
		rc = mk_err(MK_EIO, "could not write the export");
	if (!rc && fflush(out) != 0)
		rc = mk_err(MK_EIO, "could not write the export");
	return rc;
}
