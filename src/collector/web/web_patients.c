/* SPDX-License-Identifier: MIT */
/*
 * One patient's page (the list is web_patient_list.c): their
 * courses and sessions, symptom charts and reports (web_reports.c), photos
 * (web_photos.c), alerts, and the export buttons. Opening a patient's page
 * writes a view-patient audit row; the list shows only what is in clear.
 */
#include "web.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define COURSES_MAX 8
#define RECORDS_MAX 2000

static void course_block(wbuf *b, const cstore_course *c)
{
	char s[32];
	web_date(s, c->started_at);
	wb_raw(b, "<div class=\"card\"><h3>Course started ");
	wb_esc(b, s);
	wb_raw(b, "</h3><dl class=\"facts\"><dt>Plan</dt><dd>");
	wb_esc(b, c->plan);
	wb_raw(b, "</dd><dt>Area</dt><dd>");
	wb_esc(b, c->area);
	wb_fmt(b, "</dd><dt>Cellulite grade</dt><dd>%d</dd><dt>Sessions</dt><dd>%d done of %d planned"
		  "</dd><dt>Interval</dt><dd>every %d days</dd></dl>", c->grade, c->n_sessions,
	       c->sessions_planned, c->interval_days);
	if (c->n_sessions > 0) {
		wb_raw(b, "<p class=\"muted\">");
		for (int i = 0; i < c->n_sessions; i++) {
			web_date(s, c->sessions[i].done_at);
			wb_fmt(b, "%sSession %d: ", i ? " · " : "", i + 1);
			wb_esc(b, s);
		}
		wb_raw(b, "</p>");
	}
	wb_raw(b, "</div>\n");
}

static void alerts_block(wbuf *b, const cstore_row *r, int n)
{
	int any = 0;
	char s[32];
	for (int i = n - 1; i >= 0; i--) {
		if (strcmp(r[i].kind, "alert") != 0)
			continue;
		if (!any)
			wb_raw(b, "<h2>Alerts</h2><ul>");
		any = 1;
		web_time(s, r[i].created_at);
		wb_raw(b, "<li>");
		wb_esc(b, s);
		wb_raw(b, r[i].alert_level >= 2 ? " — <strong>Emergency</strong>"
						: " — <strong>Call the clinic</strong>");
		if (r[i].acked_by[0]) {
			web_time(s, r[i].acked_at);
			wb_raw(b, ", acknowledged by ");
			wb_esc(b, r[i].acked_by);
			wb_raw(b, " at ");
			wb_esc(b, s);
		} else {
			wb_raw(b, ", <span class=\"warn\">not acknowledged</span> (<a href=\"/alerts#a-");
			wb_esc(b, r[i].uuid);
			wb_raw(b, "\">see alerts</a>)");
		}
		wb_raw(b, "</li>");
	}
	if (any)
		wb_raw(b, "</ul>\n");
}

static void export_buttons(wbuf *b, const cstore_patient *p)
{
	wb_raw(b, "<form class=\"inline\" method=\"get\" action=\"/export\">"
		  "<input type=\"hidden\" name=\"patient\" value=\"");
	wb_esc(b, p->code);
	wb_raw(b, "\"><button type=\"submit\" class=\"quiet\" name=\"format\" value=\"fhir\">"
		  "Download FHIR bundle</button><button type=\"submit\" class=\"quiet\" "
		  "name=\"format\" value=\"csv\">Download CSV</button></form>\n");
}

/* The patient's page; code may also be a UUID. */
void web_patient(web_ctx *x, const char *code)
{
	cstore_patient p;
	cstore_course *c = calloc(COURSES_MAX, sizeof *c);
	cstore_row *r = calloc(RECORDS_MAX, sizeof *r);
	int nc = 0, nr = 0, rc;
	char title[48], s1[32], s2[32];
	wbuf b = { 0 };
	rc = c && r ? cstore_patient_get(x->c->db, code, &p) : MK_ENOMEM;
	if (rc == 0)
		rc = cstore_courses(x->c->db, p.uuid, c, COURSES_MAX, &nc);
	if (rc == 0)
		rc = cstore_records(x->c->db, p.uuid, NULL, 0, 0, r, RECORDS_MAX, &nr);
	if (rc < 0) {
		free(c);
		free(r);
		if (rc == MK_ENOTFOUND)
			web_message(x, 404, "Patients", "There is no patient with that code.");
		else
			web_message(x, 500, "Patients", "This patient's records could not be read.");
		return;
	}
	web_audit(x, "view-patient", p.code, "");
	snprintf(title, sizeof title, "Patient %s", p.code);
	web_time(s1, p.first_seen);
	web_time(s2, p.last_record);
	web_page_begin(&b, x, title, "patients");
	wb_raw(&b, "<dl class=\"facts\"><dt>First seen</dt><dd>");
	wb_esc(&b, s1);
	wb_raw(&b, "</dd><dt>Last record</dt><dd>");
	wb_esc(&b, s2);
	wb_fmt(&b, "</dd><dt>Records</dt><dd>%d report%s, %d photo%s, %d alert%s (%d open)</dd></dl>\n",
	       p.reports, p.reports == 1 ? "" : "s", p.photos, p.photos == 1 ? "" : "s", p.alerts,
	       p.alerts == 1 ? "" : "s", p.open_alerts);
	export_buttons(&b, &p);
	if (!x->c->have_keys)
		wb_raw(&b, "<p class=\"message\">This collector has no clinic key (--key): contents "
			   "cannot be shown.</p>");
	wb_raw(&b, nc > 1 ? "<h2>Courses</h2>" : "<h2>Course</h2>");
	if (nc == 0)
		wb_raw(&b, "<p class=\"muted\">No course has been started.</p>");
	for (int i = 0; i < nc; i++)
		course_block(&b, &c[i]);
	alerts_block(&b, r, nr);
	web_reports_section(&b, x, r, nr, c, nc);
	web_photos_section(&b, x, &p, r, nr);
	web_page_end(&b);
	free(c);
	free(r);
	web_send(x, &b, 200);
}
