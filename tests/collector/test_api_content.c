/* SPDX-License-Identifier: MIT */
/*
 * Content rollout over the kiosk API (issue 20), as a kiosk's sync worker
 * meets it, on SQLite and PostgreSQL (the collector_pg fixture's URI):
 *  - the heartbeat's answer offers the version rolled out to this kiosk
 *    (version, SHA-256, size) while it shows another, never to a kiosk it
 *    is not rolled out to, and not again once the kiosk said it rejected
 *    that version; what the kiosk says is kept for the dashboard;
 *  - GET /api/v1/content/N gives the approved bundle's exact bytes, in
 *    one piece or resumed with Range (206, Content-Range), 416 for a range
 *    past the end, 404 for an unknown or unapproved version, and 429 with
 *    Retry-After to a kiosk that asks too often (another kiosk still gets
 *    its download);
 *  - a screenshot asked for is named in the heartbeat's answer until the
 *    kiosk answers it with a PNG or a refusal; another kiosk's answer to
 *    it is 404, and a body that is not a PNG is refused.
 */
/* strcasestr: _GNU_SOURCE comes from the build */
#include "test_api.h"
#include "test_content_fix.h"
#include "cstore_content.h"
#include "rollout.h"

static tenv e;
static tfix fx;
static char kb[CSTORE_ID], token_b[CSTORE_TOKEN];
static uint8_t *file;
static size_t file_n;

/* A heartbeat from token with content (NULL: none, an older kiosk). */
static long beat(const char *token, json_t *content, tresp *r)
{
	json_t *j = json_pack("{s:s, s:s}", "version", "0.1.0", "content_version", "abc");
	static const char *const ct[] = { "Content-Type: application/json", NULL };
	if (content)
		json_object_set_new(j, "content", content);
	char *text = json_dumps(j, JSON_COMPACT);
	long st = t_req(&e, "POST", "/api/v1/heartbeat", token, text, strlen(text), ct, r);
	free(text);
	json_decref(j);
	return st;
}

static json_t *said(int shown, const char *state, int offered, const char *problem)
{
	return json_pack("{s:i, s:s, s:i, s:s}", "shown", shown, "state", state, "offered",
			 offered, "problem", problem);
}

static long long offered(tresp *r)
{
	json_t *c = json_object_get(r->json, "content");
	return c ? (long long)json_integer_value(json_object_get(c, "version")) : 0;
}

static void publish(void)
{
	rollout *ro = NULL;
	rollout_opts o = { fx.keys, fx.key, NULL, NULL };
	int64_t v = 0;
	static char big[2600 << 10];
	/* Larger than a download's buffer, so it is sent while it is read,
	 * and than two of the store's parts, so slices cross them. */
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = (char)('a' + (i * 7 + i / 1000) % 26);
	big[sizeof big - 1] = 0;
	CHECK(tfix_folder(&fx, "c1", big) == 0 && tfix_folder(&fx, "c2", "-- two\n") == 0);
	cstore_set_user_cost(e.c.db, 1, 8 << 10);
	CHECK(cstore_user_add(e.c.db, "ana", "ana's password") == 0);
	CHECK(cstore_user_add(e.c.db, "ben", "ben's password") == 0);
	CHECK(cstore_user_set_role(e.c.db, "ana", "publisher") == 0);
	CHECK(cstore_user_set_role(e.c.db, "ben", "publisher") == 0);
	CHECK(rollout_new(&ro, e.c.db, &o) == 0);
	CHECK(tfix_bundle(&fx, "c1", 1, "pub", &file, &file_n) == 0 && file_n > 2 * CSTORE_BUNDLE_PART);
	CHECK(rollout_upload(ro, file, file_n, "big", "ana", T_NOW, &v) == 0 && v == 1);
	CHECK(cstore_bundle_checked(e.c.db, 1, "ready", 0, "") == 0);
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "ben", T_NOW) == 0);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", e.kiosk, "ben", T_NOW) == 0);
	/* Version 2 is uploaded, not approved. */
	uint8_t *two = NULL;
	size_t two_n = 0;
	CHECK(tfix_bundle(&fx, "c2", 2, "pub", &two, &two_n) == 0);
	CHECK(rollout_upload(ro, two, two_n, "", "ana", T_NOW, &v) == 0 && v == 2);
	free(two);
	rollout_free(ro);
}

static void offers(void)
{
	cstore_bundle b;
	tresp r;
	CHECK(cstore_bundle_get(e.c.db, CSTORE_CONTENT, 1, &b) == 0);
	CHECK(beat(e.token, NULL, &r) == 200 && offered(&r) == 0); /* an older kiosk */
	t_free(&r);
	CHECK(beat(e.token, said(0, "showing", 0, ""), &r) == 200);
	json_t *c = json_object_get(r.json, "content");
	CHECK_MSG(offered(&r) == 1 && !strcmp(json_string_value(json_object_get(c, "sha256")),
					      b.sha256) &&
		  json_integer_value(json_object_get(c, "size")) == (json_int_t)file_n, "%s", r.body);
	t_free(&r);
	CHECK(beat(token_b, said(0, "showing", 0, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	/* Rejected: not offered again, and the dashboard sees why. */
	CHECK(beat(e.token, said(0, "rejected", 1, "main.lua:1: boom"), &r) == 200);
	CHECK_MSG(offered(&r) == 0, "%s", r.body);
	t_free(&r);
	cstore_kiosk_content k[4];
	int n = 0;
	CHECK(cstore_kiosk_contents(e.c.db, k, 4, &n) == 0);
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].kiosk, e.kiosk))
			CHECK(!strcmp(k[i].state, "rejected") && k[i].offered == 1 && k[i].target == 1 &&
			      !strcmp(k[i].problem, "main.lua:1: boom") && k[i].at == T_NOW);
	CHECK(beat(e.token, said(1, "showing", 0, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	/* Back on its factory content, it still is not offered what it
	 * rejected; a newer rollout is offered. */
	CHECK(beat(e.token, said(0, "showing", 0, ""), &r) == 200);
	CHECK_MSG(offered(&r) == 0, "%s", r.body);
	t_free(&r);
	rollout *ro = NULL;
	rollout_opts o = { fx.keys, fx.key, NULL, NULL };
	uint8_t *three = NULL;
	size_t three_n = 0;
	int64_t v = 0;
	CHECK(rollout_new(&ro, e.c.db, &o) == 0);
	CHECK(tfix_bundle(&fx, "c2", 3, "pub", &three, &three_n) == 0);
	CHECK(rollout_upload(ro, three, three_n, "", "ana", T_NOW, &v) == 0 && v == 3);
	CHECK(cstore_bundle_checked(e.c.db, 3, "ready", 0, "") == 0);
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 3, "ben", T_NOW) == 0);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 3, "kiosk", e.kiosk, NULL, T_NOW) == 0);
	free(three);
	rollout_free(ro);
	CHECK(beat(e.token, said(0, "showing", 0, ""), &r) == 200);
	CHECK_MSG(offered(&r) == 3, "%s", r.body);
	t_free(&r);
	/* A content object the collector cannot read keeps the heartbeat. */
	CHECK(beat(e.token, json_string("nonsense"), &r) == 200);
	t_free(&r);
}

static long get(const char *token, const char *path, const char *range, tresp *r)
{
	char h[64];
	const char *const hs[] = { h, NULL };
	snprintf(h, sizeof h, "Range: %s", range ? range : "");
	return t_req(&e, "GET", path, token, NULL, 0, range ? hs : NULL, r);
}

static void downloads(void)
{
	tresp r, s;
	char want[96];
	CHECK(get(e.token, "/api/v1/content/1", NULL, &r) == 200);
	CHECK_MSG(r.len == file_n && !memcmp(r.body, file, file_n), "%zu of %zu", r.len, file_n);
	t_free(&r);
	/* Resumed: the first 1000 bytes, then the rest from there. */
	CHECK(get(e.token, "/api/v1/content/1", "bytes=0-999", &r) == 206 && r.len == 1000);
	CHECK(get(e.token, "/api/v1/content/1", "bytes=1000-", &s) == 206);
	snprintf(want, sizeof want, "Content-Range: bytes 1000-%zu/%zu", file_n - 1, file_n);
	CHECK_MSG(strcasestr(s.headers, want) != NULL, "%s", s.headers);
	CHECK(r.len + s.len == file_n && !memcmp(r.body, file, 1000) &&
	      !memcmp(s.body, file + 1000, s.len));
	t_free(&r);
	t_free(&s);
	/* Across the store's first two parts. */
	snprintf(want, sizeof want, "bytes=%zu-%zu", CSTORE_BUNDLE_PART - 500, CSTORE_BUNDLE_PART + 499);
	CHECK(get(e.token, "/api/v1/content/1", want, &r) == 206 && r.len == 1000 &&
	      !memcmp(r.body, file + CSTORE_BUNDLE_PART - 500, 1000));
	t_free(&r);
	snprintf(want, sizeof want, "bytes=%zu-", file_n);
	CHECK(get(e.token, "/api/v1/content/1", want, &r) == 416);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/content/2", NULL, &r) == 404); /* not approved */
	t_free(&r);
	CHECK(get(e.token, "/api/v1/content/99", NULL, &r) == 404);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/content/x1", NULL, &r) == 404);
	t_free(&r);
	CHECK(get(NULL, "/api/v1/content/1", NULL, &r) == 401);
	t_free(&r);
}

static void too_often(void)
{
	tresp r;
	int ok = 1;
	/* A wrong password 20 minutes ago: a download's throttle must not
	 * wipe the sign-in throttle's count (they share a table). */
	const char *keys[] = { "user:mallory" };
	cstore_throttle signin = { WEB_SIGNIN_USER_FREE, WEB_SIGNIN_MAX_WAIT, WEB_SIGNIN_FORGET };
	int64_t wait = 0;
	CHECK(cstore_throttle_claim(e.c.db, keys, &signin, 1, T_NOW - 1200, &wait) == 0);
	for (int i = 0; i < API_CONTENT_FREE; i++) {
		ok &= get(token_b, "/api/v1/content/1", "bytes=0-9", &r) == 206;
		t_free(&r);
	}
	CHECK(ok);
	CHECK(get(token_b, "/api/v1/content/1", "bytes=0-9", &r) == 429);
	CHECK_MSG(strcasestr(r.headers, "Retry-After: ") != NULL, "%s", r.headers);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/content/1", "bytes=0-9", &r) == 206); /* the other kiosk */
	t_free(&r);
	CHECK(test_db_int(&e.db, "SELECT fails FROM signin_throttle WHERE key = $1",
			  "user:mallory") == 1);
}

static long put_shot(const char *token, const char *id, const char *type, const void *body,
		     size_t n, tresp *r)
{
	char path[96], h[80];
	const char *const hs[] = { h, NULL };
	snprintf(path, sizeof path, "/api/v1/screenshot/%s", id);
	snprintf(h, sizeof h, "Content-Type: %s", type);
	return t_req(&e, "PUT", path, token, body, n, hs, r);
}

static void screenshots(void)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
	static const char no[] = "{\"refused\":\"a patient is signed in\"}";
	char id[33], id2[33];
	cstore_shot s[2];
	int n = 0;
	tresp r;
	CHECK(cstore_shot_request(e.c.db, e.kiosk, "ana", T_NOW, id) == 0);
	CHECK(beat(e.token, said(1, "showing", 0, ""), &r) == 200);
	const char *asked = json_string_value(json_object_get(r.json, "screenshot"));
	CHECK_MSG(asked && !strcmp(asked, id), "%s", r.body);
	t_free(&r);
	CHECK(beat(token_b, said(0, "showing", 0, ""), &r) == 200 &&
	      !json_object_get(r.json, "screenshot"));
	t_free(&r);
	CHECK(put_shot(token_b, id, "image/png", png, sizeof png, &r) == 404);
	t_free(&r);
	CHECK(put_shot(e.token, id, "image/png", "GIF89a..", 8, &r) == 400);
	t_free(&r);
	CHECK(put_shot(e.token, id, "text/plain", "hello", 5, &r) == 415);
	t_free(&r);
	/* Over 8 MiB: refused on its headers, before a byte of it is read. */
	uint8_t *huge = calloc(1, API_MAX_SHOT + 1);
	memcpy(huge, png, sizeof png);
	CHECK(put_shot(e.token, id, "image/png", huge, API_MAX_SHOT + 1, &r) == 413);
	t_free(&r);
	free(huge);
	CHECK(put_shot(e.token, id, "image/png", png, sizeof png, &r) == 200);
	t_free(&r);
	CHECK(beat(e.token, said(1, "showing", 0, ""), &r) == 200 &&
	      !json_object_get(r.json, "screenshot"));
	t_free(&r);
	CHECK(cstore_shot_request(e.c.db, e.kiosk, "ana", T_NOW + 1, id2) == 0);
	CHECK(put_shot(e.token, id2, "application/json", no, strlen(no), &r) == 200);
	t_free(&r);
	CHECK(put_shot(e.token, "0123456789abcdef0123456789abcdef", "image/png", png, sizeof png,
		       &r) == 404);
	t_free(&r);
	CHECK(cstore_shots(e.c.db, s, 2, &n) == 0 && n == 2);
	CHECK(n == 2 && !strcmp(s[0].refused, "a patient is signed in") &&
	      s[1].png_size == (int64_t)sizeof png);
}

int main(int argc, char **argv)
{
	mk_log_set_level(MK_LOG_ERROR);
	if (t_setup(&e, argc, argv, "mk_test_api_content") != 0 || tfix_make(&fx) != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	CHECK(cstore_kiosk_add(e.c.db, "room B", kb, token_b) == 0);
	publish();
	offers();
	downloads();
	too_often();
	screenshots();
	free(file);
	t_teardown(&e);
	tfix_done(&fx);
	return check_done();
}
