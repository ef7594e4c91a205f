/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `http`: the input is the bytes a client sends on one
 * connection to the collector: a request line, headers (Authorization,
 * Cookie, Content-Length, Transfer-Encoding, X-Content-SHA256, Origin ...)
 * and a body. They go over loopback TCP to the real server (chttp on
 * libmicrohttpd, one thread) with the real routing (collector_handle: the
 * kiosk API and the dashboard) over a SQLite store in the scratch folder,
 * exactly as a peer's would; then the client stops sending and reads the
 * answer until the server closes (exchange() says when it hangs up first).
 *
 * Credentials a fuzzer cannot guess are written as placeholders that are
 * replaced before sending: @TOKEN@ is the kiosk's bearer token, @SID@ a
 * signed-in dashboard session (the mk_sid cookie), @CSRF@ its form token
 * (made again whenever an input signed out). The dashboard user is "fuzz"
 * with the password "fuzz-password-1".
 *
 * Besides crashes in the server's thread: the server answers and closes
 * within 20 s of the client's last byte (it gives up on a request after
 * 10 s), and the collector never answers 500, which would mean it failed
 * itself (checked in the handler, as it answers).
 */
#include "fuzz.h"
#include "collector.h"
#include "store.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>

#define T_NOW 1795000000
#define DEADLINE_MS 20000
#define QUIET_MS 10

static collector col;
static chttp *srv;
static int port;
static char token[CSTORE_TOKEN], sid[CSTORE_HEX], csrf[CSTORE_HEX];
static atomic_int in_handler; /* handlers running now */

static int64_t fixed_now(void)
{
	return T_NOW;
}

/* The server's handler: the collector's, and a look at what it answered
 * (on the server's thread: a failed check aborts the whole process). Each
 * answer closes its connection, so the input is over when the client sees
 * the close; a kept-alive connection would wait for the server's timeout,
 * and its next handler could run during the next input. */
static void handle(void *ctx, const creq *r, cresp *w)
{
	atomic_fetch_add(&in_handler, 1);
	collector_handle(ctx, r, w);
	cresp_header(w, "Connection", "close");
	/* An export refuses when no record opens with the clinic's key (a
	 * wrong key must write nothing), and answers 500; records made here
	 * never open, so exports are left out of this check. */
	if (strcmp(creq_path(r), "/export") != 0)
		FUZZ_CHECK(w->status != 500, "%s %s answered 500: %.*s", creq_method(r),
			   creq_path(r), (int)w->len, w->body ? (const char *)w->body : "");
	atomic_fetch_sub(&in_handler, 1);
}

static void done(void)
{
	chttp_stop(srv);
	cstore_close(col.db);
	pthread_mutex_destroy(&col.lock);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char kiosk[CSTORE_ID], *db = fuzz_path("collector.db");
	chttp_opts o = { .listen = "127.0.0.1:0", .threads = 1, .timeout_s = 10,
			 .handler = handle, .admit = collector_admit, .ctx = &col };
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	col.now = fixed_now;
	col.insecure_cookies = 1;
	pthread_mutex_init(&col.lock, NULL);
	if (cstore_open(&col.db, db) != 0 || cstore_kiosk_add(col.db, "fuzz", kiosk, token) != 0 ||
	    cstore_user_add(col.db, "fuzz", "fuzz-password-1") != 0 ||
	    store_keygen(col.pk, col.sk) != 0 || chttp_start(&srv, &o, &port) != 0) {
		fprintf(stderr, "fuzz_http: %s\n", mk_err_msg());
		abort();
	}
	col.have_keys = 1;
	free(db);
	atexit(done);
	return 0;
}

/* A live session for @SID@ and @CSRF@: an input may have signed out. */
static void session(void)
{
	char user[CSTORE_ID], tok[CSTORE_HEX];
	if (sid[0] && cstore_session_get(col.db, sid, T_NOW, user, tok) == 0)
		return;
	FUZZ_CHECK(cstore_session_new(col.db, "fuzz", T_NOW, sid, csrf) == 0, "session: %s",
		   mk_err_msg());
}

/* data with the placeholders replaced; *n its length. */
static char *fill(const uint8_t *data, size_t size, size_t *n)
{
	static const struct { const char *name; const char *value; } ph[] = {
		{ "@TOKEN@", token }, { "@SID@", sid }, { "@CSRF@", csrf },
	};
	char *out = malloc(size * (CSTORE_TOKEN / 6 + 1) + 1);
	size_t o = 0;
	FUZZ_CHECK(out, "out of memory");
	for (size_t i = 0; i < size;) {
		size_t k = 0;
		for (; k < 3; k++) {
			size_t len = strlen(ph[k].name);
			if (size - i >= len && !memcmp(data + i, ph[k].name, len)) {
				memcpy(out + o, ph[k].value, strlen(ph[k].value));
				o += strlen(ph[k].value);
				i += len;
				break;
			}
		}
		if (k == 3)
			out[o++] = (char)data[i++];
	}
	*n = o;
	return out;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Drops the connection at once (RST), and waits for a handler that had
 * begun: whatever it does belongs to this input. */
static void hang_up(int fd)
{
	struct linger l = { 1, 0 };
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	close(fd);
	while (atomic_load(&in_handler) > 0)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
}

/* Sends req, then reads until the server closes. A request cut short is
 * never answered, and the server would only notice the client's end when
 * its timeout ran out: when nothing has come back QUIET_MS after the last
 * byte went, and no handler is running, the client hangs up. */
static void exchange(const char *req, size_t n)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	struct timespec t0;
	char buf[16384];
	size_t sent = 0, got = 0;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), open_w = 1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	FUZZ_CHECK(fd >= 0, "socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS)
		FUZZ_CHECK(0, "connect: %s", strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN | (open_w ? POLLOUT : 0) };
		long long quiet = ms_since(&t0);
		FUZZ_CHECK(quiet < DEADLINE_MS, "the server did not finish in %d ms", DEADLINE_MS);
		if (!open_w && !got && quiet >= QUIET_MS && atomic_load(&in_handler) == 0)
			break;
		if (poll(&p, 1, 5) <= 0)
			continue;
		if (open_w && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t k = sent < n ? send(fd, req + sent, n - sent, MSG_NOSIGNAL) : 0;
			if (k > 0)
				sent += (size_t)k;
			if (sent == n || (k < 0 && errno != EAGAIN && errno != EINTR)) {
				shutdown(fd, SHUT_WR); /* the client has said all it will */
				open_w = 0;
				clock_gettime(CLOCK_MONOTONIC, &t0);
			}
		}
		if (p.revents & (POLLIN | POLLERR | POLLHUP)) {
			ssize_t k = recv(fd, buf, sizeof buf, 0);
			if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR))
				break;
			if (k > 0)
				got += (size_t)k;
			if (k > 0 && getenv("MK_FUZZ_VERBOSE"))
				fprintf(stderr, "%.*s", (int)k, buf);
		}
	}
	hang_up(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;
	session();
	char *req = fill(data, size, &n);
	exchange(req, n);
	free(req);
	return 0;
}
