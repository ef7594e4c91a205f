/* SPDX-License-Identifier: MIT */
/*
 * The collector's front gate under attack, over real HTTP: what a client
 * can make the server hold before it has shown who it is. Strangers who
 * announce huge bodies and send none, a kiosk that stalls two dozen
 * uploads, headers trickled a byte at a time from one address, two
 * Content-Lengths that disagree, a stranger's endless chunked body, and a
 * kiosk's (its token is good) chunked body larger than any batch, alone or
 * behind a Content-Length that says it is small.
 * Each case ends with what kiosks and staff would notice: their own
 * uploads and sign-ins still answered, never "the server is busy".
 * Raw sockets come from chosen loopback addresses (127.0.0.2, .3: all of
 * 127/8 is this machine) so one "address" can misbehave while another
 * stands for everyone else.
 * Usage: test_gate [PG_URI_FILE] (SQLite without it).
 */
#include "test_api.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#define UPLOADS 24
/* Each upload announces this much: together, to within a few bytes, all
 * 512 MiB the server lets bodies hold at once (within the photo limit). */
#define EACH ((512ul << 20) / UPLOADS - 1)
#define SLOW 160
#define PER_IP 128 /* the server's default */

/* A connection to port from the loopback address from; -1 when refused. */
static int dial(int port, const char *from)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	struct sockaddr_in me = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	inet_pton(AF_INET, from, &me.sin_addr);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&me, sizeof me) != 0 ||
	    connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int say(int fd, const char *text)
{
	size_t n = strlen(text);
	return send(fd, text, n, MSG_NOSIGNAL) == (ssize_t)n ? 0 : -1;
}

/* The status of the answer waiting on fd within ms; 0 for none, -1 when
 * the server closed the connection without one. */
static int status_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[64] = "";
	uint64_t end = mk_mono_ns() + (uint64_t)ms * 1000000u;
	while (mk_mono_ns() < end) {
		if (poll(&p, 1, 50) <= 0)
			continue;
		ssize_t k = recv(fd, buf, sizeof buf - 1, 0);
		if (k <= 0)
			return k < 0 && errno == EAGAIN ? 0 : -1;
		buf[k] = 0;
		int status = 0;
		return sscanf(buf, "HTTP/1.%*d %d", &status) == 1 ? status : -1;
	}
	return 0;
}

/* Opens n connections that send only headers announcing len bytes. */
static int announce(tenv *e, int *fds, int n, const char *method, const char *path,
		    const char *token, unsigned long len)
{
	char req[600], auth[300] = "";
	int k = 0;
	if (token)
		snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", token);
	snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
		 "Content-Length: %lu\r\n\r\n", method, path, auth, len);
	for (int i = 0; i < n; i++) {
		fds[i] = dial(e->port, "127.0.0.2");
		if (fds[i] >= 0 && say(fds[i], req) == 0)
			k++;
	}
	usleep(300 * 1000); /* the server reads their headers */
	return k;
}

static void hang_up(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	usleep(1000 * 1000); /* the server sees them go */
}

static long kiosk_batch(tenv *e, const char *token)
{
	char uuid[37], patient[37];
	tresp r;
	store_uuid(uuid);
	store_uuid(patient);
	json_t *b = t_batch(json_pack("[o]", t_record(uuid, "report", patient, "K7MZ4Q2P")));
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	static const char *const ct[] = { "Content-Type: application/json", NULL };
	long st = t_req(e, "POST", "/api/v1/records", token, text, strlen(text), ct, &r);
	free(text);
	t_free(&r);
	return st;
}

/* A photo's file of 1 MiB from the kiosk: refused or taken, never "busy". */
static long kiosk_photo(tenv *e, const char *token)
{
	char path[100], uuid[37];
	size_t n = (size_t)1 << 20;
	char *bytes = calloc(1, n);
	tresp r;
	store_uuid(uuid);
	snprintf(path, sizeof path, "/api/v1/photos/%s?part=image", uuid);
	long st = t_req(e, "PUT", path, token, bytes, n, NULL, &r);
	free(bytes);
	t_free(&r);
	return st;
}

static long signin_post(tenv *e)
{
	static const char *const form[] = { "Content-Type: application/x-www-form-urlencoded",
					    NULL };
	const char *body = "pre=x&name=alice&password=wrong";
	tresp r;
	long st = t_req(e, "POST", "/signin", NULL, body, strlen(body), form, &r);
	t_free(&r);
	return st;
}

/* Issue 16, 1: headers announcing large photos, and no body, from someone
 * without a token. */
static void test_strangers_hold_nothing(tenv *e)
{
	char path[100], uuid[37];
	int fds[UPLOADS];
	store_uuid(uuid);
	snprintf(path, sizeof path, "/api/v1/photos/%s?part=image", uuid);
	CHECK(announce(e, fds, UPLOADS, "PUT", path, NULL, EACH) == UPLOADS);
	long st = kiosk_batch(e, e->token);
	CHECK_MSG(st == 200, "a kiosk's batch got %ld behind strangers' empty uploads", st);
	st = kiosk_photo(e, e->token);
	CHECK_MSG(st != 503 && st != 0, "a kiosk's photo got %ld behind strangers' uploads", st);
	st = signin_post(e);
	CHECK_MSG(st != 503 && st != 0, "POST /signin got %ld behind strangers' uploads", st);
	hang_up(fds, UPLOADS);
}

/* Issue 16, 1: a kiosk's own stalled uploads (a stolen token, a broken
 * kiosk) make it busy, not every kiosk. */
static void test_one_kiosk_is_not_all(tenv *e)
{
	char id[CSTORE_ID], token[CSTORE_TOKEN], path[100], uuid[37];
	int fds[UPLOADS];
	CHECK(cstore_kiosk_add(e->c.db, "second", id, token) == 0);
	store_uuid(uuid);
	snprintf(path, sizeof path, "/api/v1/photos/%s?part=image", uuid);
	CHECK(announce(e, fds, UPLOADS, "PUT", path, e->token, EACH) == UPLOADS);
	long st = kiosk_batch(e, token);
	CHECK_MSG(st == 200, "kiosk B's batch got %ld behind kiosk A's stalled uploads", st);
	st = kiosk_photo(e, token);
	CHECK_MSG(st != 503 && st != 0, "kiosk B's photo got %ld behind kiosk A's uploads", st);
	st = signin_post(e);
	CHECK_MSG(st != 503 && st != 0, "POST /signin got %ld behind a kiosk's uploads", st);
	hang_up(fds, UPLOADS);
}

/* Issue 16, 9: which of two Content-Lengths counts is a guess (a proxy in
 * front may guess the other way), so neither does. */
static void test_two_lengths(tenv *e)
{
	char req[600];
	int fd = dial(e->port, "127.0.0.3");
	snprintf(req, sizeof req, "POST /api/v1/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		 "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}", e->token);
	CHECK(fd >= 0 && say(fd, req) == 0);
	int st = status_within(fd, 5000);
	CHECK_MSG(st == 400, "two different Content-Lengths got %d", st);
	if (fd >= 0)
		close(fd);
}

/* Issue 16, 9: a stranger's chunked body is refused before it is read to
 * its end (here it never ends). */
static void test_stranger_chunked(tenv *e)
{
	char chunk[4200];
	int fd = dial(e->port, "127.0.0.3");
	CHECK(fd >= 0 && say(fd, "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Content-Type: application/x-www-form-urlencoded\r\n"
			 "Transfer-Encoding: chunked\r\n\r\n") == 0);
	snprintf(chunk, sizeof chunk, "1000\r\n");
	memset(chunk + 6, 'a', 4096);
	memcpy(chunk + 6 + 4096, "\r\n", 3);
	for (int i = 0; fd >= 0 && i < 4; i++)
		say(fd, chunk);
	int st = status_within(fd, 5000);
	CHECK_MSG(st == 413, "a stranger's endless chunked body got %d before its end", st);
	if (fd >= 0)
		close(fd);
}

/* Sends an endless chunked body of 64 KiB chunks after head until the
 * server answers or stops taking bytes, at most 16 MiB (twice what a batch
 * may hold). The answer's status; *sent: the body bytes it took. */
static int chunked_until_answer(int fd, const char *head, size_t *sent)
{
	enum { CHUNK = 64 << 10 };
	static char chunk[CHUNK + 16];
	struct timeval tv = { .tv_sec = 5 };
	int k = snprintf(chunk, sizeof chunk, "%x\r\n", CHUNK);
	memset(chunk + k, 'a', CHUNK);
	memcpy(chunk + k + CHUNK, "\r\n", 2);
	*sent = 0;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0 ||
	    say(fd, head) != 0)
		return 0;
	while (*sent < (16u << 20)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 0) > 0)
			break; /* an answer (or the end) is waiting */
		if (send(fd, chunk, (size_t)k + CHUNK + 2, MSG_NOSIGNAL) != k + CHUNK + 2)
			break;
		*sent += CHUNK;
	}
	return status_within(fd, 5000);
}

/* Holes of issue 16 left open: a kiosk's chunked body was read to its
 * end (here it has none) before the 413, and so was anyone's whose
 * Content-Length was small but who then sent a chunked body anyway. Both
 * must be answered 413 and cut off long before 16 MiB. */
static void test_kiosk_chunked(tenv *e)
{
	char head[600];
	size_t sent = 0;
	int fd = dial(e->port, "127.0.0.4");
	snprintf(head, sizeof head, "POST /api/v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n", e->token);
	int st = chunked_until_answer(fd, head, &sent);
	CHECK_MSG(st == 413 && sent < (16u << 20), "a kiosk's endless chunked body got %d after"
		  " %zu bytes", st, sent);
	if (fd >= 0)
		close(fd);
	fd = dial(e->port, "127.0.0.4");
	st = chunked_until_answer(fd, "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				  "Content-Type: application/x-www-form-urlencoded\r\n"
				  "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", &sent);
	CHECK_MSG(st >= 400 && sent < (16u << 20), "a chunked body behind Content-Length: 5 got"
		  " %d after %zu bytes", st, sent);
	if (fd >= 0)
		close(fd);
}

/* Sends one more header byte on each open connection; closes and marks -1
 * those the server has closed. How many are still open. */
static int trickle(int *fds, int n)
{
	int open = 0;
	for (int i = 0; i < n; i++) {
		if (fds[i] < 0)
			continue;
		struct pollfd p = { .fd = fds[i], .events = POLLIN };
		char buf[256];
		if ((poll(&p, 1, 0) > 0 && recv(fds[i], buf, sizeof buf, 0) <= 0) ||
		    say(fds[i], "a") != 0) {
			close(fds[i]);
			fds[i] = -1;
			continue;
		}
		open++;
	}
	return open;
}

static long answered_from(int port, const char *from)
{
	char req[200];
	int fd = dial(port, from);
	snprintf(req, sizeof req, "GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
	long st = fd >= 0 && say(fd, req) == 0 ? status_within(fd, 3000) : 0;
	if (fd >= 0)
		close(fd);
	return st;
}

/* Issue 16, 4: 160 connections from one address that send a header byte
 * at a time (every 200 ms here; the server's header deadline is 3 s, as is
 * its idle timeout). The address keeps at most its 128, another address is
 * served meanwhile, and the trickling ones are cut off, so the address
 * itself is served again. */
static void test_slow_headers(tenv *e)
{
	chttp *srv = NULL;
	int port = 0, fds[SLOW], open = 0, later = 0;
	chttp_opts o = { .listen = "127.0.0.1:0", .timeout_s = 3, .header_ms = 3000,
		.handler = collector_handle, .admit = collector_admit, .ctx = &e->c };
	CHECK_MSG(chttp_start(&srv, &o, &port) == 0, "%s", mk_err_msg());
	for (int i = 0; i < SLOW; i++)
		if ((fds[i] = dial(port, "127.0.0.2")) >= 0 && say(fds[i], "GET /signin HT") != 0) {
			close(fds[i]);
			fds[i] = -1;
		}
	for (int i = 0; i < 5; i++) {
		usleep(200 * 1000);
		open = trickle(fds, SLOW);
	}
	CHECK_MSG(open > 0 && open <= PER_IP, "one address holds %d connections", open);
	long st = answered_from(port, "127.0.0.3");
	CHECK_MSG(st == 200, "another address got %ld while one trickled headers", st);
	/* Up to 10 s of trickling: every slow connection must be cut off. */
	for (int i = 0; i < 50 && open > 0; i++) {
		usleep(200 * 1000);
		open = trickle(fds, SLOW);
	}
	CHECK_MSG(open == 0, "%d connections trickling headers still open after 10 s", open);
	later = (int)answered_from(port, "127.0.0.2");
	CHECK_MSG(later == 200, "the trickling address got %d once its connections were cut", later);
	hang_up(fds, SLOW);
	chttp_stop(srv);
}

/* One GET /signin on fd, kept alive: its status (0 for none in 3 s, -1
 * when the server had closed the connection). The answer is read whole. */
static int get_kept(int fd)
{
	char buf[16384];
	const char *req = "GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) != (ssize_t)strlen(req))
		return -1;
	int st = status_within(fd, 3000);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	while (st > 0 && poll(&p, 1, 200) > 0 && recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0)
		; /* the rest of the page */
	return st;
}

/* Holes of issue 16 left open: an idle kept-alive connection was cut
 * after the header deadline (1 s here), so a kiosk or a browser between
 * two requests had to connect again every time. It now waits for the
 * next request up to its own idle time (6 s here), and the next request's
 * headers, once they begin, still have only the header deadline: a
 * connection that trickles them a byte every 200 ms is cut off long before
 * its idle time would have run out. */
static void test_keep_alive(tenv *e)
{
	chttp *srv = NULL;
	int port = 0;
	chttp_opts o = { .listen = "127.0.0.1:0", .timeout_s = 3, .header_ms = 1000,
		.idle_ms = 6000, .handler = collector_handle, .admit = collector_admit,
		.ctx = &e->c };
	CHECK_MSG(chttp_start(&srv, &o, &port) == 0, "%s", mk_err_msg());
	int fd = dial(port, "127.0.0.5");
	CHECK(fd >= 0 && get_kept(fd) == 200);
	usleep(2500 * 1000); /* idle past the header deadline */
	int st = fd >= 0 ? get_kept(fd) : 0;
	CHECK_MSG(st == 200, "a kept-alive connection idle for 2.5 s got %d", st);
	/* Trickled: 'GET /signin HT' then a byte every 200 ms, 4 s at most. */
	int open = fd >= 0 && say(fd, "GET /signin HT") == 0, n = 0;
	for (n = 0; open && n < 20; n++) {
		usleep(200 * 1000);
		int fds[1] = { fd };
		open = trickle(fds, 1) == 1;
		if (!open)
			fd = -1;
	}
	CHECK_MSG(!open, "a kept-alive connection trickling its next headers was still open"
		  " after %d bytes", n);
	if (fd >= 0)
		close(fd);
	chttp_stop(srv);
}

int main(int argc, char **argv)
{
	tenv e;
	mk_log_set_level(MK_LOG_ERROR);
	if (t_setup(&e, argc, argv, "mk_test_gate") != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	printf("backend: %s\n", cstore_backend(e.c.db));
	test_strangers_hold_nothing(&e);
	test_one_kiosk_is_not_all(&e);
	test_two_lengths(&e);
	test_stranger_chunked(&e);
	test_kiosk_chunked(&e);
	test_slow_headers(&e);
	test_keep_alive(&e);
	t_teardown(&e);
	return check_done();
}
