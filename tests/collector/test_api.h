/* SPDX-License-Identifier: MIT */
/*
 * What the API tests share: a real collector server (chttp + the real
 * routing, collector_handle) on 127.0.0.1:0 in the test process, over a
 * fresh store (test_cstore_db.h: an SQLite file in a temporary folder, or,
 * when the test is given the file holding the collector_pg fixture's URI,
 * a database of its own on that PostgreSQL server), one kiosk's
 * token, libcurl as the kiosk, and records built as a kiosk would send them.
 */
#ifndef MK_TEST_API_H
#define MK_TEST_API_H

#include "collector.h"
#include "test_cstore_db.h"
#include "core.h"
#include "store.h"
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T_NOW 1795000000

typedef struct {
	char dir[64];          /* certificates and keys */
	test_db db;            /* test_cstore_db.h: SQLite or PostgreSQL */
	collector c;
	chttp *srv;
	int port;
	char kiosk[CSTORE_ID], token[CSTORE_TOKEN];
	char url[80];          /* "http://127.0.0.1:PORT" */
} tenv;

typedef struct {
	long status;           /* 0 when no HTTP answer came */
	CURLcode rc;
	char *body;            /* NUL-terminated */
	size_t len;
	char headers[4096];
	size_t hlen;
	json_t *json;          /* the body parsed, or NULL */
} tresp;

static inline int64_t t_now(void)
{
	return T_NOW;
}

static inline int t_shell(const char *cmd)
{
	int rc = system(cmd);
	return rc == 0 ? 0 : -1;
}

/* Starts a server for e->c (TLS when cert and key are given). */
static inline int t_serve(tenv *e, chttp **srv, int *port, const char *cert, const char *key,
			  int timeout_s)
{
	chttp_opts o = { .listen = "127.0.0.1:0", .tls_cert = cert, .tls_key = key,
		.timeout_s = timeout_s, .handler = collector_handle, .admit = collector_admit,
		.ctx = &e->c };
	return chttp_start(srv, &o, port);
}

/* name: the PostgreSQL database's (letters, digits, '_'). */
static inline int t_setup(tenv *e, int argc, char **argv, const char *name)
{
	memset(e, 0, sizeof *e);
	snprintf(e->dir, sizeof e->dir, "/tmp/mkapiXXXXXX");
	if (!mkdtemp(e->dir) || test_db_make(&e->db, argc, argv, name) != 0)
		return -1;
	if (cstore_open(&e->c.db, e->db.spec) != 0)
		return fprintf(stderr, "cstore_open: %s\n", mk_err_msg()), -1;
	e->c.now = t_now;
	e->c.insecure_cookies = 1;
	pthread_mutex_init(&e->c.lock, NULL);
	if (cstore_kiosk_add(e->c.db, "test", e->kiosk, e->token) != 0)
		return fprintf(stderr, "cstore_kiosk_add: %s\n", mk_err_msg()), -1;
	if (t_serve(e, &e->srv, &e->port, NULL, NULL, 3) != 0)
		return fprintf(stderr, "chttp_start: %s\n", mk_err_msg()), -1;
	snprintf(e->url, sizeof e->url, "http://127.0.0.1:%d", e->port);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return 0;
}

static inline void t_teardown(tenv *e)
{
	char cmd[1200];
	chttp_stop(e->srv);
	cstore_close(e->c.db);
	pthread_mutex_destroy(&e->c.lock);
	test_db_done(&e->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
	t_shell(cmd);
	curl_global_cleanup();
}

static inline size_t t_on_body(char *p, size_t size, size_t n, void *ctx)
{
	tresp *r = ctx;
	char *b = realloc(r->body, r->len + size * n + 1);
	if (!b)
		return 0;
	memcpy(b + r->len, p, size * n);
	r->len += size * n;
	b[r->len] = 0;
	r->body = b;
	return size * n;
}

static inline size_t t_on_header(char *p, size_t size, size_t n, void *ctx)
{
	tresp *r = ctx;
	size_t k = size * n;
	if (r->hlen + k < sizeof r->headers) {
		memcpy(r->headers + r->hlen, p, k);
		r->hlen += k;
		r->headers[r->hlen] = 0;
	}
	return k;
}

static inline void t_free(tresp *r)
{
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

/* One request to url + path with the token (NULL: no Authorization) and
 * extra headers (NULL-terminated, may be NULL); body may be NULL. */
static inline long t_req_url(const char *url, const char *method, const char *path,
			     const char *token, const void *body, size_t n,
			     const char *const *headers, const char *cainfo, tresp *out)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char full[600], auth[300];
	memset(out, 0, sizeof *out);
	snprintf(full, sizeof full, "%s%s", url, path);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	for (int i = 0; headers && headers[i]; i++)
		h = curl_slist_append(h, headers[i]);
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, full);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, t_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, t_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
	if (cainfo)
		curl_easy_setopt(c, CURLOPT_CAINFO, cainfo);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	}
	out->rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (out->body)
		out->json = json_loads(out->body, 0, NULL);
	return out->status;
}

static inline long t_req(tenv *e, const char *method, const char *path, const char *token,
			 const void *body, size_t n, const char *const *headers, tresp *out)
{
	return t_req_url(e->url, method, path, token, body, n, headers, NULL, out);
}

/* POSTs j (released) as a batch of records. */
static inline long t_post_json(tenv *e, const char *path, json_t *j, tresp *out)
{
	char *text = json_dumps(j, JSON_COMPACT);
	static const char *const ct[] = { "Content-Type: application/json", NULL };
	long st = t_req(e, "POST", path, e->token, text, strlen(text), ct, out);
	free(text);
	json_decref(j);
	return st;
}

static inline json_t *t_b64(size_t n)
{
	uint8_t *bin = malloc(n);
	char *b64 = malloc(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL));
	randombytes_buf(bin, n);
	sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), bin, n,
			  sodium_base64_VARIANT_ORIGINAL);
	json_t *s = json_string(b64);
	free(bin);
	free(b64);
	return s;
}

/* A record as a kiosk sends it (the encrypted parts random: the collector
 * stores them as they are). code NULL: one made from the patient's UUID
 * (codes are unique in a clinic, so two patients never share one). */
static inline json_t *t_record(const char *uuid, const char *kind, const char *patient,
			       const char *code)
{
	char course[STORE_UUID_LEN + 1], session[STORE_UUID_LEN + 1], own[9];
	for (int i = 0; i < 8; i++) {
		char h = patient[i];
		own[i] = "23456789ABCDEFGH"[h >= 'a' ? h - 'a' + 10 : h >= '0' && h <= '9' ? h - '0' : 0];
	}
	own[8] = 0;
	if (!code)
		code = own;
	snprintf(course, sizeof course, "%.35s0", patient);
	store_uuid(session);
	json_t *r = json_pack("{s:s, s:s, s:I, s:{s:s, s:s}, s:{s:s, s:s, s:i, s:s, s:i, s:i, s:I,"
			      " s:[{s:s, s:I}]}, s:i, s:i}",
			      "uuid", uuid, "kind", kind, "created_at", (json_int_t)T_NOW - 60,
			      "patient", "uuid", patient, "code", code,
			      "course", "uuid", course, "plan", "standard", "grade", 2, "area",
			      "thighs", "sessions_planned", 8, "interval_days", 14, "started_at",
			      (json_int_t)T_NOW - 86400, "sessions", "uuid", session, "done_at",
			      (json_int_t)T_NOW - 3600, "session", 1, "alert_level",
			      !strcmp(kind, "alert") ? 2 : 0);
	json_object_set_new(r, "sealed_key", t_b64(crypto_box_SEALBYTES + 32));
	json_object_set_new(r, "nonce", t_b64(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES));
	json_object_set_new(r, "ciphertext", t_b64(200));
	return r;
}

static inline json_t *t_batch(json_t *records)
{
	return json_pack("{s:o}", "records", records);
}

static inline int64_t t_count_records(tenv *e)
{
	int64_t rec = -1, files = -1;
	cstore_counts(e->c.db, &rec, &files);
	return rec;
}

static inline int64_t t_count_files(tenv *e)
{
	int64_t rec = -1, files = -1;
	cstore_counts(e->c.db, &rec, &files);
	return files;
}

/* 1 when the JSON array list holds the string s. */
static inline int t_has(json_t *list, const char *s)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *v = json_array_get(list, i);
		const char *u = json_is_object(v) ? json_string_value(json_object_get(v, "uuid"))
						  : json_string_value(v);
		if (u && !strcmp(u, s))
			return 1;
	}
	return 0;
}

/* The reason given for uuid in a list of {uuid, reason}, or "". */
static inline const char *t_reason(json_t *list, const char *uuid)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *v = json_array_get(list, i);
		const char *u = json_string_value(json_object_get(v, "uuid"));
		const char *why = json_string_value(json_object_get(v, "reason"));
		if (u && !strcmp(u, uuid))
			return why ? why : "";
	}
	return "";
}

#endif
