/* SPDX-License-Identifier: MIT */
/*
 * The server's deadlines, kept by one thread rather than by the library's
 * idle timeout. libmicrohttpd starts its timeout again on every byte, so a
 * client that sends one header byte every ten seconds held a connection for
 * ever, and 128 of them held every slot of an address (kiosks behind one NAT
 * share it). Each connection here is in one phase at a time:
 *
 *   - headers: from the moment it opens, or the first byte of its next
 *     request arrives, until that request's headers are all in; at most
 *     header_ms in all, so a trickle gains nothing (TLS handshakes count
 *     here too);
 *   - body: until the whole request is in; at most timeout_s;
 *   - answer: the handler runs and the answer goes out; not watched (an
 *     export of the whole clinic may take its time; the library's idle
 *     timeout still closes a reader that stops reading);
 *   - idle: a kept-alive connection between two requests, at most idle_ms
 *     (75 s by default: kiosks send a heartbeat every 60 s through the one
 *     connection libcurl keeps, and browsers keep theirs a minute or more).
 *     The library does not say when the next request's first byte comes,
 *     so the kernel does: TCP_INFO's time since the last data received,
 *     read each tick, moves the connection to the headers phase (to within
 *     a tick) once anything arrived after the idle phase began. Bytes sent
 *     ahead while the answer was going out (pipelining) count from the
 *     next byte; a client that then goes quiet is idle, and idle ends too.
 *
 * A connection past its deadline is shut down (shutdown(2), not close: the
 * library still owns the descriptor and closes it as it sees the end). The
 * library tells us a connection closed before it closes its descriptor, and
 * both happen under our lock's protection, so the number shut is never one
 * reused by a newer connection.
 */
#include "chttp_int.h"
#include "core.h"
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>

enum { CW_HEADERS, CW_BODY, CW_ANSWER, CW_IDLE };
/* Data received this soon after the idle phase began may belong to the
 * request before (the kernel keeps its times in jiffies, down to 10 ms). */
#define CW_SLACK_NS 20000000ull

struct cconn {
	cconn *prev, *next;
	int fd;
	int phase;
	int shut;
	uint64_t since;     /* when the phase began (mk_mono_ns) */
	char ip[64];
};

struct cwatch {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	int stop;
	cconn *head;
	uint64_t header_ns, body_ns, idle_ns, tick_ns;
};

static const char *const phase_name[] = { "headers", "body", "answer", "idle" };

/* 1 when data came in on c after its idle phase began. */
static int woke(const cconn *c, uint64_t now)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	if (getsockopt(c->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
	    len < offsetof(struct tcp_info, tcpi_last_data_recv) + sizeof ti.tcpi_last_data_recv)
		return 1; /* cannot tell: the headers' deadline, as before */
	uint64_t ago = (uint64_t)ti.tcpi_last_data_recv * 1000000ull;
	return ago + CW_SLACK_NS < now - c->since;
}

static void expire(cwatch *w, cconn *c, uint64_t now)
{
	if (c->phase == CW_IDLE && !c->shut && woke(c, now)) {
		c->phase = CW_HEADERS;
		c->since = now;
	}
	uint64_t limit = c->phase == CW_HEADERS ? w->header_ns
			 : c->phase == CW_IDLE ? w->idle_ns : w->body_ns;
	if (c->shut || c->phase == CW_ANSWER || now - c->since <= limit)
		return;
	c->shut = 1;
	shutdown(c->fd, SHUT_RDWR);
	mk_log(MK_LOG_WARN, "http-timeout", "ip=%s phase=%s", c->ip, phase_name[c->phase]);
}

static void *watch_main(void *arg)
{
	cwatch *w = arg;
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		uint64_t at = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec + w->tick_ns;
		ts.tv_sec = (time_t)(at / 1000000000ull);
		ts.tv_nsec = (long)(at % 1000000000ull);
		pthread_cond_timedwait(&w->cv, &w->mu, &ts);
		uint64_t now = mk_mono_ns();
		for (cconn *c = w->head; c; c = c->next)
			expire(w, c, now);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int cwatch_start(cwatch **out, int header_ms, int timeout_s, int idle_ms)
{
	pthread_condattr_t ca;
	cwatch *w = calloc(1, sizeof *w);
	*out = NULL;
	if (!w)
		return mk_err(MK_ENOMEM, "out of memory");
	w->header_ns = (uint64_t)header_ms * 1000000ull;
	w->body_ns = (uint64_t)timeout_s * 1000000000ull;
	w->idle_ns = (uint64_t)idle_ms * 1000000ull;
	w->tick_ns = w->header_ns / 8; /* a deadline is kept to within an eighth */
	if (w->tick_ns > 250000000ull)
		w->tick_ns = 250000000ull;
	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&w->th, NULL, watch_main, w) != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return mk_err(MK_EIO, "cannot start the deadline thread: %s", strerror(errno));
	}
	*out = w;
	return 0;
}

void cwatch_stop(cwatch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	while (w->head) { /* the library has closed them all by now */
		cconn *c = w->head;
		w->head = c->next;
		free(c);
	}
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

cconn *cwatch_add(cwatch *w, int fd, const char *ip)
{
	cconn *c = calloc(1, sizeof *c);
	if (!c)
		return NULL; /* unwatched: the library's idle timeout still holds */
	c->fd = fd;
	c->phase = CW_HEADERS;
	c->since = mk_mono_ns();
	snprintf(c->ip, sizeof c->ip, "%s", ip);
	pthread_mutex_lock(&w->mu);
	c->next = w->head;
	if (w->head)
		w->head->prev = c;
	w->head = c;
	pthread_mutex_unlock(&w->mu);
	return c;
}

void cwatch_remove(cwatch *w, cconn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&w->mu);
	if (c->prev)
		c->prev->next = c->next;
	else
		w->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&w->mu);
	free(c);
}

static void set_phase(cwatch *w, cconn *c, int phase)
{
	if (!c)
		return;
	pthread_mutex_lock(&w->mu);
	c->phase = phase;
	c->since = mk_mono_ns();
	pthread_mutex_unlock(&w->mu);
}

void cwatch_body(cwatch *w, cconn *c)
{
	set_phase(w, c, CW_BODY);
}

void cwatch_answer(cwatch *w, cconn *c)
{
	set_phase(w, c, CW_ANSWER);
}

void cwatch_idle(cwatch *w, cconn *c)
{
	set_phase(w, c, CW_IDLE);
}
