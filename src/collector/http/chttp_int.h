/* SPDX-License-Identifier: MIT */
/*
 * chttp's private half: the request as the server holds it while it reads
 * the body, shared by chttp.c (the server loop) and chttp_msg.c (reading a
 * request, building an answer), chttp_stream.c (server-sent events) and
 * chttp_download.c (downloads made while they are sent).
 * Only these files see microhttpd.h.
 */
#ifndef MK_CHTTP_INT_H
#define MK_CHTTP_INT_H

#include "chttp.h"
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>

#define CHTTP_MAX_CONNECTIONS 512

typedef struct cconn cconn; /* one connection, watched for its deadlines */
typedef struct cwatch cwatch;
typedef struct chttp_live chttp_live; /* the open streams (chttp_stream.c) */

struct chttp {
	struct MHD_Daemon *d;
	chttp_opts o;
	char *cert, *key;
	size_t cert_len, key_len;
	int tls;
	cwatch *watch;
	pthread_mutex_t mu;        /* the budgets below */
	size_t buffered;
	struct {
		char id[64];
		size_t held;       /* 0: a free slot */
	} holders[CHTTP_MAX_CONNECTIONS];
	chttp_live *live;
	chttp_dl *dl_head;         /* running download producers (under mu) */
	int dl_n, dl_stopping;
	pthread_cond_t dl_cv;      /* a producer returned */
};

struct creq {
	struct MHD_Connection *conn;
	chttp *h;
	char method[16];
	char *path;
	char ip[64];
	uint8_t *body;      /* always NUL-terminated once allocated */
	size_t len, cap;
	char holder[64];    /* the admission's; "" for a stranger */
	size_t limit;       /* the admission's largest body */
	size_t reserved;    /* bytes counted against the budgets (holder's and server's) */
	int busy;           /* the server's budget ran out: answer 503 */
	cconn *cc;          /* its connection's deadlines (NULL: unwatched) */
};

/* chttp_watch.c: a thread that closes connections past their deadlines.
 * The header phase starts when the connection opens or its last request
 * ended, and must end (headers in) within header_ms whatever trickles in;
 * the body phase must end within timeout_s. */
int cwatch_start(cwatch **out, int header_ms, int timeout_s, int idle_ms);
void cwatch_stop(cwatch *w);
cconn *cwatch_add(cwatch *w, int fd, const char *ip);
void cwatch_remove(cwatch *w, cconn *c);
void cwatch_body(cwatch *w, cconn *c);     /* headers in: the body phase begins */
void cwatch_answer(cwatch *w, cconn *c);   /* body in: the handler answers, unwatched */
void cwatch_idle(cwatch *w, cconn *c);     /* request over: kept alive for the next */

/* Wipes and frees a body the server took from a cresp. */
void chttp_body_free(void *p, size_t n);

/* Server-sent event streams (chttp_stream.c). live_start/stop around the
 * daemon's life (stop resumes and ends every stream before the daemon
 * goes); stream_response makes r's answer a stream starting with w's body
 * (taken), or NULL when the streams are full (503) or memory ran out. */
int chttp_live_start(chttp *h);
void chttp_live_end_all(chttp *h);
void chttp_live_stop(chttp *h);
struct MHD_Response *chttp_stream_response(creq *r, cresp *w, int *full);

/* Downloads (chttp_download.c): the response that sends w->download
 * (taken; NULL when memory ran out), and, for chttp_stop, cancelling every
 * producer (before the daemon stops) and waiting for them all to return
 * (after). */
struct MHD_Response *chttp_download_response(cresp *w);
void chttp_downloads_end_all(chttp *h);
void chttp_downloads_wait(chttp *h);

#endif
