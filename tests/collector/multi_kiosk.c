/* SPDX-License-Identifier: MIT */
/*
 * multi_kiosk URL_A URL_B TOKENS_FILE BATCHES UUIDS_OUT: kiosks spread over
 * two collectors that share one database, for multi.sh. Each line of
 * TOKENS_FILE is a kiosk, run on a thread of its own; kiosk i starts on
 * collector i % 2 and POSTs BATCHES batches of PER_BATCH new records to
 * /api/v1/records over the real wire protocol. A batch goes again, with
 * the same UUIDs, until every record in it is answered accepted, as the
 * kiosk's outbox does; when its collector does not answer (killed), the
 * kiosk turns to the other one, as a load balancer would send it there.
 * Every UUID sent is written to UUIDS_OUT, one a line, for the check that
 * each arrived exactly once. Prints "batches=N resent=M switched=S" and
 * exits 1 when a batch was never accepted.
 *
 * The records are shaped like real ones with random bytes (bench_ingest.c):
 * the collector stores them as sent.
 */
#include "core.h"
#include "store.h"
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KIOSKS_MAX 16
#define PER_BATCH 25
#define TRIES 200

typedef struct {
	const char *url[2];
	char token[160];
	char code[9];
	int on;           /* which collector it talks to now */
	int batches;
	char (*uuids)[37]; /* batches * PER_BATCH */
	int resent, switched, failed;
} kiosk;

typedef struct {
	char *s;
	size_t n;
} sink;

static size_t collect(char *p, size_t sz, size_t n, void *u)
{
	sink *k = u;
	char *t = realloc(k->s, k->n + sz * n + 1);
	if (!t)
		return 0;
	memcpy(t + k->n, p, sz * n);
	k->n += sz * n;
	t[k->n] = 0;
	k->s = t;
	return sz * n;
}

static void b64(const uint8_t *b, size_t n, char *out, size_t cap)
{
	sodium_bin2base64(out, cap, b, n, sodium_base64_VARIANT_ORIGINAL);
}

static char *batch(kiosk *k, const char *patient, char (*uuids)[37])
{
	size_t cap = PER_BATCH * 1400 + 64, len = 0;
	char *s = malloc(cap);
	uint8_t key[80], nonce[24], ct[420];
	char k64[128], n64[64], c64[600];
	if (!s)
		return NULL;
	len += (size_t)snprintf(s + len, cap - len, "{\"records\":[");
	for (int i = 0; i < PER_BATCH; i++) {
		store_uuid(uuids[i]);
		randombytes_buf(key, sizeof key);
		randombytes_buf(nonce, sizeof nonce);
		randombytes_buf(ct, sizeof ct);
		b64(key, sizeof key, k64, sizeof k64);
		b64(nonce, sizeof nonce, n64, sizeof n64);
		b64(ct, sizeof ct, c64, sizeof c64);
		len += (size_t)snprintf(s + len, cap - len,
			"%s{\"uuid\":\"%s\",\"kind\":\"report\",\"created_at\":%lld,"
			"\"patient\":{\"uuid\":\"%s\",\"code\":\"%s\"},\"course\":null,\"session\":1,"
			"\"alert_level\":0,\"sealed_key\":\"%s\",\"nonce\":\"%s\",\"ciphertext\":\"%s\"}",
			i ? "," : "", uuids[i], (long long)time(NULL), patient, k->code, k64, n64, c64);
	}
	snprintf(s + len, cap - len, "]}");
	return s;
}

/* How many of the batch's UUIDs the answer lists as accepted. */
static int accepted(const char *answer, char (*uuids)[37])
{
	const char *acc = answer ? strstr(answer, "\"accepted\"") : NULL;
	const char *end = acc ? strstr(acc, "]") : NULL;
	int n = 0;
	for (int i = 0; acc && end && i < PER_BATCH; i++) {
		const char *p = strstr(acc, uuids[i]);
		n += p && p < end;
	}
	return n;
}

static long post(kiosk *k, CURL *c, const char *body, sink *got)
{
	char auth[200], url[512];
	struct curl_slist *h = NULL;
	long status = 0;
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", k->token);
	snprintf(url, sizeof url, "%s/api/v1/records", k->url[k->on]);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, got);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	return status;
}

static void *run(void *arg)
{
	kiosk *k = arg;
	CURL *c = curl_easy_init();
	char patient[37];
	store_uuid(patient);
	for (int b = 0; b < k->batches && c; b++) {
		char (*uuids)[37] = k->uuids + b * PER_BATCH;
		char *body = batch(k, patient, uuids);
		int done = 0;
		for (int t = 0; body && t < TRIES && !done; t++) {
			sink got = { 0 };
			long status = post(k, c, body, &got);
			done = status == 200 && accepted(got.s, uuids) == PER_BATCH;
			free(got.s);
			if (done)
				break;
			k->resent++;
			if (status == 0) { /* no answer: the other collector */
				k->on = !k->on;
				k->switched++;
			}
			nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
		}
		k->failed += !done;
		free(body);
	}
	curl_easy_cleanup(c);
	return NULL;
}

static int read_tokens(const char *path, kiosk *k, int *n)
{
	FILE *f = fopen(path, "r");
	*n = 0;
	while (f && *n < KIOSKS_MAX && fgets(k[*n].token, sizeof k[*n].token, f)) {
		k[*n].token[strcspn(k[*n].token, "\r\n")] = 0;
		if (k[*n].token[0])
			(*n)++;
	}
	if (f)
		fclose(f);
	return *n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static kiosk k[KIOSKS_MAX];
	pthread_t t[KIOSKS_MAX];
	int n = 0, batches = argc == 6 ? atoi(argv[4]) : 0, failed = 0, resent = 0, switched = 0;
	FILE *out;
	if (argc != 6 || batches < 1 || store_crypto_init() || read_tokens(argv[3], k, &n))
		return fprintf(stderr, "usage: multi_kiosk URL_A URL_B TOKENS_FILE BATCHES "
			       "UUIDS_OUT\n"), 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (int i = 0; i < n; i++) {
		k[i].url[0] = argv[1];
		k[i].url[1] = argv[2];
		k[i].on = i % 2;
		k[i].batches = batches;
		snprintf(k[i].code, sizeof k[i].code, "SPREAD%c%c", STORE_CODE_ALPHABET[i / 8 % 31],
			 STORE_CODE_ALPHABET[i % 31]);
		if (!(k[i].uuids = calloc((size_t)batches * PER_BATCH, sizeof *k[i].uuids)))
			return 1;
		pthread_create(&t[i], NULL, run, &k[i]);
	}
	if (!(out = fopen(argv[5], "w")))
		return fprintf(stderr, "multi_kiosk: cannot write %s\n", argv[5]), 1;
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		for (int j = 0; j < batches * PER_BATCH; j++)
			fprintf(out, "%s\n", k[i].uuids[j]);
		failed += k[i].failed;
		resent += k[i].resent;
		switched += k[i].switched;
		free(k[i].uuids);
	}
	fclose(out);
	printf("batches=%d resent=%d switched=%d failed=%d\n", n * batches, resent, switched, failed);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
