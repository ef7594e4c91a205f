/* SPDX-License-Identifier: MIT */
/*
 * The audit log, newest first: who signed in, viewed a patient or a photo,
 * acknowledged an alert or exported what, and what kiosks asked (erasures).
 * Rows hold no health content by construction (see cstore_audit), so the
 * page shows them as they are, escaped.
 */
#include "web.h"
#include "core.h"

#include <stdlib.h>

#define AUDIT_MAX 1000

void web_audit_page(web_ctx *x)
{
	cstore_audit_row *a = calloc(AUDIT_MAX, sizeof *a);
	int n = 0;
	char s[32];
	wbuf b = { 0 };
	if (!a || cstore_audit_list(x->c->db, a, AUDIT_MAX, &n) < 0) {
		free(a);
		web_message(x, 500, "Audit log", "The audit log could not be read.");
		return;
	}
	web_page_begin(&b, x, "Audit log", "audit");
	wb_fmt(&b, "<p>The newest %d entries, newest first.</p>\n", n);
	wb_raw(&b, "<div class=\"scroll\"><table><thead><tr><th>When</th><th>Who</th><th>What</th>"
		   "<th>Subject</th><th>Detail</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		web_time(s, a[i].at);
		wb_raw(&b, "<tr><td>");
		wb_esc(&b, s);
		wb_raw(&b, "</td><td>");
		wb_esc(&b, a[i].actor);
		wb_raw(&b, "</td><td>");
		wb_esc(&b, a[i].action);
		wb_raw(&b, "</td><td>");
		wb_esc(&b, a[i].subject);
		wb_raw(&b, "</td><td>");
		wb_esc(&b, a[i].detail);
		wb_raw(&b, "</td></tr>\n");
	}
	wb_raw(&b, "</tbody></table></div>");
	web_page_end(&b);
	free(a);
	web_send(x, &b, 200);
}
