/* SPDX-License-Identifier: MIT */
/*
 * Kiosks: every kiosk's health as its last heartbeat told it — last seen,
 * versions, the outbox queue, free disk, uptime, last successful upload —
 * and its recent operational events. A kiosk silent for WEB_STALE_SECONDS
 * or more is marked in words ("Not seen for 12 minutes") with a warning
 * sign and a tinted card, so it is not told by colour alone.
 */
#include "web.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define KIOSKS_MAX 500
#define EVENTS_MAX 8

static void fact(wbuf *b, const char *name, const char *value)
{
	wb_raw(b, "<dt>");
	wb_esc(b, name);
	wb_raw(b, "</dt><dd>");
	wb_esc(b, value);
	wb_raw(b, "</dd>");
}

static void events(wbuf *b, web_ctx *x, const char *id)
{
	cstore_event ev[EVENTS_MAX];
	int n = 0;
	char s[32];
	if (cstore_events(x->c->db, id, ev, EVENTS_MAX, &n) < 0) {
		wb_raw(b, "<p class=\"muted\">Its events could not be read.</p>");
		return;
	}
	if (n == 0) {
		wb_raw(b, "<p class=\"muted\">No recent events.</p>");
		return;
	}
	wb_raw(b, "<div class=\"scroll\"><table><thead><tr><th>When</th><th>Level</th><th>Event</th>"
		  "<th>Detail</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		int bad = strcmp(ev[i].level, "info") != 0;
		web_time(s, ev[i].at);
		wb_raw(b, "<tr><td>");
		wb_esc(b, s);
		wb_raw(b, bad ? "</td><td class=\"warn\">" : "</td><td>");
		wb_esc(b, ev[i].level);
		wb_raw(b, "</td><td>");
		wb_esc(b, ev[i].event);
		wb_raw(b, "</td><td>");
		wb_esc(b, ev[i].detail);
		wb_raw(b, "</td></tr>");
	}
	wb_raw(b, "</tbody></table></div>");
}

static void kiosk_card(wbuf *b, web_ctx *x, const cstore_kiosk *k)
{
	int64_t silent = x->now - k->last_seen;
	int stale = k->last_seen == 0 || silent >= WEB_STALE_SECONDS;
	char s[32], t[64];
	wb_raw(b, stale ? "<section class=\"card alert open call\" id=\"k-"
			: "<section class=\"card alert\" id=\"k-");
	wb_esc(b, k->id);
	wb_raw(b, "\"><div class=\"head\"><span class=\"code\">");
	wb_esc(b, k->label[0] ? k->label : k->id);
	wb_raw(b, "</span>");
	if (k->label[0]) {
		wb_raw(b, "<span class=\"muted\">");
		wb_esc(b, k->id);
		wb_raw(b, "</span>");
	}
	if (k->last_seen == 0) {
		wb_raw(b, "<span class=\"warn\">Never seen</span>");
	} else if (stale) {
		web_span(s, silent);
		wb_raw(b, "<span class=\"warn\">Not seen for ");
		wb_esc(b, s);
		wb_raw(b, "</span>");
	} else {
		wb_raw(b, "<span class=\"acked\">Online</span>");
	}
	wb_raw(b, "</div><dl class=\"facts\">");
	web_time(s, k->last_seen);
	fact(b, "Last seen", s);
	if (k->version[0]) {
		fact(b, "Version", k->version);
		fact(b, "Content version", k->content_version[0] ? k->content_version : "unknown");
		snprintf(t, sizeof t, "%d waiting, %d set aside", k->queue_waiting, k->queue_set_aside);
		fact(b, "Queue", t);
		web_size(s, k->free_disk);
		fact(b, "Free disk", s);
		web_span(s, k->uptime);
		fact(b, "Uptime", s);
		web_time(s, k->last_success);
		fact(b, "Last upload", s);
	} else {
		fact(b, "Health", "no heartbeat received yet");
	}
	snprintf(t, sizeof t, "%lld", (long long)k->records);
	fact(b, "Records received", t);
	wb_raw(b, "</dl>");
	if (k->queue_set_aside > 0)
		wb_raw(b, "<p class=\"warn\">Some records were set aside on this kiosk: see its staff "
			  "mode.</p>");
	wb_raw(b, "<h3>Recent events</h3>");
	events(b, x, k->id);
	wb_raw(b, "</section>\n");
}

void web_kiosks(web_ctx *x)
{
	cstore_kiosk *k = calloc(KIOSKS_MAX, sizeof *k);
	int n = 0, stale = 0;
	wbuf b = { 0 };
	if (!k || cstore_kiosks(x->c->db, k, KIOSKS_MAX, &n) < 0) {
		free(k);
		web_message(x, 500, "Kiosks", "The kiosk list could not be read.");
		return;
	}
	for (int i = 0; i < n; i++)
		stale += k[i].last_seen == 0 || x->now - k[i].last_seen >= WEB_STALE_SECONDS;
	web_page_begin(&b, x, "Kiosks", "kiosks");
	if (n == 0)
		wb_raw(&b, "<p class=\"message\">No kiosk yet: add one with "
			   "<code>mesokiosk-collector add-kiosk</code>.</p>");
	else if (stale && n == 1)
		wb_fmt(&b, "<p class=\"warn\">The kiosk has not been seen for %d minutes or more.</p>\n",
		       WEB_STALE_SECONDS / 60);
	else if (stale)
		wb_fmt(&b, "<p class=\"warn\">%d of %d kiosks not seen for %d minutes or more.</p>\n",
		       stale, n, WEB_STALE_SECONDS / 60);
	else if (n == 1)
		wb_fmt(&b, "<p>The kiosk was seen in the last %d minutes.</p>\n", WEB_STALE_SECONDS / 60);
	else
		wb_fmt(&b, "<p>All %d kiosks seen in the last %d minutes.</p>\n", n,
		       WEB_STALE_SECONDS / 60);
	for (int i = 0; i < n; i++)
		kiosk_card(&b, x, &k[i]);
	web_page_end(&b);
	free(k);
	web_send(x, &b, 200);
}
