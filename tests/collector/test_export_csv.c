/* SPDX-License-Identifier: MIT */
/*
 * The CSV export as a spreadsheet or a script would read it: parsed back
 * with an RFC 4180 reader, it has the header, one line per answered item
 * with the score saved, one per alert and per photo; fields with commas,
 * quotes or a formula-like start come back as they should; lines end in
 * CRLF; the patient's free-text note is in it, as saved, on a line of its
 * own (a report without a note has none); a date range and a
 * patient pick their lines.
 *
 * Usage: test_export_csv [PG_URI_FILE] (SQLite without it).
 */
#define _POSIX_C_SOURCE 200809L
#include "test_export.h"
#include "core.h"
#include "export.h"
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 32
#define COLS 7
#define HEADER "patient_code,course_uuid,session,report_uuid,created_at,item,score\r\n"

static fixture fx;

typedef struct {
	char f[COLS][96];
	int n; /* fields on the line */
} row;

/* RFC 4180: quoted fields may hold commas, CR, LF and doubled quotes.
 * Returns the number of rows, or -1 when a line is malformed (a quote
 * inside an unquoted field, text after a closing quote, no CRLF). */
static int parse(const char *s, row *rows, int max)
{
	int n = 0;
	while (*s && n < max) {
		row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		for (;;) {
			char *out = r->f[r->n < COLS ? r->n : COLS - 1];
			size_t k = 0;
			if (*s == '"') {
				for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
					if (*s == '"')
						s++;
					if (k + 1 < 96)
						out[k++] = *s;
				}
				if (*s++ != '"')
					return -1;
			} else {
				for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
					if (*s == '"')
						return -1;
					if (k + 1 < 96)
						out[k++] = *s;
				}
			}
			out[k] = 0;
			r->n++;
			if (*s == ',') {
				s++;
				continue;
			}
			if (s[0] != '\r' || s[1] != '\n')
				return -1;
			s += 2;
			break;
		}
	}
	return n;
}

static char *csv(const char *patient, int64_t from, int64_t to)
{
	export_query q = { .patient = patient, .from = from, .to = to, .pk = fx.pk, .sk = fx.sk };
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	CHECK_MSG(export_csv(fx.cs, &q, f) == 0, "%s", mk_err_msg());
	fclose(f);
	return s;
}

static const row *find(const row *rows, int n, const char *uuid, const char *item)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(rows[i].f[3], uuid) && !strcmp(rows[i].f[5], item))
			return &rows[i];
	return NULL;
}

static void test_all(void)
{
	static row rows[MAX_ROWS];
	char *s = csv(NULL, 0, 0);
	int n = parse(s, rows, MAX_ROWS);
	CHECK(!strncmp(s, HEADER, strlen(HEADER)));
	/* header, A's answers and note, alert, photo, B (no note) */
	CHECK_MSG(n == 1 + FX_ANSWERS_A + 1 + 1 + 1 + 1, "%d rows", n);
	for (int i = 0; i < n; i++)
		CHECK_MSG(rows[i].n == COLS, "row %d has %d fields", i, rows[i].n);
	for (int i = 0; i < FX_ANSWERS_A; i++) {
		char item[64], score[8];
		/* A field a spreadsheet would run as a formula is defused. */
		snprintf(item, sizeof item, "%s%s", fx.items_a[i][0] == '=' ? "'" : "", fx.items_a[i]);
		snprintf(score, sizeof score, "%d", fx.scores_a[i]);
		const row *r = find(rows, n, fx.report_a, item);
		CHECK_MSG(r != NULL, "no line for %s", item);
		if (!r)
			continue;
		CHECK(!strcmp(r->f[0], fx.code_a) && !strcmp(r->f[1], fx.course_a));
		CHECK(!strcmp(r->f[2], "1") && !strcmp(r->f[4], "2026-09-21T14:13:20Z"));
		CHECK(!strcmp(r->f[6], score));
	}
	CHECK(strstr(s, ",\"odd,\"\"item\"\"\",1\r\n") != NULL); /* quoted, quotes doubled */
	const row *a = find(rows, n, fx.alert_a, "alert:fever");
	CHECK(a && !strcmp(a->f[6], "call") && !strcmp(a->f[0], fx.code_a));
	const row *p = find(rows, n, fx.photo_a, "photo:thighs");
	CHECK(p && !strcmp(p->f[6], "") && !strcmp(p->f[4], "2026-09-21T14:15:00Z"));
	const row *b = find(rows, n, fx.report_b, "pain");
	CHECK(b && !strcmp(b->f[0], fx.code_b) && !strcmp(b->f[1], "") && !strcmp(b->f[2], "0"));
	CHECK(b && !strcmp(b->f[6], "1"));
	const row *note = find(rows, n, fx.report_a, "note");
	CHECK_MSG(note && !strcmp(note->f[6], FX_NOTE_SAVED) && !strcmp(note->f[0], fx.code_a),
		  "the CSV has the patient's note as saved");
	CHECK(!find(rows, n, fx.report_b, "note"));
	free(s);
}

static void test_selections(void)
{
	static row rows[MAX_ROWS];
	char *s = csv(NULL, FX_T_B, FX_T_B + 1);
	CHECK(parse(s, rows, MAX_ROWS) == 2 && !strcmp(rows[1].f[3], fx.report_b));
	free(s);
	s = csv(fx.code_a, FX_T_PHOTO, 0); /* from the photo on, no end */
	CHECK(parse(s, rows, MAX_ROWS) == 2 && !strcmp(rows[1].f[5], "photo:thighs"));
	free(s);
	s = csv(fx.patient_b, 0, 0);
	CHECK(parse(s, rows, MAX_ROWS) == 2 && !strcmp(rows[1].f[0], fx.code_b));
	free(s);
	s = csv(NULL, FX_T0 - 100, FX_T0 - 50);
	CHECK(s && !strcmp(s, HEADER));
	free(s);
}

int main(int argc, char **argv)
{
	CHECK(fixture_make(&fx, argc > 1 ? argv[1] : NULL, "test_export_csv") == 0);
	if (check_fail)
		return check_done();
	test_all();
	test_selections();
	fixture_free(&fx);
	return check_done();
}
