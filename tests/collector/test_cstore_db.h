/* SPDX-License-Identifier: MIT */
/*
 * Where a collector test keeps its database, so one test binary runs on
 * both backends: with an argument (the path of the file in which
 * pg_server.sh wrote the server's URI) a fresh PostgreSQL database named
 * after the test, dropped and created again so reruns start clean; without
 * one, a new SQLite file in a temporary folder, removed at the end.
 */
#ifndef MK_TEST_CSTORE_DB_H
#define MK_TEST_CSTORE_DB_H

#include "../check.h"
#include "cdb.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	int pg;
	char spec[1024]; /* what cstore_open takes */
	char dir[64];    /* SQLite: the temporary folder */
} test_db;

/* uri with its database (the path after the host) replaced by name. */
static inline int test_db_uri(char *out, size_t n, const char *uri, const char *name)
{
	const char *host = strstr(uri, "://"), *path, *query;
	if (!host)
		return -1;
	path = strchr(host + 3, '/');
	query = strchr(host + 3, '?');
	if (!path || (query && query < path))
		path = query ? query : uri + strlen(uri);
	int len = snprintf(out, n, "%.*s/%s%s", (int)(path - uri), uri, name, query ? query : "");
	return len > 0 && (size_t)len < n ? 0 : -1;
}

static inline int test_db_pg(test_db *t, const char *uri_file, const char *name)
{
	char *uri = NULL, sql[160];
	size_t len = 0;
	cdb *db = NULL;
	if (mk_read_file(uri_file, &uri, &len) != 0) {
		fprintf(stderr, "%s: no server URI (is the collector_pg fixture up?)\n", uri_file);
		return -1;
	}
	int rc = cdb_open(&db, mk_trim(uri));
	if (rc == 0) {
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
		rc = cdb_exec(db, sql);
	}
	if (rc == 0) {
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
		rc = cdb_exec(db, sql);
	}
	if (rc == 0)
		rc = test_db_uri(t->spec, sizeof t->spec, mk_trim(uri), name);
	if (rc)
		fprintf(stderr, "cannot make database %s: %s\n", name, mk_err_msg());
	cdb_close(db);
	free(uri);
	t->pg = 1;
	return rc;
}

/* name: letters, digits and '_' only (it becomes a database name). */
static inline int test_db_make(test_db *t, int argc, char **argv, const char *name)
{
	memset(t, 0, sizeof *t);
	if (argc > 1)
		return test_db_pg(t, argv[1], name);
	snprintf(t->dir, sizeof t->dir, "/tmp/mkcstoreXXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->spec, sizeof t->spec, "%s/collector.db", t->dir);
	return 0;
}

static inline void test_db_done(test_db *t)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char path[sizeof t->spec + 16];
	if (t->pg)
		return; /* the next run drops it; the fixture's server goes at the end */
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s%s", t->spec, ext[i]);
		unlink(path);
	}
	rmdir(t->dir);
}

/* The first column of the first row of sql, as a number; -1 when no row. */
static inline long long test_db_int(const test_db *t, const char *sql, const char *arg)
{
	cdb *db;
	cdb_stmt *st;
	long long v = -1;
	if (cdb_open(&db, t->spec) != 0)
		return -2;
	if (cdb_prepare(db, sql, &st) == 0) {
		if (arg)
			cdb_bind_text(st, 1, arg);
		if (cdb_step(st) == 1)
			v = cdb_col_int64(st, 0);
		cdb_finalize(st);
	} else {
		v = -2;
	}
	cdb_close(db);
	return v;
}

#endif
