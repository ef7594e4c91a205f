/* SPDX-License-Identifier: MIT */
/*
 * Downloads made while they are sent (cresp_download): a producer (the
 * whole clinic's FHIR or CSV export) runs on a thread of its own and writes
 * into a FILE whose bytes go to a ring of CHTTP_DOWNLOAD_BUFFER; the
 * response's content reader, on libmicrohttpd's polling threads, takes
 * from the ring. When the ring is full the producer waits for the client;
 * when it is empty the reader suspends its connection (as a server-sent
 * event stream does, chttp_stream.c) and the producer's next write resumes
 * it. So a download holds the ring and the producer's own working memory
 * whatever its size, a slow client slows the producer down rather than
 * piling bytes up, and no polling thread waits for the database.
 *
 * The handler waits until the ring is full or the producer is done: a
 * producer that fails before that (a wrong key) lets the handler answer an
 * error page instead; one that ends within the ring is answered with a
 * plain body. A failure after the first bytes went out can only cut the
 * download short (no final chunk: the client sees it broken) and is
 * logged. A client that goes away makes the producer's next write fail,
 * which stops it. At most CHTTP_MAX_DOWNLOADS run at once.
 *
 * One lock per download guards the ring and its marks; a suspended
 * connection is resumed under it by whoever clears the mark, exactly once
 * per suspend, and the reader never suspends again once the server stops.
 * Lock order: a download's lock, then the library's own; h->mu is never
 * held while the library is called. The server's list of running
 * producers (under h->mu) lets chttp_stop cancel them, resume their
 * connections and wait until every producer has returned, since they use
 * what the program closes after the server. A download is freed by the
 * last of its producer, its handler or response, and chttp_stop to let go.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include "chttp_int.h"
#include "core.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define FILE_BUFFER (16u << 10)

struct chttp_dl {
	chttp *h;
	struct MHD_Connection *conn;
	pthread_mutex_t mu;
	pthread_cond_t cv;         /* room in the ring, bytes in it, the producer done */
	char *ring;
	size_t off, n;             /* queued bytes: n from off, wrapping */
	int done, rc;              /* the producer returned rc */
	int streaming;             /* the handler let go: the response is on its own */
	int gone, cancel;          /* the client went / the server is stopping */
	int suspended, refs;
	chttp_producer fn;
	void *arg;
	void (*arg_free)(void *arg);
	char path[128];            /* for the log */
	struct chttp_dl *next;     /* the server's running producers */
};

static void unref(chttp_dl *d)
{
	pthread_mutex_lock(&d->mu);
	int last = --d->refs == 0;
	pthread_mutex_unlock(&d->mu);
	if (!last)
		return;
	explicit_bzero(d->ring, CHTTP_DOWNLOAD_BUFFER);
	free(d->ring);
	pthread_cond_destroy(&d->cv);
	pthread_mutex_destroy(&d->mu);
	free(d);
}

/* Under d->mu: whoever waits hears news; a suspended reader is resumed. */
static void wake(chttp_dl *d)
{
	pthread_cond_broadcast(&d->cv);
	if (d->suspended) {
		d->suspended = 0;
		MHD_resume_connection(d->conn);
	}
}

static ssize_t dl_write(void *cookie, const char *p, size_t len)
{
	chttp_dl *d = cookie;
	size_t put = 0;
	pthread_mutex_lock(&d->mu);
	while (put < len) {
		while (d->n == CHTTP_DOWNLOAD_BUFFER && !d->gone && !d->cancel)
			pthread_cond_wait(&d->cv, &d->mu);
		if (d->gone || d->cancel)
			break;
		size_t k = len - put < CHTTP_DOWNLOAD_BUFFER - d->n ? len - put
								 : CHTTP_DOWNLOAD_BUFFER - d->n;
		size_t at = (d->off + d->n) % CHTTP_DOWNLOAD_BUFFER;
		size_t first = k < CHTTP_DOWNLOAD_BUFFER - at ? k : CHTTP_DOWNLOAD_BUFFER - at;
		memcpy(d->ring + at, p + put, first);
		memcpy(d->ring, p + put + first, k - first);
		d->n += k;
		put += k;
		wake(d);
	}
	pthread_mutex_unlock(&d->mu);
	if (put < len) {
		errno = EPIPE;
		return -1;
	}
	return (ssize_t)len;
}

static void producer_end(chttp_dl *d, int rc)
{
	chttp *h = d->h;
	pthread_mutex_lock(&d->mu);
	d->done = 1;
	d->rc = rc;
	if (rc && d->streaming && !d->gone && !d->cancel)
		mk_log(MK_LOG_ERROR, "download-failed", "path=%s rc=%d", d->path, rc);
	else if (rc && d->streaming)
		mk_log(MK_LOG_INFO, "download-stopped", "path=%s reason=%s", d->path,
		       d->cancel ? "server-stopping" : "client-gone");
	wake(d);
	pthread_mutex_unlock(&d->mu);
	pthread_mutex_lock(&h->mu);
	for (chttp_dl **p = &h->dl_head; *p; p = &(*p)->next)
		if (*p == d) {
			*p = d->next;
			h->dl_n--;
			break;
		}
	pthread_cond_broadcast(&h->dl_cv);
	pthread_mutex_unlock(&h->mu);
	unref(d);
}

static void *produce(void *arg)
{
	chttp_dl *d = arg;
	cookie_io_functions_t io = { .write = dl_write };
	char *fbuf = malloc(FILE_BUFFER);
	FILE *f = fbuf ? fopencookie(d, "w", io) : NULL;
	int rc = f ? 0 : mk_err(MK_ENOMEM, "out of memory starting a download");
	if (f) {
		setvbuf(f, fbuf, _IOFBF, FILE_BUFFER);
		rc = d->fn(d->arg, f);
		if (fclose(f) != 0 && rc == 0)
			rc = mk_err(MK_EIO, "the download could not be sent");
	}
	if (fbuf)
		explicit_bzero(fbuf, FILE_BUFFER);
	free(fbuf);
	if (d->arg_free)
		d->arg_free(d->arg);
	producer_end(d, rc);
	return NULL;
}

/* A new download in the server's list, or NULL (*busy: too many run). */
static chttp_dl *dl_new(chttp *h, int *busy)
{
	chttp_dl *d = calloc(1, sizeof *d);
	*busy = 0;
	if (!d || !(d->ring = malloc(CHTTP_DOWNLOAD_BUFFER))) {
		free(d);
		return NULL;
	}
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	d->h = h;
	d->refs = 2; /* the producer's, and the handler's (then the response's) */
	pthread_mutex_lock(&h->mu);
	if (h->dl_stopping || h->dl_n >= CHTTP_MAX_DOWNLOADS) {
		*busy = 1;
	} else {
		d->next = h->dl_head;
		h->dl_head = d;
		h->dl_n++;
	}
	pthread_mutex_unlock(&h->mu);
	if (*busy) {
		d->refs = 1;
		unref(d);
		return NULL;
	}
	return d;
}

/* The ring's bytes in one malloc'd block (the producer is done). */
static int take_all(chttp_dl *d, cresp *w, int status, const char *type)
{
	uint8_t *body = malloc(d->n ? d->n : 1);
	if (!body)
		return mk_err(MK_ENOMEM, "out of memory for a download");
	size_t first = d->n < CHTTP_DOWNLOAD_BUFFER - d->off ? d->n : CHTTP_DOWNLOAD_BUFFER - d->off;
	memcpy(body, d->ring + d->off, first);
	memcpy(body + first, d->ring, d->n - first);
	cresp_take(w, status, type, body, d->n);
	return 0;
}

/* The producer's thread, detached: chttp_stop waits on the list instead. */
static int dl_start(chttp_dl *d)
{
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, produce, d);
	pthread_attr_destroy(&attr);
	return rc;
}

int cresp_download(const creq *r, cresp *w, int status, const char *type, chttp_producer fn,
		   void *arg, void (*arg_free)(void *arg))
{
	int busy, rc;
	chttp_dl *d = dl_new(r->h, &busy);
	if (!d) {
		if (arg_free)
			arg_free(arg);
		return busy ? mk_err(MK_EAGAIN, "too many downloads at once")
			    : mk_err(MK_ENOMEM, "out of memory for a download");
	}
	d->conn = r->conn;
	d->fn = fn;
	d->arg = arg;
	d->arg_free = arg_free;
	snprintf(d->path, sizeof d->path, "%s", r->path);
	if (dl_start(d) != 0) {
		if (arg_free)
			arg_free(arg);
		d->arg_free = NULL;
		unref(d); /* the handler's */
		producer_end(d, 0);
		return mk_err(MK_EAGAIN, "cannot start a download's thread");
	}
	pthread_mutex_lock(&d->mu);
	while (!d->done && d->n < CHTTP_DOWNLOAD_BUFFER)
		pthread_cond_wait(&d->cv, &d->mu);
	rc = d->done ? d->rc : 0;
	if (d->done && !rc)
		rc = take_all(d, w, status, type);
	if (!d->done) {
		d->streaming = 1;
		w->download = d; /* send_download makes the response */
		w->status = status;
		w->type = type;
	}
	pthread_mutex_unlock(&d->mu);
	if (!w->download)
		unref(d);
	return rc;
}

static ssize_t dl_read(void *cls, uint64_t pos, char *out, size_t max)
{
	chttp_dl *d = cls;
	ssize_t got = 0;
	(void)pos;
	pthread_mutex_lock(&d->mu);
	if (d->cancel) {
		got = MHD_CONTENT_READER_END_WITH_ERROR;
	} else if (d->n) {
		size_t k = d->n < max ? d->n : max;
		size_t first = k < CHTTP_DOWNLOAD_BUFFER - d->off ? k : CHTTP_DOWNLOAD_BUFFER - d->off;
		memcpy(out, d->ring + d->off, first);
		memcpy(out + first, d->ring, k - first);
		d->off = (d->off + k) % CHTTP_DOWNLOAD_BUFFER;
		d->n -= k;
		pthread_cond_broadcast(&d->cv);
		got = (ssize_t)k;
	} else if (d->done) {
		got = d->rc ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		d->suspended = 1;
		MHD_suspend_connection(d->conn);
	}
	pthread_mutex_unlock(&d->mu);
	return got;
}

static void dl_gone(void *cls)
{
	chttp_dl *d = cls;
	pthread_mutex_lock(&d->mu);
	d->gone = 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	unref(d);
}

struct MHD_Response *chttp_download_response(cresp *w)
{
	chttp_dl *d = w->download;
	struct MHD_Response *resp;
	w->download = NULL;
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32u << 10, dl_read, d, dl_gone);
	if (!resp)
		dl_gone(d);
	return resp;
}

void chttp_downloads_end_all(chttp *h)
{
	chttp_dl *all[CHTTP_MAX_DOWNLOADS];
	int k = 0;
	/* Held (a reference each) so the library is called without h->mu. */
	pthread_mutex_lock(&h->mu);
	h->dl_stopping = 1;
	for (chttp_dl *d = h->dl_head; d && k < CHTTP_MAX_DOWNLOADS; d = d->next) {
		pthread_mutex_lock(&d->mu);
		d->refs++;
		pthread_mutex_unlock(&d->mu);
		all[k++] = d;
	}
	pthread_mutex_unlock(&h->mu);
	for (int i = 0; i < k; i++) {
		pthread_mutex_lock(&all[i]->mu);
		all[i]->cancel = 1;
		wake(all[i]);
		pthread_mutex_unlock(&all[i]->mu);
		unref(all[i]);
	}
}

void chttp_downloads_wait(chttp *h)
{
	pthread_mutex_lock(&h->mu);
	while (h->dl_n > 0)
		pthread_cond_wait(&h->dl_cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
}
