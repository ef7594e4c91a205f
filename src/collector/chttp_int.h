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

#endif
