/* SPDX-License-Identifier: MIT */
/*
 * Remote screenshots on the Content page: a publisher asks for one
 * (POST /content/shot); the kiosk learns of it in its next heartbeat's
 * answer and sends the picture of its attract or education screen, or
 * its refusal (a patient is signed in, staff mode is open); the page
 * shows whichever came, and refreshes itself while one is awaited.
 * Pictures are served by web_content_png.c.
 */
#include "web_content.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define SHOTS_SHOWN 12
#define SHOT_WAIT (10 * 60) /* an unanswered request older than this is not awaited */

static void kiosk_name(wbuf *b, const cstore_kiosk_content *k, int nk, const char *id)
{
	for (int i = 0; i < nk; i++)
		if (!strcmp(k[i].kiosk, id) && k[i].label[0]) {
			wb_esc(b, k[i].label);
			return;
		}
	wb_esc(b, id);
}

int web_shots_waiting(web_ctx *x)
{
	cstore_shot s[SHOTS_SHOWN];
	int n = 0;
	if (cstore_shots(x->c->db, s, SHOTS_SHOWN, &n) < 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (!s[i].answered_at && x->now - s[i].asked_at < SHOT_WAIT)
			return 1;
	return 0;
}

static void shot_form(wbuf *b, web_ctx *x, const cstore_kiosk_content *k, int nk)
{
	if (nk == 0)
		return;
	wb_raw(b, "<form class=\"inline\" method=\"post\" action=\"/content/shot\">");
	web_csrf_field(b, x);
	wb_raw(b, "<div><label for=\"shot-kiosk\">Kiosk</label><select id=\"shot-kiosk\" "
		  "name=\"kiosk\">");
	web_kiosk_options(b, k, nk);
	wb_raw(b, "</select></div><button type=\"submit\">Take a screenshot</button></form>");
}

static void shot_card(wbuf *b, web_ctx *x, const cstore_shot *s, const cstore_kiosk_content *k,
		      int nk)
{
	char t[32];
	web_time(t, s->asked_at);
	wb_raw(b, "<figure class=\"shot\"><figcaption><strong>");
	kiosk_name(b, k, nk, s->kiosk);
	wb_raw(b, "</strong><br>asked by ");
	wb_esc(b, s->by);
	wb_raw(b, ", <time>");
	wb_esc(b, t);
	wb_raw(b, "</time><br>");
	if (s->answered_at && !s->refused[0]) {
		wb_raw(b, "</figcaption><a href=\"/content/shots/");
		wb_url(b, s->id);
		wb_raw(b, ".png\"><img src=\"/content/shots/");
		wb_url(b, s->id);
		wb_raw(b, ".png\" alt=\"The screen of ");
		kiosk_name(b, k, nk, s->kiosk);
		wb_raw(b, "\"></a>");
	} else if (s->answered_at) {
		wb_raw(b, "<span class=\"warn\">The kiosk refused: ");
		wb_esc(b, s->refused);
		wb_raw(b, "</span></figcaption>");
	} else if (x->now - s->asked_at < SHOT_WAIT) {
		wb_raw(b, "<span class=\"muted\">Waiting for the kiosk's next heartbeat…</span>"
			  "</figcaption>");
	} else {
		wb_raw(b, "<span class=\"warn\">No answer: the kiosk may be off or offline.</span>"
			  "</figcaption>");
	}
	wb_raw(b, "</figure>");
}

void web_kiosk_options(wbuf *b, const cstore_kiosk_content *k, int nk)
{
	for (int i = 0; i < nk; i++) {
		wb_raw(b, "<option value=\"");
		wb_esc(b, k[i].kiosk);
		wb_raw(b, "\">");
		wb_esc(b, k[i].label[0] ? k[i].label : k[i].kiosk);
		wb_raw(b, "</option>");
	}
}

void web_shots_section(wbuf *b, web_ctx *x, const cstore_kiosk_content *k, int nk, int may)
{
	cstore_shot s[SHOTS_SHOWN];
	int n = 0;
	wb_raw(b, "<h2 id=\"screenshots\">Screenshots</h2><p>See what a kiosk's screen shows now. "
		  "A kiosk sends only its attract and education screens: while a patient is "
		  "signed in or staff mode is open it refuses.</p>");
	if (may)
		shot_form(b, x, k, nk);
	if (cstore_shots(x->c->db, s, SHOTS_SHOWN, &n) < 0) {
		wb_raw(b, "<p class=\"warn\">The screenshots could not be read.</p>");
		return;
	}
	if (n == 0) {
		wb_raw(b, "<p class=\"muted\">No screenshot asked for yet.</p>");
		return;
	}
	wb_raw(b, "<div class=\"shots\">");
	for (int i = 0; i < n; i++)
		shot_card(b, x, &s[i], k, nk);
	wb_raw(b, "</div>\n");
}

void web_shot_request(web_ctx *x)
{
	char kiosk[CSTORE_ID] = "", id[33];
	int rc;
	if (!web_publisher(x)) {
		web_message(x, 403, "Refused", "Only a publisher may ask a kiosk for a screenshot.");
		return;
	}
	if (creq_form(x->r, "kiosk", kiosk, sizeof kiosk) < 0 || !kiosk[0]) {
		web_message(x, 400, "Screenshot", "Choose a kiosk.");
		return;
	}
	rc = cstore_shot_request(x->c->db, kiosk, x->user, x->now, id);
	if (rc < 0) {
		if (rc != MK_ENOTFOUND)
			web_content_log("content-screenshot-failed");
		web_message(x, rc == MK_ENOTFOUND ? 404 : 500, "Screenshot",
			    rc == MK_ENOTFOUND ? "There is no such kiosk."
					       : "The request could not be stored.");
		return;
	}
	web_audit(x, "request-screenshot", kiosk, id);
	web_redirect(x, "/content#screenshots");
}
