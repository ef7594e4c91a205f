/* SPDX-License-Identifier: MIT */
/*
 * The sync worker on a good day, as the clinic would notice: everything a
 * kiosk recorded (reports, a red-flag alert, photos, an erasure) reaches
 * the collector exactly once and leaves the kiosk's outbox; the alert goes
 * first, although it was saved last; a photo's two files are uploaded
 * before its record; a heartbeat arrives at start with the kiosk's
 * version and queue and then regularly, carrying each operational event
 * once and never a patient's code, UUID or words; staff see the status.
 * Then the edges of a day: the collector down when the kiosk starts and
 * up later (everything still arrives), stopping the kiosk while the
 * collector hangs (it stops within a second, not after the time-out), and
 * HTTPS with a certificate the kiosk trusts only when told to.
 */
#include "sync_test.h"
#include <jansson.h>

typedef struct {
	patient p[3];
	char alert_report[37], photos[2][37];
} day;

static day record_day(kiosk *k)
{
	day d;
	char uuid[37], req[37];
	memset(&d, 0, sizeof d);
	for (int i = 0; i < 3; i++)
		d.p[i] = kiosk_patient(k);
	for (int i = 0; i < 3; i++)
		kiosk_report(k, &d.p[0], 0, uuid);
	kiosk_photo(k, &d.p[0], 10, d.photos[0]);
	kiosk_report(k, &d.p[1], 0, uuid);
	kiosk_photo(k, &d.p[1], 20, d.photos[1]);
	kiosk_report(k, &d.p[2], 0, uuid);
	CHECK(store_patient_erase(k->s, d.p[2].id, req) == 0);
	kiosk_report(k, &d.p[1], 3, d.alert_report); /* the red flag comes last */
	kiosk_snapshot(k);
	return d;
}

/* The alert's UUID: the only record of kind "alert". */
static void alert_uuid(kiosk *k, char out[37])
{
	sqlite3_stmt *st;
	out[0] = 0;
	sqlite3_prepare_v2(store_db(k->s), "SELECT uuid FROM records WHERE kind='alert'", -1, &st,
			   NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, 37, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int has_event(const char *beat, const char *event)
{
	json_t *root = json_loads(beat, 0, NULL), *v;
	size_t i;
	int found = 0;
	json_array_foreach(json_object_get(root, "events"), i, v)
		if (!strcmp(JS(json_object_get(v, "event")), event) &&
		    strlen(JS(json_object_get(v, "id"))) == 36)
			found++;
	json_decref(root);
	return found;
}

static int beat_with(fake *f, const char *event)
{
	int n = 0;
	for (int i = 0; i < fake_heartbeats(f); i++) {
		char *b = fake_heartbeat(f, i);
		n += b && has_event(b, event);
		free(b);
	}
	return n;
}

static void check_beats(fake *f, const day *d, int waiting_at_start)
{
	char *first = fake_heartbeat(f, 0);
	json_t *root = first ? json_loads(first, 0, NULL) : NULL;
	CHECK(root != NULL);
	CHECK(!strcmp(JS(json_object_get(root, "version")), VERSION));
	CHECK(json_integer_value(json_object_get(json_object_get(root, "queue"), "waiting")) ==
	      waiting_at_start);
	CHECK(json_integer_value(json_object_get(root, "free_disk")) > 0);
	CHECK(json_is_integer(json_object_get(root, "uptime")));
	json_decref(root);
	free(first);
	for (int i = 0; i < fake_heartbeats(f); i++) {
		char *b = fake_heartbeat(f, i);
		for (int p = 0; b && p < 3; p++)
			CHECK(!strstr(b, d->p[p].code) && !strstr(b, d->p[p].uuid));
		CHECK(b && !strstr(b, "MARKER") && !strstr(b, "itch"));
		free(b);
	}
}

static void test_good_day(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	day d = record_day(k);
	char alert[37];
	sync_status st;
	alert_uuid(k, alert);
	CHECK(k->n_expect == 9); /* 4 reports, the alert, 2 photos, 1 erasure (p2's report went) */
	sync_worker *w = worker_start(k, f);
	sync_set_content_version(w, "2026-11-01");
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && kiosk_aside(k) == 0);
	CHECK(all_arrived(k, f));
	for (int i = 0; i < k->n_expect; i++)
		CHECK(fake_received(f, k->expect[i]) == 1);
	/* Alerts first, then the erasure, although both were saved late. */
	fake_batch b;
	CHECK(fake_batch_get(f, 0, &b) == 0 && !strcmp(b.first, alert));
	CHECK(b.items == 9 && fake_batches(f) == 1);
	CHECK(!strcmp(b.second, k->expect[1]));
	/* Each photo file once, before its record. */
	for (int i = 0; i < 2; i++)
		for (int part = 0; part < 2; part++) {
			CHECK(fake_puts(f, d.photos[i], part) == 1);
			CHECK(fake_first_put(f, d.photos[i], part) < fake_first_post(f, d.photos[i]));
		}
	/* Status for staff. */
	WAIT_UNTIL(worker_settled(w, 9), 2000);
	sync_get_status(w, &st);
	CHECK(st.configured && st.sent == 9 && st.waiting == 0 && st.set_aside == 0);
	CHECK(st.last_success > 0 && st.last_error[0] == 0 && st.next_try_ms == 0);

	/* A heartbeat at start (before the batch), then every 600 ms here. */
	CHECK(fake_heartbeats(f) >= 1);
	sync_event(w, "warn", "content-rejected", "pages.lua:12: unknown block type \xff");
	WAIT_UNTIL(beat_with(f, "content-rejected") == 1 && fake_heartbeats(f) >= 4, 10000);
	CHECK(beat_with(f, "content-rejected") == 1); /* delivered once, then dropped */
	char *last = fake_heartbeat(f, fake_heartbeats(f) - 1);
	CHECK(last && strstr(last, "\"content_version\":\"2026-11-01\""));
	CHECK(last && strstr(last, "\"waiting\":0"));
	free(last);
	check_beats(f, &d, 9);
	sync_stop(w);
	/* Restarted, the kiosk still knows when it last sent, and says so in
	 * its first heartbeat. */
	int64_t sent_at = st.last_success;
	w = worker_start(k, f);
	sync_get_status(w, &st);
	CHECK_MSG(st.last_success >= sent_at - 1 && st.last_success <= sent_at + 1,
		  "last sent %lld after a restart, %lld before", (long long)st.last_success,
		  (long long)sent_at);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The collector is down when the kiosk starts, and comes up later. */
static void test_down_then_up(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	int port = fake_port(f);
	char url[64];
	sync_status st;
	snprintf(url, sizeof url, "%s", fake_url(f));
	fake_stop(f);
	record_day(k);
	sync_worker *w = worker_start_url(k, url);
	/* Nothing listens now: attempts fail and are noted. */
	WAIT_UNTIL((sync_get_status(w, &st), strstr(st.last_error, "cannot reach")), 5000);
	CHECK(strstr(st.last_error, "cannot reach the collector") != NULL);
	CHECK_MSG(st.problem == SYNC_UNREACHABLE, "problem %d", st.problem); /* staff's words */
	CHECK(kiosk_waiting(k) == k->n_expect);
	WAIT_UNTIL(kiosk_sql(k, "SELECT min(attempts) FROM outbox") > 0, 5000);
	CHECK(kiosk_sql(k, "SELECT count(*) FROM outbox WHERE last_error LIKE 'cannot reach%'")
	      == k->n_expect);
	f = fake_start(TOKEN, port);
	CHECK(f != NULL);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && f && all_arrived(k, f));
	WAIT_UNTIL(worker_settled(w, (uint64_t)k->n_expect), 2000);
	sync_get_status(w, &st);
	CHECK(st.last_error[0] == 0 && st.problem == SYNC_OK && st.sent == (uint64_t)k->n_expect);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* The collector accepts the connection and never answers: sync_stop must
 * not wait for the 5 s time-out. */
static void test_stop_while_hanging(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	record_day(k);
	fake_fault(f, FAKE_HANG, 1000, NULL);
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(fake_hanging(f) >= 1, 5000);
	CHECK(fake_hanging(f) >= 1);
	usleep(200000);
	uint64_t t0 = now_ms();
	sync_stop(w);
	uint64_t took = now_ms() - t0;
	CHECK_MSG(took < 1000, "sync_stop took %llu ms", (unsigned long long)took);
	CHECK(kiosk_waiting(k) == k->n_expect); /* nothing lost */
	fake_stop(f);
	kiosk_free(k);
}

/* HTTPS: a certificate the kiosk was not told to trust is refused (no
 * byte of a request is sent), and the collector's own certificate given
 * as collector_ca is trusted. */
static void test_tls(void)
{
	kiosk *k = kiosk_new();
	char *cert = mk_path_join(k->dir, "collector.pem"), *key = mk_path_join(k->dir, "key.pem");
	char *cmd = mk_asprintf("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
				" -nodes -keyout '%s' -out '%s' -days 2 -subj /CN=127.0.0.1"
				" -addext subjectAltName=IP:127.0.0.1 2>/dev/null", key, cert);
	char *cert_pem = NULL, *key_pem = NULL;
	size_t n;
	sync_status st;
	CHECK_MSG(system(cmd) == 0, "openssl could not make a test certificate");
	CHECK(mk_read_file(cert, &cert_pem, &n) == 0 && mk_read_file(key, &key_pem, &n) == 0);
	fake *f = cert_pem && key_pem ? fake_start_tls(TOKEN, 0, cert_pem, key_pem) : NULL;
	CHECK(f != NULL && !strncmp(fake_url(f), "https://", 8));
	if (f) {
		record_day(k);
		sync_worker *w = worker_start(k, f); /* the system's CAs only */
		WAIT_UNTIL((sync_get_status(w, &st), strstr(st.last_error, "certificate")), 5000);
		CHECK_MSG(strstr(st.last_error, "certificate") != NULL, "%s", st.last_error);
		CHECK_MSG(st.problem == SYNC_CERT, "a certificate problem is told as %d", st.problem);
		CHECK(fake_requests(f) == 0 && kiosk_waiting(k) == k->n_expect);
		sync_stop(w);
		sync_opts o = { .data_dir = k->dir, .url = fake_url(f), .token = TOKEN,
				.ca_file = cert, .version = VERSION, .timeout_s = 5 };
		CHECK(sync_start(&w, &o) == 0);
		WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
		CHECK(kiosk_waiting(k) == 0 && all_arrived(k, f));
		sync_stop(w);
		fake_stop(f);
	}
	free(cert_pem);
	free(key_pem);
	free(cmd);
	free(cert);
	free(key);
	kiosk_free(k);
}

static void test_refuses_bad_options(void)
{
	sync_worker *w = (sync_worker *)1;
	sync_opts o = { .data_dir = "/tmp", .url = "", .token = TOKEN };
	CHECK(sync_start(&w, &o) == MK_EINVAL && w == NULL);
	o.url = "ftp://collector";
	CHECK(sync_start(&w, &o) == MK_EINVAL);
	o.url = "https://collector";
	o.token = NULL;
	CHECK(sync_start(&w, &o) == MK_EINVAL);
	sync_stop(NULL);
	sync_kick(NULL);
	sync_event(NULL, "info", "x", "y");
}

int main(void)
{
	setenv("MK_TEST_SYNC_FAST", "1", 1);
	test_refuses_bad_options();
	test_good_day();
	test_down_then_up();
	test_stop_while_hanging();
	test_tls();
	return check_done();
}
