/* SPDX-License-Identifier: MIT */
/*
 * Live alerts, for test_web.c: the alerts page loads the dashboard's one
 * script under a policy that allows it; /alerts/events is a server-sent
 * event stream (read here over a plain socket, as a browser's
 * EventSource would) that names the alerts' version when it opens and
 * again when an alert arrives, without the page being asked for; and the
 * streams are bounded: one address may hold CHTTP_MAX_STREAMS_PER_IP of
 * them, the next is told 503, and pages keep being served meanwhile.
 */
#ifndef MK_TEST_WEB_LIVE_H
#define MK_TEST_WEB_LIVE_H

#include "test_web_http.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIVE_WAIT_MS 15000 /* a failure's limit, not a speed target */

/* A socket that asked for the stream; -1 when it could not connect. */
static int live_open(int port, const char *cookie)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	char req[256];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int n = snprintf(req, sizeof req, "GET /alerts/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Accept: text/event-stream\r\nCookie: %s\r\n\r\n", cookie);
	if (write(fd, req, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads into got (appending) until it holds want after from; 1 when it
 * does, 0 when the stream ended or LIVE_WAIT_MS passed. */
static int live_until(int fd, char *got, size_t cap, size_t from, const char *want)
{
	size_t n = strlen(got);
	for (int waited = 0; !strstr(got + from, want) && waited < LIVE_WAIT_MS; waited += 100) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t k = read(fd, got + n, cap - n - 1);
		if (k <= 0)
			return 0;
		n += (size_t)k;
		got[n] = 0;
	}
	return strstr(got + from, want) != NULL;
}

/* The version in the last "data: " line of got. */
static void live_version(const char *got, char *out, size_t n)
{
	const char *p = got, *q, *last = NULL;
	while ((q = strstr(p, "data: ")))
		last = q, p = q + 6;
	out[0] = 0;
	if (last)
		snprintf(out, n, "%.*s", (int)strcspn(last + 6, "\r\n"), last + 6);
}

/* A new alert as a kiosk's batch would store it (contents need not open). */
static void live_new_alert(cstore *cs, const char *kiosk, const seed *k, int64_t now)
{
	static const uint8_t bytes[48] = { 1 };
	cstore_record a;
	char reason[200], puuid[CSTORE_UUID];
	cstore_patient p;
	memset(&a, 0, sizeof a);
	CHECK(cstore_patient_get(cs, k->code, &p) == 0);
	snprintf(puuid, sizeof puuid, "%s", p.uuid);
	store_uuid(a.uuid);
	snprintf(a.kind, sizeof a.kind, "alert");
	snprintf(a.patient_uuid, sizeof a.patient_uuid, "%s", puuid);
	snprintf(a.patient_code, sizeof a.patient_code, "%s", k->code);
	a.created_at = now;
	a.alert_level = 2;
	a.sealed_key = a.nonce = a.ciphertext = bytes;
	a.sealed_len = a.nonce_len = a.ct_len = sizeof bytes;
	CHECK_MSG(cstore_record_put(cs, kiosk, &a, now, reason) == 0, "%s", reason);
}

static void test_live(cstore *cs, int port, const char *cookie, const seed *k, const char *kiosk,
		      int64_t now)
{
	static char got[1 << 16];
	char v1[CSTORE_VERSION], v2[CSTORE_VERSION];
	int fds[CHTTP_MAX_STREAMS_PER_IP + 1], n = 0;
	resp r = { 0 };

	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "<script src=\"/live.js\"></script>"));
	CHECK(strstr(r.body, "id=\"alerts\" data-version=\"") != NULL);
	const char *csp = header(&r, "Content-Security-Policy:");
	CHECK(csp && strstr(csp, "script-src 'self'") && strstr(csp, "connect-src 'self'"));
	http(&r, "GET", "/live.js", NULL, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: text/javascript"));
	CHECK(strstr(r.body, "new EventSource('/alerts/events')") && strstr(r.body, "setInterval"));
	http(&r, "GET", "/alerts/events", NULL, NULL, NULL, NULL);
	CHECK_MSG(r.status == 303, "the stream needs a session (%ld)", r.status);
	http(&r, "GET", "/kiosks", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && !strstr(r.body, "live.js")); /* other pages run no script */
	csp = header(&r, "Content-Security-Policy:");
	CHECK(csp && !strstr(csp, "script-src"));

	got[0] = 0;
	fds[n] = live_open(port, cookie);
	CHECK(fds[n] >= 0);
	if (fds[n] < 0)
		return resp_free(&r);
	CHECK(live_until(fds[n], got, sizeof got, 0, "\n\n") && strstr(got, "HTTP/1.1 200"));
	CHECK(strstr(got, "Content-Type: text/event-stream") != NULL);
	CHECK(live_until(fds[n], got, sizeof got, 0, "event: alerts\ndata: ") &&
	      live_until(fds[n], got, sizeof got, strlen(got) - 1, "\n\n"));
	live_version(got, v1, sizeof v1);
	CHECK(v1[0] != 0);
	size_t mark = strlen(got);

	/* An alert arrives (from any collector on the database): the stream
	 * says so by itself. */
	live_new_alert(cs, kiosk, k, now);
	CHECK_MSG(live_until(fds[n], got, sizeof got, mark, "event: alerts\ndata: ") &&
		  live_until(fds[n], got, sizeof got, mark, "\n\n"),
		  "the stream announces a new alert");
	live_version(got + mark, v2, sizeof v2);
	CHECK_MSG(v2[0] && strcmp(v1, v2) != 0, "the version changed (%s, %s)", v1, v2);
	n++;

	/* Bounded: this address may hold CHTTP_MAX_STREAMS_PER_IP streams. A
	 * stream an earlier test closed counts until the server next writes to
	 * it (a change, or the keep-alive comment every CHTTP_STREAM_PING s),
	 * so a refusal here is tried again until that has passed. */
	for (; n < CHTTP_MAX_STREAMS_PER_IP; n++) {
		int ok = 0;
		for (int waited = 0; !ok && waited <= (CHTTP_STREAM_PING + 5) * 1000; waited += 500) {
			got[0] = 0;
			fds[n] = live_open(port, cookie);
			ok = fds[n] >= 0 && live_until(fds[n], got, sizeof got, 0, "data: ") &&
			     strstr(got, "HTTP/1.1 200");
			if (!ok && fds[n] >= 0)
				close(fds[n]), fds[n] = -1;
			if (!ok)
				usleep(500 * 1000);
		}
		CHECK_MSG(ok, "stream %d of %d from one address is served", n + 1, CHTTP_MAX_STREAMS_PER_IP);
	}
	got[0] = 0;
	fds[n] = live_open(port, cookie);
	CHECK(fds[n] >= 0 && live_until(fds[n], got, sizeof got, 0, "\r\n\r\n"));
	CHECK_MSG(strstr(got, "HTTP/1.1 503") != NULL, "one stream too many is refused: %.40s", got);
	n++;
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK_MSG(r.status == 200, "pages are served while the streams are full");
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	resp_free(&r);
}

#endif
