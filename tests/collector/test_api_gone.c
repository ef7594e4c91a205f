/* SPDX-License-Identifier: MIT */
/*
 * The collector's SQLite file replaced or deleted while it serves (issue
 * 16, point 5): a kiosk's record must not be answered "accepted" into a
 * file no one will open again. With the file replaced by a copy, and then
 * with it and its WAL removed, a batch gets 500 (the kiosk keeps its
 * records and sends them again), the collector's log says what happened,
 * and the records are not in the database that is there. SQLite only: a
 * PostgreSQL server has no file to lose.
 *
 * Then, on a fresh collector, only the WAL and the shared-memory file
 * removed (the database file stays): SQLite goes on writing to the WAL it
 * holds open, which no one will read after a restart, so records would be
 * acknowledged into nothing. They get 500 as well, and the log names the
 * WAL.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_api.h"
#include <fcntl.h>

static tenv e;

/* Posts one new record: the HTTP status, and whether it was accepted. */
static long post_one(int *accepted)
{
	char uuid[37], patient[37];
	tresp r;
	store_uuid(uuid);
	store_uuid(patient);
	long st = t_post_json(&e, "/api/v1/records",
			      t_batch(json_pack("[o]", t_record(uuid, "report", patient, NULL))), &r);
	*accepted = t_has(json_object_get(r.json, "accepted"), uuid);
	t_free(&r);
	return st;
}

static int log_has(const char *path, const char *needle)
{
	char *buf = NULL;
	size_t n = 0;
	int hit = mk_read_file(path, &buf, &n) == 0 && strstr(buf, needle) != NULL;
	free(buf);
	return hit;
}

/* Runs body with the collector's log (stderr) in DIR/collector.log; the
 * log's text in *out (caller frees). */
static int catch_log(void (*body)(void), char **out)
{
	char *log = mk_asprintf("%s/collector.log", e.dir);
	size_t n = 0;
	int saved = dup(STDERR_FILENO), fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
		return free(log), -1;
	body();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(fd);
	close(saved);
	int rc = mk_read_file(log, out, &n);
	free(log);
	return rc;
}

static void remove_wal(void)
{
	int acc = 1;
	char *cmd = mk_asprintf("rm -f '%s-wal' '%s-shm'", e.db.spec, e.db.spec);
	CHECK(t_shell(cmd) == 0);
	free(cmd);
	for (int i = 0; i < 3; i++)
		CHECK(post_one(&acc) == 500 && !acc);
}

static void wal_removed(int argc, char **argv)
{
	int acc = 0;
	char *log = NULL;
	if (t_setup(&e, argc, argv, "mk_test_api_wal") != 0) {
		CHECK(!"setup failed");
		return;
	}
	CHECK(post_one(&acc) == 200 && acc);
	CHECK(catch_log(remove_wal, &log) == 0);
	CHECK_MSG(log && strstr(log, "event=database-file-gone") && strstr(log, "-wal what=removed"),
		  "%s", log ? log : "(no log)");
	free(log);
	t_teardown(&e);
}

int main(int argc, char **argv)
{
	int acc = 0, saved = dup(STDERR_FILENO);
	char *log, *cmd;
	mk_log_set_level(MK_LOG_WARN);
	if (argc > 1)
		return 0; /* PostgreSQL: no file to replace */
	wal_removed(argc, argv);
	if (t_setup(&e, argc, argv, "mk_test_api_gone") != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	log = mk_asprintf("%s/collector.log", e.dir);
	CHECK(post_one(&acc) == 200 && acc);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && dup2(fd, STDERR_FILENO) >= 0);

	/* Replaced: a copy put in its place (a restore over a live file). */
	cmd = mk_asprintf("cp '%s' '%s.new' && mv '%s.new' '%s'", e.db.spec, e.db.spec, e.db.spec,
			  e.db.spec);
	CHECK(t_shell(cmd) == 0);
	free(cmd);
	CHECK(post_one(&acc) == 500 && !acc);
	/* Removed, with its WAL and shared memory. */
	cmd = mk_asprintf("rm -f '%s' '%s-wal' '%s-shm'", e.db.spec, e.db.spec, e.db.spec);
	CHECK(t_shell(cmd) == 0);
	free(cmd);
	for (int i = 0; i < 3; i++)
		CHECK(post_one(&acc) == 500 && !acc);

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(fd);
	CHECK(log_has(log, "event=database-file-gone") && log_has(log, "what=replaced") &&
	      log_has(log, "what=removed"));
	CHECK(access(e.db.spec, F_OK) != 0); /* nothing made a new empty file */
	free(log);
	t_teardown(&e);
	return check_done();
}
