/* SPDX-License-Identifier: MIT */
/*
 * Export from the dashboard: GET /export shows a form (one patient or all,
 * a date range, FHIR or CSV); GET /export?format=fhir|csv&patient=&from=&to=
 * answers the file as a download. The exporters (fhir.c, csv.c) write to
 * the server's download (cresp_download) on a thread of its own while it
 * is sent, a patient at a time, so the whole clinic's export holds what one
 * patient's part needs and the download's buffer (wiped when freed),
 * however many gigabytes it comes to. What fails before the first bytes
 * go (a wrong key) is answered on the form; a failure later cuts the
 * download short. Every export writes an audit row with its format and
 * scope, never its contents.
 */
#include "web.h"
#include "core.h"
#include "export.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FAR_FUTURE 4102444800LL /* 2100-01-01 */

static void form(web_ctx *x, int status, const char *problem)
{
	wbuf b = { 0 };
	web_page_begin(&b, x, "Export", "export");
	if (problem) {
		wb_raw(&b, "<p class=\"problem\" role=\"alert\">");
		wb_esc(&b, problem);
		wb_raw(&b, "</p>");
	}
	if (!x->c->have_keys)
		wb_raw(&b, "<p class=\"message\">This collector has no clinic key (--key): contents "
			   "cannot be exported.</p>");
	wb_raw(&b, "<p>Download what the kiosks sent, opened with the clinic's key: an HL7 FHIR R4 "
		   "transaction bundle for a record system, or CSV for a spreadsheet. Leave the "
		   "patient empty for everyone, and the dates empty for all time.</p>"
		   "<form class=\"card\" method=\"get\" action=\"/export\">"
		   "<label for=\"patient\">Patient code (optional)</label>"
		   "<input id=\"patient\" name=\"patient\" autocapitalize=\"characters\" value=\"");
	wb_esc(&b, creq_arg(x->r, "patient"));
	wb_raw(&b, "\"><label for=\"from\">From (first day, UTC)</label>"
		   "<input id=\"from\" name=\"from\" type=\"date\" value=\"");
	wb_esc(&b, creq_arg(x->r, "from"));
	wb_raw(&b, "\"><label for=\"to\">To (last day, UTC)</label>"
		   "<input id=\"to\" name=\"to\" type=\"date\" value=\"");
	wb_esc(&b, creq_arg(x->r, "to"));
	wb_raw(&b, "\"><label for=\"format\">Format</label><select id=\"format\" name=\"format\">"
		   "<option value=\"fhir\">FHIR R4 bundle (JSON)</option>"
		   "<option value=\"csv\">CSV</option></select>"
		   "<p><button type=\"submit\">Download</button></p></form>\n");
	web_page_end(&b);
	web_send(x, &b, status);
}

/* What the download's thread needs once the request is gone. */
typedef struct {
	cstore *db;
	export_query q;
	char patient[CSTORE_UUID];
	int fhir;
} export_job;

static int export_run(void *arg, FILE *out)
{
	export_job *j = arg;
	return j->fhir ? export_fhir(j->db, &j->q, out) : export_csv(j->db, &j->q, out);
}

static int start_export(web_ctx *x, const export_query *q, int fhir)
{
	export_job *j = calloc(1, sizeof *j);
	if (!j)
		return mk_err(MK_ENOMEM, "out of memory");
	j->db = x->c->db;
	j->q = *q;
	j->fhir = fhir;
	if (q->patient) {
		snprintf(j->patient, sizeof j->patient, "%s", q->patient);
		j->q.patient = j->patient;
	}
	return cresp_download(x->r, x->w, 200,
			      fhir ? "application/fhir+json" : "text/csv; charset=utf-8", export_run,
			      j, free);
}

/* Checks the request and fills q; NULL when it can go ahead, else the
 * problem to show with *status. */
static const char *query(web_ctx *x, const char *format, export_query *q, cstore_patient *p,
			 int *status)
{
	const char *code = creq_arg(x->r, "patient");
	*status = 400;
	if (strcmp(format, "fhir") != 0 && strcmp(format, "csv") != 0)
		return "Choose FHIR or CSV.";
	if (web_parse_day(creq_arg(x->r, "from"), &q->from) < 0 ||
	    web_parse_day(creq_arg(x->r, "to"), &q->to) < 0)
		return "Dates are written YYYY-MM-DD.";
	if (q->to)
		q->to += 86400; /* the last day is included */
	else if (q->from)
		q->to = FAR_FUTURE;
	if (q->to && q->to <= q->from)
		return "The last day comes before the first.";
	*status = 409;
	if (!x->c->have_keys)
		return "This collector has no clinic key (--key): contents cannot be exported.";
	if (code && *code) {
		*status = 404;
		if (cstore_patient_get(x->c->db, code, p) < 0)
			return "There is no patient with that code.";
		q->patient = p->uuid;
	}
	return NULL;
}

static void download(web_ctx *x, const char *format)
{
	int fhir = strcmp(format, "fhir") == 0, status, rc;
	cstore_patient p;
	export_query q = { .pk = x->c->pk, .sk = x->c->sk };
	char detail[120], name[128], disp[160];
	const char *problem = query(x, format, &q, &p, &status);

	if (!problem && (rc = start_export(x, &q, fhir)) < 0) {
		mk_log(MK_LOG_ERROR, "export-failed", "format=%s rc=%d", fhir ? "fhir" : "csv", rc);
		status = rc == MK_EAGAIN ? 503 : 500;
		problem = rc == MK_EAGAIN
				  ? "Other exports are being downloaded right now. Try again in a minute."
				  : "The export failed. Try again, or ask IT to look at the collector.";
	}
	if (problem) {
		form(x, status, problem);
		return;
	}
	snprintf(detail, sizeof detail, "%s, %s, %s to %s", format,
		 q.patient ? "one patient" : "all patients", q.from ? creq_arg(x->r, "from") : "start",
		 q.to && q.to != FAR_FUTURE ? creq_arg(x->r, "to") : "now");
	web_audit(x, "export", q.patient ? p.code : "", detail);
	snprintf(name, sizeof name, "mesokiosk-%s-%s.%s", q.patient ? p.code : "all",
		 fhir ? "fhir" : "csv", fhir ? "json" : "csv");
	for (char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '.')
			*c = '_';
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
	cresp_header(x->w, "Content-Disposition", disp);
}

void web_export(web_ctx *x)
{
	const char *format = creq_arg(x->r, "format");
	if (format && *format)
		download(x, format);
	else
		form(x, 200, NULL);
}
