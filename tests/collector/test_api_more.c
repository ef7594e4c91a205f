/* SPDX-License-Identifier: MIT */
/*
 * The kiosk API over real HTTP, beyond batches: photo files (hash checked,
 * repeat safe, a different file refused, the photo record pending until
 * both files are there, large files allowed only on that route),
 * heartbeats read back from the store, clients that stall or trickle
 * without holding up anyone else, listening addresses, and HTTPS with a
 * self-signed certificate (trusted with CURLOPT_CAINFO, refused without).
 * Usage: test_api_more [PG_URI_FILE] (SQLite without it).
 */
#include "test_api.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>

static long put_photo(tenv *e, const char *uuid, const char *part, const void *bytes, size_t n,
		      const char *sha, tresp *r)
{
	char path[120], hdr[120];
	snprintf(path, sizeof path, "/api/v1/photos/%s%s%s", uuid, part ? "?part=" : "",
		 part ? part : "");
	snprintf(hdr, sizeof hdr, "X-Content-SHA256: %s", sha);
	const char *const h[] = { "Content-Type: application/octet-stream", hdr, NULL };
	return t_req(e, "PUT", path, e->token, bytes, n, sha ? h : h + 2, r);
}

static json_t *photo_record(const char *uuid, const char *patient, const char *sha[2],
			    const size_t size[2])
{
	json_t *j = t_record(uuid, "photo", patient, NULL);
	json_object_set_new(j, "area", json_integer(0));
	json_object_set_new(j, "width", json_integer(3000));
	json_object_set_new(j, "height", json_integer(4000));
	json_object_set_new(j, "files", json_pack("{s:{s:s, s:I}, s:{s:s, s:I}}", "image", "sha256",
		sha[0], "size", (json_int_t)size[0], "thumb", "sha256", sha[1], "size", (json_int_t)size[1]));
	return j;
}

static void test_photos(tenv *e)
{
	size_t size[2] = { 100000, 5000 };
	uint8_t *img = malloc(size[0]), *thumb = malloc(size[1]), *other = malloc(size[0]);
	char hex[3][65], uuid[37], patient[37];
	const char *sha[2] = { hex[0], hex[1] };
	tresp r;
	randombytes_buf(img, size[0]);
	randombytes_buf(thumb, size[1]);
	randombytes_buf(other, size[0]);
	store_sha256_hex(img, size[0], hex[0]);
	store_sha256_hex(thumb, size[1], hex[1]);
	store_sha256_hex(other, size[0], hex[2]);
	store_uuid(uuid);
	store_uuid(patient);

	CHECK(put_photo(e, uuid, "image", img, size[0], hex[2], &r) == 400); /* wrong hash */
	CHECK(strstr(r.body ? r.body : "", "X-Content-SHA256") != NULL);
	t_free(&r);
	CHECK(put_photo(e, uuid, "image", img, size[0], NULL, &r) == 400);    /* no hash */
	t_free(&r);
	CHECK(put_photo(e, uuid, "original", img, size[0], hex[0], &r) == 400);
	t_free(&r);
	CHECK(put_photo(e, uuid, NULL, img, size[0], hex[0], &r) == 400);
	t_free(&r);
	CHECK(t_count_files(e) == 0);
	for (int i = 0; i < 2; i++) { /* stored, then repeating is safe */
		CHECK(put_photo(e, uuid, "image", img, size[0], hex[0], &r) == 200);
		CHECK(json_is_true(json_object_get(r.json, "ok")));
		t_free(&r);
	}
	CHECK(put_photo(e, uuid, "image", other, size[0], hex[2], &r) == 409);
	t_free(&r);
	CHECK(t_count_files(e) == 1);

	int64_t before = t_count_records(e);
	CHECK(t_post_json(e, "/api/v1/records",
			  t_batch(json_pack("[o]", photo_record(uuid, patient, sha, size))), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "pending"), uuid), "%s", r.body);
	CHECK(t_reason(json_object_get(r.json, "pending"), uuid)[0] != 0);
	t_free(&r);
	CHECK(put_photo(e, uuid, "thumb", thumb, size[1], hex[1], &r) == 200);
	t_free(&r);
	CHECK(t_count_files(e) == 2);
	CHECK(t_post_json(e, "/api/v1/records",
			  t_batch(json_pack("[o]", photo_record(uuid, patient, sha, size))), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "accepted"), uuid), "%s", r.body);
	t_free(&r);
	CHECK(t_count_records(e) == before + 1);
	free(img);
	free(thumb);
	free(other);

	/* Photo files may be larger than a batch (8 MiB), up to 48 MiB. */
	size_t big = (size_t)API_MAX_BODY + 4096, huge = (size_t)API_MAX_PHOTO + 1;
	uint8_t *b = calloc(1, huge);
	store_uuid(uuid);
	store_sha256_hex(b, big, hex[0]);
	CHECK_MSG(put_photo(e, uuid, "image", b, big, hex[0], &r) == 200, "9 MiB photo: %ld",
		  r.status);
	t_free(&r);
	store_uuid(uuid);
	store_sha256_hex(b, huge, hex[0]);
	CHECK_MSG(put_photo(e, uuid, "image", b, huge, hex[0], &r) == 413, "48 MiB + 1: %ld (curl %d)",
		  r.status, r.rc);
	t_free(&r);
	free(b);
}

static const char heartbeat[] =
	"{\"version\": \"0.1.0\", \"content_version\": \"2026-11-01\","
	" \"queue\": {\"waiting\": 3, \"set_aside\": 1}, \"free_disk\": 123456789,"
	" \"uptime\": 3600, \"last_success\": 1794999000, \"events\": ["
	"  {\"id\": \"ev-1\", \"at\": 1794999900, \"level\": \"warn\", \"event\": \"content-rejected\","
	"   \"detail\": \"pages.lua:12: unknown block type\"},"
	"  {\"id\": \"ev-2\", \"at\": 1794999950, \"level\": \"info\", \"event\": \"crash-recovered\"}]}";

static void test_heartbeat(tenv *e)
{
	static const char *const odd = "{\"events\": [{\"at\": 1, \"level\": \"warn\", \"event\": "
		"\"no-id\"}, {\"id\": \"ev-3\", \"at\": 1795000000, \"level\": \"error\", "
		"\"event\": \"disk-low\", \"detail\": \"\"}]}";
	const char *bad[] = { "not json", "[]", "{\"uptime\": \"long\"}", "{\"events\": 3}",
			      "{\"queue\": {\"waiting\": -1}}" };
	cstore_kiosk k[2];
	cstore_event ev[8];
	tresp r;
	int n = 0;
	for (int i = 0; i < 2; i++) { /* sent twice: its events are stored once */
		CHECK(t_req(e, "POST", "/api/v1/heartbeat", e->token, heartbeat, strlen(heartbeat),
			    NULL, &r) == 200);
		CHECK(json_is_true(json_object_get(r.json, "ok")));
		t_free(&r);
	}
	CHECK(cstore_kiosks(e->c.db, k, 2, &n) == 0 && n == 1);
	CHECK(!strcmp(k[0].version, "0.1.0") && !strcmp(k[0].content_version, "2026-11-01"));
	CHECK(k[0].queue_waiting == 3 && k[0].queue_set_aside == 1);
	CHECK(k[0].free_disk == 123456789 && k[0].uptime == 3600 && k[0].last_success == 1794999000);
	CHECK(k[0].last_seen == T_NOW);
	CHECK(cstore_events(e->c.db, e->kiosk, ev, 8, &n) == 0);
	CHECK_MSG(n == 2, "%d events", n);
	int seen = 0;
	for (int i = 0; i < n; i++)
		seen |= (!strcmp(ev[i].event, "content-rejected") && !strcmp(ev[i].level, "warn")) |
			(!strcmp(ev[i].event, "crash-recovered") ? 2 : 0);
	CHECK(seen == 3);
	/* An event without an id is skipped; the rest of the heartbeat counts. */
	CHECK(t_req(e, "POST", "/api/v1/heartbeat", e->token, odd, strlen(odd), NULL, &r) == 200);
	t_free(&r);
	CHECK(cstore_events(e->c.db, e->kiosk, ev, 8, &n) == 0 && n == 3);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_MSG(t_req(e, "POST", "/api/v1/heartbeat", e->token, bad[i], strlen(bad[i]), NULL,
				&r) == 400, "heartbeat %zu: %ld", i, r.status);
		t_free(&r);
	}
}

/* A raw connection that sends the request line, headers and part of a body. */
static int raw_client(tenv *e, const char *partial)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)e->port) };
	char req[1024];
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
		return -1;
	int n = snprintf(req, sizeof req, "POST /api/v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Authorization: Bearer %s\r\nContent-Length: 1000\r\n\r\n%s", e->token,
			 partial);
	if (send(fd, req, (size_t)n, MSG_NOSIGNAL) != n) {
		close(fd);
		return -1;
	}
	return fd;
}

/* 1 when the server has closed fd (EOF or reset), waiting up to ms. */
static int closed_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[512];
	uint64_t end = mk_mono_ns() + (uint64_t)ms * 1000000u;
	while (mk_mono_ns() < end) {
		if (poll(&p, 1, 50) > 0) {
			ssize_t k = recv(fd, buf, sizeof buf, 0);
			if (k == 0 || (k < 0 && errno != EAGAIN))
				return 1;
		}
	}
	return 0;
}

static void test_slow_clients(tenv *e)
{
	char half[501];
	int fds[12], n = 0;
	tresp r;
	memset(half, 'x', 500);
	half[500] = 0;
	/* More stalled uploads than the server has threads. */
	for (int i = 0; i < 12; i++)
		if ((fds[n] = raw_client(e, half)) >= 0)
			n++;
	CHECK(n == 12);
	uint64_t t0 = mk_mono_ns();
	CHECK(t_req(e, "POST", "/api/v1/heartbeat", e->token, "{}", 2, NULL, &r) == 200);
	t_free(&r);
	double ms = (double)(mk_mono_ns() - t0) / 1e6;
	CHECK_MSG(ms < 1500, "a request waited %.0f ms behind stalled uploads", ms);
	/* The stalled ones are closed after the timeout (3 s in these tests). */
	for (int i = 0; i < n; i++) {
		CHECK_MSG(closed_within(fds[i], 8000), "stalled connection %d still open", i);
		close(fds[i]);
	}

	/* A client that trickles a byte at a time is cut off after the whole
	 * request's deadline, even though it is never idle for long. */
	int fd = raw_client(e, "");
	int cut = 0;
	CHECK(fd >= 0);
	t0 = mk_mono_ns();
	for (int i = 0; fd >= 0 && i < 40 && !cut; i++) {
		cut = send(fd, "x", 1, MSG_NOSIGNAL) != 1 || closed_within(fd, 250);
	}
	double s = (double)(mk_mono_ns() - t0) / 1e9;
	CHECK_MSG(cut && s >= 2.5 && s < 6, "trickling client: cut=%d after %.1f s", cut, s);
	if (fd >= 0)
		close(fd);
}

/* How many records another process (an admin's command, a backup) sees:
 * this binary again, started fresh (a fork alone would share SQLite's
 * memory of the parent's locks). */
static int64_t count_elsewhere(tenv *e)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "test_api_more", "--count-records", e->db.spec, (char *)NULL);
		_exit(254);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The other process: exits with the number of records (< 250). */
static int count_records_main(const char *spec)
{
	cstore *cs = NULL;
	int64_t rec = -1, files = -1;
	int ok = cstore_open(&cs, spec) == 0 && cstore_counts(cs, &rec, &files) == 0;
	if (cs)
		cstore_close(cs);
	return ok && rec >= 0 && rec < 250 ? (int)rec : 255;
}

/* Records stay stored while other processes open and close the database
 * (for SQLite: none of them may find the server's connections gone and
 * remove the write-ahead log under them). */
static void test_other_processes(tenv *e)
{
	for (int i = 0; i < 3; i++) {
		char uuid[37], patient[37];
		tresp r;
		store_uuid(uuid);
		store_uuid(patient);
		CHECK(t_post_json(e, "/api/v1/records",
				  t_batch(json_pack("[o]", t_record(uuid, "report", patient, NULL))),
				  &r) == 200);
		t_free(&r);
		int64_t here = t_count_records(e), there = count_elsewhere(e);
		CHECK_MSG(here == there, "round %d: the server holds %lld records, another process "
			  "sees %lld", i, (long long)here, (long long)there);
	}
}

static void test_listen_addresses(tenv *e)
{
	const char *bad[] = { "nonsense", "127.0.0.1", "127.0.0.1:99999", "127.0.0.1:", ":8443",
			      "[::1]8443", "[::1", "1:2:3" };
	chttp *s = NULL;
	int port = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		chttp_opts o = { .listen = bad[i], .handler = collector_handle, .ctx = &e->c };
		CHECK_MSG(chttp_start(&s, &o, &port) == MK_EINVAL, "listen %s was taken", bad[i]);
	}
	chttp_opts o6 = { .listen = "[::1]:0", .handler = collector_handle,
			  .admit = collector_admit, .ctx = &e->c };
	if (chttp_start(&s, &o6, &port) != 0) {
		printf("no IPv6 loopback here: [::1] not tried (%s)\n", mk_err_msg());
		return;
	}
	char url[80];
	tresp r;
	snprintf(url, sizeof url, "http://[::1]:%d", port);
	CHECK(port > 0);
	CHECK(t_req_url(url, "POST", "/api/v1/heartbeat", e->token, "{}", 2, NULL, NULL, &r) == 200);
	t_free(&r);
	chttp_stop(s);
}

static void test_tls(tenv *e)
{
	char cert[128], key[128], key2[128], cmd[1024], url[80];
	chttp *s = NULL;
	int port = 0;
	tresp r;
	snprintf(cert, sizeof cert, "%s/tls.pem", e->dir);
	snprintf(key, sizeof key, "%s/tls.key", e->dir);
	snprintf(key2, sizeof key2, "%s/other.key", e->dir);
	snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
		 "-nodes -keyout %s -out %s -days 2 -subj /CN=127.0.0.1 "
		 "-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 && "
		 "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out %s "
		 ">/dev/null 2>&1", key, cert, key2);
	CHECK(t_shell(cmd) == 0);
	CHECK_MSG(t_serve(e, &s, &port, cert, key2, 3) != 0, "a key that is not the certificate's");
	CHECK(t_serve(e, &s, &port, cert, NULL, 3) == MK_EINVAL);
	if (t_serve(e, &s, &port, cert, key, 3) != 0) {
		CHECK_MSG(0, "TLS server: %s", mk_err_msg());
		return;
	}
	snprintf(url, sizeof url, "https://127.0.0.1:%d", port);
	CHECK(t_req_url(url, "POST", "/api/v1/heartbeat", e->token, "{}", 2, NULL, cert, &r) == 200);
	CHECK(strstr(r.headers, "Strict-Transport-Security") != NULL);
	t_free(&r);
	CHECK(t_req_url(url, "POST", "/api/v1/heartbeat", e->token, "{}", 2, NULL, NULL, &r) == 0);
	CHECK_MSG(r.rc == CURLE_PEER_FAILED_VERIFICATION, "without the CA: curl %d", r.rc);
	t_free(&r);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	CHECK(t_req_url(url, "POST", "/api/v1/heartbeat", e->token, "{}", 2, NULL, NULL, &r) != 200);
	t_free(&r);
	chttp_stop(s);
}

int main(int argc, char **argv)
{
	tenv e;
	if (argc == 3 && !strcmp(argv[1], "--count-records"))
		return count_records_main(argv[2]);
	mk_log_set_level(MK_LOG_ERROR);
	if (t_setup(&e, argc, argv, "mk_test_api_more") != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	printf("backend: %s\n", cstore_backend(e.c.db));
	test_photos(&e);
	test_heartbeat(&e);
	test_other_processes(&e);
	test_slow_clients(&e);
	test_listen_addresses(&e);
	test_tls(&e);
	t_teardown(&e);
	return check_done();
}
