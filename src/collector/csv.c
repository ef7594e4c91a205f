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
 * The whole file is built in memory and written at the end, so a wrong key
 * writes nothing; the buffer is wiped when freed.
 */
#include "core.h"
#include "export_int.h"
#include <stdlib.h>
#include <string.h>

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

int export_csv(cstore *cs, const export_query *q, FILE *out)
{
	export_set set;
	buf b = { 0 };
	int rc = export_select(cs, q, &set);
	if (rc)
		return rc;
	int opened = 0, unopened = 0;
	put(&b, "patient_code,course_uuid,session,report_uuid,created_at,item,score\r\n");
	for (int i = 0; !rc && i < set.n; i++) {
		for (int k = 0; !rc && k < set.pt[i].n_rows; k++) {
			json_t *c = NULL;
			rc = export_record(cs, q, &set.pt[i].rows[k], &c);
			if (rc == MK_EPERM)
				export_unopened(&set.pt[i].rows[k], &unopened);
			opened += rc == 0;
			if (rc == MK_EINVAL || rc == MK_EPERM) {
				rc = 0; /* skipped, logged */
				continue;
			}
			if (!rc)
				record(&b, &set.pt[i].rows[k], c);
			json_decref(c);
		}
	}
	export_set_free(&set);
	if (!rc)
		rc = export_key_wrong(opened, unopened);
	if (rc) {
		export_buf_free(&b);
		return rc;
	}
	buf *parts[] = { &b };
	return export_write(out, parts, 1);
}
