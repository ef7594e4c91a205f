/* SPDX-License-Identifier: MIT */
/*
 * Server-sent event streams on libmicrohttpd's polling threads. A stream is
 * a response of unknown length whose content reader hands out what is
 * queued for it and, when nothing is, suspends its connection (the
 * documented pairing: a reader that returns 0 must suspend, or the library
 * calls it again at once). A suspended connection is out of the polling
 * set and its idle timeout: it costs a socket and a few kilobytes, never a
 * thread. chttp_publish and a ticker thread queue text and resume the
 * streams that have something to send, are due a keep-alive comment, or
 * have lived CHTTP_STREAM_SECONDS (their reader then ends them and the
 * browser's EventSource reconnects, checking the session again).
 *
 * Exactly one resume follows each suspend: the reader suspends while
 * holding the streams' lock and marks the stream suspended; whoever clears
 * the mark (under the lock) resumes it, after letting go of the lock. A
 * suspended connection is never closed by the library except by
 * MHD_stop_daemon, which runs only after every stream was resumed and
 * ended (chttp_live_end_all), so the stream cannot be freed between the
 * two. The number of streams is bounded, in all and per address, so they
 * cannot take the connections kiosks and pages need.
 */
#include "chttp_int.h"
#include "core.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STREAM_QUEUE (16u << 10) /* a client this far behind is dropped */
#define NS 1000000000ull

typedef struct stream {
	struct MHD_Connection *conn;
	chttp_live *live;
	char ip[64];
	char buf[STREAM_QUEUE];
	size_t n, off;      /* queued bytes buf[off..n) */
	int suspended, done;
	uint64_t started_ns, sent_ns;
	struct stream *next;
} stream;

struct chttp_live {
	chttp *h;
	pthread_mutex_t mu;
	pthread_cond_t cv;  /* the ticker's sleep; a stream going (for stop) */
	stream *head;
	int n, stopping, have_ticker;
	pthread_t ticker;
};

/* Queues text on s (under mu); a stream that cannot take it ends. */
static void push(stream *s, const char *text, size_t len)
{
	if (s->off == s->n)
		s->off = s->n = 0;
	if (len > sizeof s->buf - s->n) {
		s->done = 1;
		return;
	}
	memcpy(s->buf + s->n, text, len);
	s->n += len;
}

static int due(const chttp_live *l, const stream *s, uint64_t now)
{
	return s->off < s->n || s->done || l->stopping ||
	       now - s->started_ns >= (uint64_t)CHTTP_STREAM_SECONDS * NS;
}

/* Clears the mark of each suspended stream that has something to do and
 * collects its connection (under mu); the caller resumes them unlocked. */
static int wakeable(chttp_live *l, struct MHD_Connection **out)
{
	uint64_t now = mk_mono_ns();
	int k = 0;
	for (stream *s = l->head; s; s = s->next)
		if (s->suspended && due(l, s, now) && k < CHTTP_MAX_STREAMS) {
			s->suspended = 0;
			out[k++] = s->conn;
		}
	return k;
}

static void resume(struct MHD_Connection **c, int k)
{
	for (int i = 0; i < k; i++)
		MHD_resume_connection(c[i]);
}

static ssize_t reader(void *cls, uint64_t pos, char *out, size_t max)
{
	stream *s = cls;
	chttp_live *l = s->live;
	ssize_t got = 0;
	(void)pos;
	pthread_mutex_lock(&l->mu);
	if (s->off < s->n) {
		size_t k = s->n - s->off < max ? s->n - s->off : max;
		memcpy(out, s->buf + s->off, k);
		s->off += k;
		s->sent_ns = mk_mono_ns();
		got = (ssize_t)k;
	} else if (due(l, s, mk_mono_ns())) {
		got = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		s->suspended = 1;
		MHD_suspend_connection(s->conn);
	}
	pthread_mutex_unlock(&l->mu);
	return got;
}

static void stream_free(void *cls)
{
	stream *s = cls;
	chttp_live *l = s->live;
	pthread_mutex_lock(&l->mu);
	for (stream **p = &l->head; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			l->n--;
			break;
		}
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
	free(s);
}

struct MHD_Response *chttp_stream_response(creq *r, cresp *w, int *full)
{
	chttp_live *l = r->h->live;
	stream *s = calloc(1, sizeof *s);
	struct MHD_Response *resp = NULL;
	int from_ip = 0;
	*full = 0;
	if (!s || !l)
		goto out;
	s->conn = r->conn;
	s->live = l;
	snprintf(s->ip, sizeof s->ip, "%s", r->ip);
	s->started_ns = s->sent_ns = mk_mono_ns();
	if (w->body)
		push(s, (const char *)w->body, w->len);
	pthread_mutex_lock(&l->mu);
	for (stream *o = l->head; o; o = o->next)
		from_ip += strcmp(o->ip, s->ip) == 0;
	if (l->stopping || l->n >= CHTTP_MAX_STREAMS || from_ip >= CHTTP_MAX_STREAMS_PER_IP) {
		*full = 1;
	} else {
		s->next = l->head;
		l->head = s;
		l->n++;
	}
	pthread_mutex_unlock(&l->mu);
	if (*full)
		goto out;
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, reader, s, stream_free);
	if (!resp)
		stream_free(s);
	s = NULL;
out:
	free(s);
	chttp_body_free(w->body, w->len);
	w->body = NULL;
	return resp;
}

void chttp_publish(chttp *h, const char *text)
{
	chttp_live *l = h ? h->live : NULL;
	struct MHD_Connection *c[CHTTP_MAX_STREAMS];
	size_t len = text ? strlen(text) : 0;
	int k;
	if (!l || !len || len > CHTTP_EVENT_MAX)
		return;
	pthread_mutex_lock(&l->mu);
	for (stream *s = l->head; s; s = s->next)
		push(s, text, len);
	k = wakeable(l, c);
	pthread_mutex_unlock(&l->mu);
	resume(c, k);
}

int chttp_streams(chttp *h)
{
	int n;
	if (!h || !h->live)
		return 0;
	pthread_mutex_lock(&h->live->mu);
	n = h->live->n;
	pthread_mutex_unlock(&h->live->mu);
	return n;
}

/* Once a second: the owner's tick while anyone listens, keep-alive
 * comments for quiet streams, and the end of streams that lived long. */
static void *tick_loop(void *arg)
{
	chttp_live *l = arg;
	struct MHD_Connection *c[CHTTP_MAX_STREAMS];
	pthread_mutex_lock(&l->mu);
	while (!l->stopping) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_sec += 1;
		pthread_cond_timedwait(&l->cv, &l->mu, &t);
		if (l->stopping)
			break;
		int n = l->n;
		pthread_mutex_unlock(&l->mu);
		if (n && l->h->o.tick)
			l->h->o.tick(l->h->o.ctx, l->h);
		pthread_mutex_lock(&l->mu);
		uint64_t now = mk_mono_ns();
		for (stream *s = l->head; s; s = s->next)
			if (s->off == s->n && now - s->sent_ns >= (uint64_t)CHTTP_STREAM_PING * NS)
				push(s, ": ping\n\n", 8);
		int k = wakeable(l, c);
		pthread_mutex_unlock(&l->mu);
		resume(c, k);
		pthread_mutex_lock(&l->mu);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

int chttp_live_start(chttp *h)
{
	chttp_live *l = calloc(1, sizeof *l);
	pthread_condattr_t ca;
	if (!l)
		return mk_err(MK_ENOMEM, "out of memory");
	l->h = h;
	pthread_mutex_init(&l->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&l->cv, &ca);
	pthread_condattr_destroy(&ca);
	h->live = l;
	if (pthread_create(&l->ticker, NULL, tick_loop, l) != 0)
		return mk_err(MK_EIO, "cannot start the live streams' thread");
	l->have_ticker = 1;
	return 0;
}

void chttp_live_end_all(chttp *h)
{
	chttp_live *l = h->live;
	struct MHD_Connection *c[CHTTP_MAX_STREAMS];
	struct timespec t;
	int k;
	if (!l)
		return;
	pthread_mutex_lock(&l->mu);
	l->stopping = 1;
	pthread_cond_broadcast(&l->cv);
	k = wakeable(l, c);
	pthread_mutex_unlock(&l->mu);
	resume(c, k);
	/* Each resumed reader ends its stream; the library then frees it. */
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += 5;
	pthread_mutex_lock(&l->mu);
	while (l->n > 0 && pthread_cond_timedwait(&l->cv, &l->mu, &t) == 0)
		;
	pthread_mutex_unlock(&l->mu);
}

void chttp_live_stop(chttp *h)
{
	chttp_live *l = h->live;
	if (!l)
		return;
	pthread_mutex_lock(&l->mu);
	l->stopping = 1;
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
	if (l->have_ticker)
		pthread_join(l->ticker, NULL);
	pthread_cond_destroy(&l->cv);
	pthread_mutex_destroy(&l->mu);
	free(l);
	h->live = NULL;
}
