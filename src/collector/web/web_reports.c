/* SPDX-License-Identifier: MIT */
/*
 * A patient's symptom reports: one small chart per questionnaire item over
 * each course (x = the session the report follows, y = the score 0-4),
 * then every report in full, newest first — the answers in words, the
 * areas, and the patient's note as text (escaped like everything else).
 *
 * Each report is opened once (web_open_json) and its parsed JSON is used
 * for both the charts and the list, then released (jansson wipes, see
 * web.c). The item ids come from the reports themselves, so the dashboard
 * needs no copy of the kiosk's questionnaire.
 */
#include "web.h"
#include "core.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define ITEMS_MAX 32

typedef struct {
	const cstore_row *row;
	json_t *j; /* NULL: not opened */
} report;

static int later(const cstore_row *a, const cstore_row *b)
{
	return a->created_at != b->created_at ? a->created_at > b->created_at
					      : a->session > b->session;
}

/* Reports of one course ("" for those without), charted item by item. */
static void charts(wbuf *b, const report *rep, int n, const char *course, int x_max)
{
	const char *items[ITEMS_MAX];
	int ni = 0;
	web_point *pt = malloc(sizeof *pt * (size_t)(n ? n : 1));
	if (!pt) {
		b->failed = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *key;
		json_t *v;
		if (!rep[i].j || strcmp(rep[i].row->course_uuid, course) != 0)
			continue;
		if (rep[i].row->session > x_max)
			x_max = rep[i].row->session;
		json_object_foreach(json_object_get(rep[i].j, "answers"), key, v) {
			int k = 0;
			while (k < ni && strcmp(items[k], key) != 0)
				k++;
			if (k == ni && ni < ITEMS_MAX)
				items[ni++] = key;
		}
	}
	if (ni == 0) {
		wb_raw(b, "<p class=\"muted\">No answers to chart.</p>");
		free(pt);
		return;
	}
	wb_raw(b, "<div class=\"charts\">\n");
	for (int k = 0; k < ni; k++) {
		int np = 0;
		const char *name = NULL;
		char fallback[64];
		for (int i = 0; i < n; i++) {
			json_t *v, *w;
			if (!rep[i].j || strcmp(rep[i].row->course_uuid, course) != 0)
				continue;
			v = json_object_get(json_object_get(rep[i].j, "answers"), items[k]);
			w = json_object_get(json_object_get(rep[i].j, "words"), items[k]);
			if (!name)
				name = json_string_value(json_object_get(json_object_get(rep[i].j,
							 "names"), items[k]));
			if (json_is_integer(v))
				pt[np++] = (web_point){ rep[i].row->session, (int)json_integer_value(v),
							json_string_value(w) };
		}
		if (!name || !*name) {
			web_item_name(fallback, sizeof fallback, items[k]);
			name = fallback;
		}
		/* Along the course: by session, reports of one session in order. */
		for (int i = 1; i < np; i++)
			for (int j = i; j > 0 && pt[j - 1].session > pt[j].session; j--) {
				web_point t = pt[j];
				pt[j] = pt[j - 1];
				pt[j - 1] = t;
			}
		web_chart(b, name, pt, np, x_max);
	}
	wb_raw(b, "</div>\n");
	free(pt);
}

static void areas(wbuf *b, json_t *a)
{
	size_t i;
	json_t *v;
	if (json_array_size(a) == 0) {
		wb_raw(b, "none marked");
		return;
	}
	json_array_foreach(a, i, v) {
		if (i)
			wb_raw(b, ", ");
		wb_esc(b, json_string_value(v));
	}
}

static void report_card(wbuf *b, const report *r)
{
	char when[32];
	const char *key, *note;
	json_t *v;
	web_time(when, r->row->created_at);
	wb_raw(b, "<div class=\"card\" id=\"r-");
	wb_esc(b, r->row->uuid);
	wb_raw(b, "\"><h3>");
	wb_esc(b, when);
	if (r->row->session > 0)
		wb_fmt(b, " — after session %d", r->row->session);
	else
		wb_raw(b, " — before the first session");
	wb_raw(b, "</h3>");
	if (r->row->alert_level > 0)
		wb_raw(b, "<p><span class=\"badge call\">Raised an alert</span></p>");
	if (!r->j) {
		wb_raw(b, "<p class=\"muted\">Contents cannot be shown (no key, or the record does "
			  "not open with it).</p></div>\n");
		return;
	}
	wb_raw(b, "<dl class=\"facts\"><dt>Kiosk</dt><dd>");
	wb_esc(b, r->row->kiosk);
	wb_raw(b, "</dd><dt>Areas</dt><dd>");
	areas(b, json_object_get(r->j, "areas"));
	wb_raw(b, "</dd></dl><ul class=\"answers\">");
	json_object_foreach(json_object_get(r->j, "answers"), key, v)
		web_answer(b, r->j, key, json_is_integer(v) ? (int)json_integer_value(v) : -1);
	wb_raw(b, "</ul>");
	note = json_string_value(json_object_get(r->j, "note"));
	if (note && *note) {
		wb_raw(b, "<p class=\"note\"><span class=\"muted\">Note:</span> ");
		wb_esc(b, note);
		wb_raw(b, "</p>");
	}
	wb_raw(b, "</div>\n");
}

static void course_heading(wbuf *b, const cstore_course *c)
{
	char s[16];
	web_date(s, c->started_at);
	wb_raw(b, "<h3>Course started ");
	wb_esc(b, s);
	wb_raw(b, " (");
	wb_esc(b, c->plan);
	wb_raw(b, ")</h3>");
}

void web_reports_section(wbuf *b, web_ctx *x, const cstore_row *r, int n, const cstore_course *c,
			 int nc)
{
	report *rep = calloc((size_t)(n ? n : 1), sizeof *rep);
	int nrep = 0, loose = 0, opened = 0;
	if (!rep) {
		b->failed = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		if (strcmp(r[i].kind, "report") != 0)
			continue;
		rep[nrep].row = &r[i];
		rep[nrep].j = web_open_json(x, r[i].uuid);
		opened += rep[nrep].j != NULL;
		loose += r[i].course_uuid[0] == '\0';
		nrep++;
	}
	/* Oldest first by time, then by session (reports of one second). */
	for (int i = 1; i < nrep; i++)
		for (int j = i; j > 0 && later(rep[j - 1].row, rep[j].row); j--) {
			report t = rep[j];
			rep[j] = rep[j - 1];
			rep[j - 1] = t;
		}
	wb_raw(b, "<h2>Symptoms over the course</h2>\n");
	if (nrep == 0)
		wb_raw(b, "<p class=\"muted\">No symptom reports yet.</p>");
	else if (opened == 0)
		wb_raw(b, "<p class=\"muted\">The reports cannot be opened here, so there is no "
			  "chart.</p>");
	else
		wb_raw(b, "<p class=\"muted\">Each chart is one question, by the session the report "
			  "followed, on the question's own scale (No and Yes, none to very severe, "
			  "less than a day to more than 2 weeks). Each point names the answer in the "
			  "patient's words; reports from an older kiosk have only a score, 0 to 4.</p>");
	for (int i = 0; opened && i < nc; i++) {
		if (nc > 1 || loose)
			course_heading(b, &c[i]);
		charts(b, rep, nrep, c[i].uuid, c[i].sessions_planned);
	}
	if (opened && loose) {
		if (nc > 0)
			wb_raw(b, "<h3>Before any course</h3>");
		charts(b, rep, nrep, "", 1);
	}
	if (nrep > 0)
		wb_fmt(b, "<h2>Reports (%d)</h2>\n", nrep);
	for (int i = nrep - 1; i >= 0; i--)
		report_card(b, &rep[i]);
	for (int i = 0; i < nrep; i++)
		json_decref(rep[i].j);
	free(rep);
}
