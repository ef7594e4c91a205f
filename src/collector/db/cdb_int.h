/* SPDX-License-Identifier: MIT */
/*
 * Between cdb.c (the dispatch) and its two backends, cdb_sqlite.c and
 * cdb_pg.c. Each backend's handles begin with the common part below, so
 * cdb.c can tell them apart without knowing either library. A parameter is
 * handed to a backend as one tagged value; both copy what they keep, so a
 * caller's buffer need only live until the bind call returns.
 */
#ifndef MK_CDB_INT_H
#define MK_CDB_INT_H

#include "cdb.h"

#define CDB_MAX_PARAMS 32

struct cdb {
	int pg; /* 1: a cdb_pg, 0: a cdb_sq */
};

struct cdb_stmt {
	int pg;
};

typedef enum { CDB_NULL, CDB_TEXT, CDB_INT, CDB_BLOB } cdb_type;

typedef struct {
	cdb_type type;
	const char *text;
	int64_t i;
	const void *blob;
	size_t n;
} cdb_param;

/* create 0: MK_ENOTFOUND when the file is not there. */
int cdb_sq_open(cdb **out, const char *path, int create);
void cdb_sq_close(cdb *db);
int cdb_sq_exec(cdb *db, const char *sql);
int cdb_sq_begin(cdb *db);
int cdb_sq_commit(cdb *db);
int cdb_sq_prepare(cdb *db, const char *sql, cdb_stmt **out);
int cdb_sq_bind(cdb_stmt *st, int i, const cdb_param *p);
int cdb_sq_step(cdb_stmt *st);
const char *cdb_sq_text(cdb_stmt *st, int col);
int64_t cdb_sq_int64(cdb_stmt *st, int col);
const uint8_t *cdb_sq_blob(cdb_stmt *st, int col, size_t *n);
int cdb_sq_is_null(cdb_stmt *st, int col);
int64_t cdb_sq_changes(cdb_stmt *st);
void cdb_sq_finalize(cdb_stmt *st);

int cdb_pg_open(cdb **out, const char *uri);
void cdb_pg_close(cdb *db);
int cdb_pg_exec(cdb *db, const char *sql);
int cdb_pg_prepare(cdb *db, const char *sql, cdb_stmt **out);
int cdb_pg_bind(cdb_stmt *st, int i, const cdb_param *p);
int cdb_pg_step(cdb_stmt *st);
const char *cdb_pg_text(cdb_stmt *st, int col);
int64_t cdb_pg_int64(cdb_stmt *st, int col);
const uint8_t *cdb_pg_blob(cdb_stmt *st, int col, size_t *n);
int cdb_pg_is_null(cdb_stmt *st, int col);
int64_t cdb_pg_changes(cdb_stmt *st);
void cdb_pg_finalize(cdb_stmt *st);

#endif
