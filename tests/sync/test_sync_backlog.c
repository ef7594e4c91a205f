/* SPDX-License-Identifier: MIT */
/*
 * A week offline: a backlog of 10,000 outbox items (9,950 reports, 50 of
 * them with a red flag) drains completely once the collector is there —
 * every item acknowledged exactly once, alerts in the first batch, full
 * batches, and nothing left waiting. The time it took is printed for
 * interest, not asserted (scripts/bench measures it).
 */
#include "sync_test.h"

#define ITEMS 10000
#define ALERTS 50

static void fill(kiosk *k)
{
	patient p = kiosk_patient(k);
	char uuid[37];
	/* Filling only: the test's own connection need not sync every report. */
	CHECK(sqlite3_exec(store_db(k->s), "PRAGMA synchronous=OFF", NULL, NULL, NULL) == SQLITE_OK);
	for (int i = 0; i < ITEMS - ALERTS; i++)
		kiosk_report(k, &p, i % ((ITEMS - ALERTS) / ALERTS) == 7 ? 2 : 0, uuid);
	kiosk_snapshot(k);
}

int main(void)
{
	setenv("MK_TEST_SYNC_FAST", "1", 1);
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	fake_batch b;
	sync_status st;
	fill(k);
	CHECK(k->n_expect == ITEMS);
	mk_log_set_level(getenv("SHOWLOG") ? MK_LOG_INFO : MK_LOG_WARN); /* 200 batch lines */
	uint64_t t0 = now_ms();
	sync_worker *w = worker_start(k, f);
	WAIT_UNTIL(kiosk_waiting(k) == 0, 240000);
	uint64_t took = now_ms() - t0;
	CHECK(kiosk_waiting(k) == 0 && kiosk_aside(k) == 0);
	CHECK(fake_accepted_count(f) == ITEMS && all_arrived(k, f));
	int once = 0;
	for (int i = 0; i < k->n_expect; i++)
		once += fake_received(f, k->expect[i]) == 1;
	CHECK(once == ITEMS);
	CHECK(fake_batches(f) == ITEMS / SYNC_BATCH);
	CHECK(fake_batch_get(f, 0, &b) == 0 && b.items == SYNC_BATCH);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM records WHERE kind='alert' AND uuid='%s'",
		 b.first);
	CHECK(kiosk_sql(k, sql) == 1);
	WAIT_UNTIL(worker_settled(w, ITEMS), 2000);
	sync_get_status(w, &st);
	CHECK(st.sent == ITEMS && st.waiting == 0);
	sync_stop(w);
	printf("drained %d items in %llu ms\n", ITEMS, (unsigned long long)took);
	fake_stop(f);
	kiosk_free(k);
	return check_done();
}
