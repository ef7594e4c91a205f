/* SPDX-License-Identifier: MIT */
/*
 * The fake collector's content rollout and screenshots, as README's
 * "Collector API" has them: the heartbeat's answer offers a bundle and
 * asks for a screenshot; GET /api/v1/content/N serves the bundle's bytes
 * from a Range "bytes=X-" (206 with Content-Range) or whole (200); a
 * screenshot is PUT under the id asked for. For the tests it can also
 * offer anything at all, ignore Range, send slowly, break a download half
 * way (the FAKE_DROP fault) and answer 429 with a Retry-After, and it remembers
 * every Range asked and the last screenshot. Software packages go the same
 * way: the answer's "software" and GET /api/v1/package/N.
 */
#include "fake_int.h"
#include "crypto.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOCKED(f, stmt) do { pthread_mutex_lock(&(f)->mu); stmt; pthread_mutex_unlock(&(f)->mu); } while (0)

void fake_offer(fake *f, int64_t version, const void *bytes, size_t n, const char *sha)
{
	unsigned char *copy = n ? malloc(n) : NULL;
	char own[65];
	if (copy)
		memcpy(copy, bytes, n);
	mkc_sha256_hex(bytes ? bytes : "", bytes ? n : 0, own);
	pthread_mutex_lock(&f->mu);
	free(f->bundle);
	f->bundle = copy;
	f->bundle_n = copy ? n : 0;
	f->offer_version = version;
	snprintf(f->offer_sha, sizeof f->offer_sha, "%s", sha ? sha : own);
	pthread_mutex_unlock(&f->mu);
}

void fake_offer_package(fake *f, int64_t version, const void *bytes, size_t n, const char *sha)
{
	unsigned char *copy = n ? malloc(n) : NULL;
	char own[65];
	if (copy)
		memcpy(copy, bytes, n);
	mkc_sha256_hex(bytes ? bytes : "", bytes ? n : 0, own);
	pthread_mutex_lock(&f->mu);
	free(f->pkg);
	f->pkg = copy;
	f->pkg_n = copy ? n : 0;
	f->pkg_version = version;
	snprintf(f->pkg_sha, sizeof f->pkg_sha, "%s", sha ? sha : own);
	pthread_mutex_unlock(&f->mu);
}

int fake_package_gets(fake *f) { int n; LOCKED(f, n = f->n_pkg_gets); return n; }
int fake_package_after(fake *f) { int n; LOCKED(f, n = f->pkg_after); return n; }
void fake_package_range(fake *f, char out[64]) { LOCKED(f, memcpy(out, f->pkg_range, 64)); }

void fake_offer_raw(fake *f, const char *json)
{
	char *copy = json ? strdup(json) : NULL;
	LOCKED(f, free(f->offer_raw); f->offer_raw = copy);
}

void fake_content_norange(fake *f, int on) { LOCKED(f, f->norange = on); }
void fake_content_slow(fake *f, int on) { LOCKED(f, f->slow = on); }
void fake_retry_after(fake *f, int seconds) { LOCKED(f, f->retry_after = seconds); }
int fake_content_gets(fake *f) { int n; LOCKED(f, n = f->n_gets); return n; }

int fake_content_beats(fake *f, int i)
{
	int n = -1;
	LOCKED(f, if (i >= 0 && i < f->n_gets) n = f->get_beats[i]);
	return n;
}

int fake_content_range(fake *f, int i, char out[64])
{
	int rc = -1;
	LOCKED(f, if (i >= 0 && i < f->n_gets) { memcpy(out, f->ranges[i], 64); rc = 0; });
	return rc;
}

void fake_ask_screenshot(fake *f, const char *id)
{
	LOCKED(f, snprintf(f->shot_ask, sizeof f->shot_ask, "%s", id ? id : ""));
}

int fake_screenshots(fake *f) { int n; LOCKED(f, n = f->n_shots); return n; }

int fake_screenshot(fake *f, char id[33], char type[64], char **body, size_t *n)
{
	int rc = -1;
	pthread_mutex_lock(&f->mu);
	if (f->n_shots) {
		memcpy(id, f->shot_id, 33);
		memcpy(type, f->shot_type, 64);
		*n = f->shot_n;
		*body = malloc(f->shot_n + 1);
		memcpy(*body, f->shot_body, f->shot_n);
		(*body)[f->shot_n] = 0;
		rc = 0;
	}
	pthread_mutex_unlock(&f->mu);
	return rc;
}

void fake_content_free(fake *f)
{
	free(f->bundle);
	free(f->pkg);
	free(f->offer_raw);
	free(f->ranges);
	free(f->get_beats);
	free(f->shot_body);
}

/* ---- Routes */

char *fake_beat_answer(fake *f)
{
	json_t *root = json_pack("{s:b}", "ok", 1);
	char *out;
	pthread_mutex_lock(&f->mu);
	if (f->offer_raw)
		json_object_set_new(root, "content", json_loads(f->offer_raw, JSON_DECODE_ANY, NULL));
	else if (f->offer_version)
		json_object_set_new(root, "content", json_pack("{s:I, s:s, s:I}", "version",
			(json_int_t)f->offer_version, "sha256", f->offer_sha, "size",
			(json_int_t)f->bundle_n));
	if (f->pkg_version)
		json_object_set_new(root, "software", json_pack("{s:I, s:s, s:I}", "version",
			(json_int_t)f->pkg_version, "sha256", f->pkg_sha, "size", (json_int_t)f->pkg_n));
	if (f->shot_ask[0])
		json_object_set_new(root, "screenshot", json_string(f->shot_ask));
	pthread_mutex_unlock(&f->mu);
	out = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return out;
}

typedef struct {
	unsigned char *body;
	size_t n, sent, end; /* end: where the connection breaks (n: never) */
	int slow;            /* 16 KiB every 10 ms */
} half;

static ssize_t half_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	half *d = cls;
	size_t k;
	(void)pos;
	if (d->sent >= d->end)
		return d->end < d->n ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
	k = d->end - d->sent < max ? d->end - d->sent : max;
	if (d->slow) {
		k = k < 16384 ? k : 16384;
		usleep(10000);
	}
	memcpy(buf, d->body + d->sent, k);
	d->sent += k;
	return (ssize_t)k;
}

static void half_free(void *cls)
{
	half *d = cls;
	free(d->body);
	free(d);
}

static enum MHD_Result plain(struct MHD_Connection *c, int status)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return rc;
}

enum MHD_Result fake_reply_later(fake *f, struct MHD_Connection *c, int status)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	char secs[16];
	enum MHD_Result rc;
	LOCKED(f, snprintf(secs, sizeof secs, "%d", f->retry_after));
	MHD_add_response_header(r, "Retry-After", secs);
	rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Notes the Range of a content or package GET. */
static void note_get(fake *f, const char *range, int package)
{
	if (package) {
		if (!f->n_pkg_gets++)
			f->pkg_after = f->n_gets;
		snprintf(f->pkg_range, sizeof f->pkg_range, "%s", range ? range : "");
		return;
	}
	f->ranges = realloc(f->ranges, (size_t)(f->n_gets + 1) * sizeof *f->ranges);
	f->get_beats = realloc(f->get_beats, (size_t)(f->n_gets + 1) * sizeof *f->get_beats);
	f->get_beats[f->n_gets] = f->n_beats;
	snprintf(f->ranges[f->n_gets++], 64, "%s", range ? range : "");
}

enum MHD_Result fake_content_get(fake *f, struct MHD_Connection *c, const char *url, int fault)
{
	const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range");
	long long version = strtoll(url + strlen("/api/v1/content/"), NULL, 10), from = 0;
	int package = !strncmp(url, "/api/v1/package/", 16);
	struct MHD_Response *r;
	half *d = calloc(1, sizeof *d);
	char cr[96];
	int status = 200;
	size_t total;
	enum MHD_Result rc;
	pthread_mutex_lock(&f->mu);
	note_get(f, range, package);
	pthread_mutex_unlock(&f->mu);
	if (fault == 429 || fault == 503) {
		free(d);
		return fake_reply_later(f, c, fault);
	}
	pthread_mutex_lock(&f->mu);
	const unsigned char *bytes = package ? f->pkg : f->bundle;
	total = package ? f->pkg_n : f->bundle_n;
	if (version == (package ? f->pkg_version : f->offer_version) && bytes &&
	    (d->body = malloc(total)) != NULL)
		memcpy(d->body, bytes, total);
	if (range && !f->norange && sscanf(range, "bytes=%lld-", &from) == 1 && from > 0)
		status = 206;
	pthread_mutex_unlock(&f->mu);
	if (!d->body || from < 0 || (size_t)from >= total) {
		status = d->body ? 416 : 404;
		half_free(d);
		return plain(c, status);
	}
	if (status == 200)
		from = 0;
	d->n = total - (size_t)from;
	memmove(d->body, d->body + from, d->n);
	LOCKED(f, d->slow = f->slow);
	d->end = fault == FAKE_DROP ? d->n / 2 : d->n;
	if (fault == FAKE_DROP || d->slow) {
		r = MHD_create_response_from_callback(d->n, 16384, half_reader, d, half_free);
	} else {
		r = MHD_create_response_from_buffer(d->n, d->body, MHD_RESPMEM_MUST_COPY);
		half_free(d);
	}
	MHD_add_response_header(r, "Content-Type", "application/octet-stream");
	snprintf(cr, sizeof cr, "bytes %lld-%zu/%zu", from, total - 1, total);
	if (status == 206)
		MHD_add_response_header(r, "Content-Range", cr);
	rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return rc;
}

int fake_screenshot_in(fake *f, struct MHD_Connection *c, const char *url, const req *r)
{
	const char *id = url + strlen("/api/v1/screenshot/");
	const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	int status;
	pthread_mutex_lock(&f->mu);
	f->n_shots++;
	snprintf(f->shot_id, sizeof f->shot_id, "%s", id);
	snprintf(f->shot_type, sizeof f->shot_type, "%s", type ? type : "");
	free(f->shot_body);
	f->shot_body = malloc(r->n + 1);
	memcpy(f->shot_body, r->buf ? r->buf : "", r->n);
	f->shot_n = r->n;
	status = f->shot_ask[0] && !strcmp(id, f->shot_ask) ? 200 : 404;
	if (status == 200)
		f->shot_ask[0] = 0; /* answered: not asked again */
	pthread_mutex_unlock(&f->mu);
	return status;
}
