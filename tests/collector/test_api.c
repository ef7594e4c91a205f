/* SPDX-License-Identifier: MIT */
/*
 * The kiosk API over real HTTP, batches of records: tokens (401 and nothing
 * stored), a batch stored and acknowledged, the same batch replayed
 * (acknowledged again, stored once), a malformed item rejected while its
 * neighbours are accepted, an erased patient's records rejected, bodies
 * that are not batches (400), too large or too long (413, and the server
 * still answers), wrong methods and paths, and the security headers.
 * Usage: test_api [PG_URI_FILE] (SQLite without it).
 */
#include "test_api.h"

static void test_tokens(tenv *e)
{
	char wrong[CSTORE_TOKEN], other[CSTORE_TOKEN], uuid[37], patient[37], path[80];
	tresp r;
	store_uuid(uuid);
	store_uuid(patient);
	json_t *batch = t_batch(json_pack("[o]", t_record(uuid, "report", patient, NULL)));
	char *text = json_dumps(batch, JSON_COMPACT);
	json_decref(batch);
	snprintf(wrong, sizeof wrong, "%s.%064d", e->kiosk, 0);
	snprintf(other, sizeof other, "kiosk-00000000.%s", strchr(e->token, '.') + 1);
	const char *tokens[] = { NULL, wrong, other, "", "kiosk-1" };
	for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
		CHECK_MSG(t_req(e, "POST", "/api/v1/records", tokens[i], text, strlen(text), NULL,
				&r) == 401, "token %zu: %ld", i, r.status);
		CHECK(json_object_get(r.json, "error") != NULL);
		CHECK(strstr(r.headers, "WWW-Authenticate: Bearer") != NULL);
		t_free(&r);
	}
	static const char *const basic[] = { "Authorization: Basic a2lvc2s6c2VjcmV0", NULL };
	CHECK(t_req(e, "POST", "/api/v1/records", NULL, text, strlen(text), basic, &r) == 401);
	t_free(&r);
	CHECK(t_req(e, "POST", "/api/v1/heartbeat", wrong, "{}", 2, NULL, &r) == 401);
	t_free(&r);
	snprintf(path, sizeof path, "/api/v1/photos/%s?part=image", uuid);
	CHECK(t_req(e, "PUT", path, wrong, "abc", 3, NULL, &r) == 401);
	t_free(&r);
	/* A stranger learns nothing, not even which paths exist. */
	CHECK(t_req(e, "GET", "/api/v1/no-such-thing", NULL, NULL, 0, NULL, &r) == 401);
	t_free(&r);
	free(text);
	CHECK(t_count_records(e) == 0);
	CHECK(t_count_files(e) == 0);
	cstore_kiosk k[4];
	int n = 0;
	CHECK(cstore_kiosks(e->c.db, k, 4, &n) == 0 && n == 1);
	CHECK_MSG(n == 1 && k[0].last_seen == 0, "a wrong token marked the kiosk seen");
}

static void test_batch_and_replay(tenv *e)
{
	char u[3][37], p1[37], p2[37];
	tresp r;
	store_uuid(p1);
	store_uuid(p2);
	for (int i = 0; i < 3; i++)
		store_uuid(u[i]);
	json_t *batch = t_batch(json_pack("[o, o, o]", t_record(u[0], "report", p1, NULL),
					  t_record(u[1], "alert", p1, NULL),
					  t_record(u[2], "report", p2, NULL)));
	char *text = json_dumps(batch, JSON_COMPACT);
	json_decref(batch);
	int64_t before = t_count_records(e);
	for (int round = 0; round < 2; round++) {
		CHECK(t_req(e, "POST", "/api/v1/records", e->token, text, strlen(text), NULL, &r) == 200);
		json_t *acc = json_object_get(r.json, "accepted");
		CHECK_MSG(json_array_size(acc) == 3, "round %d: %s", round, r.body);
		for (int i = 0; i < 3; i++)
			CHECK(t_has(acc, u[i]));
		CHECK(json_array_size(json_object_get(r.json, "rejected")) == 0);
		CHECK(json_array_size(json_object_get(r.json, "pending")) == 0);
		CHECK(strstr(r.headers, "Content-Type: application/json") != NULL);
		t_free(&r);
		CHECK_MSG(t_count_records(e) == before + 3, "round %d: %lld records", round,
			  (long long)t_count_records(e));
	}
	free(text);
	cstore_kiosk k[4];
	int n = 0;
	CHECK(cstore_kiosks(e->c.db, k, 4, &n) == 0 && n == 1 && k[0].last_seen == T_NOW);

	/* An erasure for p2: then a late record of p2 is rejected for good. */
	char er[37], late[37];
	store_uuid(er);
	store_uuid(late);
	json_t *erase = json_pack("{s:s, s:s, s:I, s:{s:s}}", "uuid", er, "kind", "erasure",
				  "created_at", (json_int_t)T_NOW, "patient", "uuid", p2);
	CHECK(t_post_json(e, "/api/v1/records", t_batch(json_pack("[o]", erase)), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "accepted"), er), "%s", r.body);
	t_free(&r);
	CHECK(t_post_json(e, "/api/v1/records",
			  t_batch(json_pack("[o]", t_record(late, "report", p2, NULL))), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "rejected"), late), "%s", r.body);
	CHECK(t_reason(json_object_get(r.json, "rejected"), late)[0] != 0);
	t_free(&r);
}

/* A photo the patient deleted on the kiosk: accepted once and again (the
 * acknowledgement lost), refused without the photo's UUID. */
static void test_photo_deletion(tenv *e)
{
	char d[37], bad[37], p[37], photo[37], gone[37];
	tresp r;
	store_uuid(gone);
	store_uuid(d);
	store_uuid(bad);
	store_uuid(p);
	store_uuid(photo);
	CHECK(t_post_json(e, "/api/v1/records", t_batch(json_pack("[o]", t_record(photo, "report", p, NULL))),
			  &r) == 200); /* the patient is known */
	t_free(&r);
	for (int round = 0; round < 2; round++) {
		json_t *del = json_pack("{s:s, s:s, s:I, s:{s:s}, s:s}", "uuid", d, "kind", "photo-deletion",
					"created_at", (json_int_t)T_NOW, "patient", "uuid", p, "photo", gone);
		json_t *no_photo = json_pack("{s:s, s:s, s:I, s:{s:s}}", "uuid", bad, "kind",
					     "photo-deletion", "created_at", (json_int_t)T_NOW, "patient",
					     "uuid", p);
		CHECK(t_post_json(e, "/api/v1/records", t_batch(json_pack("[o, o]", del, no_photo)), &r) == 200);
		CHECK_MSG(t_has(json_object_get(r.json, "accepted"), d), "round %d: %s", round, r.body);
		CHECK_MSG(t_has(json_object_get(r.json, "rejected"), bad) &&
				  strstr(t_reason(json_object_get(r.json, "rejected"), bad), "photo"),
			  "round %d: %s", round, r.body);
		t_free(&r);
	}
}

static void test_malformed_neighbours(tenv *e)
{
	enum { N = 9 };
	char u[N][37], p[37];
	const char *field[N] = { NULL, "uuid", "kind", "ciphertext", "sealed_key", "patient.code",
				 "created_at", "", NULL };
	json_t *items[N];
	tresp r;
	store_uuid(p);
	for (int i = 0; i < N; i++) {
		store_uuid(u[i]);
		items[i] = t_record(u[i], "report", p, NULL);
	}
	/* Item 1's UUID in capitals: the kiosk never writes those. */
	for (char *c = u[1]; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'f' ? *c - 32 : *c);
	json_object_set_new(items[1], "uuid", json_string(u[1]));
	json_object_set_new(items[2], "kind", json_string("note"));
	json_object_set_new(items[3], "ciphertext", json_string("!!not*base64!!"));
	json_object_set_new(items[4], "sealed_key", json_string("AAAA"));
	json_object_set_new(json_object_get(items[5], "patient"), "code", json_string("k7mz4q2p"));
	json_object_set_new(items[6], "created_at", json_string("yesterday"));
	json_decref(items[7]);
	items[7] = json_integer(42);
	int64_t before = t_count_records(e);
	json_t *list = json_array();
	for (int i = 0; i < N; i++)
		json_array_append_new(list, items[i]);
	CHECK(t_post_json(e, "/api/v1/records", t_batch(list), &r) == 200);
	json_t *acc = json_object_get(r.json, "accepted"), *rej = json_object_get(r.json, "rejected");
	CHECK_MSG(json_array_size(acc) == 2 && t_has(acc, u[0]) && t_has(acc, u[8]), "%s", r.body);
	CHECK_MSG(json_array_size(rej) == N - 2, "%s", r.body);
	for (int i = 1; i < N - 1; i++)
		if (field[i][0])
			CHECK_MSG(strstr(t_reason(rej, u[i]), field[i]) != NULL, "item %d: %s", i,
				  t_reason(rej, u[i]));
	CHECK_MSG(r.body && !strstr(r.body, "not*base64") && !strstr(r.body, "yesterday"),
		  "a reason echoed what the kiosk sent: %s", r.body);
	t_free(&r);
	CHECK(t_count_records(e) == before + 2);
}

/* A course with more sessions than the store keeps: the record is still
 * accepted, with the newest sessions. */
static void test_long_course(tenv *e)
{
	char uuid[37], patient[37], last[37] = "";
	tresp r;
	store_uuid(uuid);
	store_uuid(patient);
	json_t *rec = t_record(uuid, "report", patient, NULL);
	json_t *sessions = json_object_get(json_object_get(rec, "course"), "sessions");
	json_array_clear(sessions);
	for (int i = 0; i < CSTORE_MAX_SESSIONS + 6; i++) {
		store_uuid(last);
		json_array_append_new(sessions, json_pack("{s:s, s:I}", "uuid", last, "done_at",
							  (json_int_t)T_NOW - 86400 * (100 - i)));
	}
	CHECK(t_post_json(e, "/api/v1/records", t_batch(json_pack("[o]", rec)), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "accepted"), uuid), "%s", r.body);
	t_free(&r);
	cstore_course *c = calloc(4, sizeof *c);
	int n = 0, found = 0;
	CHECK(cstore_courses(e->c.db, patient, c, 4, &n) == 0 && n == 1);
	for (int i = 0; n == 1 && i < c[0].n_sessions; i++)
		found |= !strcmp(c[0].sessions[i].uuid, last);
	CHECK_MSG(found, "the newest session was dropped");
	free(c);
}

/* Stored means committed: a new connection sees what the server's do. */
static void test_committed(tenv *e)
{
	cstore *other = NULL;
	int64_t rec = -1, files = -1;
	CHECK(cstore_open(&other, e->db.spec) == 0 && cstore_counts(other, &rec, &files) == 0);
	CHECK_MSG(rec == t_count_records(e), "another connection sees %lld records, not %lld",
		  (long long)rec, (long long)t_count_records(e));
	cstore_close(other);
}

static void test_not_batches(tenv *e)
{
	const char *bodies[] = { "not json at all", "", "{}", "[]", "{\"records\": {}}",
				 "{\"records\": \"x\"}", "{\"records\": [}" };
	tresp r;
	int64_t before = t_count_records(e);
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		CHECK_MSG(t_req(e, "POST", "/api/v1/records", e->token, bodies[i], strlen(bodies[i]),
				NULL, &r) == 400, "body %zu: %ld", i, r.status);
		CHECK(json_is_string(json_object_get(r.json, "error")));
		t_free(&r);
	}
	CHECK(t_count_records(e) == before);
}

typedef struct {
	size_t left;
} chunk_src;

static size_t read_chunks(char *buf, size_t size, size_t n, void *ctx)
{
	chunk_src *s = ctx;
	size_t k = size * n < s->left ? size * n : s->left;
	memset(buf, 'a', k);
	s->left -= k;
	return k;
}

/* POSTs n bytes with chunked transfer encoding (no Content-Length). */
static long post_chunked(tenv *e, size_t n)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char url[200], auth[300];
	chunk_src src = { n };
	tresp r = { 0 };
	long status = 0;
	snprintf(url, sizeof url, "%s/api/v1/records", e->url);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", e->token);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Transfer-Encoding: chunked");
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunks);
	curl_easy_setopt(c, CURLOPT_READDATA, &src);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, t_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	t_free(&r);
	return status;
}

static void still_answers(tenv *e, const char *after)
{
	tresp r;
	CHECK_MSG(t_req(e, "POST", "/api/v1/records", e->token, "{\"records\":[]}", 14, NULL,
			&r) == 200, "no answer after %s: %ld", after, r.status);
	t_free(&r);
}

static void test_limits(tenv *e)
{
	size_t big = API_MAX_BODY + 1;
	char *body = malloc(big);
	tresp r;
	int64_t before = t_count_records(e);
	memset(body, 'a', big);
	CHECK_MSG(t_req(e, "POST", "/api/v1/records", e->token, body, big, NULL, &r) == 413,
		  "an oversized body got %ld (curl %d)", r.status, r.rc);
	t_free(&r);
	free(body);
	still_answers(e, "an oversized body");
	CHECK_MSG(post_chunked(e, big) == 413, "an oversized chunked body was not 413");
	still_answers(e, "an oversized chunked body");

	/* 101 items: refused whole; 100 (all malformed): each one answered. */
	for (int n = 101; n >= 100; n--) {
		json_t *list = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(list, json_object());
		long st = t_post_json(e, "/api/v1/records", t_batch(list), &r);
		if (n == 101)
			CHECK_MSG(st == 413, "101 items got %ld", st);
		else
			CHECK_MSG(st == 200 && json_array_size(json_object_get(r.json, "rejected")) == 100,
				  "100 items got %ld", st);
		t_free(&r);
	}
	CHECK(t_count_records(e) == before);
}

static void test_routes_and_headers(tenv *e)
{
	char path[100], uuid[37];
	tresp r;
	store_uuid(uuid);
	CHECK(t_req(e, "GET", "/api/v1/records", e->token, NULL, 0, NULL, &r) == 405);
	CHECK(strstr(r.headers, "Allow: POST") != NULL);
	CHECK(json_object_get(r.json, "error") != NULL);
	t_free(&r);
	CHECK(t_req(e, "PUT", "/api/v1/heartbeat", e->token, "{}", 2, NULL, &r) == 405);
	t_free(&r);
	snprintf(path, sizeof path, "/api/v1/photos/%s", uuid);
	CHECK(t_req(e, "POST", path, e->token, "x", 1, NULL, &r) == 405);
	CHECK(strstr(r.headers, "Allow: PUT") != NULL);
	t_free(&r);
	CHECK(t_req(e, "PUT", "/api/v1/photos/not-a-uuid?part=image", e->token, "x", 1, NULL, &r) == 404);
	t_free(&r);
	CHECK(t_req(e, "GET", "/api/v2/records", e->token, NULL, 0, NULL, &r) == 404);
	CHECK(json_object_get(r.json, "error") != NULL);
	const char *must[] = { "X-Frame-Options: DENY", "X-Content-Type-Options: nosniff",
			       "Referrer-Policy: no-referrer", "Cache-Control: no-store",
			       "Content-Security-Policy: default-src 'none'" };
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		CHECK_MSG(strstr(r.headers, must[i]) != NULL, "missing %s", must[i]);
	t_free(&r);
}

int main(int argc, char **argv)
{
	tenv e;
	mk_log_set_level(getenv("MK_TEST_LOG") ? MK_LOG_DEBUG : MK_LOG_WARN);
	if (t_setup(&e, argc, argv, "mk_test_api") != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	printf("backend: %s\n", cstore_backend(e.c.db));
	test_tokens(&e);
	test_batch_and_replay(&e);
	test_photo_deletion(&e);
	test_malformed_neighbours(&e);
	test_long_course(&e);
	test_committed(&e);
	test_not_batches(&e);
	test_limits(&e);
	test_routes_and_headers(&e);
	t_teardown(&e);
	return check_done();
}
