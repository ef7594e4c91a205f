/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector serve: opens the database and the clinic's key pair,
 * starts the HTTP(S) server (chttp) with the collector's one handler, and
 * waits for SIGINT or SIGTERM. The signals are blocked before the server's
 * threads exist, so only this thread receives them (sigwait): stopping is
 * ordinary code, not a signal handler — the server finishes, the database
 * closes, and the private key is wiped from memory.
 */
#include "collector.h"
#include "core.h"
#include "crypto.h"
#include "main_int.h"
#include "rollout.h"
#include "web.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The HTTP server's polling threads. A thread answers its connections in
 * turn, so a dashboard page waits behind the kiosks' batches that came on
 * its thread first. PostgreSQL runs batches side by side, each some 85 ms
 * of round trips: with 20 kiosks on 4 threads a page waited behind up to
 * five (the export form's p99 100-500 ms while they sent), so 16 there.
 * SQLite takes one writer at a time: more threads only queue more batches
 * in front of a page's own write (its audit row), and 4 kept every page
 * within its target, so 4. The database pool has a connection for each
 * thread, the live alerts ticker and each download, so none waits for a
 * connection another holds. */
#define SERVE_THREADS_PG 16
#define SERVE_THREADS_SQLITE 4
#define SERVE_POOL(threads) ((threads) + 1 + CHTTP_MAX_DOWNLOADS)
_Static_assert(SERVE_POOL(SERVE_THREADS_PG) <= CSTORE_POOL_MAX &&
		       SERVE_POOL(SERVE_THREADS_SQLITE) <= CSTORE_POOL_MAX,
	       "a database connection per server thread");

static int serve_threads(const collector *c)
{
	return strcmp(cstore_backend(c->db), "postgresql") == 0 ? SERVE_THREADS_PG
								 : SERVE_THREADS_SQLITE;
}

static int64_t wall_now(void)
{
	return (int64_t)time(NULL);
}

static int start(collector *c, const main_args *a, chttp **srv, int *port)
{
	chttp_opts o = {
		.listen = a->listen ? a->listen : "127.0.0.1:8443",
		.threads = serve_threads(c),
		.tls_cert = a->tls_cert,
		.tls_key = a->tls_key,
		.handler = collector_handle,
		.admit = collector_admit,
		.tick = collector_tick,
		.ctx = c,
	};
	int rc = chttp_start(srv, &o, port);
	if (rc != 0) {
		fprintf(stderr, "%s: serve: %s%s\n", MAIN_NAME, mk_err_msg(),
			rc == MK_EINVAL ? " (see " MAIN_NAME " --help)" : "");
		return rc == MK_EINVAL ? 2 : 1; /* a malformed --listen is a usage error */
	}
	char host[300];
	snprintf(host, sizeof host, "%s", o.listen);
	char *colon = strrchr(host, ':');
	if (colon)
		*colon = 0;
	fprintf(stderr, "%s: serving on %s://%s:%d (%s database%s)\n", MAIN_NAME,
		a->tls_cert ? "https" : "http", host, *port, cstore_backend(c->db),
		c->have_keys ? "" : "; no --key: the dashboard cannot open records");
	mk_log(MK_LOG_INFO, "collector-start", "port=%d tls=%d backend=%s keys=%d version=%s",
	       *port, a->tls_cert ? 1 : 0, cstore_backend(c->db), c->have_keys, COLLECTOR_VERSION);
	return 0;
}

int main_serve(const main_args *a)
{
	collector c;
	chttp *srv = NULL;
	sigset_t stop;
	int port = 0, sig = 0, rc;
	if (!a->tls_cert != !a->tls_key)
		return fprintf(stderr, "%s: serve: --tls-cert and --tls-key go together (see %s "
			       "--help)\n", MAIN_NAME, MAIN_NAME), 2;
	if (a->https_proxy && (a->insecure_cookies || a->tls_cert))
		return fprintf(stderr, "%s: serve: --https-proxy is for plain HTTP behind a proxy "
			       "that serves HTTPS, with Secure cookies: not with %s (see %s --help)\n",
			       MAIN_NAME, a->tls_cert ? "--tls-cert" : "--insecure-cookies",
			       MAIN_NAME), 2;
	if (a->time_zone && web_time_zone_set(a->time_zone) != 0)
		return fprintf(stderr, "%s: serve: %s (see %s --help)\n", MAIN_NAME, mk_err_msg(),
			       MAIN_NAME), 2;
	memset(&c, 0, sizeof c);
	if (a->key) {
		if ((rc = main_read_keys(a->key, c.pk, c.sk)) != 0)
			return rc;
		c.have_keys = 1;
	}
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* before any thread exists */
	signal(SIGPIPE, SIG_IGN);
	/* Secure unless told otherwise, or plain HTTP that no HTTPS proxy fronts. */
	c.insecure_cookies = a->insecure_cookies || (!a->tls_cert && !a->https_proxy);
	c.now = wall_now;
	pthread_mutex_init(&c.lock, NULL);
	/* A database that vanished must not come back empty unnoticed: the
	 * kiosks would be refused and records acknowledged into a new file. */
	if ((rc = a->init ? cstore_open(&c.db, a->db) : cstore_open_existing(&c.db, a->db)) != 0) {
		if (rc == MK_ENOTFOUND)
			fprintf(stderr, "%s: serve: %s: %s. Not starting with an empty database:"
				" create it with add-kiosk, or start an empty one with serve --init\n",
				MAIN_NAME, a->db, mk_err_msg());
		else
			fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		rc = 1;
		goto out;
	}
	/* content_keys and content_key (collector.conf) are read now, so a
	 * wrong path stops serve at start, not the first upload. */
	rollout_opts ro = { a->content_keys, a->content_key, NULL, a->software_keys };
	if (cstore_pool_grow(c.db, SERVE_POOL(serve_threads(&c))) != 0 ||
	    cstore_user_warm(c.db) != 0 || rollout_new(&c.rollout, c.db, &ro) != 0) {
		fprintf(stderr, "%s: %s\n", MAIN_NAME, mk_err_msg());
		rc = 1;
		goto out;
	}
	main_checker_start(&c, a);
	if ((rc = start(&c, a, &srv, &port)) != 0)
		goto out;
	while (sigwait(&stop, &sig) != 0)
		;
	mk_log(MK_LOG_INFO, "collector-stop", "signal=%d", sig);
	chttp_stop(srv);
out:
	main_checker_stop();
	rollout_free(c.rollout);
	cstore_close(c.db);
	pthread_mutex_destroy(&c.lock);
	mkc_wipe(c.sk, sizeof c.sk);
	return rc;
}
