/* SPDX-License-Identifier: MIT */
/*
 * Software updates over the kiosk API (issue 20, "Software updates"), as a
 * kiosk's sync worker meets them, on SQLite and PostgreSQL (the
 * collector_pg fixture's URI):
 *  - the heartbeat's "software" object is kept for the dashboard (running
 *    version, taken, state, problem), and one the collector cannot read
 *    never costs the heartbeat;
 *  - its answer offers a package (version, SHA-256 of the bundle file,
 *    size) only when one is rolled out to this kiosk, above what it took,
 *    and never again once it said it rejected or rolled it back; content
 *    offers go on beside it;
 *  - GET /api/v1/package/N gives the bundle's exact bytes, resumed with
 *    Range (206, Content-Range), 416 past the end, 404 for an unknown,
 *    unapproved or not rolled-out version and for content's numbers, and
 *    429 with Retry-After to a kiosk that asks too often.
 */
/* strcasestr: _GNU_SOURCE comes from the build */
#include "test_api.h"
#include "test_content_fix.h"
#include "cstore_content.h"
#include "rollout.h"

static tenv e;
static tfix fx;
static rollout *ro;
static char kb[CSTORE_ID], token_b[CSTORE_TOKEN];
static uint8_t *file;
static size_t file_n;

/* A heartbeat from token with software (NULL: none, an older kiosk). */
static long beat(const char *token, json_t *software, tresp *r)
{
	json_t *j = json_pack("{s:s, s:s}", "version", "0.1.0", "content_version", "abc");
	static const char *const ct[] = { "Content-Type: application/json", NULL };
	if (software)
		json_object_set_new(j, "software", software);
	char *text = json_dumps(j, JSON_COMPACT);
	long st = t_req(&e, "POST", "/api/v1/heartbeat", token, text, strlen(text), ct, r);
	free(text);
	json_decref(j);
	return st;
}

static json_t *said(int taken, const char *state, int offered, const char *problem)
{
	return json_pack("{s:s, s:i, s:s, s:i, s:s}", "running", "0.1.0+42.gabc1234", "taken",
			 taken, "state", state, "offered", offered, "problem", problem);
}

static long long offered(tresp *r)
{
	json_t *c = json_object_get(r->json, "software");
	return c ? (long long)json_integer_value(json_object_get(c, "version")) : 0;
}

static void package(const char *deb, long long v, uint8_t **bytes, size_t *n)
{
	int64_t got = 0;
	CHECK(tfix_package(&fx, deb, v, "sw", bytes, n) == 0);
	CHECK(rollout_upload_package(ro, *bytes, *n, "", "ana", T_NOW, &got) == 0 && got == v);
}

static void publish(void)
{
	rollout_opts o = { fx.keys, fx.key, NULL, fx.swkeys };
	uint8_t *two = NULL;
	size_t two_n = 0;
	cstore_set_user_cost(e.c.db, 1, 8 << 10);
	CHECK(cstore_user_add(e.c.db, "ana", "ana's password") == 0);
	CHECK(cstore_user_add(e.c.db, "ben", "ben's password") == 0);
	CHECK(cstore_user_set_role(e.c.db, "ana", "publisher") == 0);
	CHECK(cstore_user_set_role(e.c.db, "ben", "publisher") == 0);
	CHECK(rollout_new(&ro, e.c.db, &o) == 0);
	package("0.2.0+5.gabc1234", 1, &file, &file_n);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 1, "ben", T_NOW) == 0);
	/* Version 2 is approved, not rolled out anywhere yet. */
	package("0.2.1+6.gabc1235", 2, &two, &two_n);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 2, "ben", T_NOW) == 0);
	free(two);
}

static void offers(void)
{
	cstore_bundle b;
	tresp r;
	CHECK(cstore_bundle_get(e.c.db, CSTORE_PACKAGE, 1, &b) == 0);
	/* Approved is not enough: nothing is offered before a rollout. */
	CHECK(beat(e.token, said(0, "current", 0, ""), &r) == 200);
	CHECK_MSG(offered(&r) == 0, "%s", r.body);
	t_free(&r);
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "kiosk", e.kiosk, "ben", T_NOW) == 0);
	CHECK(beat(e.token, NULL, &r) == 200 && offered(&r) == 0); /* an older kiosk */
	t_free(&r);
	CHECK(beat(e.token, said(0, "current", 0, ""), &r) == 200);
	json_t *c = json_object_get(r.json, "software");
	CHECK_MSG(offered(&r) == 1 && !strcmp(json_string_value(json_object_get(c, "sha256")),
					      b.sha256) &&
		  json_integer_value(json_object_get(c, "size")) == (json_int_t)file_n &&
		  !json_object_get(r.json, "content"), "%s", r.body);
	t_free(&r);
	CHECK(beat(token_b, said(0, "current", 0, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	/* Rejected: not offered again, even when it says "current" after. */
	CHECK(beat(e.token, said(0, "rejected", 1, "version 1 is not above 3"), &r) == 200);
	CHECK_MSG(offered(&r) == 0, "%s", r.body);
	t_free(&r);
	CHECK(beat(e.token, said(0, "current", 0, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	cstore_kiosk_software k[4];
	int n = 0, seen = 0;
	CHECK(cstore_kiosk_softwares(e.c.db, k, 4, &n) == 0);
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].kiosk, e.kiosk))
			seen = !strcmp(k[i].state, "current") && k[i].target == 1 &&
			       !strcmp(k[i].running, "0.1.0+42.gabc1234") && k[i].at == T_NOW;
	CHECK(seen);
	/* Version 2 to all: offered to both; kiosk B installs it, then it
	 * does not start and is rolled back: never offered again. */
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 2, "all", NULL, NULL, T_NOW) == 0);
	CHECK(beat(e.token, said(0, "current", 0, ""), &r) == 200 && offered(&r) == 2);
	t_free(&r);
	CHECK(beat(token_b, said(0, "installing", 2, ""), &r) == 200 && offered(&r) == 2);
	t_free(&r);
	CHECK(beat(token_b, said(2, "rolled-back", 2, "did not start"), &r) == 200);
	CHECK_MSG(offered(&r) == 0, "%s", r.body);
	t_free(&r);
	CHECK(beat(token_b, said(2, "current", 0, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	/* Taken: nothing more to offer. */
	CHECK(beat(e.token, said(2, "installed", 2, ""), &r) == 200 && offered(&r) == 0);
	t_free(&r);
	/* A software object the collector cannot read keeps the heartbeat. */
	CHECK(beat(e.token, json_string("nonsense"), &r) == 200);
	t_free(&r);
	CHECK(beat(e.token, said(0, "sleeping", 0, ""), &r) == 200);
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
	CHECK(get(e.token, "/api/v1/package/1", NULL, &r) == 200);
	CHECK_MSG(r.len == file_n && !memcmp(r.body, file, file_n), "%zu of %zu", r.len, file_n);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/package/1", "bytes=0-99", &r) == 206 && r.len == 100);
	CHECK(get(e.token, "/api/v1/package/1", "bytes=100-", &s) == 206);
	snprintf(want, sizeof want, "Content-Range: bytes 100-%zu/%zu", file_n - 1, file_n);
	CHECK_MSG(strcasestr(s.headers, want) != NULL, "%s", s.headers);
	CHECK(r.len + s.len == file_n && !memcmp(r.body, file, 100) &&
	      !memcmp(s.body, file + 100, s.len));
	t_free(&r);
	t_free(&s);
	snprintf(want, sizeof want, "bytes=%zu-", file_n);
	CHECK(get(e.token, "/api/v1/package/1", want, &r) == 416);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/package/99", NULL, &r) == 404);
	t_free(&r);
	CHECK(get(e.token, "/api/v1/package/x1", NULL, &r) == 404);
	t_free(&r);
	CHECK(get(NULL, "/api/v1/package/1", NULL, &r) == 401);
	t_free(&r);
	/* Approved but rolled out nowhere: not served. */
	uint8_t *three = NULL;
	size_t three_n = 0;
	package("0.2.2+7.gabc1236", 3, &three, &three_n);
	free(three);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 3, "ben", T_NOW) == 0);
	CHECK(get(e.token, "/api/v1/package/3", NULL, &r) == 404);
	t_free(&r);
	/* Content's numbers are not packages'. */
	CHECK(get(e.token, "/api/v1/content/1", NULL, &r) == 404);
	t_free(&r);
}

static void too_often(void)
{
	tresp r;
	int ok = 1;
	for (int i = 0; i < API_CONTENT_FREE; i++) {
		ok &= get(token_b, "/api/v1/package/1", "bytes=0-9", &r) == 206;
		t_free(&r);
	}
	CHECK(ok);
	CHECK(get(token_b, "/api/v1/package/1", "bytes=0-9", &r) == 429);
	CHECK_MSG(strcasestr(r.headers, "Retry-After: ") != NULL, "%s", r.headers);
	t_free(&r);
}

int main(int argc, char **argv)
{
	mk_log_set_level(MK_LOG_ERROR);
	if (t_setup(&e, argc, argv, "mk_test_api_software") != 0 || tfix_make(&fx) != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	CHECK(cstore_kiosk_add(e.c.db, "room B", kb, token_b) == 0);
	publish();
	offers();
	downloads();
	too_often();
	rollout_free(ro);
	free(file);
	t_teardown(&e);
	tfix_done(&fx);
	return check_done();
}
