/* SPDX-License-Identifier: MIT */
/*
 * web_seed URL TOKEN CLINIC.pub: sends a running collector what one kiosk
 * would after a patient's visits (test_web_seed.h: three reports, an
 * emergency red flag, two photos), through its real API — each photo's
 * two encrypted files with PUT /api/v1/photos/UUID, then one batch with
 * POST /api/v1/records — and prints the patient's code. Exits 1 unless
 * every record was accepted. For the browser test (run.sh).
 */
#include "../test_web_seed.h"

#include <curl/curl.h>
#include <jansson.h>

typedef struct {
	const char *url, *token;
	json_t *records;
} upload;

static size_t sink(char *p, size_t size, size_t nmemb, void *ud)
{
	json_t **answer = ud;
	if (!*answer)
		*answer = json_loadb(p, size * nmemb, 0, NULL);
	return size * nmemb;
}

/* One request; status or -1. answer (may be NULL) gets a JSON body. */
static long request(const upload *u, const char *method, const char *path, const char *type,
		 const void *body, size_t n, const char *sha, json_t **answer)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hs = NULL;
	char url[512], h[256];
	json_t *ignore = NULL;
	long status = -1;
	snprintf(url, sizeof url, "%s%s", u->url, path);
	snprintf(h, sizeof h, "Authorization: Bearer %s", u->token);
	hs = curl_slist_append(hs, h);
	snprintf(h, sizeof h, "Content-Type: %s", type);
	hs = curl_slist_append(hs, h);
	if (sha) {
		snprintf(h, sizeof h, "X-Content-SHA256: %s", sha);
		hs = curl_slist_append(hs, h);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hs);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, answer ? answer : &ignore);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	json_decref(ignore);
	curl_slist_free_all(hs);
	curl_easy_cleanup(c);
	return status;
}

static int each(void *ctx, const store_outbox_item *it, const char *json,
		const store_photo_file files[2])
{
	upload *u = ctx;
	json_t *j = json_loads(json, 0, NULL);
	if (!j)
		return -1;
	for (int w = 0; !strcmp(it->kind, "photo") && w < 2; w++) {
		char *bytes = NULL, path[128];
		size_t n = 0;
		long st;
		if (mk_read_file(files[w].path, &bytes, &n) != 0)
			return json_decref(j), -1;
		snprintf(path, sizeof path, "/api/v1/photos/%s?part=%s", it->uuid,
			 w == STORE_PHOTO_THUMB ? "thumb" : "image");
		st = request(u, "PUT", path, "application/octet-stream", bytes, n, files[w].sha256, NULL);
		free(bytes);
		if (st != 200) {
			fprintf(stderr, "web_seed: PUT %s: %ld\n", path, st);
			return json_decref(j), -1;
		}
	}
	return json_array_append_new(u->records, j);
}

int main(int argc, char **argv)
{
	uint8_t pk[STORE_KEY_BYTES];
	upload u = { 0 };
	json_t *batch, *answer = NULL;
	char *body;
	seed k;
	long st;
	int rc = 1;
	if (argc != 4) {
		fprintf(stderr, "usage: web_seed URL TOKEN CLINIC.pub\n");
		return 2;
	}
	u.url = argv[1];
	u.token = argv[2];
	u.records = json_array();
	if (store_key_read(argv[3], pk) != 0 || seed_make(&k, pk) != 0) {
		fprintf(stderr, "web_seed: %s\n", mk_err_msg());
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (seed_each(&k, each, &u) == 0) {
		batch = json_pack("{s:O}", "records", u.records);
		body = json_dumps(batch, JSON_COMPACT);
		st = request(&u, "POST", "/api/v1/records", "application/json", body, strlen(body), NULL,
			  &answer);
		if (st == 200 && json_array_size(json_object_get(answer, "accepted")) ==
					 json_array_size(u.records)) {
			printf("%s\n", k.code);
			rc = 0;
		} else {
			fprintf(stderr, "web_seed: POST /api/v1/records: %ld\n", st);
		}
		free(body);
		json_decref(batch);
	}
	json_decref(answer);
	json_decref(u.records);
	seed_free(&k);
	curl_global_cleanup();
	return rc;
}
