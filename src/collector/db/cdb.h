/* SPDX-License-Identifier: MIT */
/*
 * cdb: the collector's one door to its database, SQLite (a file path) or
 * PostgreSQL (a "postgresql://" or "postgres://" URI, libpq). Only cdb_*.c
 * include sqlite3.h or libpq-fe.h. SQL is written once for both: parameters
 * are $1, $2, ... (SQLite binds them by name), types are TEXT, BIGINT and
 * BLOB (cdb_exec writes "BYTEA" for PostgreSQL, and "BIGSERIAL PRIMARY KEY"
 * for SQLite's "INTEGER PRIMARY KEY"), upserts use INSERT ... ON CONFLICT.
 * Every query is prepared; no value is ever pasted into SQL.
 *
 * A cdb is one connection, not safe to share between threads without the
 * caller's lock. Calls return 0 or a negative MK_E* code with mk_err_msg().
 */
#ifndef MK_CDB_H
#define MK_CDB_H

#include <stddef.h>
#include <stdint.h>

typedef struct cdb cdb;
typedef struct cdb_stmt cdb_stmt;

/* Opens spec: "postgresql://..." / "postgres://..." for PostgreSQL, anything
 * else is an SQLite file (created 0600 if missing; WAL, synchronous=FULL,
 * foreign keys on, busy timeout 5 s). */
int cdb_open(cdb **out, const char *spec);
/* The same, but an SQLite file that is not there is MK_ENOTFOUND, not
 * created. */
int cdb_open_existing(cdb **out, const char *spec);
void cdb_close(cdb *db);
/* 1 for PostgreSQL, 0 for SQLite. */
int cdb_is_pg(const cdb *db);
/* Runs statements without parameters (several, separated by ';'). For
 * PostgreSQL "BLOB" becomes "BYTEA" and "INTEGER PRIMARY KEY" becomes
 * "BIGSERIAL PRIMARY KEY" first (whole words). */
int cdb_exec(cdb *db, const char *sql);
/* SQLite: BEGIN IMMEDIATE (the write lock at once, so two connections never
 * deadlock upgrading); PostgreSQL: BEGIN (READ COMMITTED). */
int cdb_begin(cdb *db);
/* SQLite: first checks that the path still names the file this connection
 * opened (device and inode); when it was removed or replaced, nothing is
 * committed, MK_EIO, and an error line is logged: what was written would
 * be lost with the unlinked file, so it must not be acknowledged. */
int cdb_commit(cdb *db);
void cdb_rollback(cdb *db);

/* A statement with $1..$n parameters (n <= 32). Bound values are copied:
 * the caller's buffer need only live until the bind call returns. Binding
 * a number the SQL does not use is MK_EINVAL on SQLite. */
int cdb_prepare(cdb *db, const char *sql, cdb_stmt **out);
int cdb_bind_text(cdb_stmt *st, int i, const char *s); /* NULL binds NULL */
int cdb_bind_int64(cdb_stmt *st, int i, int64_t v);
int cdb_bind_blob(cdb_stmt *st, int i, const void *p, size_t n);
int cdb_bind_null(cdb_stmt *st, int i);
/* Runs (on the first call) and moves to the next row: 1 a row is there,
 * 0 no more rows, or a negative code. A unique-constraint violation gives
 * MK_EEXIST. */
int cdb_step(cdb_stmt *st);
/* Columns of the current row, from 0. Text is valid until the next step or
 * finalize; NULL reads as "" / 0 / an empty blob. */
const char *cdb_col_text(cdb_stmt *st, int col);
int64_t cdb_col_int64(cdb_stmt *st, int col);
const uint8_t *cdb_col_blob(cdb_stmt *st, int col, size_t *n);
int cdb_col_is_null(cdb_stmt *st, int col);
/* Rows changed by the last completed INSERT/UPDATE/DELETE statement. */
int64_t cdb_changes(cdb_stmt *st);
void cdb_finalize(cdb_stmt *st);

#endif
