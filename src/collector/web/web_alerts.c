/* SPDX-License-Identifier: MIT */
/*
 * Alerts, the dashboard's home page: the red flags of the last 30 days,
 * newest first, kept up to date by themselves (web_live.c). Each shows
 * what a clinician needs to act — the patient's code (a link to their
 * page), the kiosk, the time, the level, what the patient was told and
 * what triggered it — and an Acknowledge button that records who and when.
 * Open alerts stand out by a label and a border as well as a colour.
 * Calls for a member of staff from a kiosk come first (web_calls.c).
 *
 * What triggered an alert is inside its encrypted record; the page opens it
 * only when the collector was given the clinic's key, and says so plainly
 * when it was not.
 */
#include "web.h"
#include "core.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define ALERTS_MAX 300
#define ALERTS_DAYS 30
#define KIOSKS_MAX 200

void web_kiosk_name(wbuf *b, const cstore_kiosk *k, int nk, const char *id)
{
	for (int i = 0; i < nk; i++) {
		if (strcmp(k[i].id, id) == 0 && k[i].label[0]) {
			wb_esc(b, k[i].label);
			wb_raw(b, " <span class=\"muted\">(");
			wb_esc(b, id);
			wb_raw(b, ")</span>");
			return;
		}
	}
	wb_esc(b, id);
}

/* What the patient was told, then what triggered the alert. */
static void triggers(wbuf *b, web_ctx *x, const cstore_row *a)
{
	json_t *j = x->c->have_keys ? web_open_json(x, a->uuid) : NULL, *t, *v;
	const char *item, *rule;
	wb_raw(b, "<dt>Patient was told</dt><dd class=\"told\">“");
	wb_esc(b, web_told(j, a->alert_level));
	wb_raw(b, "”</dd><dt>Triggered by</dt>");
	if (!x->c->have_keys) {
		wb_raw(b, "<dd class=\"muted\">This collector has no clinic key (--key): contents "
			  "cannot be shown.</dd>");
		return;
	}
	if (!j) {
		wb_raw(b, "<dd class=\"muted\">This record does not open with the collector's key."
			  "</dd>");
		return;
	}
	rule = json_string_value(json_object_get(j, "rule"));
	wb_raw(b, "<dd>Rule <strong>");
	wb_esc(b, rule ? rule : "?");
	wb_raw(b, "</strong><ul class=\"answers\">");
	t = json_object_get(j, "triggers");
	json_object_foreach(t, item, v)
		web_answer(b, j, item, json_is_integer(v) ? (int)json_integer_value(v) : -1);
	wb_raw(b, "</ul></dd>");
	json_decref(j);
}

static void alert_card(wbuf *b, web_ctx *x, const cstore_row *a, const cstore_kiosk *k, int nk)
{
	int open = a->acked_by[0] == '\0', emergency = a->alert_level >= 2;
	char when[32];
	web_time(when, a->created_at);
	wb_fmt(b, "<article class=\"card alert%s %s\" id=\"a-", open ? " open" : "",
	       emergency ? "emergency" : "call");
	wb_esc(b, a->uuid);
	wb_raw(b, "\"><div class=\"head\">");
	if (open)
		wb_raw(b, "<span class=\"badge new\">Not acknowledged</span>");
	wb_raw(b, emergency ? "<span class=\"badge emergency\">Emergency</span>"
			    : "<span class=\"badge call\">Call the clinic</span>");
	wb_raw(b, "<a class=\"code\" href=\"/patients/");
	wb_url(b, a->patient_code);
	wb_raw(b, "\">");
	wb_esc(b, a->patient_code);
	wb_raw(b, "</a><span>");
	wb_esc(b, when);
	wb_raw(b, "</span></div><dl class=\"facts\"><dt>Kiosk</dt><dd>");
	web_kiosk_name(b, k, nk, a->kiosk);
	if (a->session > 0)
		wb_fmt(b, "</dd><dt>When</dt><dd>after session %d</dd>", a->session);
	else
		wb_raw(b, "</dd><dt>When</dt><dd>before the first session</dd>");
	triggers(b, x, a);
	wb_raw(b, "</dl>");
	if (open) {
		wb_raw(b, "<form method=\"post\" action=\"/alerts/ack\">");
		web_csrf_field(b, x);
		wb_raw(b, "<input type=\"hidden\" name=\"uuid\" value=\"");
		wb_esc(b, a->uuid);
		wb_raw(b, "\"><button type=\"submit\">Acknowledge</button></form>");
	} else {
		web_time(when, a->acked_at);
		wb_raw(b, "<p class=\"acked\">Acknowledged by <strong>");
		wb_esc(b, a->acked_by);
		wb_raw(b, "</strong> at ");
		wb_esc(b, when);
		wb_raw(b, "</p>");
	}
	wb_raw(b, "</article>\n");
}

void web_alerts(web_ctx *x)
{
	cstore_row *rows = calloc(ALERTS_MAX, sizeof *rows);
	cstore_kiosk *k = calloc(KIOSKS_MAX, sizeof *k);
	int n = 0, nk = 0, open = 0;
	char version[CSTORE_VERSION];
	wbuf b = { 0 };
	if (!rows || !k || cstore_alerts(x->c->db, x->now - ALERTS_DAYS * 86400, rows, ALERTS_MAX,
					 &n) < 0) {
		free(rows);
		free(k);
		web_message(x, 500, "Alerts", "The alerts could not be read. Try again shortly.");
		return;
	}
	if (cstore_kiosks(x->c->db, k, KIOSKS_MAX, &nk) < 0)
		nk = 0;
	for (int i = 0; i < n; i++)
		open += rows[i].acked_by[0] == '\0';
	if (cstore_alert_version(x->c->db, version) < 0)
		version[0] = '\0'; /* the script then fetches at the first event */
	web_page_begin(&b, x, "Alerts", "alerts");
	wb_raw(&b, "<p class=\"live\" id=\"live-status\" role=\"status\">This list is as of when the "
		   "page was opened: reload it for new alerts.</p><p><button type=\"button\" "
		   "id=\"live-enable\" class=\"quiet\" hidden>Turn on sound and notifications"
		   "</button></p>\n<section id=\"alerts\" data-version=\"");
	wb_esc(&b, version);
	wb_raw(&b, "\">\n");
	if (web_calls_section(&b, x, k, nk) < 0)
		wb_raw(&b, "<p class=\"message\">The calls for staff could not be read. Reload the page "
			   "shortly.</p>");
	if (!x->c->have_keys)
		wb_raw(&b, "<p class=\"message\">This collector has no clinic key (--key): contents "
			   "cannot be shown. Alerts are listed without what triggered them.</p>");
	if (n == 0)
		wb_fmt(&b, "<p class=\"message\">No alerts in the last %d days.</p>", ALERTS_DAYS);
	else
		wb_fmt(&b, "<p>%d alert%s in the last %d days, <strong>%d not acknowledged"
			   "</strong>. Newest first.</p>\n", n, n == 1 ? "" : "s", ALERTS_DAYS, open);
	for (int i = 0; i < n; i++)
		alert_card(&b, x, &rows[i], k, nk);
	wb_raw(&b, "</section>\n<script src=\"/live.js\"></script>\n");
	web_page_end(&b);
	cresp_header(x->w, "Content-Security-Policy", web_live_csp);
	free(rows);
	free(k);
	web_send(x, &b, 200);
}

static int uuid_ok(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || s[i] == '-'))
			return 0;
	return i == 36;
}

void web_alerts_mark(web_ctx *x, const web_mark *m)
{
	char uuid[CSTORE_UUID] = "", loc[64];
	int rc;
	if (creq_form(x->r, "uuid", uuid, sizeof uuid) < 0 || !uuid_ok(uuid)) {
		web_message(x, 400, "Alerts", m->which);
		return;
	}
	rc = m->mark(x->c->db, uuid, x->user, x->now);
	if (rc == MK_ENOTFOUND) {
		web_message(x, 404, "Alerts", m->none);
		return;
	}
	if (rc < 0) {
		mk_log(MK_LOG_ERROR, "alerts-mark-failed", "action=%s uuid=%s code=%d", m->action, uuid, rc);
		web_message(x, 500, "Alerts", m->failed);
		return;
	}
	web_audit(x, m->action, uuid, "");
	snprintf(loc, sizeof loc, "/alerts#%s-%s", m->anchor, uuid);
	web_redirect(x, loc);
}

void web_alert_ack(web_ctx *x)
{
	static const web_mark ack = {
		cstore_alert_ack, "Which alert? Go back and use its Acknowledge button.",
		"There is no such alert (it may have been erased).",
		"The acknowledgement was not saved. Try again.", "acknowledge-alert", "a",
	};
	web_alerts_mark(x, &ack);
}
