/* SPDX-License-Identifier: MIT */
/*
 * The patient list: 50 patients a page, by code, with a search form that
 * narrows it by the beginning of a code, the kiosk that enrolled them, a
 * day with records (UTC) and whether an alert waits; the page links keep
 * the search. A code typed in full opens that patient's page, as before.
 * Only what is in clear is shown (cstore_patients_find).
 */
#define _DEFAULT_SOURCE
#include "web.h"
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_ROWS 50
#define KIOSKS_MAX 500

typedef struct {
	const char *code, *kiosk, *day, *alerts;
	long page;
	cstore_patient_query q;
} search;

static const char *arg(const web_ctx *x, const char *name)
{
	const char *s = creq_arg(x->r, name);
	return s ? s : "";
}

/* The search from the query string; a message when it makes no sense. */
static const char *read_search(const web_ctx *x, search *s)
{
	char *end = NULL;
	memset(s, 0, sizeof *s);
	s->code = arg(x, "code");
	s->kiosk = arg(x, "kiosk");
	s->day = arg(x, "date");
	s->alerts = arg(x, "alerts");
	s->page = *arg(x, "page") ? strtol(arg(x, "page"), &end, 10) : 1;
	if (*arg(x, "page") && (*end || s->page < 1 || s->page > 1000000))
		return "A page is a number from 1.";
	if (strlen(s->code) > 15 || strspn(s->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					     "0123456789-") != strlen(s->code))
		return "A patient code has only letters and digits.";
	if (web_parse_day(s->day, &s->q.from))
		return "A date is written YYYY-MM-DD.";
	if (*s->day) /* that day in UTC: [from, to) */
		s->q.to = s->q.from + 86400;
	if (strcmp(s->alerts, "open") == 0)
		s->q.alerts = CSTORE_ALERTS_OPEN;
	else if (strcmp(s->alerts, "none") == 0)
		s->q.alerts = CSTORE_ALERTS_NONE_OPEN;
	else if (*s->alerts)
		return "Alerts are \"open\" or \"none\".";
	s->q.code = s->code;
	s->q.kiosk = s->kiosk;
	s->q.offset = (int)((s->page - 1) * PAGE_ROWS);
	return NULL;
}

static void option(wbuf *b, const char *value, const char *label, const char *current)
{
	wb_raw(b, "<option value=\"");
	wb_esc(b, value);
	wb_raw(b, strcmp(value, current) ? "\">" : "\" selected>");
	wb_esc(b, label);
	wb_raw(b, "</option>");
}

static void search_form(wbuf *b, const search *s, const cstore_kiosk *k, int nk)
{
	wb_raw(b, "<form class=\"inline\" method=\"get\" action=\"/patients\" role=\"search\">"
		  "<div><label for=\"code\">Patient code</label><input id=\"code\" name=\"code\""
		  " autocapitalize=\"characters\" value=\"");
	wb_esc(b, s->code);
	wb_raw(b, "\"></div><div><label for=\"kiosk\">Enrolled at</label><select id=\"kiosk\""
		  " name=\"kiosk\">");
	option(b, "", "any kiosk", s->kiosk);
	for (int i = 0; i < nk; i++)
		option(b, k[i].id, k[i].label[0] ? k[i].label : k[i].id, s->kiosk);
	wb_raw(b, "</select></div><div><label for=\"date\">With records on (UTC)</label>"
		  "<input id=\"date\" name=\"date\" type=\"date\" value=\"");
	wb_esc(b, s->day);
	wb_raw(b, "\"></div><div><label for=\"alerts\">Alerts</label><select id=\"alerts\""
		  " name=\"alerts\">");
	option(b, "", "any", s->alerts);
	option(b, "open", "waiting to be acknowledged", s->alerts);
	option(b, "none", "none waiting", s->alerts);
	wb_raw(b, "</select></div><button type=\"submit\">Search</button></form>\n");
}

static void page_link(wbuf *b, const search *s, long page, const char *rel, const char *text)
{
	wb_fmt(b, "<a rel=\"%s\" href=\"/patients?page=%ld", rel, page);
	const char *names[] = { "code", "kiosk", "date", "alerts" };
	const char *values[] = { s->code, s->kiosk, s->day, s->alerts };
	for (int i = 0; i < 4; i++)
		if (*values[i]) {
			wb_fmt(b, "&amp;%s=", names[i]);
			wb_url(b, values[i]);
		}
	wb_raw(b, "\">");
	wb_esc(b, text);
	wb_raw(b, "</a>");
}

static void pager(wbuf *b, const search *s, int64_t total)
{
	long pages = (long)((total + PAGE_ROWS - 1) / PAGE_ROWS);
	if (pages <= 1)
		return;
	wb_raw(b, "<nav class=\"pager\" aria-label=\"Pages\"><p>");
	if (s->page > 1)
		page_link(b, s, s->page - 1, "prev", "← Previous");
	wb_fmt(b, " Page %ld of %ld ", s->page, pages);
	if (s->page < pages)
		page_link(b, s, s->page + 1, "next", "Next →");
	wb_raw(b, "</p></nav>\n");
}

static void cell_time(wbuf *b, int64_t t)
{
	char s[32];
	web_time(s, t);
	wb_raw(b, "<td>");
	wb_esc(b, s);
	wb_raw(b, "</td>");
}

static void table(wbuf *b, const cstore_patient *p, int n)
{
	wb_raw(b, "<div class=\"scroll\"><table><thead><tr><th>Code</th><th>Enrolled at</th>"
		  "<th>First seen</th><th>Last record</th><th>Reports</th><th>Photos</th>"
		  "<th>Open alerts</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		wb_raw(b, "<tr><td><a href=\"/patients/");
		wb_url(b, p[i].code);
		wb_raw(b, "\"><strong>");
		wb_esc(b, p[i].code);
		wb_raw(b, "</strong></a></td><td>");
		wb_esc(b, p[i].kiosk);
		wb_raw(b, "</td>");
		cell_time(b, p[i].first_seen);
		cell_time(b, p[i].last_record);
		wb_fmt(b, "<td>%d</td><td>%d</td>", p[i].reports, p[i].photos);
		if (p[i].open_alerts > 0)
			wb_fmt(b, "<td class=\"warn\">%d open</td></tr>\n", p[i].open_alerts);
		else
			wb_fmt(b, "<td>none</td></tr>\n");
	}
	wb_raw(b, "</tbody></table></div>");
}

/* A full code alone opens that patient's page. */
static int opened(web_ctx *x, const search *s)
{
	cstore_patient one;
	char loc[64];
	if (!*s->code || *s->kiosk || *s->day || *s->alerts || *arg(x, "page") ||
	    cstore_patient_get(x->c->db, s->code, &one) != 0)
		return 0;
	snprintf(loc, sizeof loc, "/patients/%s", one.code);
	web_redirect(x, loc);
	return 1;
}

static void render(web_ctx *x, const search *s, const cstore_patient *p, int n, int64_t total,
		   const cstore_kiosk *k, int nk)
{
	int searching = *s->code || *s->kiosk || *s->day || *s->alerts;
	wbuf b = { 0 };
	web_page_begin(&b, x, "Patients", "patients");
	search_form(&b, s, k, nk);
	if (total == 0)
		wb_raw(&b, searching ? "<p class=\"message\">No patient matches this search.</p>"
				     : "<p class=\"message\">No patient has sent anything yet.</p>");
	else if (n == 0)
		wb_raw(&b, "<p class=\"message\">There is no such page.</p>");
	else
		wb_fmt(&b, "<h2>%s</h2><p class=\"muted\">%lld patient%s; %d to %d shown.</p>",
		       searching ? "Found" : "Everyone", (long long)total, total == 1 ? "" : "s",
		       s->q.offset + 1, s->q.offset + n);
	if (n > 0)
		table(&b, p, n);
	pager(&b, s, total);
	web_page_end(&b);
	web_send(x, &b, n == 0 && total > 0 ? 404 : 200);
}

void web_patients(web_ctx *x)
{
	search s;
	const char *problem = read_search(x, &s);
	cstore_patient *p = NULL;
	cstore_kiosk *k = NULL;
	int n = 0, nk = 0;
	int64_t total = 0;
	if (problem) {
		web_message(x, 400, "Patients", problem);
		return;
	}
	if (opened(x, &s))
		return;
	p = calloc(PAGE_ROWS, sizeof *p);
	k = calloc(KIOSKS_MAX, sizeof *k);
	if (!p || !k || cstore_patients_find(x->c->db, &s.q, p, PAGE_ROWS, &n, &total) < 0 ||
	    cstore_kiosks(x->c->db, k, KIOSKS_MAX, &nk) < 0) {
		mk_log(MK_LOG_ERROR, "web-patients", "reason=%s", mk_err_msg());
		free(p);
		free(k);
		web_message(x, 500, "Patients", "The patient list could not be read.");
		return;
	}
	render(x, &s, p, n, total, k, nk);
	free(p);
	free(k);
}
