/* SPDX-License-Identifier: MIT */
/*
 * chttp's private half: the request as the server holds it while it reads
 * the body, shared by chttp.c (the server loop) and chttp_msg.c (reading a
 * request, building an answer). Only these two files see microhttpd.h.
 */
#ifndef MK_CHTTP_INT_H
#define MK_CHTTP_INT_H

#include "chttp.h"
#include <microhttpd.h>
#include <stdio.h>

typedef struct cconn cconn; /* one connection, watched for its deadlines */

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
	int too_big;        /* answer 413 once the body is over */
	int busy;           /* the server's budget ran out: answer 503 */
	cconn *cc;          /* its connection's deadlines (NULL: unwatched) */
};

/* chttp_watch.c: a thread that closes connections past their deadlines.
 * The header phase starts when the connection opens or its last request
 * ended, and must end (headers in) within header_ms whatever trickles in;
 * the body phase must end within timeout_s. */
typedef struct cwatch cwatch;
int cwatch_start(cwatch **out, int header_ms, int timeout_s);
void cwatch_stop(cwatch *w);
cconn *cwatch_add(cwatch *w, int fd, const char *ip);
void cwatch_remove(cwatch *w, cconn *c);
void cwatch_body(cwatch *w, cconn *c);     /* headers in: the body phase begins */
void cwatch_answer(cwatch *w, cconn *c);   /* body in: the handler answers, unwatched */
void cwatch_headers(cwatch *w, cconn *c);  /* request over: the next one's headers */

/* Wipes and frees a body the server took from a cresp. */
void chttp_body_free(void *p, size_t n);

#endif
