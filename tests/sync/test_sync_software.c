/* SPDX-License-Identifier: MIT */
/*
 * Software updates through the sync worker, as clinic IT would see them on
 * the dashboard (the heartbeat's "software") and on the kiosk's disk: the
 * package the collector offers arrives whole in software-download/ and is
 * handed to the app; a connection broken half way resumes where it broke;
 * bytes that do not match the offer never become ready; a content bundle
 * offered at the same time comes first; a package the app handed to the
 * helper, installed, rejected or rolled back is never fetched again, even
 * after a restart; the heartbeat always says which package runs.
 */
#include "sync_test.h"
#include "crypto.h"
#include <jansson.h>
#include <sys/stat.h>

#define SIZE 60000
#define RUNNING "0.1.0+42.gabc1234"

static unsigned char pkg_a[SIZE], content_a[SIZE];

static void make_files(void)
{
	uint32_t x = 88172645u;
	for (size_t i = 0; i < SIZE; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		pkg_a[i] = (unsigned char)x;
		content_a[i] = (unsigned char)(x >> 16);
	}
}

static sync_worker *start_rate(kiosk *k, fake *f, int64_t rate, const char *running)
{
	sync_worker *w = NULL;
	sync_opts o = { .data_dir = k->dir, .url = fake_url(f), .token = TOKEN, .version = VERSION,
			.timeout_s = 5, .heartbeat_s = 5, .content_rate = rate,
			.package_version = running };
	CHECK_MSG(sync_start(&w, &o) == 0, "%s", mk_err_msg());
	return w;
}

/* Started, and the app says it took nothing yet. */
static sync_worker *start(kiosk *k, fake *f)
{
	sync_worker *w = start_rate(k, f, 0, RUNNING);
	sync_software_state(w, 0, "current", 0, "");
	return w;
}

static char *sw_file(kiosk *k, const char *name)
{
	return mk_asprintf("%s/software-download/%s", k->dir, name);
}

static int sw_has(kiosk *k, const char *name)
{
	char *p = sw_file(k, name);
	struct stat st;
	int r = stat(p, &st) == 0;
	free(p);
	return r;
}

static int64_t pkg_ready(sync_worker *w, char path[512])
{
	int64_t v = 0;
	return sync_package_ready(w, &v, path, 512) ? v : 0;
}

/* The last heartbeat's "software" as "running taken state offered
 * problem"; "-" when it had none. */
static void last_software(fake *f, char out[400])
{
	char *b = fake_heartbeat(f, fake_heartbeats(f) - 1);
	json_t *root = b ? json_loads(b, 0, NULL) : NULL, *s = json_object_get(root, "software");
	snprintf(out, 400, "-");
	if (s)
		snprintf(out, 400, "%s %lld %s %lld %s", JS(json_object_get(s, "running")),
			 (long long)json_integer_value(json_object_get(s, "taken")),
			 JS(json_object_get(s, "state")),
			 (long long)json_integer_value(json_object_get(s, "offered")),
			 JS(json_object_get(s, "problem")));
	json_decref(root);
	free(b);
}

static int software_is(fake *f, const char *want)
{
	char got[400];
	last_software(f, got);
	return !strcmp(got, want);
}

#define WAIT_SOFTWARE(f, want) do { \
	char got_[400]; \
	WAIT_UNTIL(software_is(f, want), 20000); \
	last_software(f, got_); \
	CHECK_MSG(!strcmp(got_, want), "software is '%s', not '%s'", got_, want); \
} while (0)

static void beats_go_by(fake *f, int n)
{
	int until = fake_heartbeats(f) + n;
	WAIT_UNTIL(fake_heartbeats(f) >= until, 20000);
	CHECK(fake_heartbeats(f) >= until);
}

/* Offered, downloaded, handed to the helper, installed: fetched once. */
static void test_offer_to_installed(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], *mkb = sw_file(k, "5.mkb"), *away = mk_asprintf("%s/request.mkb", k->dir);
	sync_worker *w = start(k, f);
	WAIT_SOFTWARE(f, RUNNING " 0 current 0 ");
	fake_offer_package(f, 5, pkg_a, SIZE, NULL);
	WAIT_UNTIL(pkg_ready(w, path) == 5, 20000);
	CHECK(pkg_ready(w, path) == 5 && !strcmp(path, mkb) && same_bytes(mkb, pkg_a, SIZE));
	CHECK(fake_package_gets(f) == 1 && fake_content_gets(f) == 0 && !sw_has(k, "5.part"));
	WAIT_SOFTWARE(f, RUNNING " 0 downloading 5 ");
	sync_software_state(w, 0, "waiting", 5, "");
	WAIT_SOFTWARE(f, RUNNING " 0 waiting 5 ");
	CHECK(pkg_ready(w, path) == 0); /* handed over once */
	/* The app renames it to the helper's request. */
	CHECK(rename(mkb, away) == 0);
	sync_software_state(w, 0, "installing", 5, "");
	WAIT_SOFTWARE(f, RUNNING " 0 installing 5 ");
	beats_go_by(f, 5);
	CHECK_MSG(fake_package_gets(f) == 1, "fetched %d times", fake_package_gets(f));
	sync_stop(w);
	w = start_rate(k, f, 0, "0.2.0"); /* the new package runs */
	beats_go_by(f, 3);
	CHECK(software_is(f, "-")); /* nothing said before the app speaks */
	sync_software_state(w, 5, "installed", 5, "");
	WAIT_SOFTWARE(f, "0.2.0 5 installed 5 ");
	beats_go_by(f, 5);
	CHECK(fake_package_gets(f) == 1 && !sw_has(k, "5.mkb") && !sw_has(k, "5.part"));
	sync_stop(w);
	free(away);
	free(mkb);
	fake_stop(f);
	kiosk_free(k);
}

/* The connection breaks half way: the rest is asked for with a Range. */
static void test_resume(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], range[64];
	long long from = -1;
	fake_offer_package(f, 3, pkg_a, SIZE, NULL);
	fake_fault(f, FAKE_DROP, 1, "/api/v1/package/");
	sync_worker *w = start(k, f);
	WAIT_UNTIL(pkg_ready(w, path) == 3, 20000);
	CHECK(pkg_ready(w, path) == 3 && same_bytes(path, pkg_a, SIZE));
	CHECK_MSG(fake_package_gets(f) == 2, "%d requests", fake_package_gets(f));
	fake_package_range(f, range);
	CHECK_MSG(sscanf(range, "bytes=%lld-", &from) == 1 && from > 0 && from <= SIZE / 2,
		  "the second request asked for '%s'", range);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* Bytes that do not match the offer never reach the app. */
static void test_sha_mismatch(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], other[65];
	mkc_sha256_hex(content_a, SIZE, other);
	fake_offer_package(f, 4, pkg_a, SIZE, other);
	sync_worker *w = start(k, f);
	WAIT_SOFTWARE(f, RUNNING " 0 rejected 4 the download did not match its SHA-256 3 times");
	beats_go_by(f, 10);
	CHECK_MSG(fake_package_gets(f) == 3, "fetched %d times", fake_package_gets(f));
	CHECK(pkg_ready(w, path) == 0 && !sw_has(k, "4.mkb") && !sw_has(k, "4.part"));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* A content bundle offered with a package goes first, whole: the
 * package waits between the bundle's two slices. */
static void test_content_first(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512];
	int64_t v = 0;
	fake_offer(f, 2, content_a, SIZE, NULL);
	fake_offer_package(f, 6, pkg_a, SIZE / 2, NULL);
	sync_worker *w = start_rate(k, f, 8000, RUNNING); /* 40,000 bytes a slice */
	sync_software_state(w, 0, "current", 0, "");
	WAIT_UNTIL(pkg_ready(w, path) == 6, 30000);
	CHECK(pkg_ready(w, path) == 6 && same_bytes(path, pkg_a, SIZE / 2));
	CHECK(sync_content_ready(w, &v, path, sizeof path) && v == 2 && same_bytes(path, content_a, SIZE));
	CHECK_MSG(fake_package_after(f) == 2, "%d content requests before the package",
		  fake_package_after(f));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* Rejected by the app, or rolled back by the helper: never again, even
 * after a restart. */
static void test_never_retaken(const char *state, const char *problem)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	char path[512], want[400];
	fake_offer_package(f, 7, pkg_a, SIZE, NULL);
	sync_worker *w = start(k, f);
	WAIT_UNTIL(pkg_ready(w, path) == 7, 20000);
	CHECK(pkg_ready(w, path) == 7);
	int64_t taken = !strcmp(state, "rolled-back") ? 7 : 0;
	sync_software_state(w, taken, state, 7, problem);
	snprintf(want, sizeof want, RUNNING " %lld %s 7 %s", (long long)taken, state, problem);
	WAIT_SOFTWARE(f, want);
	WAIT_UNTIL(!sw_has(k, "7.mkb"), 20000);
	CHECK(!sw_has(k, "7.mkb"));
	sync_stop(w);
	w = start_rate(k, f, 0, RUNNING); /* the app has not spoken yet */
	beats_go_by(f, 5);
	sync_software_state(w, taken, state, 7, problem); /* what it kept */
	beats_go_by(f, 5);
	CHECK_MSG(fake_package_gets(f) == 1 && pkg_ready(w, path) == 0, "%d gets",
		  fake_package_gets(f));
	CHECK(software_is(f, want));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* A kiosk started without a package version says nothing of software. */
static void test_no_running(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	sync_worker *w = start_rate(k, f, 0, NULL);
	beats_go_by(f, 2);
	CHECK(software_is(f, "-"));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

int main(void)
{
	setenv("MK_TEST_SYNC_FAST", "1", 1);
	make_files();
	test_offer_to_installed();
	test_resume();
	test_sha_mismatch();
	test_content_first();
	test_never_retaken("rejected", "not signed by a key in software_keys");
	test_never_retaken("rolled-back", "the new version did not start in 120 s");
	test_no_running();
	return check_done();
}
