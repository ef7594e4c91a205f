/* SPDX-License-Identifier: MIT */
/*
 * The worker's HTTP transport, libcurl's easy interface on one handle kept
 * for the worker's life so the TLS connection is reused between batches;
 * libcurl itself is opened when the first worker starts (sync_curl.h).
 * Settings are the safe ones and not negotiable: TLS peer and host
 * verification always on (the collector's CA from the configuration, else
 * the system's), no redirects, HTTP/1.1, no signals (we run in a thread),
 * only http and https, a time limit per request. Plain http is allowed for
 * a collector on loopback or behind a local proxy; records are sealed to
 * the clinic anyway, but the token is not, so it is logged as a warning.
 *
 * A transfer runs on a multi handle so that sync_stop can wake it at once
 * (curl_multi_wakeup), and polls the worker's stop flag through the
 * progress callback too (called at least once a second even when no byte
 * moves), so sync_stop never waits out a hanging collector. Answers are
 * read into memory up to SYNC_ANSWER_MAX; a photo is streamed from its
 * file. A content bundle is downloaded a slice at a time straight into
 * its .part file (sync_http_get_range): the status and Content-Range are
 * judged before the first byte is written, and nothing is written past
 * the offered size.
 */
#include "sync_int.h"
#include "core.h"
#include "sync_curl.h"
#include <errno.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sync_http {
	CURLM *multi;              /* one transfer at a time; there for curl_multi_wakeup */
	CURL *curl;
	char *base;                /* the URL without a trailing '/' */
	char *auth;                /* "Authorization: Bearer ..." */
	char *ca_file;
	long timeout_s;
	const atomic_int *stop;
	const atomic_int *yield;   /* during a download slice only */
	char errbuf[CURL_ERROR_SIZE];
};

int sync_http_new(sync_http **out, const sync_opts *o, const atomic_int *stop)
{
	sync_http *h;
	size_t n;
	*out = NULL;
	if (sync_curl_load() != 0)
		return MK_EIO;
	if (!(h = calloc(1, sizeof *h)))
		return mk_err(MK_ENOMEM, "out of memory starting sync");
	h->base = mk_strdup(o->url);
	h->auth = mk_asprintf("Authorization: Bearer %s", o->token);
	h->ca_file = o->ca_file && *o->ca_file ? mk_strdup(o->ca_file) : NULL;
	h->timeout_s = o->timeout_s > 0 ? o->timeout_s : 30;
	h->stop = stop;
	h->curl = sync_curl.easy_init();
	h->multi = sync_curl.multi_init();
	if (!h->base || !h->auth || (o->ca_file && *o->ca_file && !h->ca_file) || !h->curl ||
	    !h->multi) {
		sync_http_free(h);
		return mk_err(MK_ENOMEM, "out of memory starting sync");
	}
	n = strlen(h->base);
	while (n > 0 && h->base[n - 1] == '/')
		h->base[--n] = 0;
	if (!strncmp(h->base, "http://", 7))
		mk_log(MK_LOG_WARN, "sync_plain_http", "note=\"the token travels unencrypted\"");
	*out = h;
	return 0;
}

void sync_http_free(sync_http *h)
{
	if (!h)
		return;
	if (h->curl)
		sync_curl.easy_cleanup(h->curl);
	if (h->multi)
		sync_curl.multi_cleanup(h->multi);
	free(h->base);
	if (h->auth) {
		memset(h->auth, 0, strlen(h->auth)); /* the token */
		free(h->auth);
	}
	free(h->ca_file);
	free(h);
}

void sync_answer_free(sync_answer *a)
{
	free(a->body);
	memset(a, 0, sizeof *a);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	sync_answer *a = arg;
	size_t n = size * nmemb;
	char *p;
	if (a->len + n > SYNC_ANSWER_MAX || !(p = realloc(a->body, a->len + n + 1)))
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	memcpy(p + a->len, data, n);
	a->body = p;
	a->len += n;
	p[a->len] = 0;
	return n;
}

static int on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	const sync_http *h = arg;
	(void)dt, (void)dn, (void)ut, (void)un;
	return atomic_load(h->stop) ? 1 : 0; /* non-zero aborts the transfer */
}

static size_t on_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	size_t n = fread(buf, size, nmemb, arg);
	return n == 0 && ferror((FILE *)arg) ? CURL_READFUNC_ABORT : n;
}

/* The settings every request has; the handle is reset before each one so
 * nothing of the previous request (a PUT's upload) carries over. */
static int setup(sync_http *h, const char *path, sync_answer *a, long timeout_s)
{
	CURL *c = h->curl;
	char *url = mk_asprintf("%s%s", h->base, path);
	int ok;
	if (!url)
		return mk_err(MK_ENOMEM, "out of memory sending");
	sync_curl.easy_reset(c);
	h->errbuf[0] = 0;
	ok = sync_curl.easy_setopt(c, CURLOPT_URL, url) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
	     (!h->ca_file || sync_curl.easy_setopt(c, CURLOPT_CAINFO, h->ca_file) == CURLE_OK) &&
	     sync_curl.easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_TIMEOUT, timeout_s) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->timeout_s) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_WRITEDATA, a) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_NOPROGRESS, 0L) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_XFERINFODATA, h) == CURLE_OK &&
	     sync_curl.easy_setopt(c, CURLOPT_USERAGENT, "mesokiosk-sync") == CURLE_OK;
	free(url);
	return ok ? 0 : mk_err(MK_EINVAL, "libcurl refused a setting (too old?)");
}

void sync_http_wake(sync_http *h)
{
	if (h)
		sync_curl.multi_wakeup(h->multi);
}

/* curl_easy_perform, on the multi handle so that sync_http_wake (from
 * sync_stop) ends the wait at once; the stop flag is also polled by the
 * progress callback. */
static CURLcode run_transfer(sync_http *h)
{
	CURLcode rc = CURLE_ABORTED_BY_CALLBACK;
	CURLMsg *m;
	int running = 1, left = 0;
	if (sync_curl.multi_add_handle(h->multi, h->curl) != CURLM_OK)
		return CURLE_OUT_OF_MEMORY;
	while (running && !atomic_load(h->stop) && !(h->yield && atomic_load(h->yield))) {
		if (sync_curl.multi_perform(h->multi, &running) != CURLM_OK) {
			rc = CURLE_RECV_ERROR;
			break;
		}
		if (running && sync_curl.multi_poll(h->multi, NULL, 0, 1000, NULL) != CURLM_OK) {
			rc = CURLE_RECV_ERROR;
			break;
		}
	}
	while ((m = sync_curl.multi_info_read(h->multi, &left)) != NULL)
		if (m->msg == CURLMSG_DONE && m->easy_handle == h->curl)
			rc = m->data.result;
	sync_curl.multi_remove_handle(h->multi, h->curl);
	return rc;
}

/* The connection was made, but TLS would not trust the other side (or
 * our CA file is unusable): staff need collector_ca, not the network. */
static int cert_problem(CURLcode rc)
{
	return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
	       rc == CURLE_SSL_CERTPROBLEM || rc == CURLE_SSL_CONNECT_ERROR ||
	       rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

static int transfer_error(sync_http *h, CURLcode rc);

/* Runs the request; headers is the list to send (freed by the caller). */
static int perform(sync_http *h, struct curl_slist *headers, sync_answer *a)
{
	CURLcode rc;
	if (!headers)
		return mk_err(MK_ENOMEM, "out of memory sending");
	sync_curl.easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
	rc = run_transfer(h);
	if (rc == CURLE_OK) {
		sync_curl.easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &a->status);
		if (!a->body && !(a->body = calloc(1, 1)))
			return mk_err(MK_ENOMEM, "out of memory reading an answer");
		return 0;
	}
	sync_answer_free(a);
	return transfer_error(h, rc);
}

/* What a failed transfer tells staff and the log. */
static int transfer_error(sync_http *h, CURLcode rc)
{
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		return sync_err(SYNC_UNREACHABLE, 0, MK_EAGAIN, "stopped");
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return sync_err(SYNC_TIMEOUT, 0, MK_EAGAIN, "the collector did not answer in time");
	if (rc == CURLE_WRITE_ERROR)
		return sync_err(SYNC_ANSWER, 0, MK_EAGAIN, "the collector's answer was too long");
	return sync_err(cert_problem(rc) ? SYNC_CERT : SYNC_UNREACHABLE, 0, MK_EAGAIN,
			"cannot reach the collector: %s", h->errbuf[0] ? h->errbuf : sync_curl.easy_strerror(rc));
}

static struct curl_slist *add(struct curl_slist *l, const char *header)
{
	struct curl_slist *n = l ? sync_curl.slist_append(l, header) : NULL;
	if (l && !n)
		sync_curl.slist_free_all(l);
	return n;
}

int sync_http_post(sync_http *h, const char *path, const char *json, size_t n, sync_answer *a)
{
	struct curl_slist *hd;
	int rc;
	memset(a, 0, sizeof *a);
	if ((rc = setup(h, path, a, h->timeout_s)) != 0)
		return rc;
	sync_curl.easy_setopt(h->curl, CURLOPT_POST, 1L);
	sync_curl.easy_setopt(h->curl, CURLOPT_POSTFIELDS, json);
	sync_curl.easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	hd = add(add(add(sync_curl.slist_append(NULL, h->auth), "Content-Type: application/json"),
		     "Accept: application/json"), "Expect:");
	rc = perform(h, hd, a);
	sync_curl.slist_free_all(hd);
	return rc;
}

int sync_http_put_file(sync_http *h, const char *path, const char *file, int64_t size,
		       const char *sha256, sync_answer *a)
{
	struct curl_slist *hd;
	char sum[96];
	FILE *fp;
	int rc;
	memset(a, 0, sizeof *a);
	if (!(fp = fopen(file, "rb")))
		return mk_err(MK_EIO, "cannot read a photo's file: %s", strerror(errno));
	/* A big photo on a slow line needs longer than a batch: allow 64 KiB/s. */
	if ((rc = setup(h, path, a, h->timeout_s + (long)(size >> 16))) != 0) {
		fclose(fp);
		return rc;
	}
	sync_curl.easy_setopt(h->curl, CURLOPT_UPLOAD, 1L);
	sync_curl.easy_setopt(h->curl, CURLOPT_READFUNCTION, on_read);
	sync_curl.easy_setopt(h->curl, CURLOPT_READDATA, fp);
	sync_curl.easy_setopt(h->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)size);
	snprintf(sum, sizeof sum, "X-Content-SHA256: %s", sha256);
	hd = add(add(sync_curl.slist_append(NULL, h->auth), "Content-Type: application/octet-stream"),
		 sum);
	rc = perform(h, hd, a);
	sync_curl.slist_free_all(hd);
	fclose(fp);
	return rc;
}

int sync_http_put_body(sync_http *h, const char *path, const char *type, const void *body,
		       size_t n, sync_answer *a)
{
	struct curl_slist *hd;
	char ct[96];
	int rc;
	memset(a, 0, sizeof *a);
	if ((rc = setup(h, path, a, h->timeout_s + (long)(n >> 16))) != 0)
		return rc;
	sync_curl.easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, "PUT");
	sync_curl.easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
	sync_curl.easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	snprintf(ct, sizeof ct, "Content-Type: %s", type);
	hd = add(add(sync_curl.slist_append(NULL, h->auth), ct), "Expect:");
	rc = perform(h, hd, a);
	sync_curl.slist_free_all(hd);
	return rc;
}

/* ---- A download slice */

typedef struct {
	sync_http *h;
	sync_range *r;
	int begun, io_error;
	int64_t cr_start, cr_total; /* Content-Range; -1: none */
} ranged;

static size_t on_range_header(char *data, size_t size, size_t nmemb, void *arg)
{
	ranged *g = arg;
	size_t n = size * nmemb;
	char line[256];
	long long a, b, t;
	snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), data);
	if (!strncmp(line, "HTTP/", 5)) { /* a new answer: forget the last one's */
		g->cr_start = g->cr_total = -1;
		g->r->retry_after = -1;
	} else if (!strncasecmp(line, "Content-Range:", 14) &&
		   sscanf(line + 14, " bytes %lld-%lld/%lld", &a, &b, &t) == 3) {
		g->cr_start = a;
		g->cr_total = t;
	} else if (!strncasecmp(line, "Retry-After:", 12) && sscanf(line + 12, " %lld", &a) == 1 &&
		   a >= 0) {
		g->r->retry_after = a;
	}
	return n;
}

/* The first bytes of the body: the status and Content-Range say where
 * they go, or that they go nowhere. 0 to write, -1 to stop now. */
static int range_begin(ranged *g)
{
	sync_range *r = g->r;
	g->begun = 1;
	sync_curl.easy_getinfo(g->h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->status == 206 && (g->cr_start != r->from || g->cr_total != r->total)) {
		r->bad_range = 1;
		return -1;
	}
	if (r->status == 200 && r->from > 0) { /* the whole file again: start over */
		if (ftruncate(r->fd, 0) != 0) {
			g->io_error = errno;
			return -1;
		}
		r->from = 0;
	}
	r->start = r->from;
	return 0;
}

static size_t on_range_body(char *data, size_t size, size_t nmemb, void *arg)
{
	ranged *g = arg;
	sync_range *r = g->r;
	size_t n = size * nmemb, done = 0;
	if (!g->begun && range_begin(g) != 0)
		return 0;
	if (r->status != 200 && r->status != 206)
		return n; /* an error's words: not the file */
	if (r->start + r->written + (int64_t)n > r->total) {
		n = (size_t)(r->total - r->start - r->written); /* up to the offered size, no further */
		r->over = 1;
	} else if (r->written + (int64_t)n >= r->slice && r->start + r->written + (int64_t)n < r->total) {
		n = (size_t)(r->slice > r->written ? r->slice - r->written : 0);
		r->cut = 1; /* this step's share: the next one resumes from here */
	}
	while (done < n) {
		ssize_t k = pwrite(r->fd, data + done, n - done, (off_t)(r->start + r->written + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			g->io_error = k < 0 ? errno : ENOSPC;
			return 0;
		}
		done += (size_t)k;
	}
	r->written += (int64_t)n;
	return r->cut || r->over ? 0 : size * nmemb;
}

int sync_http_get_range(sync_http *h, const char *path, sync_range *r)
{
	ranged g = { .h = h, .r = r, .cr_start = -1, .cr_total = -1 };
	sync_answer unused;
	struct curl_slist *hd;
	char range[48];
	CURLcode rc;
	int err;
	memset(&unused, 0, sizeof unused);
	r->status = 0;
	r->start = r->from;
	r->written = 0;
	r->retry_after = -1;
	r->over = r->bad_range = r->cut = 0;
	/* A step is bounded by its slice; the time limit is for a collector
	 * that stops sending. */
	if ((err = setup(h, path, &unused, h->timeout_s + 2 * SYNC_DL_SLICE_MS / 1000)) != 0)
		return err;
	snprintf(range, sizeof range, "%lld-", (long long)r->from);
	sync_curl.easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
	sync_curl.easy_setopt(h->curl, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)r->rate);
	if (r->from > 0)
		sync_curl.easy_setopt(h->curl, CURLOPT_RANGE, range);
	sync_curl.easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_range_header);
	sync_curl.easy_setopt(h->curl, CURLOPT_HEADERDATA, &g);
	sync_curl.easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_range_body);
	sync_curl.easy_setopt(h->curl, CURLOPT_WRITEDATA, &g);
	hd = add(sync_curl.slist_append(NULL, h->auth), "Accept: application/octet-stream");
	if (!hd)
		return mk_err(MK_ENOMEM, "out of memory sending");
	sync_curl.easy_setopt(h->curl, CURLOPT_HTTPHEADER, hd);
	h->yield = r->yield;
	rc = run_transfer(h);
	h->yield = NULL;
	sync_curl.slist_free_all(hd);
	if (rc == CURLE_ABORTED_BY_CALLBACK && r->yield && atomic_load(r->yield) && !atomic_load(h->stop))
		r->cut = 1; /* the records' turn; the next slice resumes */
	if (g.io_error)
		return mk_err(MK_EIO, "cannot write the download: %s", strerror(g.io_error));
	if (rc == CURLE_OK || ((rc == CURLE_WRITE_ERROR || rc == CURLE_ABORTED_BY_CALLBACK) &&
				(r->over || r->bad_range || r->cut))) {
		sync_curl.easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
		return 0;
	}
	return transfer_error(h, rc);
}
