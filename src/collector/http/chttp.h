/* SPDX-License-Identifier: MIT */
/*
 * chttp: the collector's HTTP(S) server, a thin layer over libmicrohttpd.
 * It asks the program who a request comes from on its headers alone (the
 * admission), before a byte of the body is read or held; then it reads the
 * whole request (refusing bodies over the admitted limit with 413 before
 * reading them, headers that take over 10 s and requests that take over
 * 30 s), hands it to
 * one handler as a plain struct, and sends the handler's answer with the
 * security headers every page needs (Content-Security-Policy without
 * scripts, X-Frame-Options DENY, X-Content-Type-Options nosniff,
 * Referrer-Policy no-referrer, Cache-Control no-store); a handler may
 * instead answer with a server-sent event stream (cresp_stream). Only
 * chttp*.c include microhttpd.h.
 */
#ifndef MK_CHTTP_H
#define MK_CHTTP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct chttp chttp;
typedef struct chttp_dl chttp_dl; /* a download being made (cresp_download) */

typedef struct creq creq; /* opaque: read with the calls below */

const char *creq_method(const creq *r);    /* "GET", "POST", ... */
const char *creq_path(const creq *r);      /* "/api/v1/records", no query */
const char *creq_ip(const creq *r);        /* the peer's address, text */
/* Who the admission said the request comes from ("" for a stranger). */
const char *creq_holder(const creq *r);
/* A request header (case-insensitive name), or NULL. */
const char *creq_header(const creq *r, const char *name);
/* A query-string argument, decoded, or NULL. */
const char *creq_arg(const creq *r, const char *name);
/* A cookie's value, or NULL. */
const char *creq_cookie(const creq *r, const char *name);
/* The body (NUL-terminated for convenience; n excludes the NUL). */
const uint8_t *creq_body(const creq *r, size_t *n);
/* A field of an application/x-www-form-urlencoded body, decoded into out
 * (n bytes), or a plain field of a multipart/form-data one (by the
 * request's Content-Type); 0, or MK_ENOTFOUND when absent, MK_EINVAL when
 * too long (or the multipart body is malformed). */
int creq_form(const creq *r, const char *name, char *out, size_t n);

/* multipart/form-data (chttp_multipart.c): a form with a file input. */
#define CHTTP_BOUNDARY_MAX 70
#define CHTTP_MAX_PARTS 600
typedef struct {
	char name[128];          /* the form field's name */
	char filename[512];      /* a file input's file name (with a folder's
				  * relative path); "" for a plain field */
	int is_file;             /* a filename="..." was given (maybe empty) */
	char type[128];          /* the part's Content-Type, "" when none */
	const uint8_t *data;     /* into the body: not a copy */
	size_t n;
} chttp_part;
/* Called for each part in order: 0 goes on, anything else stops the walk
 * and is returned. */
typedef int (*chttp_part_fn)(void *ctx, const chttp_part *p);
/* Walks body as multipart/form-data with the boundary of content_type,
 * strictly (no preamble, known part headers only, at most CHTTP_MAX_PARTS):
 * 0 when whole, MK_EINVAL / MK_ELIMIT with the message otherwise, or what
 * fn returned. */
int chttp_multipart(const char *content_type, const uint8_t *body, size_t n,
		    chttp_part_fn fn, void *ctx);
/* The boundary of a multipart/form-data Content-Type; MK_EINVAL if none. */
int chttp_multipart_boundary(const char *content_type, char out[CHTTP_BOUNDARY_MAX + 1]);
/* The plain (not file) field name into out (cap bytes with the NUL):
 * 0, MK_ENOTFOUND, MK_EINVAL (too long, a NUL in it, or a bad body). */
int chttp_multipart_field(const char *content_type, const uint8_t *body, size_t n,
			  const char *name, char *out, size_t cap);

typedef struct {
	int status;           /* 200 when left 0 */
	const char *type;     /* Content-Type; "text/plain; charset=utf-8" when NULL */
	uint8_t *body;        /* malloc'd, taken by the server (wiped, then freed) */
	size_t len;
	int n_headers;
	char headers[8][2][256]; /* extra headers: name, value (Set-Cookie, Location) */
	int stream;           /* cresp_stream: a server-sent event stream, body first */
	chttp_dl *download;   /* cresp_download: made while it is sent */
} cresp;

/* Sets the status, type and a copy of text as the body. */
int cresp_text(cresp *w, int status, const char *type, const char *text);
/* Takes body (malloc'd) as it is. */
void cresp_take(cresp *w, int status, const char *type, uint8_t *body, size_t len);
int cresp_header(cresp *w, const char *name, const char *value);
/* Answers with a server-sent event stream (text/event-stream) that starts
 * with first (copied; e.g. "retry: 3000\n\n") and then carries whatever
 * chttp_publish sends, a comment every CHTTP_STREAM_PING seconds, until
 * the client goes or CHTTP_STREAM_SECONDS pass (EventSource reconnects).
 * Between events the connection is suspended: it holds no thread. When
 * CHTTP_MAX_STREAMS are open (CHTTP_MAX_STREAMS_PER_IP from one address),
 * the answer is 503 with Retry-After instead, so streams cannot take the
 * connections that kiosks and pages need. */
#define CHTTP_MAX_STREAMS 64
#define CHTTP_MAX_STREAMS_PER_IP 16
#define CHTTP_STREAM_PING 15
#define CHTTP_STREAM_SECONDS 300
int cresp_stream(cresp *w, const char *first);

/* Answers with what fn writes to out, run on a thread of its own while
 * the answer is sent (chunked), so a download of any size holds about
 * CHTTP_DOWNLOAD_BUFFER of the server's memory and fn's own: fn waits
 * while the client is behind, and its writes fail once the client went
 * away or the server stops (fn should then stop). This call waits until
 * fn filled the buffer or returned: fn's error before that is returned
 * here with w untouched (answer an error page), a whole answer within the
 * buffer goes out as a plain body, and a failure later cuts the download
 * short (the client sees it broken) and is logged. arg_free(arg) runs
 * when fn is done, or at once when this fails. MK_EAGAIN when
 * CHTTP_MAX_DOWNLOADS already run. */
#define CHTTP_MAX_DOWNLOADS 4
#define CHTTP_DOWNLOAD_BUFFER ((size_t)256 << 10)
typedef int (*chttp_producer)(void *arg, FILE *out);
int cresp_download(const creq *r, cresp *w, int status, const char *type, chttp_producer fn,
		   void *arg, void (*arg_free)(void *arg));

/* Answers one request; runs on the server's threads. */
typedef void (*chttp_handler)(void *ctx, const creq *r, cresp *w);
/* What the program says of a request from its headers, before the server
 * reads or holds a byte of its body. holder names who the body's memory is
 * counted against (a kiosk, a signed-in user: each has CHTTP_HOLDER_BUDGET
 * of the server's); left "", the request is a stranger's: its body is
 * capped at CHTTP_STRANGER_BODY and held outside every budget, so strangers
 * can never make the server busy for those who signed in. */
#define CHTTP_STRANGER_BODY ((size_t)4 << 10)
#define CHTTP_HOLDER_BUDGET ((size_t)128 << 20)
typedef struct {
	size_t limit;      /* the largest body taken (bytes): 413 beyond */
	char holder[64];   /* who; "" for a stranger */
} chttp_admission;
/* Fills a (zeroed by the server) from r's method, path and headers; runs on
 * the server's threads, once per request. */
typedef void (*chttp_admit)(void *ctx, const creq *r, chttp_admission *a);
/* Called about once a second, on a thread of the server's own, while any
 * stream is open: the place to look for news and chttp_publish it. */
typedef void (*chttp_tick)(void *ctx, chttp *h);

typedef struct {
	const char *listen;     /* "ADDR:PORT"; NULL: "127.0.0.1:8443" */
	const char *tls_cert;   /* PEM files; both NULL: plain HTTP */
	const char *tls_key;
	int threads;            /* 0: 4 */
	int timeout_s;          /* per request once its headers are in; 0: 30 */
	int header_ms;          /* for all of a request's headers; 0: 10000 */
	int idle_ms;            /* a kept-alive connection between requests; 0: 75000 */
	int max_per_ip;         /* connections from one address; 0: 128 */
	chttp_handler handler;
	chttp_admit admit;      /* NULL: everyone is a stranger */
	chttp_tick tick;        /* may be NULL */
	void *ctx;
} chttp_opts;

/* Starts serving in the background; port_out (may be NULL) gets the port
 * bound (useful with port 0). */
int chttp_start(chttp **out, const chttp_opts *o, int *port_out);
void chttp_stop(chttp *h);
/* Sends text (one or more whole events) to every open stream; text longer
 * than CHTTP_EVENT_MAX is not sent. Safe from any thread. */
#define CHTTP_EVENT_MAX 512
void chttp_publish(chttp *h, const char *text);
/* Streams open now. */
int chttp_streams(chttp *h);

#endif
