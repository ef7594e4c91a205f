/* SPDX-License-Identifier: MIT */
/*
 * Calls for a member of staff, at the top of the alerts page: a patient on
 * a kiosk's red-flag screen asked for someone to come. Every call not yet
 * answered stands first, marked as such in words as well as colour, with
 * the kiosk, the time, the patient's code when one was signed in, and a
 * "Mark answered" button that records who and when (and the audit log);
 * calls answered in the last day follow, with who answered them. The cards
 * are alert cards (article.alert, open while unanswered), so the live
 * page (web_live.c) swaps them in, sounds its tone and raises its
 * notification for a new call exactly as for a new alert.
 */
#include "web.h"
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALLS_MAX 100
#define CALLS_ANSWERED_S 86400 /* answered calls stay on the page this long */

static void call_card(wbuf *b, web_ctx *x, const cstore_call *c, const cstore_kiosk *k, int nk)
{
	int open = c->answered_at == 0;
	char when[32];
	web_time(when, c->created_at);
	wb_fmt(b, "<article class=\"card alert%s staff-call\" id=\"c-", open ? " open" : "");
	wb_esc(b, c->uuid);
	wb_raw(b, "\"><div class=\"head\">");
	if (open)
		wb_raw(b, "<span class=\"badge new\">Not answered</span>");
	wb_raw(b, "<span class=\"badge staff\">Staff needed at the kiosk</span>");
	if (c->patient_code[0]) {
		wb_raw(b, "<a class=\"code\" href=\"/patients/");
		wb_url(b, c->patient_code);
		wb_raw(b, "\">");
		wb_esc(b, c->patient_code);
		wb_raw(b, "</a>");
	}
	wb_raw(b, "<span>");
	wb_esc(b, when);
	wb_raw(b, "</span></div><dl class=\"facts\"><dt>Kiosk</dt><dd>");
	web_kiosk_name(b, k, nk, c->kiosk);
	wb_raw(b, "</dd><dt>Patient</dt><dd>");
	if (c->patient_code[0])
		wb_esc(b, c->patient_code);
	else
		wb_raw(b, "<span class=\"muted\">nobody was signed in</span>");
	wb_raw(b, "</dd></dl>");
	if (open) {
		wb_raw(b, "<form method=\"post\" action=\"/calls/answer\">");
		web_csrf_field(b, x);
		wb_raw(b, "<input type=\"hidden\" name=\"uuid\" value=\"");
		wb_esc(b, c->uuid);
		wb_raw(b, "\"><button type=\"submit\">Mark answered</button></form>");
	} else {
		web_time(when, c->answered_at);
		wb_raw(b, "<p class=\"acked\">Answered by <strong>");
		wb_esc(b, c->answered_by);
		wb_raw(b, "</strong> at ");
		wb_esc(b, when);
		wb_raw(b, "</p>");
	}
	wb_raw(b, "</article>\n");
}

int web_calls_section(wbuf *b, web_ctx *x, const cstore_kiosk *k, int nk)
{
	cstore_call *c = calloc(CALLS_MAX, sizeof *c);
	int n = 0, open = 0;
	if (!c || cstore_calls(x->c->db, x->now - CALLS_ANSWERED_S, c, CALLS_MAX, &n) < 0) {
		free(c);
		return -1;
	}
	for (int i = 0; i < n; i++)
		open += c[i].answered_at == 0;
	if (open)
		wb_fmt(b, "<h2>Staff needed at a kiosk: %d call%s not answered</h2>\n", open,
		       open == 1 ? "" : "s");
	else if (n)
		wb_raw(b, "<h2>Calls for staff answered today</h2>\n");
	for (int i = 0; i < n; i++)
		call_card(b, x, &c[i], k, nk);
	free(c);
	return 0;
}

void web_call_answer(web_ctx *x)
{
	static const web_mark answer = {
		cstore_call_answer, "Which call? Go back and use its Mark answered button.",
		"There is no such call.", "The answer was not saved. Try again.", "answer-staff-call", "c",
	};
	web_alerts_mark(x, &answer);
}
