/* SPDX-License-Identifier: MIT */
/*
 * For scripts/bench: how long the FHIR export takes when reports carry
 * many answer keys. A collector store on SQLite in a temporary folder gets
 * (1) one report whose answers have 2,000 distinct keys (it fits the
 * ingest size bound, and the export leaves it out), then (2) REPORTS
 * reports of 48 answers each, every key new, so one Questionnaire ends up
 * with 48 x REPORTS items: the case that made the export cubic. Prints
 * "wide_seconds=S many_seconds=S items=N".
 *
 * Usage: bench_export [REPORTS] (default 500)
 */
#define _POSIX_C_SOURCE 200809L
#include "core.h"
#include "cstore.h"
#include "export.h"
#include "store.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define T0 1795000000

static uint8_t pk[32], sk[32];
static char kiosk[CSTORE_ID];

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A report of n answers with keys "<prefix><i>", for one patient. */
static int put_report(cstore *cs, const char *patient, const char *code, const char *prefix,
		      int n, int64_t at)
{
	size_t cap = 256 + (size_t)n * 32, len = 0;
	char *json = malloc(cap), reason[200];
	uint8_t rk[32], nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	uint8_t sealed[crypto_box_SEALBYTES + 32], *ct = malloc(cap + 16);
	unsigned long long ct_len = 0;
	len += (size_t)snprintf(json, cap, "{\"content_version\":\"bench\",\"answers\":{");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(json + len, cap - len, "%s\"%s%d\":%d", i ? "," : "", prefix,
					i, i % 5);
	len += (size_t)snprintf(json + len, cap - len, "},\"note\":\"\"}");
	cstore_record r = { .created_at = at, .sealed_key = sealed, .sealed_len = sizeof sealed,
			    .nonce = nonce, .nonce_len = sizeof nonce, .ciphertext = ct };
	store_uuid(r.uuid);
	snprintf(r.kind, sizeof r.kind, "report");
	snprintf(r.patient_uuid, sizeof r.patient_uuid, "%s", patient);
	snprintf(r.patient_code, sizeof r.patient_code, "%s", code);
	crypto_aead_xchacha20poly1305_ietf_keygen(rk);
	randombytes_buf(nonce, sizeof nonce);
	crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &ct_len, (const uint8_t *)json, len,
						   (const uint8_t *)r.uuid, 36, NULL, nonce, rk);
	crypto_box_seal(sealed, rk, 32, pk);
	r.ct_len = (size_t)ct_len;
	int rc = cstore_record_put(cs, kiosk, &r, at, reason);
	if (rc)
		fprintf(stderr, "bench_export: a report was refused: %s\n", reason);
	free(ct);
	free(json);
	return rc;
}

/* Seconds for one FHIR export of everything, to /dev/null; items: how many
 * Questionnaire items the bundle has (read back from the text). */
static double export_once(cstore *cs, long *items)
{
	char *s = NULL;
	size_t n = 0;
	export_query q = { .pk = pk, .sk = sk };
	FILE *f = open_memstream(&s, &n);
	double t = now_s();
	int rc = export_fhir(cs, &q, f);
	t = now_s() - t;
	fclose(f);
	*items = 0;
	/* One pass (strstr in a loop is quadratic under ASan's interceptor). */
	for (size_t i = 0; rc == 0 && i + 9 <= n; i++)
		*items += memcmp(s + i, "\"linkId\":", 9) == 0;
	free(s);
	if (rc)
		fprintf(stderr, "bench_export: export failed: %s\n", mk_err_msg());
	return rc ? -1 : t;
}

int main(int argc, char **argv)
{
	int reports = argc > 1 ? atoi(argv[1]) : 500;
	char dir[] = "/tmp/mkbenchexpXXXXXX", tok[CSTORE_TOKEN], patient[37], prefix[16];
	cstore *cs = NULL;
	long items = 0;
	mk_log_set_level(MK_LOG_ERROR);
	if (!mkdtemp(dir) || store_keygen(pk, sk) != 0)
		return 1;
	char *db = mk_asprintf("%s/c.db", dir);
	if (cstore_open(&cs, db) != 0 || cstore_kiosk_add(cs, "bench", kiosk, tok) != 0)
		return fprintf(stderr, "bench_export: %s\n", mk_err_msg()), 1;
	store_uuid(patient);
	int rc = put_report(cs, patient, "BENCH234", "k", 2000, T0);
	double wide = rc ? -1 : export_once(cs, &items);
	for (int i = 0; !rc && i < reports; i++) {
		snprintf(prefix, sizeof prefix, "r%d-", i);
		rc = put_report(cs, patient, "BENCH234", prefix, 48, T0 + 60 + i);
	}
	double many = rc ? -1 : export_once(cs, &items);
	cstore_close(cs);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_export: could not remove %s\n", dir);
	free(cmd);
	free(db);
	if (wide < 0 || many < 0)
		return 1;
	printf("wide_seconds=%.3f many_seconds=%.3f items=%ld\n", wide, many, items);
	return 0;
}
