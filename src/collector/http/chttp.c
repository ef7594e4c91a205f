/* SPDX-License-Identifier: MIT */
/*
 * The collector's HTTP(S) server on libmicrohttpd: a small pool of polling
 * threads (epoll on Linux), so a client that stops sending half-way holds a
 * connection, never a thread. Each request is read whole before its handler
 * runs once; the limits sit where they cost nothing, and nothing is held
 * for a request before the program has said who sent it:
 *
 *  - once the headers are in, the admission callback says who the request
 *    comes from (a kiosk's token, a dashboard session) and the largest body
 *    it takes; a stranger's body is capped at CHTTP_STRANGER_BODY;
 *  - that limit is checked against Content-Length before a byte of the body
 *    is read (413 at once; two Content-Lengths that differ are 400); no one
 *    may send a chunked body (413 at once, even behind a Content-Length,
 *    which libmicrohttpd would then ignore): its size shows only as it
 *    comes, and libmicrohttpd cannot answer before a body's end, so a body
 *    past the limit would be read to its end, or cut off without an
 *    answer. Kiosks (libcurl with the size given) and browsers' forms
 *    always give the length; a body that still grows past the limit
 *    closes the connection at once;
 *  - bodies of known senders share one budget (CHTTP_BUFFER_BUDGET) with at
 *    most CHTTP_HOLDER_BUDGET per sender, so many large uploads in parallel
 *    get 503 rather than exhausting memory, and no one sender (nor any
 *    number of strangers, who hold nothing) can make the server busy for
 *    the others;
 *  - the headers must be in within header_ms and the body within
 *    timeout_s, however slowly they trickle, and a kept-alive connection
 *    waits idle_ms for its next request (chttp_watch.c); one address
 *    may hold at most max_per_ip connections, fewer than the server's.
 *
 * Answers go out with the security headers every page needs (chttp.h); a
 * handler may set its own Content-Security-Policy instead of ours. An
 * answer may also be a server-sent event stream, held open between events
 * by suspending its connection (chttp_stream.c), or a download made on a
 * thread of its own while it is sent (chttp_download.c). TLS
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
#define CHTTP_MAX_PER_IP 128 /* kiosks behind one NAT share an address */
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

/* The slot of holder id (caller holds h->mu): its own, else a free one. */
static size_t *holder_held(chttp *h, const char *id)
{
	size_t n = sizeof h->holders / sizeof h->holders[0], free_at = n;
	for (size_t i = 0; i < n; i++) {
		if (h->holders[i].held && !strcmp(h->holders[i].id, id))
			return &h->holders[i].held;
		if (!h->holders[i].held && free_at == n)
			free_at = i;
	}
	if (free_at == n)
		return NULL; /* cannot happen: a slot per connection */
	snprintf(h->holders[free_at].id, sizeof h->holders[free_at].id, "%s", id);
	return &h->holders[free_at].held;
}

/* Counts want bytes for r against its holder's budget and the server's; a
 * stranger's (at most CHTTP_STRANGER_BODY) are counted nowhere. */
static int reserve(chttp *h, creq *r, size_t want)
{
	int ok = 0;
	if (want <= r->reserved || !r->holder[0])
		return 0;
	size_t more = want - r->reserved;
	pthread_mutex_lock(&h->mu);
	size_t *held = holder_held(h, r->holder);
	if (held && h->buffered + more <= CHTTP_BUFFER_BUDGET &&
	    *held + more <= CHTTP_HOLDER_BUDGET) {
		*held += more;
		h->buffered += more;
		r->reserved = want;
		ok = 1;
	}
	pthread_mutex_unlock(&h->mu);
	return ok ? 0 : -1;
}

static void release(chttp *h, creq *r)
{
	if (!r->reserved)
		return;
	pthread_mutex_lock(&h->mu);
	size_t *held = holder_held(h, r->holder);
	if (held)
		*held -= r->reserved;
	h->buffered -= r->reserved;
	pthread_mutex_unlock(&h->mu);
	r->reserved = 0;
}

static void req_free(creq *r)
{
	if (!r)
		return;
	chttp_body_free(r->body, r->cap);
	release(r->h, r);
	free(r->path);
	free(r);
}

static cconn *conn_watched(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	chttp *h = cls;
	req_free(*con_cls);
	*con_cls = NULL;
	cwatch_idle(h->watch, conn_watched(conn));
	/* The library's own idle timeout must not end the keep-alive before
	 * ours; first_call sets it back once the next request's headers are in. */
	if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
		MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT,
					  (unsigned)(h->o.idle_ms / 1000 + 2));
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

static void on_conn(void *cls, struct MHD_Connection *conn, void **socket_context,
		    enum MHD_ConnectionNotificationCode code)
{
	chttp *h = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		char ip[64];
		peer_ip(conn, ip, sizeof ip);
		*socket_context = ci ? cwatch_add(h->watch, ci->connect_fd, ip) : NULL;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		cwatch_remove(h->watch, *socket_context);
		*socket_context = NULL;
	}
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
	r->cc = conn_watched(conn);
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

/* A download made while it is sent (chttp_download.c). */
static enum MHD_Result send_download(creq *r, cresp *w)
{
	struct MHD_Response *resp = chttp_download_response(w);
	if (!resp)
		return MHD_NO;
	add_headers(resp, r->h, w);
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)(w->status ? w->status : 200),
						resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Queues w's answer and takes its body in every case. */
static enum MHD_Result send_resp(creq *r, cresp *w)
{
	struct MHD_Response *resp;
	if (w->download) {
		chttp_body_free(w->body, w->len);
		w->body = NULL;
		return send_download(r, w);
	}
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

/* Who sent r, from its headers alone: r->holder and r->limit. */
static void admit(creq *r)
{
	const chttp_opts *o = &r->h->o;
	chttp_admission a;
	memset(&a, 0, sizeof a);
	if (o->admit)
		o->admit(o->ctx, r, &a);
	a.holder[sizeof a.holder - 1] = 0;
	memcpy(r->holder, a.holder, sizeof r->holder);
	r->limit = a.limit;
	if (!r->holder[0] && r->limit > CHTTP_STRANGER_BODY)
		r->limit = CHTTP_STRANGER_BODY;
}

typedef struct {
	const char *first;
	int differ;
} lengths;

static enum MHD_Result on_length(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	lengths *l = cls;
	(void)kind;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) != 0 || !value)
		return MHD_YES;
	if (!l->first)
		l->first = value;
	else if (strcmp(l->first, value) != 0)
		l->differ = 1;
	return MHD_YES;
}

static enum MHD_Result first_call(creq *r)
{
	lengths l = { NULL, 0 };
	char *end;
	admit(r);
	cwatch_body(r->h->watch, r->cc);
	MHD_set_connection_option(r->conn, MHD_CONNECTION_OPTION_TIMEOUT,
				  (unsigned)r->h->o.timeout_s);
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, on_length, &l);
	if (l.differ)
		return send_error(r, 400, "two Content-Length headers that differ");
	if (MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		return send_error(r, 413, r->holder[0] ? "a body must give its length"
			       " (Content-Length), never come in chunks"
			       : "a body sent before signing in must give its length"
			       " (Content-Length) and stay under 4 KiB");
	if (!l.first)
		return MHD_YES;
	unsigned long long n = strtoull(l.first, &end, 10);
	if (end == l.first || *end || l.first[0] < '0' || l.first[0] > '9')
		return send_error(r, 400, "Content-Length is not a number");
	if (n > r->limit)
		return send_error(r, 413, "the body is larger than this address takes");
	if (n > 0 && body_grow(r, (size_t)n) != 0)
		return send_error(r, 503, "the server is busy: try again later");
	return MHD_YES;
}

/* MHD_NO (close now) for a body past its limit: nothing more is read. */
static enum MHD_Result take_data(creq *r, const char *data, size_t n)
{
	char q[160];
	if (r->busy)
		return MHD_YES;
	if (n > r->limit - r->len) {
		mk_log(MK_LOG_WARN, "http-refused", "method=%s path=%s status=413 ip=%s closed=1",
		       r->method, mk_log_quote(q, sizeof q, r->path), r->ip);
		return MHD_NO;
	}
	if (body_grow(r, r->len + n) != 0) {
		r->busy = 1;
		return MHD_YES;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	r->body[r->len] = 0;
	return MHD_YES;
}

static enum MHD_Result run_handler(creq *r)
{
	cresp w = { 0 };
	cwatch_answer(r->h->watch, r->cc);
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
	if (*data_size) {
		enum MHD_Result go = take_data(r, data, *data_size);
		*data_size = 0;
		return go;
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
	cwatch_stop(h->watch);
	pthread_cond_destroy(&h->dl_cv);
	pthread_mutex_destroy(&h->mu);
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
	if (h->o.header_ms <= 0)
		h->o.header_ms = 10000;
	if (h->o.idle_ms <= 0)
		h->o.idle_ms = 75000;
	if (h->o.max_per_ip <= 0)
		h->o.max_per_ip = CHTTP_MAX_PER_IP;
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->dl_cv, NULL);
	if ((rc = parse_listen(h->o.listen, &ss, &v6)) != 0 || (rc = read_pems(h)) != 0 ||
	    (rc = cwatch_start(&h->watch, h->o.header_ms, h->o.timeout_s, h->o.idle_ms)) != 0 ||
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
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)h->o.max_per_ip,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 << 10),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
		MHD_OPTION_NOTIFY_CONNECTION, on_conn, h,
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
	chttp_downloads_end_all(h);
	MHD_stop_daemon(h->d);
	chttp_downloads_wait(h); /* their producers use what the program closes next */
	chttp_free(h);
}
