/* SPDX-License-Identifier: MIT */
/*
 * bench_drain URL TOKEN N: a kiosk back after a week offline. Fills a new
 * kiosk store (in a temporary folder) with N encrypted reports waiting in
 * its outbox, starts the real outbox worker against a running collector
 * and times how long until the outbox is empty. Prints
 * "drain records=N seconds=S per_second=R".
 */
#include "core.h"
#include "store.h"
#include "sync.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char dir[] = "/tmp/mkdrain.XXXXXX", code[STORE_CODE_LEN + 1], uuid[STORE_UUID_LEN + 1];
	uint8_t pk[STORE_KEY_BYTES], sk[STORE_KEY_BYTES], key[STORE_KEY_BYTES];
	int n = argc == 4 ? atoi(argv[3]) : 0, waiting = 1, aside = 0;
	int64_t id = 0, now = (int64_t)time(NULL) - 7 * 86400;
	store *s = NULL;
	store_course c = { .plan = "standard", .grade = 2, .area = "thighs", .sessions_planned = 8,
			   .interval_days = 14, .started_at = now };
	char cu[STORE_UUID_LEN + 1];
	if (n < 1 || !mkdtemp(dir))
		return fprintf(stderr, "usage: bench_drain URL TOKEN N\n"), 2;
	if (store_open(&s, dir) || store_keygen(pk, sk) ||
	    store_patient_enrol(s, "135792", &STORE_PIN_COST_TEST, code, &id) ||
	    store_patient_unlock(s, code, "135792", now, key, &id) ||
	    store_patient_set_consent(s, id, now) || store_course_start(s, id, &c, cu))
		return fprintf(stderr, "bench_drain: %s\n", mk_err_msg()), 1;
	for (int i = 0; i < n; i++) {
		char json[256];
		snprintf(json, sizeof json, "{\"v\":1,\"type\":\"symptom-report\",\"course\":\"%s\","
			 "\"session\":%d,\"areas\":[\"thighs\"],\"answers\":{\"pain\":%d},\"note\":\"\"}",
			 cu, i / 100, i % 5);
		store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
				   .course_uuid = cu, .session = i / 100, .json = json };
		if (store_report_add(s, &r, uuid))
			return fprintf(stderr, "bench_drain: %s\n", mk_err_msg()), 1;
	}
	sync_worker *w = NULL;
	sync_opts o = { .data_dir = dir, .url = argv[1], .token = argv[2], .version = "bench" };
	uint64_t t0 = mk_mono_ns();
	if (sync_start(&w, &o))
		return fprintf(stderr, "bench_drain: %s\n", mk_err_msg()), 1;
	for (int i = 0; waiting && i < 60 * 100; i++) {
		usleep(10000);
		store_outbox_counts(s, &waiting, &aside);
	}
	double sec = (double)(mk_mono_ns() - t0) / 1e9;
	sync_stop(w);
	printf("drain records=%d seconds=%.2f per_second=%.0f left=%d\n", n, sec, n / sec, waiting);
	store_close(s);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	if (cmd && system(cmd) != 0)
		fprintf(stderr, "bench_drain: could not remove %s\n", dir);
	free(cmd);
	return waiting ? 1 : 0;
}
