/* SPDX-License-Identifier: MIT */
/*
 * cdb's dispatch: picks the backend from the spec and forwards each call to
 * cdb_sqlite.c or cdb_pg.c. Kept apart so that neither backend sees the
 * other's library, and so that cstore never sees either.
 */
#include "cdb_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

static int is_pg_spec(const char *spec)
{
	return strncmp(spec, "postgresql://", 13) == 0 || strncmp(spec, "postgres://", 11) == 0;
}

int cdb_open(cdb **out, const char *spec)
{
	*out = NULL;
	if (!spec || !*spec)
		return mk_err(MK_EINVAL, "no database given (an SQLite file or a postgresql:// URI)");
	return is_pg_spec(spec) ? cdb_pg_open(out, spec) : cdb_sq_open(out, spec, 1);
}

int cdb_open_existing(cdb **out, const char *spec)
{
	*out = NULL;
	if (!spec || !*spec)
		return mk_err(MK_EINVAL, "no database given (an SQLite file or a postgresql:// URI)");
	return is_pg_spec(spec) ? cdb_pg_open(out, spec) : cdb_sq_open(out, spec, 0);
}

void cdb_close(cdb *db)
{
	if (db)
		db->pg ? cdb_pg_close(db) : cdb_sq_close(db);
}

int cdb_is_pg(const cdb *db)
{
	return db->pg;
}

int cdb_exec(cdb *db, const char *sql)
{
	return db->pg ? cdb_pg_exec(db, sql) : cdb_sq_exec(db, sql);
}

/* SQLite takes the write lock at BEGIN IMMEDIATE, so two connections never
 * both read and then both try to write (which SQLite can only answer with
 * "busy", whatever the timeout). PostgreSQL locks rows as it goes. */
int cdb_begin(cdb *db)
{
	return db->pg ? cdb_pg_exec(db, "BEGIN") : cdb_sq_begin(db);
}

int cdb_commit(cdb *db)
{
	return db->pg ? cdb_pg_exec(db, "COMMIT") : cdb_sq_commit(db);
}

void cdb_rollback(cdb *db)
{
	char msg[256];
	/* Keeps the message of the failure that made us roll back. */
	snprintf(msg, sizeof msg, "%s", mk_err_msg());
	cdb_exec(db, "ROLLBACK");
	mk_err(0, "%s", msg);
}

int cdb_prepare(cdb *db, const char *sql, cdb_stmt **out)
{
	*out = NULL;
	return db->pg ? cdb_pg_prepare(db, sql, out) : cdb_sq_prepare(db, sql, out);
}

static int bind(cdb_stmt *st, int i, const cdb_param *p)
{
	if (i < 1 || i > CDB_MAX_PARAMS)
		return mk_err(MK_EINVAL, "parameter $%d: out of range", i);
	return st->pg ? cdb_pg_bind(st, i, p) : cdb_sq_bind(st, i, p);
}

int cdb_bind_text(cdb_stmt *st, int i, const char *s)
{
	cdb_param p = { .type = s ? CDB_TEXT : CDB_NULL, .text = s };
	return bind(st, i, &p);
}

int cdb_bind_int64(cdb_stmt *st, int i, int64_t v)
{
	cdb_param p = { .type = CDB_INT, .i = v };
	return bind(st, i, &p);
}

int cdb_bind_blob(cdb_stmt *st, int i, const void *b, size_t n)
{
	cdb_param p = { .type = CDB_BLOB, .blob = b, .n = n };
	return bind(st, i, &p);
}

int cdb_bind_null(cdb_stmt *st, int i)
{
	cdb_param p = { .type = CDB_NULL };
	return bind(st, i, &p);
}

int cdb_step(cdb_stmt *st)
{
	return st->pg ? cdb_pg_step(st) : cdb_sq_step(st);
}

const char *cdb_col_text(cdb_stmt *st, int col)
{
	return st->pg ? cdb_pg_text(st, col) : cdb_sq_text(st, col);
}

int64_t cdb_col_int64(cdb_stmt *st, int col)
{
	return st->pg ? cdb_pg_int64(st, col) : cdb_sq_int64(st, col);
}

const uint8_t *cdb_col_blob(cdb_stmt *st, int col, size_t *n)
{
	return st->pg ? cdb_pg_blob(st, col, n) : cdb_sq_blob(st, col, n);
}

int cdb_col_is_null(cdb_stmt *st, int col)
{
	return st->pg ? cdb_pg_is_null(st, col) : cdb_sq_is_null(st, col);
}

int64_t cdb_changes(cdb_stmt *st)
{
	return st->pg ? cdb_pg_changes(st) : cdb_sq_changes(st);
}

void cdb_finalize(cdb_stmt *st)
{
	if (st)
		st->pg ? cdb_pg_finalize(st) : cdb_sq_finalize(st);
}
