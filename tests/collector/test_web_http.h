/* SPDX-License-Identifier: MIT */
/*
 * A small browser for the dashboard's tests, on libcurl: one request at a
 * time with a cookie header of the test's choosing (so a test can replay a
 * stolen, expired or forged one), the answer's status, header lines and
 * body; and the sign-in form round trip (GET /signin for its token, then
 * POST) from a chosen loopback address, for the per-address rate limit.
 */
#ifndef MK_TEST_WEB_HTTP_H
#define MK_TEST_WEB_HTTP_H

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ZEROS64 "0000000000000000000000000000000000000000000000000000000000000000"
#define RESP_LINES 32

static char base_url[64];

typedef struct {
	long status;
	char lines[RESP_LINES][512];
	int n_lines;
	char *body; /* NUL-terminated */
	size_t n;
} resp;

static size_t resp_body(char *p, size_t size, size_t nmemb, void *ud)
{
	resp *r = ud;
	size_t k = size * nmemb;
	char *b = realloc(r->body, r->n + k + 1);
	if (!b)
		return 0;
	memcpy(b + r->n, p, k);
	r->n += k;
	b[r->n] = '\0';
	r->body = b;
	return k;
}

static size_t resp_header(char *p, size_t size, size_t nmemb, void *ud)
{
	resp *r = ud;
	size_t k = size * nmemb, len = k;
	while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == '\n'))
		len--;
	if (len > 0 && r->n_lines < RESP_LINES) {
		snprintf(r->lines[r->n_lines], sizeof r->lines[0], "%.*s", (int)len, p);
		r->n_lines++;
	}
	return k;
}

static void resp_free(resp *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* The header line that starts with prefix (case-insensitive), or NULL. */
static const char *header(const resp *r, const char *prefix)
{
	for (int i = 0; i < r->n_lines; i++)
		if (!strncasecmp(r->lines[i], prefix, strlen(prefix)))
			return r->lines[i];
	return NULL;
}

static int has_header(const resp *r, const char *prefix)
{
	return header(r, prefix) != NULL;
}

/* One request; body non-NULL makes it a form POST (method says which);
 * extra is one more header line ("Origin: ...") or NULL. */
static long http(resp *r, const char *method, const char *path, const char *cookie,
		 const char *body, const char *from_ip, const char *extra)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hs = NULL;
	char url[512];
	resp_free(r);
	r->body = calloc(1, 1);
	snprintf(url, sizeof url, "%s%s", base_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (cookie)
		curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
	if (from_ip)
		curl_easy_setopt(c, CURLOPT_INTERFACE, from_ip);
	if (extra) {
		hs = curl_slist_append(hs, extra);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hs);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, resp_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, resp_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	else
		r->status = -1;
	curl_slist_free_all(hs);
	curl_easy_cleanup(c);
	return r->status;
}

/* The value="..." of the form field name (up to 64 characters). */
static int form_value(const resp *r, const char *name, char out[65])
{
	char key[64];
	const char *p, *q;
	snprintf(key, sizeof key, "name=\"%s\" value=\"", name);
	p = r->body ? strstr(r->body, key) : NULL;
	out[0] = '\0';
	if (!p)
		return 0;
	p += strlen(key);
	q = strchr(p, '"');
	if (!q || q - p > 64)
		return 0;
	snprintf(out, 65, "%.*s", (int)(q - p), p);
	return 1;
}

/* The value of cookie name in the answer's Set-Cookie lines ("" if none). */
static void set_cookie_value(const resp *r, const char *name, char *out, size_t n)
{
	char key[64];
	out[0] = '\0';
	snprintf(key, sizeof key, "Set-Cookie: %s=", name);
	const char *h = header(r, key);
	if (h) {
		const char *v = h + strlen(key);
		snprintf(out, n, "%.*s", (int)strcspn(v, ";"), v);
	}
}

/* The whole sign-in: the form, then the POST from from_ip. The status of
 * the POST; sid gets the session cookie when one was set. */
static long signin(const char *user, const char *password, const char *from_ip, char sid[65],
		   resp *r)
{
	char pre[65], pre_cookie[96], body[256], fresh[65];
	sid[0] = '\0';
	http(r, "GET", "/signin", NULL, NULL, from_ip, NULL);
	set_cookie_value(r, "mk_pre", fresh, sizeof fresh);
	if (!form_value(r, "pre", pre) || strcmp(pre, fresh) != 0)
		return -1;
	snprintf(pre_cookie, sizeof pre_cookie, "mk_pre=%s", pre);
	snprintf(body, sizeof body, "pre=%s&name=%s&password=%s", pre, user, password);
	http(r, "POST", "/signin", pre_cookie, body, from_ip, NULL);
	set_cookie_value(r, "mk_sid", sid, 65);
	return r->status;
}

#endif
