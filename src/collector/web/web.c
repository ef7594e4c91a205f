/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's front door: every request that is not for the API comes
 * here. web_handle checks what every page needs before any part runs:
 *
 *   - a live session (the mk_sid cookie), else a redirect to /signin;
 *   - on every POST, the Origin header (when sent) naming this host, and the
 *     session's CSRF token in the form, compared in constant time; either
 *     wrong is 403 before anything changes;
 *
 * then routes by method and path. Sign-in itself and its rate limit are in
 * web_auth.c. Pages are read-only except the acknowledge and sign-out
 * forms and the Content page's (upload, approve, roll out, roll back, ask
 * for a screenshot), which also check the publisher role themselves.
 */
#include "web.h"
#include "web_content.h"
#include "core.h"
#include "crypto.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int hex64(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 64;
}

/* Fills x->user and x->csrf from a live session; 0 or MK_EPERM. */
static int session(web_ctx *x)
{
	const char *sid = creq_cookie(x->r, "mk_sid");
	if (!sid || !hex64(sid))
		return MK_EPERM;
	if (cstore_session_get(x->c->db, sid, x->now, x->user, x->csrf) < 0) {
		x->user[0] = x->csrf[0] = '\0';
		return MK_EPERM;
	}
	return 0;
}

static int csrf_ok(web_ctx *x)
{
	char got[CSTORE_HEX] = "";
	size_t n = strlen(x->csrf);
	if (creq_form(x->r, "csrf", got, sizeof got) < 0 || n != 64 || strlen(got) != n)
		return 0;
	return mkc_equal(got, x->csrf, n);
}

void web_audit(web_ctx *x, const char *action, const char *subject, const char *detail)
{
	if (cstore_audit(x->c->db, x->user, action, subject ? subject : "", detail ? detail : "",
			 x->now) < 0)
		mk_log(MK_LOG_ERROR, "web-audit-failed", "action=%s", action);
}

json_t *web_open_json(web_ctx *x, const char *uuid)
{
	char *plain = NULL;
	size_t n = 0;
	json_t *j;
	if (!x->c->have_keys)
		return NULL;
	if (cstore_open_record(x->c->db, x->c->pk, x->c->sk, uuid, &plain, &n) < 0)
		return NULL;
	j = json_loadb(plain, n, 0, NULL);
	cstore_plain_free(plain, n);
	return j;
}

/* "/a/b/c" after prefix: copies the next segment into seg; the rest. */
static const char *segment(const char *p, char *seg, size_t n)
{
	size_t i = 0;
	while (*p && *p != '/' && i + 1 < n)
		seg[i++] = *p++;
	seg[i] = '\0';
	if (*p && *p != '/')
		seg[0] = '\0'; /* too long: no such thing */
	return p;
}

static void route_photo(web_ctx *x, const char *rest)
{
	char uuid[CSTORE_UUID], part[8];
	rest = segment(rest, uuid, sizeof uuid);
	if (*rest != '/' || strlen(uuid) != 36) {
		web_message(x, 404, "Not found", "There is no such photo.");
		return;
	}
	rest = segment(rest + 1, part, sizeof part);
	if (*rest == '\0' && strcmp(part, "thumb") == 0)
		web_photo(x, uuid, 1);
	else if (*rest == '\0' && strcmp(part, "image") == 0)
		web_photo(x, uuid, 0);
	else
		web_message(x, 404, "Not found", "There is no such photo.");
}

static void route_patient(web_ctx *x, const char *rest)
{
	char code[CSTORE_UUID];
	rest = segment(rest, code, sizeof code);
	if (!code[0])
		web_message(x, 404, "Not found", "There is no such patient.");
	else if (*rest == '\0')
		web_patient(x, code);
	else if (strcmp(rest, "/compare") == 0)
		web_compare(x, code);
	else
		web_message(x, 404, "Not found", "There is no such page.");
}

/* /content/N, /content/N/NAME.png, /content/shots/ID.png */
static void route_content(web_ctx *x, const char *rest)
{
	char seg[24], name[100];
	int64_t v;
	if (strncmp(rest, "shots/", 6) == 0) {
		size_t n = strlen(rest + 6);
		if (n == 36 && strcmp(rest + 6 + 32, ".png") == 0) {
			snprintf(name, sizeof name, "%.32s", rest + 6);
			web_shot_png(x, name);
		} else {
			cresp_text(x->w, 404, NULL, "No such screenshot\n");
		}
		return;
	}
	rest = segment(rest, seg, sizeof seg);
	if (web_version_parse(seg, &v) < 0)
		web_message(x, 404, "Not found", "There is no such content version.");
	else if (*rest == '\0')
		web_content_version(x, v);
	else if (strchr(rest + 1, '/') == NULL && strlen(rest + 1) < sizeof name)
		web_content_png(x, v, rest + 1);
	else
		cresp_text(x->w, 404, NULL, "No such picture\n");
}

static void route_get(web_ctx *x, const char *path)
{
	if (strcmp(path, "/") == 0)
		web_redirect(x, "/alerts");
	else if (strcmp(path, "/alerts") == 0)
		web_alerts(x);
	else if (strcmp(path, "/alerts/events") == 0)
		web_live_events(x);
	else if (strcmp(path, "/patients") == 0)
		web_patients(x);
	else if (strncmp(path, "/patients/", 10) == 0)
		route_patient(x, path + 10);
	else if (strncmp(path, "/photos/", 8) == 0)
		route_photo(x, path + 8);
	else if (strcmp(path, "/kiosks") == 0)
		web_kiosks(x);
	else if (strcmp(path, "/content") == 0)
		web_content(x);
	else if (strncmp(path, "/content/", 9) == 0)
		route_content(x, path + 9);
	else if (strcmp(path, "/audit") == 0)
		web_audit_page(x);
	else if (strcmp(path, "/export") == 0)
		web_export(x);
	else
		web_message(x, 404, "Not found", "There is no such page.");
}

static void route_post(web_ctx *x, const char *path)
{
	if (!web_origin_ok(x) || !csrf_ok(x)) {
		web_message(x, 403, "Refused",
			    "This form has expired or came from another site. Go back, reload "
			    "the page and try again.");
		return;
	}
	if (strcmp(path, "/alerts/ack") == 0)
		web_alert_ack(x);
	else if (strcmp(path, "/calls/answer") == 0)
		web_call_answer(x);
	else if (strcmp(path, "/signout") == 0)
		web_signout(x);
	else if (strcmp(path, "/content/upload") == 0)
		web_content_upload(x);
	else if (strcmp(path, "/content/approve") == 0)
		web_content_approve(x);
	else if (strcmp(path, "/content/rollout") == 0)
		web_content_rollout(x);
	else if (strcmp(path, "/content/rollback") == 0)
		web_content_rollback(x);
	else if (strcmp(path, "/content/shot") == 0)
		web_shot_request(x);
	else
		web_message(x, 404, "Not found", "There is no such page.");
}

/* A picture's address: answered 403, not sent to sign in, when signed out. */
static int is_picture(const char *path)
{
	size_t n = strlen(path);
	return strncmp(path, "/content/", 9) == 0 && n > 4 && strcmp(path + n - 4, ".png") == 0;
}

void web_handle(collector *c, const creq *r, cresp *w)
{
	web_ctx x = { .c = c, .r = r, .w = w };
	const char *method = creq_method(r), *path = creq_path(r);
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	int post = strcmp(method, "POST") == 0;

	x.now = c->now ? c->now() : (int64_t)time(NULL);
	if (strcmp(path, "/style.css") == 0 && get) {
		cresp_text(w, 200, "text/css; charset=utf-8", web_css);
		return;
	}
	if (strcmp(path, "/live.js") == 0 && get) {
		cresp_text(w, 200, "text/javascript; charset=utf-8", web_live_js);
		return;
	}
	if (strcmp(path, "/favicon.ico") == 0) {
		cresp_text(w, 404, NULL, "No icon\n");
		return;
	}
	if (strcmp(path, "/signin") == 0 && (get || post)) {
		web_signin(&x);
		return;
	}
	if (!get && !post) {
		cresp_header(w, "Allow", "GET, POST");
		cresp_text(w, 405, NULL, "Method not allowed\n");
		return;
	}
	if (session(&x) < 0) {
		if (get && strncmp(path, "/photos/", 8) != 0 && !is_picture(path))
			web_redirect(&x, "/signin");
		else if (get)
			cresp_text(w, 403, NULL, "Sign in first\n");
		else
			web_message(&x, 403, "Refused", "You are not signed in, or your session ended.");
		return;
	}
	if (get)
		route_get(&x, path);
	else
		route_post(&x, path);
}
