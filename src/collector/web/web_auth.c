/* SPDX-License-Identifier: MIT */
/*
 * Signing in and out of the dashboard.
 *
 * The sign-in form has no session yet, so its CSRF token is a double-submit
 * one: GET /signin sets a random mk_pre cookie (SameSite=Strict, path
 * /signin) and puts the same value in the form; the POST must carry both,
 * equal. Failures are throttled in the database (cstore_throttle.c), per
 * user name and per address apart: a few failures for one account slow
 * down that account only, and an address (a clinic's staff behind one NAT)
 * may fail many more times before its attempts wait; the waits grow (1 s,
 * 2, 4 ... up to 15 minutes) rather than lock anyone out, and a right
 * password takes its attempt back. A success gives the mk_sid cookie:
 * HttpOnly, SameSite=Strict, Path=/, and Secure unless the collector
 * serves plain HTTP that no HTTPS proxy fronts (no --https-proxy) or runs
 * with --insecure-cookies (tests).
 */
#include "web.h"
#include "core.h"
#include "crypto.h"

#include <string.h>

#define PRE_HEX 33

/* ---- Throttles: one for the account, one for the address */

static const cstore_throttle RULES[2] = {
	{ WEB_SIGNIN_USER_FREE, WEB_SIGNIN_MAX_WAIT, WEB_SIGNIN_FORGET },
	{ WEB_SIGNIN_IP_FREE, WEB_SIGNIN_MAX_WAIT, WEB_SIGNIN_FORGET },
};

static void keys(const web_ctx *x, const char *name, char user[64], char ip[80])
{
	snprintf(user, 64, "user:%s", name);
	snprintf(ip, 80, "ip:%s", creq_ip(x->r) ? creq_ip(x->r) : "?");
}

/* ---- Checks */

static int name_ok(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '_' || s[i] == '-'))
			return 0;
	return i > 0 && i < CSTORE_ID;
}

/* Where a POST came from, when the browser says: Sec-Fetch-Site must not
 * be cross-site, and Origin must name this host. Origin "null" is what a
 * browser sends under our Referrer-Policy no-referrer, so it tells nothing
 * and the CSRF token alone decides. */
int web_origin_ok(web_ctx *x)
{
	const char *origin = creq_header(x->r, "Origin");
	const char *host = creq_header(x->r, "Host");
	const char *site = creq_header(x->r, "Sec-Fetch-Site");
	const char *p;
	if (site && strcmp(site, "cross-site") == 0)
		return 0;
	if (!origin || strcmp(origin, "null") == 0)
		return 1;
	if (!host)
		return 0;
	if (strncmp(origin, "https://", 8) == 0)
		p = origin + 8;
	else if (strncmp(origin, "http://", 7) == 0)
		p = origin + 7;
	else
		return 0;
	return strcmp(p, host) == 0;
}

static int pre_ok(web_ctx *x)
{
	const char *cookie = creq_cookie(x->r, "mk_pre");
	char got[PRE_HEX] = "";
	if (!cookie || strlen(cookie) != PRE_HEX - 1)
		return 0;
	if (creq_form(x->r, "pre", got, sizeof got) < 0 || strlen(got) != PRE_HEX - 1)
		return 0;
	return mkc_equal(got, cookie, PRE_HEX - 1);
}

static void set_cookie(web_ctx *x, const char *name, const char *value, const char *path,
		       int max_age)
{
	char v[256];
	int k = snprintf(v, sizeof v, "%s=%s; HttpOnly; SameSite=Strict; Path=%s%s", name, value,
			 path, x->c->insecure_cookies ? "" : "; Secure");
	if (max_age >= 0 && k > 0 && (size_t)k < sizeof v)
		snprintf(v + k, sizeof v - (size_t)k, "; Max-Age=%d", max_age);
	cresp_header(x->w, "Set-Cookie", v);
}

/* ---- Pages */

static void signin_form(web_ctx *x, int status, const char *name, const char *problem)
{
	uint8_t rnd[16];
	char pre[PRE_HEX];
	const char *had = creq_cookie(x->r, "mk_pre");
	wbuf b = { 0 };
	/* Keep a token the browser already holds: a second GET /signin (another
	 * tab, a redirected favicon) must not make the first form stale. */
	if (had && strlen(had) == PRE_HEX - 1 && strspn(had, "0123456789abcdef") == PRE_HEX - 1) {
		memcpy(pre, had, PRE_HEX);
	} else {
		mkc_random(rnd, sizeof rnd);
		mkc_hex(pre, rnd, sizeof rnd);
	}
	set_cookie(x, "mk_pre", pre, "/signin", 3600);
	web_page_begin(&b, x, "Sign in", NULL);
	if (problem) {
		wb_raw(&b, "<p class=\"problem\" role=\"alert\">");
		wb_esc(&b, problem);
		wb_raw(&b, "</p>");
	}
	wb_raw(&b, "<form class=\"signin\" method=\"post\" action=\"/signin\">"
		   "<input type=\"hidden\" name=\"pre\" value=\"");
	wb_esc(&b, pre);
	wb_raw(&b, "\"><label for=\"name\">User name</label>"
		   "<input id=\"name\" name=\"name\" autocomplete=\"username\" autocapitalize=\"none\" "
		   "required value=\"");
	wb_esc(&b, name ? name : "");
	wb_raw(&b, "\"><label for=\"password\">Password</label>"
		   "<input id=\"password\" name=\"password\" type=\"password\" "
		   "autocomplete=\"current-password\" required>"
		   "<button type=\"submit\">Sign in</button></form>");
	web_page_end(&b);
	web_send(x, &b, status);
}

static void too_many(web_ctx *x, int64_t wait)
{
	char msg[120], secs[24];
	if (wait < 60)
		snprintf(msg, sizeof msg, "Too many attempts, try again in %lld second%s.",
			 (long long)wait, wait == 1 ? "" : "s");
	else
		snprintf(msg, sizeof msg, "Too many attempts, try again in %lld minutes.",
			 (long long)((wait + 59) / 60));
	snprintf(secs, sizeof secs, "%lld", (long long)wait);
	cresp_header(x->w, "Retry-After", secs);
	web_message(x, 429, "Sign in", msg);
}

static void signin_post(web_ctx *x)
{
	char name[CSTORE_ID + 1] = "", pw[256] = "", kuser[64], kip[80];
	char sid[CSTORE_HEX], csrf[CSTORE_HEX];
	int64_t wait = 0;
	int ok;

	if (!web_origin_ok(x) || !pre_ok(x)) {
		web_message(x, 403, "Refused", "This sign-in form has expired. Reload the page "
			    "and try again.");
		return;
	}
	if (creq_form(x->r, "name", name, sizeof name) < 0)
		name[0] = '\0';
	if (creq_form(x->r, "password", pw, sizeof pw) < 0)
		pw[0] = '\0';
	keys(x, name_ok(name) ? name : "?", kuser, kip);

	/* The attempt counts as a failure from the start, so attempts made at
	 * once cannot all pass the check; a success takes it back. */
	const char *const both[2] = { kuser, kip };
	if (cstore_throttle_claim(x->c->db, both, RULES, 2, x->now, &wait) != 0) {
		mkc_wipe(pw, sizeof pw);
		char q[200];
		mk_log(MK_LOG_ERROR, "signin-throttle-failed", "msg=%s",
		       mk_log_quote(q, sizeof q, mk_err_msg()));
		web_message(x, 503, "Sign in", "The collector cannot check sign-ins right now. "
			    "Try again in a minute.");
		return;
	}
	if (wait > 0) {
		mkc_wipe(pw, sizeof pw);
		too_many(x, wait);
		return;
	}

	ok = name_ok(name) && cstore_user_check(x->c->db, name, pw) == 0;
	mkc_wipe(pw, sizeof pw);
	if (ok) {
		if (cstore_throttle_undo(x->c->db, kuser, 1) != 0 ||
		    cstore_throttle_undo(x->c->db, kip, 0) != 0) {
			char q[200];
			mk_log(MK_LOG_WARN, "signin-throttle-failed", "msg=%s",
			       mk_log_quote(q, sizeof q, mk_err_msg()));
		}
	} else {
		snprintf(x->user, sizeof x->user, "%.*s", CSTORE_ID - 1, name_ok(name) ? name : "unknown");
		web_audit(x, "sign-in-failed", "", creq_ip(x->r));
		x->user[0] = '\0';
		signin_form(x, 401, name_ok(name) ? name : "", "Wrong user name or password.");
		return;
	}
	if (cstore_session_new(x->c->db, name, x->now, sid, csrf) < 0) {
		web_message(x, 500, "Sign in", "The collector could not start a session.");
		return;
	}
	snprintf(x->user, sizeof x->user, "%.*s", CSTORE_ID - 1, name);
	web_audit(x, "sign-in", "", creq_ip(x->r));
	set_cookie(x, "mk_sid", sid, "/", -1);
	set_cookie(x, "mk_pre", "", "/signin", 0);
	mkc_wipe(sid, sizeof sid);
	web_redirect(x, "/alerts");
}

void web_signin(web_ctx *x)
{
	if (strcmp(creq_method(x->r), "POST") == 0) {
		signin_post(x);
		return;
	}
	signin_form(x, 200, NULL, NULL);
}

void web_signout(web_ctx *x)
{
	const char *sid = creq_cookie(x->r, "mk_sid");
	if (sid)
		cstore_session_end(x->c->db, sid);
	web_audit(x, "sign-out", "", "");
	set_cookie(x, "mk_sid", "", "/", 0);
	web_redirect(x, "/signin");
}
