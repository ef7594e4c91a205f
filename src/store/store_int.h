/* SPDX-License-Identifier: MIT */
/*
 * store internals shared by store.c (the database) and store_crypto.c (the
 * encrypted records), and by the module's own tests, which need the raw
 * connection to set up odd cases (a newer schema, a patient row).
 */
#ifndef MK_STORE_INT_H
#define MK_STORE_INT_H

#include "store.h"
#include <sqlite3.h>

struct store {
	sqlite3 *db;
	char *path; /* <data_dir>/kiosk.db, for messages */
	int version;
};

/* Runs SQL that returns no rows; on failure sets mk_err with what. */
int store_exec(store *s, const char *sql, const char *what);
/* One transaction per user action. BEGIN IMMEDIATE takes the write lock at
 * once, so a busy database fails before any work is done, not at COMMIT. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);
/* Turns a SQLite failure into an mk_err (full disk -> MK_EIO "disk full"). */
int store_sql_err(store *s, int rc, const char *what);

/* Applies the migrations in store_schema.c (store_open calls it). */
int store_migrate(store *s);

/* The SQL of the migration step to version `to` (NULL if none), so tests can
 * build an old database by hand and check it is upgraded in place. */
const char *store_migration_sql(int to);

/* The raw connection, for tests only. */
sqlite3 *store_db(store *s);

#endif
