/* SPDX-License-Identifier: MIT */
/*
 * chttp's private half: the request as the server holds it while it reads
 * the body, shared by chttp.c (the server loop) and chttp_msg.c (reading a
 * request, building an answer) and chttp_stream.c (server-sent events).
 * Only these files see microhttpd.h.
 */
#ifndef MK_CHTTP_INT_H
#define MK_CHTTP_INT_H

#include "chttp.h"
#include <microhttpd.h>
#include <stdatomic.h>

typedef struct chttp_live chttp_live; /* the open streams (chttp_stream.c) */

struct chttp {
	struct MHD_Daemon *d;
	chttp_opts o;
	char *cert, *key;
	size_t cert_len, key_len;
	int tls;
	_Atomic size_t buffered;
	chttp_live *live;
};

struct creq {
	struct MHD_Connection *conn;
	chttp *h;
	char method[16];
	char *path;
	char ip[64];
	uint8_t *body;      /* always NUL-terminated once allocated */
	size_t len, cap;
	size_t limit;       /* the route's largest body */
	size_t reserved;    /* bytes counted against the server's budget */
	int too_big;        /* answer 413 once the body is over */
	int busy;           /* the server's budget ran out: answer 503 */
	uint64_t start_ns;  /* for the whole-request deadline */
};

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

#endif
