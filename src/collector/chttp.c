/* SPDX-License-Identifier: MIT */
/*
 * The collector's HTTP(S) server on libmicrohttpd: a small pool of polling
 * threads (epoll on Linux), so a client that stops sending half-way holds a
 * connection, never a thread. Each request is read whole before its handler
 * runs once; the limits sit where they cost nothing:
 *
 *  - the route's body limit is checked against Content-Length before a byte
 *    of the body is read (413 at once), and again while reading (a chunked
 *    body that grows past it is thrown away as it comes, then 413);
 *  - all bodies held at once share one budget (CHTTP_BUFFER_BUDGET), so
 *    many large uploads in parallel get 503 rather than exhausting memory;
 *  - a connection idle for the timeout is closed by the library, and one
 *    whose request has taken longer than the timeout in total (a client
 *    trickling a byte at a time) is closed by us; one address may hold at
 *    most CHTTP_MAX_PER_IP connections.
 *
 * Answers go out with the security headers every page needs (chttp.h); a
 * handler may set its own Content-Security-Policy instead of ours. An
 * answer may also be a server-sent event stream, held open between events
 * by suspending its connection (chttp_stream.c). TLS
 * uses the library's GnuTLS with the PEM files read at start.
 */
#include "chttp_int.h"
#include "core.h"
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#define CHTTP_BUFFER_BUDGET ((size_t)512 << 20)
#define CHTTP_MAX_CONNECTIONS 512
#define CHTTP_MAX_PER_IP 128 /* kiosks behind one NAT share an address */
#define CHTTP_DEFAULT_LIMIT ((size_t)64 << 10) /* bodies, without a limit callback */
#define CHTTP_CSP "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " \
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[300], q[320];
	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\r\n")] = 0;
	mk_log(MK_LOG_WARN, "http-server", "msg=%s", mk_log_quote(q, sizeof q, msg));
}

static int reserve(chttp *h, creq *r, size_t want)
{
	if (want <= r->reserved)
		return 0;
	size_t more = want - r->reserved, now = atomic_fetch_add(&h->buffered, more);
	if (now + more > CHTTP_BUFFER_BUDGET) {
		atomic_fetch_sub(&h->buffered, more);
		return -1;
	}
	r->reserved = want;
	return 0;
}

static void req_free(creq *r)
{
	if (!r)
		return;
	chttp_body_free(r->body, r->cap);
	atomic_fetch_sub(&r->h->buffered, r->reserved);
	free(r->path);
	free(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

static void peer_ip(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "?");
	if (!ci || !ci->client_addr)
		return;
	socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
							       : sizeof(struct sockaddr_in);
	getnameinfo(ci->client_addr, len, out, (socklen_t)n, NULL, 0, NI_NUMERICHOST);
}

static creq *req_new(chttp *h, struct MHD_Connection *conn, const char *url, const char *method)
{
	creq *r = calloc(1, sizeof *r);
	if (!r || !(r->path = mk_strdup(url))) {
		free(r);
		return NULL;
	}
	r->conn = conn;
	r->h = h;
	snprintf(r->method, sizeof r->method, "%s", method);
	for (char *m = r->method; *m; m++) /* it reaches the log: letters only */
		if (!((*m >= 'A' && *m <= 'Z') || (*m >= 'a' && *m <= 'z')))
			*m = '?';
	peer_ip(conn, r->ip, sizeof r->ip);
	r->limit = h->o.limit ? h->o.limit(h->o.ctx, r->method, r->path) : CHTTP_DEFAULT_LIMIT;
	r->start_ns = mk_mono_ns();
	return r;
}

/* Grows the body to hold want bytes (plus the NUL); -1 when the budget says no. */
static int body_grow(creq *r, size_t want)
{
	if (want + 1 <= r->cap)
		return 0;
	size_t cap = r->cap ? r->cap : 4096;
	while (cap < want + 1)
		cap *= 2;
	if (cap > r->limit + 1)
		cap = r->limit + 1;
	if (reserve(r->h, r, cap) != 0)
		return -1;
	uint8_t *b = malloc(cap);
	if (!b)
		return -1;
	if (r->body)
		memcpy(b, r->body, r->len);
	chttp_body_free(r->body, r->cap);
	r->body = b;
	r->cap = cap;
	r->body[r->len] = 0;
	return 0;
}

static void add_headers(struct MHD_Response *resp, const chttp *h, const cresp *w)
{
	int own_csp = 0;
	for (int i = 0; i < w->n_headers; i++) {
		if (!strcasecmp(w->headers[i][0], "Content-Security-Policy"))
			own_csp = 1;
		MHD_add_response_header(resp, w->headers[i][0], w->headers[i][1]);
	}
	MHD_add_response_header(resp, "Content-Type",
				w->type ? w->type : "text/plain; charset=utf-8");
	if (!own_csp)
		MHD_add_response_header(resp, "Content-Security-Policy", CHTTP_CSP);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (h->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

typedef struct {
	uint8_t *p;
	size_t n;
} owned_body;

static void owned_free(void *cls)
{
	owned_body *b = cls;
	chttp_body_free(b->p, b->n);
	free(b);
}

static enum MHD_Result send_error(creq *r, int status, const char *msg);

/* A server-sent event stream (chttp_stream.c), or 503 when they are full. */
static enum MHD_Result send_stream(creq *r, cresp *w)
{
	int full = 0;
	struct MHD_Response *resp = chttp_stream_response(r, w, &full);
	if (!resp)
		return full ? send_error(r, 503, "too many live streams are open: try again later")
			    : MHD_NO;
	add_headers(resp, r->h, w);
	enum MHD_Result ok = MHD_queue_response(r->conn, 200, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Queues w's answer and takes its body in every case. */
static enum MHD_Result send_resp(creq *r, cresp *w)
{
	struct MHD_Response *resp;
	if (w->stream)
		return send_stream(r, w);
	owned_body *b = w->body ? malloc(sizeof *b) : NULL;
	if (w->body && !b) {
		chttp_body_free(w->body, w->len);
		return MHD_NO;
	}
	if (b) {
		b->p = w->body;
		b->n = w->len;
		resp = MHD_create_response_from_buffer_with_free_callback_cls(w->len, w->body,
									      owned_free, b);
		if (!resp)
			owned_free(b);
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	w->body = NULL;
	if (!resp)
		return MHD_NO;
	add_headers(resp, r->h, w);
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)(w->status ? w->status : 200),
						resp);
	MHD_destroy_response(resp);
	return ok;
}

/* The server's own refusals (413, 503), logged like a handler's answers. */
static enum MHD_Result send_error(creq *r, int status, const char *msg)
{
	cresp w = { 0 };
	char q[160];
	mk_log(MK_LOG_WARN, "http-refused", "method=%s path=%s status=%d ip=%s", r->method,
	       mk_log_quote(q, sizeof q, r->path), status, r->ip);
	char *text = mk_asprintf("{\"error\": \"%s\"}", msg);
	if (!text)
		return MHD_NO;
	cresp_take(&w, status, "application/json", (uint8_t *)text, strlen(text));
	return send_resp(r, &w);
}

static enum MHD_Result first_call(creq *r)
{
	const char *cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!cl)
		return MHD_YES;
	char *end;
	unsigned long long n = strtoull(cl, &end, 10);
	if (end == cl || *end || n > r->limit)
		return send_error(r, 413, "the body is larger than this address takes");
	if (n > 0 && body_grow(r, (size_t)n) != 0)
		return send_error(r, 503, "the server is busy: try again later");
	return MHD_YES;
}

static void take_data(creq *r, const char *data, size_t n)
{
	if (r->too_big || r->busy)
		return;
	if (n > r->limit - r->len) {
		r->too_big = 1;
		return;
	}
	if (body_grow(r, r->len + n) != 0) {
		r->busy = 1;
		return;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	r->body[r->len] = 0;
}

static enum MHD_Result run_handler(creq *r)
{
	cresp w = { 0 };
	if (r->too_big)
		return send_error(r, 413, "the body is larger than this address takes");
	if (r->busy)
		return send_error(r, 503, "the server is busy: try again later");
	r->h->o.handler(r->h->o.ctx, r, &w);
	return send_resp(r, &w);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *data_size, void **con_cls)
{
	chttp *h = cls;
	creq *r = *con_cls;
	(void)version;
	if (!r) {
		if (!(r = req_new(h, conn, url, method)))
			return MHD_NO;
		*con_cls = r;
		return first_call(r);
	}
	if (mk_mono_ns() - r->start_ns > (uint64_t)h->o.timeout_s * 1000000000ull) {
		char q[120];
		mk_log(MK_LOG_WARN, "http-timeout", "ip=%s path=%s", r->ip,
		       mk_log_quote(q, sizeof q, r->path));
		return MHD_NO;
	}
	if (*data_size) {
		take_data(r, data, *data_size);
		*data_size = 0;
		return MHD_YES;
	}
	return run_handler(r);
}

/* "ADDR:PORT" or "[ADDR6]:PORT" into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, int *v6)
{
	char host[256];
	const char *colon, *port;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return mk_err(MK_EINVAL, "listen address %s: expected [ADDR]:PORT", s);
		snprintf(host, sizeof host, "%.*s", (int)(close - s - 1), s + 1);
		port = close + 2;
	} else {
		if (!(colon = strrchr(s, ':')) || strchr(s, ':') != colon)
			return mk_err(MK_EINVAL, "listen address %s: expected ADDR:PORT or [ADDR]:PORT", s);
		snprintf(host, sizeof host, "%.*s", (int)(colon - s), s);
		port = colon + 1;
	}
	char *end;
	long p = strtol(port, &end, 10);
	if (!*port || *end || p < 0 || p > 65535 || !*host)
		return mk_err(MK_EINVAL, "listen address %s: expected ADDR:PORT with a port 0-65535", s);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV }, *ai;
	if (getaddrinfo(host, port, &hints, &ai) != 0 || !ai)
		return mk_err(MK_EINVAL, "listen address %s: unknown host %s", s, host);
	memset(ss, 0, sizeof *ss);
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*v6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	return 0;
}

static int read_pems(chttp *h)
{
	const chttp_opts *o = &h->o;
	if (!o->tls_cert && !o->tls_key)
		return 0;
	if (!o->tls_cert || !o->tls_key)
		return mk_err(MK_EINVAL, "TLS needs both a certificate and its key");
	if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
		return mk_err(MK_EINVAL, "this libmicrohttpd was built without TLS");
	if (mk_read_file(o->tls_cert, &h->cert, &h->cert_len) != 0)
		return mk_err(MK_EIO, "%s: cannot read the certificate: %s", o->tls_cert, mk_err_msg());
	if (mk_read_file(o->tls_key, &h->key, &h->key_len) != 0)
		return mk_err(MK_EIO, "%s: cannot read the TLS key: %s", o->tls_key, mk_err_msg());
	h->tls = 1;
	return 0;
}

static void chttp_free(chttp *h)
{
	chttp_live_stop(h);
	if (h->key)
		explicit_bzero(h->key, h->key_len);
	free(h->key);
	free(h->cert);
	free(h);
}

int chttp_start(chttp **out, const chttp_opts *o, int *port_out)
{
	struct sockaddr_storage ss;
	int v6 = 0, rc;
	chttp *h;
	*out = NULL;
	if (!o->handler)
		return mk_err(MK_EINVAL, "chttp_start: no handler");
	if (!(h = calloc(1, sizeof *h)))
		return mk_err(MK_ENOMEM, "out of memory");
	h->o = *o;
	if (!h->o.listen)
		h->o.listen = "127.0.0.1:8443";
	if (h->o.threads <= 0)
		h->o.threads = 4;
	if (h->o.timeout_s <= 0)
		h->o.timeout_s = 30;
	if ((rc = parse_listen(h->o.listen, &ss, &v6)) != 0 || (rc = read_pems(h)) != 0 ||
	    (rc = chttp_live_start(h)) != 0) {
		chttp_free(h);
		return rc;
	}
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
			 (v6 ? MHD_USE_IPv6 : 0) | (h->tls ? MHD_USE_TLS : 0);
	h->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, h,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, h,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)h->o.threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)h->o.timeout_s,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CHTTP_MAX_CONNECTIONS,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CHTTP_MAX_PER_IP,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 << 10),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
		h->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, h->cert,
		MHD_OPTION_HTTPS_MEM_KEY, h->key,
		MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
		MHD_OPTION_END);
	if (!h->d) {
		chttp_free(h);
		return mk_err(MK_EIO, "cannot listen on %s (in use, or not an address of this machine%s)",
			      o->listen ? o->listen : "127.0.0.1:8443",
			      o->tls_cert ? ", or the certificate and key do not match" : "");
	}
	if (port_out) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
		*port_out = di ? di->port : 0;
	}
	*out = h;
	return 0;
}

void chttp_stop(chttp *h)
{
	if (!h)
		return;
	chttp_live_end_all(h); /* no suspended connection may outlive the daemon */
	MHD_stop_daemon(h->d);
	chttp_free(h);
}
