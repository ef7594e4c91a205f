/* SPDX-License-Identifier: MIT */
/*
 * The kiosk API (README, "Collector API"), version 1: authentication and
 * routing. Every request under /api/ must carry a kiosk's bearer token
 * before anything else is looked at — an unknown path gets 401 too, so the
 * API shows nothing to a stranger — and a request that passes marks the
 * kiosk seen. Then one route per file: records (api_records.c), photo files
 * (api_photo.c), heartbeats (api_heartbeat.c), content and package bundles
 * (api_content.c) and screenshots (api_shot.c).
 *
 * Each request leaves one log line: method, path, status, kiosk and, for a
 * batch, how many records went where. Never what the records hold.
 */
#include "api_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PHOTOS "/api/v1/photos/"
#define CONTENT "/api/v1/content/"
#define PACKAGE "/api/v1/package/"
#define SHOT "/api/v1/screenshot/"

void api_json(cresp *w, int status, json_t *j)
{
	size_t n = j ? json_dumpb(j, NULL, 0, JSON_COMPACT) : 0;
	uint8_t *buf = n ? malloc(n + 1) : NULL;
	if (!buf || json_dumpb(j, (char *)buf, n, JSON_COMPACT) != n) {
		free(buf);
		json_decref(j);
		cresp_text(w, 500, "application/json", "{\"error\":\"out of memory\"}");
		return;
	}
	buf[n] = 0;
	json_decref(j);
	cresp_take(w, status, "application/json", buf, n);
}

void api_error(cresp *w, int status, const char *msg)
{
	api_json(w, status, json_pack("{s:s}", "error", msg));
}

int api_uuid_ok(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
			return 0;
	}
	return 1;
}

int api_sha256_ok(const char *s, char out[CSTORE_HEX])
{
	if (!s || strlen(s) != 64 || strspn(s, "0123456789abcdefABCDEF") != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a' : s[i]);
	out[64] = 0;
	return 1;
}

int api_whole(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*out = json_integer_value(v);
	return 0;
}

int api_str(json_t *v, char *out, size_t n, int trunc)
{
	out[0] = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (len >= n) {
		if (!trunc)
			return -1;
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--; /* do not cut a character in two */
	}
	if (memchr(s, 0, len))
		return -1;
	memcpy(out, s, len);
	out[len] = 0;
	return 0;
}

/* 0 and the kiosk's id when the bearer token is right, else MK_EPERM or
 * the database's failure. */
static int token_check(collector *c, const creq *r, char id[CSTORE_ID])
{
	const char *auth = creq_header(r, "Authorization");
	if (!auth || strncasecmp(auth, "Bearer ", 7))
		return MK_EPERM;
	auth += 7;
	auth += strspn(auth, " ");
	return strlen(auth) < CSTORE_TOKEN ? cstore_kiosk_auth(c->db, auth, id) : MK_EPERM;
}

int api_admit(collector *c, const creq *r, char id[CSTORE_ID])
{
	return token_check(c, r, id);
}

/* The kiosk's id when the bearer token is right (checked once, on the
 * headers, by the admission: collector.c); else answers w (401 or 500)
 * and returns -1. */
static int authenticate(collector *c, const creq *r, cresp *w, char id[CSTORE_ID])
{
	const char *holder = creq_holder(r);
	int rc;
	if (!strncmp(holder, "kiosk:", 6) && strlen(holder + 6) < CSTORE_ID) {
		snprintf(id, CSTORE_ID, "%s", holder + 6);
		return 0;
	}
	if ((rc = token_check(c, r, id)) == 0)
		return 0;
	snprintf(id, CSTORE_ID, "-");
	if (rc == MK_EPERM) {
		cresp_header(w, "WWW-Authenticate", "Bearer realm=\"mesokiosk-collector\"");
		api_error(w, 401, "a kiosk token is needed: Authorization: Bearer KIOSK-ID.SECRET");
	} else {
		mk_log(MK_LOG_ERROR, "api-auth-failed", "rc=%d", rc);
		api_error(w, 500, "the collector cannot check tokens right now");
	}
	return -1;
}

static void wrong_method(cresp *w, const char *allow)
{
	cresp_header(w, "Allow", allow);
	api_error(w, 405, "this address does not take that method");
}

static void route(collector *c, const char *kiosk, const creq *r, cresp *w, api_counts *n)
{
	const char *p = creq_path(r), *m = creq_method(r);
	if (!strcmp(p, "/api/v1/records")) {
		if (strcmp(m, "POST"))
			return wrong_method(w, "POST");
		return api_records(c, kiosk, r, w, n);
	}
	if (!strcmp(p, "/api/v1/heartbeat")) {
		if (strcmp(m, "POST"))
			return wrong_method(w, "POST");
		return api_heartbeat(c, kiosk, r, w);
	}
	if (!strncmp(p, PHOTOS, strlen(PHOTOS)) && api_uuid_ok(p + strlen(PHOTOS))) {
		if (strcmp(m, "PUT"))
			return wrong_method(w, "PUT");
		return api_photo(c, kiosk, p + strlen(PHOTOS), r, w);
	}
	if (!strncmp(p, CONTENT, strlen(CONTENT))) {
		if (strcmp(m, "GET"))
			return wrong_method(w, "GET");
		return api_content(c, CSTORE_CONTENT, kiosk, p + strlen(CONTENT), r, w);
	}
	if (!strncmp(p, PACKAGE, strlen(PACKAGE))) {
		if (strcmp(m, "GET"))
			return wrong_method(w, "GET");
		return api_content(c, CSTORE_PACKAGE, kiosk, p + strlen(PACKAGE), r, w);
	}
	if (!strncmp(p, SHOT, strlen(SHOT))) {
		if (strcmp(m, "PUT"))
			return wrong_method(w, "PUT");
		return api_shot(c, kiosk, p + strlen(SHOT), r, w);
	}
	api_error(w, 404, "no such address in the collector API (version 1)");
}

/* A request's method or path for the log: quoted, control bytes shown as '?'. */
static const char *log_safe(char *buf, size_t n, const char *s)
{
	char clean[128];
	size_t i = 0;
	for (; s && s[i] && i < sizeof clean - 1; i++)
		clean[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	clean[i] = 0;
	return mk_log_quote(buf, n, clean);
}

void api_handle(collector *c, const creq *r, cresp *w)
{
	char kiosk[CSTORE_ID] = "-", qpath[160], qmethod[40];
	api_counts n = { 0, 0, 0 };
	uint64_t t0 = mk_mono_ns();
	if (authenticate(c, r, w, kiosk) == 0) {
		if (cstore_kiosk_seen(c->db, kiosk, c->now()) != 0)
			mk_log(MK_LOG_WARN, "api-seen-failed", "kiosk=%s", kiosk);
		route(c, kiosk, r, w, &n);
	}
	mk_log(w->status >= 500 ? MK_LOG_ERROR : MK_LOG_INFO, "api",
	       "method=%s path=%s status=%d kiosk=%s ip=%s accepted=%d rejected=%d pending=%d "
	       "ms=%.1f", log_safe(qmethod, sizeof qmethod, creq_method(r)),
	       log_safe(qpath, sizeof qpath, creq_path(r)),
	       w->status ? w->status : 200, kiosk, creq_ip(r), n.accepted, n.rejected,
	       n.pending, (double)(mk_mono_ns() - t0) / 1e6);
}
