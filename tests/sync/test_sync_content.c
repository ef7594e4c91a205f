/* SPDX-License-Identifier: MIT */
/*
 * Content rollout and remote screenshots through the sync worker, as the
 * clinic's IT would notice them on the dashboard and on disk: a bundle the
 * collector offers arrives whole and is handed to the app; a connection
 * broken half way, a kiosk restarted mid-download and a collector that
 * ignores Range all end with the same bytes, the first two without
 * fetching again what was already there; the rate decides how much one
 * step fetches, so records still leave during a download; a 429's
 * Retry-After is waited out; a file whose SHA-256 does not match the offer
 * never becomes ready and is given up after three tries; a version the app
 * rejected is never fetched again, even after a restart; a rollback
 * withdraws a ready bundle; malformed offers are ignored; the heartbeat
 * says what the kiosk shows and does; a screenshot request is answered
 * with the picture or the refusal, once.
 */
#include "sync_test.h"
#include "bundle.h"
#include "crypto.h"
#include <jansson.h>
#include <sys/stat.h>

#define SIZE 100000
#define SHOT_ID "0123456789abcdef0123456789abcdef"

static unsigned char bundle_a[SIZE], bundle_b[SIZE];

static void make_bundles(void)
{
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < SIZE; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		bundle_a[i] = (unsigned char)x;
		bundle_b[i] = (unsigned char)(x >> 8);
	}
}

static sync_worker *start_hb(kiosk *k, fake *f, int64_t rate, int heartbeat_s)
{
	sync_worker *w = NULL;
	sync_opts o = { .data_dir = k->dir, .url = fake_url(f), .token = TOKEN, .version = VERSION,
			.timeout_s = 5, .heartbeat_s = heartbeat_s, .content_rate = rate };
	CHECK_MSG(sync_start(&w, &o) == 0, "%s", mk_err_msg());
	return w;
}

/* 5 s heartbeats, 50 ms here (MK_TEST_SYNC_FAST) */
static sync_worker *start(kiosk *k, fake *f, int64_t rate) { return start_hb(k, f, rate, 5); }

static char *dl(kiosk *k, const char *name)
{
	return mk_asprintf("%s/content-download/%s", k->dir, name);
}

static int64_t file_size(kiosk *k, const char *name)
{
	char *p = dl(k, name);
	struct stat st;
	int64_t n = stat(p, &st) == 0 ? (int64_t)st.st_size : -1;
	free(p);
	return n;
}

static int has_file(kiosk *k, const char *name) { return file_size(k, name) >= 0; }

static int64_t ready(sync_worker *w, char path[512])
{
	int64_t v = 0;
	return sync_content_ready(w, &v, path, 512) ? v : 0;
}

/* The i-th heartbeat's "content" field as "shown state offered problem";
 * "" when it had none. */
static void beat_content(fake *f, int i, char out[300])
{
	char *b = fake_heartbeat(f, i);
	json_t *root = b ? json_loads(b, 0, NULL) : NULL, *c = json_object_get(root, "content");
	out[0] = 0;
	if (c)
		snprintf(out, 300, "%lld %s %lld %s", (long long)json_integer_value(json_object_get(c, "shown")),
			 JS(json_object_get(c, "state")), (long long)json_integer_value(json_object_get(c, "offered")),
			 JS(json_object_get(c, "problem")));
	json_decref(root);
	free(b);
}

static int last_beat_is(fake *f, const char *want)
{
	char got[300];
	beat_content(f, fake_heartbeats(f) - 1, got);
	return !strcmp(got, want);
}

static int any_beat_is(fake *f, const char *want)
{
	char got[300];
	for (int i = 0; i < fake_heartbeats(f); i++) {
		beat_content(f, i, got);
		if (!strcmp(got, want))
			return 1;
	}
	return 0;
}

/* Lets n more heartbeats go by: what the worker would have done in that
 * time on the same thread, it has done. */
static void beats_pass(fake *f, int n)
{
	int until = fake_heartbeats(f) + n;
	WAIT_UNTIL(fake_heartbeats(f) >= until, 20000);
	CHECK(fake_heartbeats(f) >= until);
}

static int range_is(fake *f, int i, const char *want)
{
	char got[64];
	return fake_content_range(f, i, got) == 0 && !strcmp(got, want);
}

static void test_download_and_report(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], *mkb = dl(k, "5.mkb");
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && !strcmp(path, mkb));
	CHECK(same_bytes(mkb, bundle_a, SIZE) && !has_file(k, "5.part"));
	CHECK(fake_content_gets(f) == 1 && range_is(f, 0, ""));
	/* Before the app says anything, the worker reports the download. */
	WAIT_UNTIL(any_beat_is(f, "0 downloading 5 "), 20000);
	CHECK(any_beat_is(f, "0 downloading 5 "));
	/* The app checked it and waits for the attract screen. */
	sync_content_state(w, 3, "waiting", 5, "");
	WAIT_UNTIL(last_beat_is(f, "3 waiting 5 "), 20000);
	CHECK(last_beat_is(f, "3 waiting 5 "));
	CHECK(ready(w, path) == 0); /* handed over once */
	/* On screen; the collector stops offering: the download goes. */
	sync_content_state(w, 5, "showing", 5, "");
	fake_offer(f, 0, NULL, 0, NULL);
	WAIT_UNTIL(!has_file(k, "5.mkb"), 20000);
	CHECK(!has_file(k, "5.mkb") && fake_content_gets(f) == 1);
	WAIT_UNTIL(last_beat_is(f, "5 showing 5 "), 20000);
	CHECK(last_beat_is(f, "5 showing 5 "));
	sync_stop(w);
	free(mkb);
	fake_stop(f);
	kiosk_free(k);
}

/* The collector offers version 5 again as another file (re-signed): the
 * one downloaded is dropped and the new one fetched. */
static void test_same_version_new_file(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512];
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && same_bytes(path, bundle_a, SIZE));
	fake_offer(f, 5, bundle_b, SIZE, NULL);
	WAIT_UNTIL(fake_content_gets(f) == 2 && ready(w, path) == 5, 20000);
	CHECK(fake_content_gets(f) == 2 && ready(w, path) == 5 && same_bytes(path, bundle_b, SIZE));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The connection breaks half way: the next request asks for the rest. */
static void test_resume_broken(int norange)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], got[64];
	long long from = -1;
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	fake_fault(f, FAKE_DROP, 1, "/api/v1/content/");
	fake_content_norange(f, norange); /* a 200 to a Range: start over */
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && same_bytes(path, bundle_a, SIZE));
	CHECK_MSG(fake_content_gets(f) == 2, "%d requests", fake_content_gets(f));
	CHECK(range_is(f, 0, "") && fake_content_range(f, 1, got) == 0);
	CHECK_MSG(sscanf(got, "bytes=%lld-", &from) == 1 && from > 0 && from <= SIZE / 2,
		  "the second request asked for '%s'", got);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The kiosk stops in the middle of a download and starts again: it asks
 * only for what it lacks. Then a new version (a rollback) withdraws the
 * ready one. */
static void test_restart_resume(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], want[64];
	fake_offer(f, 6, bundle_a, SIZE, NULL);
	fake_fault(f, FAKE_DROP, 1, "/api/v1/content/");
	fake_fault(f, FAKE_HANG, 1000, "/api/v1/content/");
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(fake_hanging(f) >= 1, 20000);
	CHECK(fake_hanging(f) >= 1);
	sync_stop(w);
	int64_t part = file_size(k, "6.part");
	CHECK_MSG(part > 0 && part < SIZE, "%lld bytes kept", (long long)part);
	fake_clear(f);
	int before = fake_content_gets(f);
	w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 6, 20000);
	CHECK(ready(w, path) == 6 && same_bytes(path, bundle_a, SIZE));
	snprintf(want, sizeof want, "bytes=%lld-", (long long)part);
	CHECK(fake_content_gets(f) == before + 1 && range_is(f, before, want));
	/* The collector rolls back as version 7 before the app took 6: from
	 * that heartbeat on, 6 is no longer handed out, even while 7 cannot
	 * be fetched yet (404 here). */
	char sha7[65], *raw;
	mkc_sha256_hex(bundle_b, SIZE, sha7);
	raw = mk_asprintf("{\"version\":7,\"sha256\":\"%s\",\"size\":%d}", sha7, SIZE);
	fake_offer_raw(f, raw);
	free(raw);
	before = fake_content_gets(f);
	WAIT_UNTIL(fake_content_gets(f) > before, 20000);
	CHECK(fake_content_gets(f) > before && ready(w, path) == 0 && !has_file(k, "6.mkb"));
	fake_offer_raw(f, NULL);
	fake_offer(f, 7, bundle_b, SIZE, NULL);
	WAIT_UNTIL(ready(w, path) == 7, 20000);
	CHECK(ready(w, path) == 7 && same_bytes(path, bundle_b, SIZE));
	CHECK(!has_file(k, "6.mkb") && !has_file(k, "6.part"));
	/* Restarted before the app took 7: it is ready again, not fetched again. */
	sync_stop(w);
	before = fake_content_gets(f);
	w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 7, 20000);
	CHECK(ready(w, path) == 7 && fake_content_gets(f) == before);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* content_rate decides how much one step fetches (five seconds' worth)
 * and when the next may start: at 16,000 bytes a second the first request
 * stops at 80,000 bytes and the second, five seconds later at the earliest,
 * asks for the rest; a report saved meanwhile leaves between the two, not
 * after the download. The records waiting when the kiosk starts (two
 * batches) all go before the download. And heartbeat_s is the period: at
 * an hour (36 s here) no second heartbeat comes during a download that
 * takes five seconds at least. */
static void test_rate_slices(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	patient p = kiosk_patient(k);
	char path[512], uuid[37];
	fake_batch b;
	for (int i = 0; i < SYNC_BATCH + 10; i++) /* two batches */
		kiosk_report(k, &p, 0, uuid);
	kiosk_snapshot(k);
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start_hb(k, f, 16000, 3600);
	WAIT_UNTIL(fake_content_gets(f) >= 1, 20000);
	CHECK(fake_content_gets(f) >= 1 && all_arrived(k, f)); /* records first */
	int batches = fake_batches(f);
	CHECK(batches >= 2);
	for (int i = 0; i < batches; i++)
		CHECK(fake_batch_get(f, i, &b) == 0 && b.content_gets == 0);
	kiosk_report(k, &p, 0, uuid); /* no kick: it waits for the step */
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && same_bytes(path, bundle_a, SIZE));
	CHECK_MSG(fake_content_gets(f) == 2, "%d requests", fake_content_gets(f));
	CHECK(range_is(f, 0, "") && range_is(f, 1, "bytes=80000-"));
	WAIT_UNTIL(fake_is_accepted(f, uuid), 20000);
	CHECK(fake_is_accepted(f, uuid));
	CHECK(fake_batch_get(f, batches, &b) == 0 && !strcmp(b.first, uuid));
	CHECK_MSG(b.content_gets <= 2, "the report waited for %d requests", b.content_gets);
	CHECK_MSG(fake_heartbeats(f) == 1, "%d heartbeats", fake_heartbeats(f));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* A record saved while a step downloads (the app kicks the worker) does
 * not wait for the step to end: the step stops where it is, the record
 * goes, and the next step resumes from there. */
static void test_kick_yields(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	patient p = kiosk_patient(k);
	static unsigned char big[1 << 20];
	char path[512], uuid[37], got[64];
	long long from = 0;
	fake_batch b;
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = bundle_a[i % SIZE] ^ (unsigned char)(i >> 12);
	fake_content_slow(f, 1); /* a step of 1 MiB takes 640 ms at least */
	fake_offer(f, 5, big, sizeof big, NULL);
	sync_worker *w = start_hb(k, f, 512 << 10, 3600);
	WAIT_UNTIL(file_size(k, "5.part") > 0, 20000);
	int batches = fake_batches(f);
	kiosk_report(k, &p, 0, uuid);
	sync_kick(w);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && same_bytes(path, big, sizeof big));
	CHECK(fake_batch_get(f, batches, &b) == 0 && !strcmp(b.first, uuid) && b.content_gets == 1);
	CHECK(fake_content_gets(f) >= 2 && fake_content_range(f, 1, got) == 0);
	CHECK_MSG(sscanf(got, "bytes=%lld-", &from) == 1 && from > 0 && from < (512 << 10) * 2,
		  "the second step asked for '%s'", got);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The rate holds between steps too: after 80,000 bytes at 16,000 a
 * second the next request waits five seconds, while heartbeats (every
 * 10 ms here) go on. */
static void test_rate_paced(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512];
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start_hb(k, f, 16000, 1);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && fake_content_gets(f) == 2);
	int between = fake_content_beats(f, 1) - fake_content_beats(f, 0);
	CHECK_MSG(between >= 3, "%d heartbeats between the two requests", between);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The collector sends more than it offered: the kiosk keeps the offered
 * size and not a byte more. */
static void test_never_past_offer(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], sha[65], *raw;
	mkc_sha256_hex(bundle_a, SIZE / 2, sha);
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	raw = mk_asprintf("{\"version\":5,\"sha256\":\"%s\",\"size\":%d}", sha, SIZE / 2);
	fake_offer_raw(f, raw);
	free(raw);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && same_bytes(path, bundle_a, SIZE / 2));
	CHECK(fake_content_gets(f) == 1);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* 429 (too many downloads) and 503 (too many at once) with Retry-After:
 * an hour (36 s here) is waited out, while heartbeats go on. */
static void test_retry_after(int status)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512];
	fake_retry_after(f, 3600);
	fake_fault(f, status, 1, "/api/v1/content/");
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(fake_content_gets(f) == 1, 20000);
	beats_pass(f, 10);
	CHECK_MSG(fake_content_gets(f) == 1, "asked %d times", fake_content_gets(f));
	CHECK(last_beat_is(f, "0 downloading 5 "));
	sync_stop(w);
	w = start(k, f, 0); /* a new day */
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5 && fake_content_gets(f) == 2);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static int beat_event(fake *f, const char *event)
{
	int n = 0;
	for (int i = 0; i < fake_heartbeats(f); i++) {
		char *b = fake_heartbeat(f, i);
		char needle[80];
		snprintf(needle, sizeof needle, "\"event\":\"%s\"", event);
		n += b && strstr(b, needle) != NULL;
		free(b);
	}
	return n;
}

/* Bytes that do not match the offer's SHA-256 are never ready. */
static void test_sha_mismatch(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], other[65];
	mkc_sha256_hex(bundle_b, SIZE, other);
	fake_offer(f, 5, bundle_a, SIZE, other);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(beat_event(f, "content-download-bad") == 1, 20000);
	CHECK(beat_event(f, "content-download-bad") == 1);
	beats_pass(f, 10);
	CHECK_MSG(fake_content_gets(f) == 3, "fetched %d times", fake_content_gets(f));
	CHECK(ready(w, path) == 0 && !has_file(k, "5.part") && !has_file(k, "5.mkb"));
	CHECK(last_beat_is(f, "0 rejected 5 the download did not match its SHA-256 3 times"));
	sync_stop(w);
	w = start(k, f, 0); /* restarted: still given up */
	beats_pass(f, 10);
	CHECK(fake_content_gets(f) == 3 && ready(w, path) == 0);
	CHECK(last_beat_is(f, "0 rejected 5 the download did not match its SHA-256 3 times"));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The app refused version 5 (its signature, its content): never again. */
static void test_rejected(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512];
	fake_offer(f, 5, bundle_a, SIZE, NULL);
	sync_worker *w = start(k, f, 0);
	WAIT_UNTIL(ready(w, path) == 5, 20000);
	CHECK(ready(w, path) == 5);
	sync_content_state(w, 0, "rejected", 5, "pages.lua:3: unknown block type 'bullets'");
	WAIT_UNTIL(!has_file(k, "5.mkb"), 20000);
	CHECK(!has_file(k, "5.mkb") && has_file(k, "5.rejected"));
	beats_pass(f, 10);
	CHECK(fake_content_gets(f) == 1);
	CHECK(last_beat_is(f, "0 rejected 5 pages.lua:3: unknown block type 'bullets'"));
	sync_stop(w);
	int first = fake_heartbeats(f);
	w = start(k, f, 0); /* restarted: the app has not said anything yet */
	beats_pass(f, 10);
	CHECK(fake_content_gets(f) == 1 && ready(w, path) == 0);
	for (int i = first; i < fake_heartbeats(f); i++) {
		char got[300];
		beat_content(f, i, got);
		CHECK_MSG(!strstr(got, "downloading"), "%s", got);
	}
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* Offers that make no sense are ignored; the kiosk goes on as before. */
static void test_malformed_offers(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], id[33], sha[65], *raw;
	sync_status st;
	mkc_sha256_hex(bundle_a, SIZE, sha);
	const char *bad[] = {
		"\"nonsense\"",
		"{\"sha256\":\"%s\",\"size\":100000}",
		"{\"version\":8,\"sha256\":\"%.63sg\",\"size\":100000}",
		"{\"version\":8,\"sha256\":\"%.60s\",\"size\":100000}",
		"{\"version\":8,\"sha256\":\"%s\",\"size\":0}",
		"{\"version\":8,\"sha256\":\"%s\",\"size\":67108865}",
		"{\"version\":7,\"sha256\":\"%s\",\"size\":100000}",
		"{\"version\":6,\"sha256\":\"%s\",\"size\":100000}",
	};
	CHECK(BUNDLE_MAX_BYTES == 67108864ull);
	fake_offer(f, 8, bundle_a, SIZE, NULL); /* served, but offered only as below */
	fake_offer_raw(f, "null");
	fake_ask_screenshot(f, "not-an-id");
	sync_worker *w = start(k, f, 0);
	sync_content_state(w, 7, "showing", 7, "");
	beats_pass(f, 3);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		raw = mk_asprintf(bad[i], sha);
		fake_offer_raw(f, raw);
		free(raw);
		beats_pass(f, 3);
	}
	CHECK(fake_content_gets(f) == 0 && ready(w, path) == 0 && !sync_screenshot_wanted(w, id));
	sync_get_status(w, &st);
	CHECK_MSG(st.last_error[0] == 0, "%s", st.last_error);
	CHECK(last_beat_is(f, "7 showing 7 "));
	/* A sound offer still works. */
	fake_offer_raw(f, NULL);
	WAIT_UNTIL(ready(w, path) == 8, 20000);
	CHECK(ready(w, path) == 8 && same_bytes(path, bundle_a, SIZE));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static void test_screenshot(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char id[33], type[64], *body = NULL;
	unsigned char png[5000];
	size_t n = 0;
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	for (size_t i = 8; i < sizeof png; i++)
		png[i] = (unsigned char)(i * 31);
	sync_worker *w = start(k, f, 0);
	fake_ask_screenshot(f, SHOT_ID);
	WAIT_UNTIL(sync_screenshot_wanted(w, id), 20000);
	CHECK(sync_screenshot_wanted(w, id) && !strcmp(id, SHOT_ID));
	fake_fault(f, 500, 1, "/api/v1/screenshot/"); /* the first PUT fails: tried again */
	sync_screenshot_answer(w, id, png, sizeof png, NULL);
	WAIT_UNTIL(fake_screenshots(f) == 1, 20000);
	CHECK(fake_screenshot(f, id, type, &body, &n) == 0 && !strcmp(id, SHOT_ID));
	CHECK(!strcmp(type, "image/png") && n == sizeof png && body && !memcmp(body, png, n));
	free(body);
	CHECK(!sync_screenshot_wanted(w, id));
	/* The next request finds a patient signed in. */
	fake_ask_screenshot(f, "fedcba9876543210fedcba9876543210");
	WAIT_UNTIL(sync_screenshot_wanted(w, id), 20000);
	CHECK(!strcmp(id, "fedcba9876543210fedcba9876543210"));
	sync_screenshot_answer(w, id, NULL, 0, "a patient is signed in");
	WAIT_UNTIL(fake_screenshots(f) == 2, 20000);
	CHECK(fake_screenshot(f, id, type, &body, &n) == 0);
	CHECK(!strcmp(type, "application/json"));
	CHECK_MSG(body && !strcmp(body, "{\"refused\":\"a patient is signed in\"}"), "%s", body);
	free(body);
	beats_pass(f, 5);
	CHECK(fake_screenshots(f) == 2 && !sync_screenshot_wanted(w, id)); /* once */
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

int main(void)
{
	setenv("MK_TEST_SYNC_FAST", "1", 1);
	make_bundles();
	test_download_and_report();
	test_same_version_new_file();
	test_resume_broken(0);
	test_resume_broken(1);
	test_restart_resume();
	test_rate_slices();
	test_rate_paced();
	test_kick_yields();
	test_never_past_offer();
	test_retry_after(429);
	test_retry_after(503);
	test_sha_mismatch();
	test_rejected();
	test_malformed_offers();
	test_screenshot();
	return check_done();
}
