/* SPDX-License-Identifier: MIT */
/*
 * The sync worker on a bad day. A wrong token stores nothing and says so
 * plainly to staff; 500s, a collector that hangs past the time-out and
 * answers lost half way all end with every item acknowledged exactly once
 * and nothing left behind; a record the collector refuses for good is set
 * aside with its reason while the items behind it still go, and goes when
 * staff retry it; a batch too large is halved until the one item at fault
 * is set aside; photo files that went through are not uploaded again when
 * their batch fails, and are when the collector says it lacks them; a
 * photo whose file is gone from the kiosk is set aside, not retried; the
 * backoff stays within its bounds, grows, and a kick does not cut it short.
 */
#include "sync_test.h"
#include "sync_int.h"
#include <jansson.h>

#define TOKEN_MSG "the collector refused this kiosk's token"

static void some_records(kiosk *k, int reports, int photos)
{
	patient p = kiosk_patient(k);
	char uuid[37];
	for (int i = 0; i < reports; i++)
		kiosk_report(k, &p, i == reports - 1 ? 2 : 0, uuid);
	for (int i = 0; i < photos; i++)
		kiosk_photo(k, &p, 100 + (unsigned)i * 2, uuid);
	kiosk_snapshot(k);
}

static const char *last_error(sync_worker *w)
{
	static sync_status st;
	sync_get_status(w, &st);
	return st.last_error;
}

static void test_token_then_faults(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	some_records(k, 6, 1);
	fake_fault(f, 401, 1000, NULL);
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(!strcmp(last_error(w), TOKEN_MSG), 20000);
	CHECK(!strcmp(last_error(w), TOKEN_MSG));
	sync_status st;
	sync_get_status(w, &st);
	CHECK_MSG(st.problem == SYNC_TOKEN, "a refused token is told as %d", st.problem);
	WAIT_UNTIL(kiosk_sql(k, "SELECT min(attempts) FROM outbox") > 0, 20000);
	CHECK(kiosk_sql(k, "SELECT count(*) FROM outbox WHERE last_error="
			"'the collector refused this kiosk''s token'") == k->n_expect);
	CHECK(fake_accepted_count(f) == 0 && kiosk_waiting(k) == k->n_expect);

	/* The token is fixed; now 500s, a hang past the time-out, and two
	 * answers lost after the collector stored the batch. */
	fake_clear(f);
	fake_fault(f, 500, 3, NULL);
	fake_fault(f, FAKE_HANG, 1, "/api/v1/records");
	fake_fault(f, FAKE_DROP, 2, "/api/v1/records");
	WAIT_UNTIL(kiosk_waiting(k) == 0, 60000);
	CHECK(kiosk_waiting(k) == 0 && kiosk_aside(k) == 0);
	CHECK(all_arrived(k, f));
	for (int i = 0; i < k->n_expect; i++) /* two lost answers, then the one that came */
		CHECK_MSG(fake_received(f, k->expect[i]) == 3, "%d", fake_received(f, k->expect[i]));
	WAIT_UNTIL(worker_settled(w, (uint64_t)k->n_expect), 20000);
	sync_get_status(w, &st);
	CHECK(st.sent == (uint64_t)k->n_expect && st.last_error[0] == 0);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static void test_rejected(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	store_outbox_aside aside[4];
	int n = 0;
	some_records(k, 5, 0);
	const char *bad = k->expect[2];
	fake_reject(f, bad, "malformed: for a test");
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && kiosk_aside(k) == 1);
	CHECK(fake_accepted_count(f) == k->n_expect - 1 && !fake_is_accepted(f, bad));
	for (int i = 3; i < k->n_expect; i++) /* those behind it went */
		CHECK(fake_is_accepted(f, k->expect[i]));
	CHECK(store_outbox_aside_list(k->s, aside, 4, &n) == 0 && n == 1);
	CHECK(n == 1 && !strcmp(aside[0].uuid, bad));
	CHECK(!strcmp(aside[0].reason, "malformed: for a test") && !strcmp(aside[0].kind, "report"));

	/* The collector is fixed; staff retry. */
	fake_reject(f, bad, NULL);
	CHECK(store_outbox_retry_aside(k->s, &n) == 0 && n == 1);
	sync_kick(w);
	/* the collector stores it before the kiosk reads the answer */
	WAIT_UNTIL(all_arrived(k, f) && kiosk_aside(k) == 0 && kiosk_waiting(k) == 0, 20000);
	CHECK(all_arrived(k, f) && kiosk_aside(k) == 0 && kiosk_waiting(k) == 0);
	CHECK(fake_received(f, bad) == 2);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static void test_too_large(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	patient p = kiosk_patient(k);
	char uuid[37], big_uuid[37], *big = malloc(150001 + 64);
	store_outbox_aside aside[2];
	fake_batch b;
	int n = 0;
	for (int i = 0; i < 12; i++) {
		kiosk_report(k, &p, 0, uuid);
		if (i == 3) { /* the 5th item is too large for the collector */
			strcpy(big, "{\"note\":\"");
			memset(big + 9, 'a', 150000);
			strcpy(big + 150009, "\"}");
			store_report r = { .clinic_pk = k->pk, .patient_key = p.key,
					   .patient_id = p.id, .json = big };
			CHECK(store_report_add(k->s, &r, big_uuid) == 0);
		}
	}
	free(big);
	kiosk_snapshot(k);
	fake_limit(f, 100000);
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && fake_accepted_count(f) == 12 && !fake_is_accepted(f, big_uuid));
	CHECK(store_outbox_aside_list(k->s, aside, 2, &n) == 0 && n == 1);
	CHECK(!strcmp(aside[0].uuid, big_uuid) && !strcmp(aside[0].reason, "too large for the collector"));
	CHECK(fake_batch_get(f, 0, &b) == 0 && b.items == 13 && b.status == 413);
	CHECK(fake_batch_get(f, 1, &b) == 0 && b.items == 6 && b.status == 413);
	CHECK(fake_batch_get(f, 2, &b) == 0 && b.items == 3 && b.status == 200);
	for (int i = 0; fake_batch_get(f, i, &b) == 0; i++)
		if (!strcmp(b.first, big_uuid) && b.items == 1)
			n = -1;
	CHECK(n == -1); /* it was tried alone before being set aside */
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static void test_photo_parts(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	some_records(k, 1, 2);
	fake_fault(f, 500, 1, "/api/v1/records"); /* the batch fails after the uploads */
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && all_arrived(k, f) && fake_batches(f) == 2);
	for (int i = 0; i < k->n_expect; i++)
		if (fake_first_put(f, k->expect[i], 0))
			CHECK(fake_puts(f, k->expect[i], 0) == 1 && fake_puts(f, k->expect[i], 1) == 1);

	/* The collector loses a photo's files: it says "pending", they go again. */
	patient p = kiosk_patient(k);
	char uuid[37];
	fake_lose_parts(f, 2);
	kiosk_photo(k, &p, 300, uuid);
	sync_kick(w);
	WAIT_UNTIL(fake_is_accepted(f, uuid), 10000);
	CHECK(fake_is_accepted(f, uuid) && fake_received(f, uuid) == 2);
	CHECK(fake_puts(f, uuid, 0) == 2 && fake_puts(f, uuid, 1) == 2);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

/* A photo whose file is gone from the kiosk cannot be sent: it is set
 * aside with the reason, and the rest goes. */
static void test_missing_file(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	patient p = kiosk_patient(k);
	char uuid[37], photo[37];
	store_outbox_aside aside[2];
	int n = 0;
	kiosk_photo(k, &p, 500, photo);
	kiosk_report(k, &p, 0, uuid);
	char *path = store_photo_path(k->s, photo, STORE_PHOTO_THUMB);
	CHECK(unlink(path) == 0);
	free(path);
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 10000);
	CHECK(kiosk_waiting(k) == 0 && fake_is_accepted(f, uuid) && !fake_is_accepted(f, photo));
	CHECK(store_outbox_aside_list(k->s, aside, 2, &n) == 0 && n == 1);
	CHECK(!strcmp(aside[0].uuid, photo) && strstr(aside[0].reason, "thumbnail file is missing"));
	CHECK(fake_puts(f, photo, 0) == 0 && fake_puts(f, photo, 1) == 0);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

static uint64_t cap_of(int failures)
{
	uint64_t cap = SYNC_BACKOFF_MIN_MS;
	for (int i = 1; i < failures && cap < SYNC_BACKOFF_MAX_MS; i++)
		cap *= 2;
	return cap < SYNC_BACKOFF_MAX_MS ? cap : SYNC_BACKOFF_MAX_MS;
}

/* The delays themselves: within [MIN, MIN * 2^(n-1)] capped at MAX, and
 * spread over that whole range (full jitter). */
static void test_backoff_bounds(void)
{
	uint64_t x = 88172645463325252ull, prev_hi = 0;
	for (int fails = 1; fails <= 40; fails++) {
		uint64_t lo = UINT64_MAX, hi = 0, cap = cap_of(fails);
		for (int i = 0; i < 2000; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			uint64_t d = sync_backoff_ms(fails, x, 1);
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
		CHECK(lo >= SYNC_BACKOFF_MIN_MS && hi <= cap && hi <= SYNC_BACKOFF_MAX_MS);
		CHECK(fails == 1 ? hi == SYNC_BACKOFF_MIN_MS : hi > cap * 9 / 10);
		CHECK(hi > prev_hi || cap == SYNC_BACKOFF_MAX_MS); /* grows up to the ceiling */
		prev_hi = hi;
	}
	CHECK(prev_hi > SYNC_BACKOFF_MAX_MS * 9 / 10);
	CHECK(sync_backoff_ms(1000000, 12345, 100) <= SYNC_BACKOFF_MAX_MS / 100);
}

/* The same, seen from the collector: the gaps between failed batches. */
static void test_backoff_live(void)
{
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	fake_batch a, b;
	sync_status st;
	some_records(k, 3, 0);
	fake_fault(f, 500, 6, "/api/v1/records");
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 20000);
	CHECK(kiosk_waiting(k) == 0 && fake_batches(f) == 7);
	for (int i = 0; i + 1 < fake_batches(f); i++) {
		CHECK(fake_batch_get(f, i, &a) == 0 && fake_batch_get(f, i + 1, &b) == 0);
		uint64_t gap = b.at_ms - a.at_ms;
		/* + 1 s for the round itself on a loaded machine (4 synced writes) */
		CHECK_MSG(gap + 1 >= SYNC_BACKOFF_MIN_MS / 100 && gap <= cap_of(i + 1) / 100 + 1000,
			  "gap %d: %llu ms", i, (unsigned long long)gap);
	}

	/* Failing for a while: the next try stays under the ceiling, and a
	 * kick (a new report) does not bring it forward. */
	fake_fault(f, 500, 1000, "/api/v1/records");
	patient p = kiosk_patient(k);
	char uuid[37];
	kiosk_report(k, &p, 0, uuid);
	sync_kick(w);
	WAIT_UNTIL(fake_batches(f) >= 16, 30000);
	int tested = 0;
	for (int tries = 0; tries < 200 && !tested; tries++) {
		int n = fake_batches(f);
		sync_get_status(w, &st);
		CHECK(st.next_try_ms <= SYNC_BACKOFF_MAX_MS / 100);
		/* (no batch came between reading n and the status) */
		if (st.next_try_ms > 600 && strstr(st.last_error, "answered 500") &&
		    fake_batches(f) == n) {
			CHECK(st.problem == SYNC_SERVER && st.http_status == 500);
			for (int i = 0; i < 10; i++, usleep(30000))
				sync_kick(w);
			CHECK(fake_batches(f) == n);
			tested = 1;
		}
		usleep(20000);
	}
	CHECK(tested);
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
}

int main(void)
{
	setenv("MK_TEST_SYNC_FAST", "1", 1);
	test_backoff_bounds();
	test_token_then_faults();
	test_rejected();
	test_too_large();
	test_photo_parts();
	test_missing_file();
	test_backoff_live();
	return check_done();
}
