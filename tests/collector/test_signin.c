/* SPDX-License-Identifier: MIT */
/*
 * Guessing passwords on the dashboard, over real HTTP, with two collectors
 * on one database (each its own cstore and server, as two `serve`
 * processes on one PostgreSQL would be) and a clock the test moves: the
 * waits after wrong passwords grow rather than wall anyone out, an
 * account's failures never hold up the other people at the same address,
 * an address that tries many names is slowed on its own, and the counts
 * are in the database: the other collector and a restarted one both know
 * them.
 * Usage: test_signin [PG_URI_FILE] (SQLite without it).
 */
#include "../check.h"
#include "collector.h"
#include "core.h"
#include "store.h"
#include "test_cstore_db.h"
#include "test_web_http.h"

#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

/* Every Argon2id hash made (linked with --wrap=mkc_secret_hash). */
static atomic_int hashes;
int __real_mkc_secret_hash(const char *secret, const mkc_cost *cost,
			   char out[MKC_HASH_MAX]);
int __wrap_mkc_secret_hash(const char *secret, const mkc_cost *cost,
			   char out[MKC_HASH_MAX]);
int __wrap_mkc_secret_hash(const char *secret, const mkc_cost *cost,
			   char out[MKC_HASH_MAX])
{
	atomic_fetch_add(&hashes, 1);
	return __real_mkc_secret_hash(secret, cost, out);
}

static int64_t fake_now;
static int64_t now_fn(void)
{
	return fake_now;
}

typedef struct {
	collector c;
	chttp *h;
	char url[64];
} node;

static int node_start(node *n, const char *spec)
{
	chttp_opts o = { .listen = "127.0.0.1:0", .handler = collector_handle,
		.admit = collector_admit, .ctx = &n->c };
	int port = 0;
	memset(n, 0, sizeof *n);
	if (cstore_open(&n->c.db, spec) != 0)
		return -1;
	cstore_set_user_cost(n->c.db, STORE_PIN_COST_TEST.ops, STORE_PIN_COST_TEST.mem);
	if (cstore_user_warm(n->c.db) != 0) /* as serve does before it listens */
		return -1;
	n->c.insecure_cookies = 1;
	n->c.now = now_fn;
	pthread_mutex_init(&n->c.lock, NULL);
	if (chttp_start(&n->h, &o, &port) != 0)
		return -1;
	snprintf(n->url, sizeof n->url, "http://127.0.0.1:%d", port);
	return 0;
}

static void node_stop(node *n)
{
	chttp_stop(n->h);
	cstore_close(n->c.db);
	pthread_mutex_destroy(&n->c.lock);
	n->h = NULL;
	n->c.db = NULL;
}

/* Signs in through node n; the status, and the Retry-After in *wait. */
static long try_on(node *n, const char *user, const char *pw, const char *ip, long *wait)
{
	resp r = { 0 };
	char sid[65];
	snprintf(base_url, sizeof base_url, "%s", n->url);
	long st = signin(user, pw, ip, sid, &r);
	const char *h = header(&r, "Retry-After: ");
	*wait = has_header(&r, "Retry-After: ") ? atol(h + strlen("Retry-After: ")) : 0;
	resp_free(&r);
	return st;
}

/* Issue 16, 9: the first unknown name after start does the same work as a
 * wrong password for a real user (one verification), not a hash more: its
 * time would tell names apart. */
static void test_first_unknown_name(node *a)
{
	long wait = 0;
	int before = atomic_load(&hashes);
	/* Adding alice hashed her password: a count of 0 means --wrap names a
	 * function the collector no longer calls, and the check below is void. */
	CHECK_MSG(before > 0, "no hash was counted: --wrap misses the collector's hashing");
	CHECK(try_on(a, "nobody", "whatever-it-is", "127.0.0.9", &wait) == 401);
	CHECK(try_on(a, "alice", "not-her-password", "127.0.0.9", &wait) == 401);
	CHECK_MSG(atomic_load(&hashes) == before, "the first unknown name made %d hash(es) more "
		  "than a wrong password", atomic_load(&hashes) - before);
}

/* Issue 16, 8: each wrong password past the free ones doubles the wait,
 * and waiting it out is enough for the right one. */
static void test_growing_waits(node *a)
{
	long wait = 0, last = 0;
	for (int i = 0; i < WEB_SIGNIN_USER_FREE; i++)
		CHECK(try_on(a, "carol", "not-her-password", "127.0.0.2", &wait) == 401);
	for (int i = 0; i < 4; i++) {
		CHECK(try_on(a, "carol", "carols-password", "127.0.0.2", &wait) == 429);
		CHECK_MSG(wait == (i ? last * 2 : 1), "wait %d: %ld s after %ld s", i, wait, last);
		fake_now += wait;
		last = wait;
		CHECK(try_on(a, "carol", "not-her-password", "127.0.0.2", &wait) == 401);
	}
	fake_now += last * 2;
	CHECK_MSG(try_on(a, "carol", "carols-password", "127.0.0.2", &wait) == 303,
		  "the right password after the wait got %ld s more", wait);
	/* A success starts the account afresh. */
	CHECK(try_on(a, "carol", "not-her-password", "127.0.0.2", &wait) == 401);
	CHECK(try_on(a, "carol", "carols-password", "127.0.0.2", &wait) == 303);
}

/* Issue 16, 8: wrong passwords for one user at an address do not keep
 * anyone else there out; trying many names from one address slows that
 * address, not others. */
static void test_account_and_address_apart(node *a, const test_db *t)
{
	long wait = 0;
	char name[32];
	for (int i = 0; i < WEB_SIGNIN_USER_FREE; i++)
		CHECK(try_on(a, "bob", "not-his-password", "127.0.0.4", &wait) == 401);
	CHECK(try_on(a, "bob", "bobs-password", "127.0.0.4", &wait) == 429);
	CHECK_MSG(try_on(a, "alice", "correct-horse", "127.0.0.4", &wait) == 303,
		  "alice waited %ld s for bob's mistakes at the same address", wait);
	/* A guesser going through names, each tried fewer times than an
	 * account's free failures. */
	int refused = 0;
	for (int i = 0; i < WEB_SIGNIN_IP_FREE + 2 && !refused; i++) {
		snprintf(name, sizeof name, "guess%d", i / 2);
		refused = try_on(a, name, "123456", "127.0.0.5", &wait) == 429;
	}
	CHECK_MSG(refused, "an address trying %d names was never slowed", WEB_SIGNIN_IP_FREE + 2);
	CHECK(try_on(a, "alice", "correct-horse", "127.0.0.5", &wait) == 429 && wait >= 1);
	CHECK(try_on(a, "alice", "correct-horse", "127.0.0.6", &wait) == 303);
	fake_now += WEB_SIGNIN_FORGET;
	CHECK(try_on(a, "alice", "correct-horse", "127.0.0.5", &wait) == 303);
	/* The names tried an hour ago are forgotten, not kept for ever. */
	CHECK_MSG(test_db_int(t, "SELECT COUNT(*) FROM signin_throttle WHERE key LIKE 'user:guess%'",
			      NULL) == 0, "old guesses still fill the throttle table");
}

/* Issue 16, 8: the counts are in the database: the other collector sees
 * them at once, and a restarted one still does. */
static void test_kept_in_database(node *a, node *b, const char *spec)
{
	long wait = 0;
	for (int i = 0; i < WEB_SIGNIN_USER_FREE; i++)
		CHECK(try_on(a, "dave", "not-his-password", "127.0.0.7", &wait) == 401);
	CHECK_MSG(try_on(b, "dave", "daves-password", "127.0.0.8", &wait) == 429,
		  "the other collector let dave's next guess through at once");
	node_stop(a);
	CHECK(node_start(a, spec) == 0);
	CHECK_MSG(try_on(a, "dave", "daves-password", "127.0.0.7", &wait) == 429,
		  "a restart forgot dave's wrong passwords");
	fake_now += wait;
	CHECK(try_on(a, "dave", "daves-password", "127.0.0.7", &wait) == 303);
}

int main(int argc, char **argv)
{
	static node a, b;
	test_db t;
	mk_log_set_level(MK_LOG_ERROR);
	fake_now = (int64_t)time(NULL);
	if (test_db_make(&t, argc, argv, "mk_test_signin") != 0) {
		CHECK(!"a database to test with");
		return check_done();
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CHECK_MSG(node_start(&a, t.spec) == 0 && node_start(&b, t.spec) == 0, "%s", mk_err_msg());
	if (!a.h || !b.h)
		return check_done();
	printf("backend: %s\n", cstore_backend(a.c.db));
	const char *users[][2] = { { "alice", "correct-horse" }, { "bob", "bobs-password" },
		{ "carol", "carols-password" }, { "dave", "daves-password" } };
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		CHECK(cstore_user_add(a.c.db, users[i][0], users[i][1]) == 0);
	test_first_unknown_name(&a);
	test_growing_waits(&a);
	test_account_and_address_apart(&a, &t);
	test_kept_in_database(&a, &b, t.spec);
	node_stop(&a);
	node_stop(&b);
	curl_global_cleanup();
	test_db_done(&t);
	return check_done();
}
