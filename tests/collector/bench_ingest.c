/* SPDX-License-Identifier: MIT */
/*
 * bench_ingest URL TOKENS_FILE BATCHES: 20 simulated kiosks at once, one
 * thread each with its own token (a line of TOKENS_FILE), each POSTing
 * BATCHES batches of 50 new records to a running collector. Prints
 * "ingest kiosks=K records=N seconds=S per_second=R" and fails if any
 * record was not accepted. The records are shaped like real ones (sizes of
 * a sealed key, nonce and a report's ciphertext) with random bytes: the
 * collector stores them as sent, so what it costs is the same.
 */
#include "core.h"
#include "store.h"
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIOSKS 20
#define PER_BATCH 50

typedef struct {
	const char *url;
	char token[160];
	int batches;
	long accepted;
	int failed;
} worker;

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

static char *batch(void)
{
	size_t cap = PER_BATCH * 1400 + 64, len = 0;
	char *s = malloc(cap), patient[37], code[9];
	uint8_t key[80], nonce[24], ct[420];
	char k64[128], n64[64], c64[600];
	store_uuid(patient);
	/* A patient of its own each batch, with a code of its own. */
	for (int i = 0; i < 8; i++)
		code[i] = STORE_CODE_ALPHABET[randombytes_uniform(sizeof STORE_CODE_ALPHABET - 1)];
	code[8] = 0;
	len += (size_t)snprintf(s + len, cap - len, "{\"records\":[");
	for (int i = 0; i < PER_BATCH; i++) {
		char uuid[37];
		store_uuid(uuid);
		randombytes_buf(key, sizeof key);
		randombytes_buf(nonce, sizeof nonce);
		randombytes_buf(ct, sizeof ct);
		b64(key, sizeof key, k64, sizeof k64);
		b64(nonce, sizeof nonce, n64, sizeof n64);
		b64(ct, sizeof ct, c64, sizeof c64);
		len += (size_t)snprintf(s + len, cap - len,
			"%s{\"uuid\":\"%s\",\"kind\":\"report\",\"created_at\":1795000000,"
			"\"patient\":{\"uuid\":\"%s\",\"code\":\"%s\"},\"course\":null,\"session\":1,"
			"\"alert_level\":0,\"sealed_key\":\"%s\",\"nonce\":\"%s\",\"ciphertext\":\"%s\"}",
			i ? "," : "", uuid, patient, code, k64, n64, c64);
	}
	snprintf(s + len, cap - len, "]}");
	return s;
}

static void *run(void *arg)
{
	worker *w = arg;
	CURL *c = curl_easy_init();
	char auth[200], url[512];
	struct curl_slist *h = NULL;
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", w->token);
	snprintf(url, sizeof url, "%s/api/v1/records", w->url);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	for (int b = 0; b < w->batches && c; b++) {
		char *body = batch();
		sink k = { 0 };
		long status = 0;
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		/* Accepted UUIDs are the only 36-character strings before "rejected". */
		const char *acc = k.s ? strstr(k.s, "\"accepted\"") : NULL;
		const char *end = k.s ? strstr(k.s, "\"rejected\"") : NULL;
		long n = 0;
		for (const char *p = acc; p && end && p < end && (p = strchr(p + 1, '"')) && p < end;)
			if (strlen(p) > 37 && p[37] == '"')
				n++, p += 37;
		w->accepted += n;
		if (status != 200 || n != PER_BATCH)
			w->failed++;
		free(k.s);
		free(body);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

int main(int argc, char **argv)
{
	static worker w[KIOSKS];
	pthread_t t[KIOSKS];
	FILE *f = argc == 4 ? fopen(argv[2], "r") : NULL;
	int batches = argc == 4 ? atoi(argv[3]) : 0, failed = 0;
	long total = 0;
	if (!f || batches < 1 || store_crypto_init())
		return fprintf(stderr, "usage: bench_ingest URL TOKENS_FILE BATCHES\n"), 2;
	for (int i = 0; i < KIOSKS; i++) {
		if (!fgets(w[i].token, sizeof w[i].token, f))
			return fprintf(stderr, "bench_ingest: %d tokens needed\n", KIOSKS), 2;
		w[i].token[strcspn(w[i].token, "\r\n")] = 0;
		w[i].url = argv[1];
		w[i].batches = batches;
	}
	fclose(f);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	uint64_t t0 = mk_mono_ns();
	for (int i = 0; i < KIOSKS; i++)
		pthread_create(&t[i], NULL, run, &w[i]);
	for (int i = 0; i < KIOSKS; i++) {
		pthread_join(t[i], NULL);
		total += w[i].accepted;
		failed += w[i].failed;
	}
	double s = (double)(mk_mono_ns() - t0) / 1e9;
	printf("ingest kiosks=%d records=%ld seconds=%.2f per_second=%.0f failed_batches=%d\n", KIOSKS,
	       total, s, (double)total / s, failed);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
