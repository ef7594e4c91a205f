/* SPDX-License-Identifier: MIT */
/*
 * Exporting the whole clinic streams: a clinic of 150 patients with 40
 * sealed reports each is exported as FHIR and as CSV into a FILE that
 * notes, at every write, how much heap the process holds beyond what it
 * held before the export. Clinic IT exporting a big clinic would notice the
 * collector holding the whole export (and every record's row) in memory:
 * here the most it holds at once must stay well under the export's size
 * (an eighth), since only one patient's part is built at a time. The
 * output is still a whole bundle (every report in it) and whole CSV.
 *
 * Usage: test_export_stream [PG_URI_FILE].
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include "test_cstore_db.h"
#include "test_cstore_rec.h"
#include "export.h"
#include <jansson.h>
#include <stdio.h>

#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer's own allocator: what its interface header declares. */
size_t __sanitizer_get_current_allocated_bytes(void);
static size_t heap_now(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
#include <malloc.h>
static size_t heap_now(void)
{
	return mallinfo2().uordblks;
}
#endif

#define PATIENTS 150
#define REPORTS 40

typedef struct {
	size_t base, peak, written;
	char *head; /* the first 4 KiB written, and the last */
	size_t head_n;
	char tail[64];
} sink;

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	sink *s = cookie;
	size_t now = heap_now();
	if (now > s->base && now - s->base > s->peak)
		s->peak = now - s->base;
	if (s->head_n < 4096) {
		size_t k = n < 4096 - s->head_n ? n : 4096 - s->head_n;
		memcpy(s->head + s->head_n, buf, k);
		s->head_n += k;
	}
	size_t keep = n < sizeof s->tail - 1 ? n : sizeof s->tail - 1;
	memmove(s->tail, s->tail + keep, sizeof s->tail - 1 - keep);
	memcpy(s->tail + sizeof s->tail - 1 - keep, buf + n - keep, keep);
	s->written += n;
	return (ssize_t)n;
}

static void fill(cstore *cs, const uint8_t pk[32], const char *kiosk)
{
	static test_rec t;
	char reason[200];
	for (int p = 0; p < PATIENTS; p++) {
		char patient[37], code[16];
		store_uuid(patient);
		snprintf(code, sizeof code, "S%07d", p);
		for (int i = 0; i < REPORTS; i++) {
			char json[400];
			snprintf(json, sizeof json, "{\"v\":1,\"type\":\"symptom-report\",\"recall\":"
				 "\"since-last-session\",\"content_version\":\"2026-11-01\",\"lang\":"
				 "\"en\",\"course\":\"\",\"session\":0,\"areas\":[\"thighs\"],\"answers\":"
				 "{\"pain\":%d,\"bruising\":%d,\"swelling\":1},\"note\":\"\"}", i % 5,
				 p % 5);
			test_rec_make(&t, pk, "report", NULL, patient, code, 1790000000 + i * 3600, json);
			CHECK_MSG(cstore_record_put(cs, kiosk, &t.r, 1790000000, reason) == 0, "%s %s",
				  reason, mk_err_msg());
		}
	}
}

static void export_one(cstore *cs, const export_query *q, int fhir)
{
	static char head[4096];
	sink s = { .head = head };
	cookie_io_functions_t io = { .write = sink_write };
	FILE *f = fopencookie(&s, "w", io);
	CHECK(f != NULL);
	if (!f)
		return;
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	s.base = heap_now();
	CHECK_MSG((fhir ? export_fhir(cs, q, f) : export_csv(cs, q, f)) == 0, "%s", mk_err_msg());
	fclose(f);
	CHECK_MSG(s.written > 1000000, "%s export: %zu bytes", fhir ? "FHIR" : "CSV", s.written);
	CHECK_MSG(s.peak < s.written / 8, "%s export of %zu bytes held %zu bytes at once",
		  fhir ? "FHIR" : "CSV", s.written, s.peak);
	s.tail[sizeof s.tail - 1] = 0;
	if (fhir) {
		CHECK(!strncmp(head, "{\"resourceType\":\"Bundle\"", 24));
		CHECK(strstr(s.tail, "\n]}\n") != NULL);
	} else {
		CHECK(!strncmp(head, "patient_code,course_uuid,", 25));
	}
}

int main(int argc, char **argv)
{
	uint8_t pk[32], sk[32];
	char kiosk[CSTORE_ID], token[CSTORE_TOKEN];
	test_db t;
	cstore *cs = NULL;
	CHECK(store_keygen(pk, sk) == 0);
	if (test_db_make(&t, argc, argv, "mk_test_export_stream") != 0 ||
	    cstore_open(&cs, t.spec) != 0) {
		CHECK_MSG(0, "a database to test with: %s", mk_err_msg());
		return check_done();
	}
	CHECK(cstore_kiosk_add(cs, "Waiting room", kiosk, token) == 0);
	fill(cs, pk, kiosk);
	export_query q = { .pk = pk, .sk = sk };
	export_one(cs, &q, 1);
	export_one(cs, &q, 0);
	cstore_close(cs);
	test_db_done(&t);
	sodium_memzero(sk, sizeof sk);
	return check_done();
}
