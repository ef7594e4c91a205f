/* SPDX-License-Identifier: MIT */
/*
 * Signing in and out of the dashboard.
 *
 * The sign-in form has no session yet, so its CSRF token is a double-submit
 * one: GET /signin sets a random mk_pre cookie (SameSite=Strict, path
 * /signin) and puts the same value in the form; the POST must carry both,
 * equal. Failures are counted in memory (collector.fails, under its lock)
 * per address and per user name; WEB_SIGNIN_FAILS of either within
 * WEB_SIGNIN_WINDOW refuse every attempt, right password or not, until the
 * oldest of them is out of the window. The password is checked outside the
 * lock (Argon2id is slow on purpose). A success gives the mk_sid cookie:
 * HttpOnly, SameSite=Strict, Path=/, Secure unless the collector runs
 * behind plain HTTP for tests.
 */
#include "web.h"
#include "core.h"

#include <sodium.h>
#include <string.h>

#define PRE_HEX 33

/* ---- Failure counts (caller holds c->lock) */

static web_fail *fail_find(collector *c, const char *key, int create)
{
	web_fail *spare = NULL;
	int n = (int)(sizeof c->fails / sizeof c->fails[0]);
	for (int i = 0; i < n; i++) {
		web_fail *f = &c->fails[i];
		if (f->n > 0 && strcmp(f->key, key) == 0)
			return f;
		/* Reuse an empty slot, else the one whose last failure is oldest. */
		if (f->n == 0) {
			if (!spare || spare->n > 0)
				spare = f;
		} else if (!spare || (spare->n > 0 && f->times[f->n - 1] < spare->times[spare->n - 1])) {
			spare = f;
		}
	}
	if (!create)
		return NULL;
	memset(spare, 0, sizeof *spare);
	snprintf(spare->key, sizeof spare->key, "%s", key);
	return spare;
}

/* Drops failures older than the window. */
static void fail_expire(web_fail *f, int64_t now)
{
	int k = 0;
	for (int i = 0; i < f->n; i++)
		if (f->times[i] > now - WEB_SIGNIN_WINDOW)
			f->times[k++] = f->times[i];
	f->n = k;
}

/* Seconds until key may try again; 0 when it may now. */
static int64_t fail_wait(collector *c, const char *key, int64_t now)
{
	web_fail *f = fail_find(c, key, 0);
	if (!f)
		return 0;
	fail_expire(f, now);
	if (f->n < WEB_SIGNIN_FAILS)
		return 0;
	return f->times[0] + WEB_SIGNIN_WINDOW - now;
}

static void fail_add(collector *c, const char *key, int64_t now)
{
	web_fail *f = fail_find(c, key, 1);
	fail_expire(f, now);
	if (f->n == WEB_SIGNIN_FAILS) {
		memmove(f->times, f->times + 1, sizeof f->times[0] * (WEB_SIGNIN_FAILS - 1));
		f->n--;
	}
	f->times[f->n++] = now;
}

/* Takes back the failure fail_add counted at `at` for an attempt that
 * turned out right. */
static void fail_undo(collector *c, const char *key, int64_t at)
{
	web_fail *f = fail_find(c, key, 0);
	for (int i = f ? f->n - 1 : -1; i >= 0; i--) {
		if (f->times[i] == at) {
			memmove(f->times + i, f->times + i + 1, sizeof f->times[0] * (size_t)(f->n - 1 - i));
			f->n--;
			return;
		}
	}
}

static void keys(const web_ctx *x, const char *name, char ip[64], char user[64])
{
	snprintf(ip, 64, "ip:%s", creq_ip(x->r) ? creq_ip(x->r) : "?");
	snprintf(user, 64, "user:%s", name);
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
	return sodium_memcmp(got, cookie, PRE_HEX - 1) == 0;
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
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(pre, sizeof pre, rnd, sizeof rnd);
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

static void signin_post(web_ctx *x)
{
	char name[CSTORE_ID + 1] = "", pw[256] = "", kip[64], kuser[64];
	char sid[CSTORE_HEX], csrf[CSTORE_HEX];
	int64_t wait;
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
	keys(x, name_ok(name) ? name : "?", kip, kuser);

	/* The attempt counts as a failure from the start, so attempts made at
	 * once cannot all pass the check; a success takes it back. */
	pthread_mutex_lock(&x->c->lock);
	wait = fail_wait(x->c, kip, x->now);
	if (fail_wait(x->c, kuser, x->now) > wait)
		wait = fail_wait(x->c, kuser, x->now);
	if (wait <= 0) {
		fail_add(x->c, kip, x->now);
		fail_add(x->c, kuser, x->now);
	}
	pthread_mutex_unlock(&x->c->lock);
	if (wait > 0) {
		char msg[96], secs[24];
		snprintf(msg, sizeof msg, "Too many attempts, try again in %lld minutes.",
			 (long long)((wait + 59) / 60));
		snprintf(secs, sizeof secs, "%lld", (long long)wait);
		sodium_memzero(pw, sizeof pw);
		cresp_header(x->w, "Retry-After", secs);
		web_message(x, 429, "Sign in", msg);
		return;
	}

	ok = name_ok(name) && cstore_user_check(x->c->db, name, pw) == 0;
	sodium_memzero(pw, sizeof pw);
	if (ok) {
		pthread_mutex_lock(&x->c->lock);
		fail_undo(x->c, kip, x->now);
		fail_undo(x->c, kuser, x->now);
		pthread_mutex_unlock(&x->c->lock);
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
	sodium_memzero(sid, sizeof sid);
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
