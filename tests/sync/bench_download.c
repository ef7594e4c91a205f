/* SPDX-License-Identifier: MIT */
/*
 * bench_download SIZE_MIB RATE_KIB: the real sync worker downloads a
 * SIZE_MIB bundle offered by the fake collector at content_rate RATE_KIB
 * KiB a second, and a report saved half way through has to reach the
 * collector meanwhile (records go first, between download steps). Prints
 * one line for scripts/bench:
 *   download bytes=N seconds=S report_ms=MS
 * the time from the first content request to the bundle being ready, and
 * from the report's save to its acknowledgement. Not a test: no asserts
 * on the figures.
 */
#include "sync_test.h"

static int64_t ready_version(sync_worker *w)
{
	char path[512];
	int64_t v = 0;
	return sync_content_ready(w, &v, path, sizeof path) ? v : 0;
}

int main(int argc, char **argv)
{
	size_t size = (size_t)(argc > 1 ? atoi(argv[1]) : 16) << 20;
	int64_t rate = (int64_t)(argc > 2 ? atoi(argv[2]) : 4096) * 1024;
	unsigned char *bytes = malloc(size);
	kiosk *k = kiosk_new();
	fake *f = fake_start(TOKEN, 0);
	patient p = kiosk_patient(k);
	sync_worker *w = NULL;
	char uuid[37];
	uint32_t x = 2463534242u;
	for (size_t i = 0; bytes && i < size; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		bytes[i] = (unsigned char)x;
	}
	CHECK(bytes && f);
	fake_offer(f, 1, bytes, size, NULL);
	sync_opts o = { .data_dir = k->dir, .url = fake_url(f), .token = TOKEN, .version = VERSION,
			.timeout_s = 30, .heartbeat_s = 3600, .content_rate = rate };
	CHECK_MSG(sync_start(&w, &o) == 0, "%s", mk_err_msg());
	WAIT_UNTIL(fake_content_gets(f) >= 1, 60000);
	uint64_t t0 = now_ms();
	usleep((useconds_t)((double)size / (double)rate * 1e6 / 2));
	kiosk_report(k, &p, 0, uuid);
	sync_kick(w);
	uint64_t saved = now_ms();
	WAIT_UNTIL(fake_is_accepted(f, uuid), 60000);
	uint64_t acked = now_ms();
	WAIT_UNTIL(ready_version(w) == 1, 600000);
	uint64_t done = now_ms();
	CHECK(fake_is_accepted(f, uuid) && ready_version(w) == 1);
	printf("download bytes=%zu seconds=%.2f report_ms=%llu\n", size, (double)(done - t0) / 1000,
	       (unsigned long long)(acked - saved));
	sync_stop(w);
	fake_stop(f);
	kiosk_free(k);
	free(bytes);
	return check_done();
}
