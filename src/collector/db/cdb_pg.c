/* SPDX-License-Identifier: MIT */
/*
 * cdb on PostgreSQL (libpq). A statement is run with PQexecParams, which
 * sends the SQL and its values separately (the extended protocol: an
 * unnamed prepared statement), so no value is ever part of the SQL text.
 * Values go with their types (TEXT, INT8, BYTEA) so that "$1 = ''" and
 * "LIMIT $2" need no casts in the shared SQL; blobs go in binary, the rest
 * as text. Results come back as text, the whole result at once (the
 * collector's queries are bounded by their LIMIT), and a BYTEA column is
 * unescaped on demand (PQunescapeBytea) into a buffer the statement keeps
 * until the next row.
 *
 * A connection that broke (the server restarted) is reset and the statement
 * sent again when it was outside a transaction, so the pool heals by
 * itself. Only the primary error message is kept: PostgreSQL's DETAIL can
 * quote values.
 */
#include "cdb_int.h"
#include "core.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25

typedef struct {
	cdb base;
	PGconn *conn;
} cdb_pg;

typedef struct {
	cdb_stmt base;
	cdb_pg *db;
	char *sql;
	int nparams;
	Oid types[CDB_MAX_PARAMS];
	char *values[CDB_MAX_PARAMS];
	int lengths[CDB_MAX_PARAMS], formats[CDB_MAX_PARAMS];
	PGresult *res;
	int row, nrows, done;
	int64_t changes;
	struct unesc { unsigned char *p; size_t n; } *unesc; /* this row's BYTEA columns */
	int nunesc;
} cdb_pg_stmt;

static void free_unesc(cdb_pg_stmt *st);

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* NOTICEs ("already exists, skipping") are not errors */
}

static int pg_err(cdb_pg *db, PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		msg = PQerrorMessage(db->conn);
	if (state && strcmp(state, "23505") == 0)
		return mk_err(MK_EEXIST, "%s: already there (%s)", what, msg);
	if (state && strcmp(state, "53100") == 0)
		return mk_err(MK_EFULL, "the database server's disk is full: %s failed", what);
	if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
		return mk_err(MK_EAGAIN, "%s: %s", what, msg);
	if (PQstatus(db->conn) != CONNECTION_OK)
		return mk_err(MK_EAGAIN, "%s: the database server is unreachable: %s", what, msg);
	return mk_err(MK_EIO, "%s: %s", what, msg);
}

int cdb_pg_open(cdb **out, const char *uri)
{
	cdb_pg *db = calloc(1, sizeof *db);
	if (!db)
		return mk_err(MK_ENOMEM, "out of memory opening the database");
	db->base.pg = 1;
	db->conn = PQconnectdb(uri);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		int rc = mk_err(MK_EIO, "cannot connect to the PostgreSQL server: %s",
				db->conn ? PQerrorMessage(db->conn) : "out of memory");
		cdb_pg_close(&db->base);
		return rc;
	}
	PQsetNoticeProcessor(db->conn, quiet, NULL);
	*out = &db->base;
	return 0;
}

void cdb_pg_close(cdb *d)
{
	cdb_pg *db = (cdb_pg *)d;
	PQfinish(db->conn);
	free(db);
}

static void heal(cdb_pg *db)
{
	if (PQstatus(db->conn) == CONNECTION_BAD) {
		PQreset(db->conn);
		if (PQstatus(db->conn) == CONNECTION_OK)
			PQsetNoticeProcessor(db->conn, quiet, NULL);
	}
}

static int failed(PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK;
}

/* Runs one statement (params NULL: the simple protocol). Outside a
 * transaction, a connection the server dropped (it restarted) is reset
 * and the statement sent once more: nothing of it had run. */
static PGresult *pg_send(cdb_pg *db, const char *sql, cdb_pg_stmt *params)
{
	int idle = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	PGresult *res = NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (attempt == 1) {
			if (!idle || PQstatus(db->conn) != CONNECTION_BAD)
				break;
			PQclear(res);
		}
		heal(db);
		res = params ? PQexecParams(db->conn, sql, params->nparams, params->types,
					    (const char *const *)params->values, params->lengths,
					    params->formats, 0)
			     : PQexec(db->conn, sql);
		if (!failed(res))
			break;
	}
	return res;
}

static int word_char(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The shared schema says BLOB and INTEGER PRIMARY KEY (SQLite's rowid);
 * PostgreSQL calls them BYTEA and BIGSERIAL PRIMARY KEY. Whole words only. */
static char *translate(const char *sql)
{
	static const struct { const char *from, *to; } words[] = {
		{ "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY" }, { "BLOB", "BYTEA" } };
	size_t len = strlen(sql), cap = len * 2 + 1, o = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		int hit = 0;
		for (size_t w = 0; w < sizeof words / sizeof words[0] && !hit; w++) {
			size_t n = strlen(words[w].from);
			int before = i == 0 || !word_char(sql[i - 1]);
			if (before && strncmp(sql + i, words[w].from, n) == 0 &&
			    !word_char(sql[i + n])) {
				o += (size_t)sprintf(out + o, "%s", words[w].to);
				i += n;
				hit = 1;
			}
		}
		if (!hit)
			out[o++] = sql[i++];
	}
	out[o] = 0;
	return out;
}

int cdb_pg_exec(cdb *d, const char *sql)
{
	cdb_pg *db = (cdb_pg *)d;
	char *text = translate(sql);
	PGresult *res;
	int rc = 0;
	if (!text)
		return mk_err(MK_ENOMEM, "out of memory running a statement");
	res = pg_send(db, text, NULL);
	free(text);
	if (failed(res))
		rc = pg_err(db, res, "a statement failed");
	PQclear(res);
	return rc;
}

int cdb_pg_prepare(cdb *d, const char *sql, cdb_stmt **out)
{
	cdb_pg_stmt *st = calloc(1, sizeof *st);
	if (!st || !(st->sql = mk_strdup(sql))) {
		free(st);
		return mk_err(MK_ENOMEM, "out of memory preparing a statement");
	}
	st->base.pg = 1;
	st->db = (cdb_pg *)d;
	*out = &st->base;
	return 0;
}

int cdb_pg_bind(cdb_stmt *s, int i, const cdb_param *p)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	char num[24], *v = NULL;
	int k = i - 1;
	free(st->values[k]);
	st->values[k] = NULL;
	st->lengths[k] = st->formats[k] = 0;
	st->types[k] = 0;
	if (p->type == CDB_TEXT) {
		st->types[k] = OID_TEXT;
		v = mk_strdup(p->text);
	} else if (p->type == CDB_INT) {
		st->types[k] = OID_INT8;
		snprintf(num, sizeof num, "%lld", (long long)p->i);
		v = mk_strdup(num);
	} else if (p->type == CDB_BLOB) {
		if (p->n > 0x7fffffff)
			return mk_err(MK_EINVAL, "a value of %zu bytes is too large", p->n);
		st->types[k] = OID_BYTEA;
		st->formats[k] = 1;
		st->lengths[k] = (int)p->n;
		if ((v = malloc(p->n ? p->n : 1)) != NULL && p->n)
			memcpy(v, p->blob, p->n);
	}
	if (p->type != CDB_NULL && !v)
		return mk_err(MK_ENOMEM, "out of memory binding a value");
	st->values[k] = v;
	if (i > st->nparams)
		st->nparams = i;
	return 0;
}

static int run(cdb_pg_stmt *st)
{
	cdb_pg *db = st->db;
	ExecStatusType status;
	st->res = pg_send(db, st->sql, st);
	status = PQresultStatus(st->res);
	if (status == PGRES_TUPLES_OK) {
		st->nrows = PQntuples(st->res);
	} else if (status == PGRES_COMMAND_OK) {
		st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
	} else {
		st->done = 1;
		return pg_err(db, st->res, "a statement failed");
	}
	st->row = -1;
	return 0;
}

int cdb_pg_step(cdb_stmt *s)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	int rc;
	if (st->done)
		return 0;
	if (!st->res && (rc = run(st)) != 0)
		return rc;
	free_unesc(st);
	if (++st->row < st->nrows)
		return 1;
	st->done = 1;
	if (PQresultStatus(st->res) == PGRES_TUPLES_OK)
		st->changes = strtoll(PQcmdTuples(st->res), NULL, 10); /* RETURNING */
	return 0;
}

static void free_unesc(cdb_pg_stmt *st)
{
	for (int i = 0; i < st->nunesc; i++) {
		PQfreemem(st->unesc[i].p);
		st->unesc[i].p = NULL;
	}
}

static int has(cdb_pg_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 &&
	       col < PQnfields(st->res) && !PQgetisnull(st->res, st->row, col);
}

const char *cdb_pg_text(cdb_stmt *s, int col)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	return has(st, col) ? PQgetvalue(st->res, st->row, col) : "";
}

int64_t cdb_pg_int64(cdb_stmt *s, int col)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	return has(st, col) ? strtoll(PQgetvalue(st->res, st->row, col), NULL, 10) : 0;
}

const uint8_t *cdb_pg_blob(cdb_stmt *s, int col, size_t *n)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	*n = 0;
	if (!has(st, col))
		return (const uint8_t *)"";
	if (col >= st->nunesc) {
		struct unesc *u = realloc(st->unesc, (size_t)(col + 1) * sizeof *u);
		if (!u)
			return (const uint8_t *)"";
		for (int i = st->nunesc; i <= col; i++)
			u[i].p = NULL;
		st->unesc = u;
		st->nunesc = col + 1;
	}
	if (!st->unesc[col].p)
		st->unesc[col].p = PQunescapeBytea(
			(const unsigned char *)PQgetvalue(st->res, st->row, col), &st->unesc[col].n);
	if (!st->unesc[col].p)
		return (const uint8_t *)"";
	*n = st->unesc[col].n;
	return st->unesc[col].p;
}

int cdb_pg_is_null(cdb_stmt *s, int col)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	return !has(st, col);
}

int64_t cdb_pg_changes(cdb_stmt *s)
{
	return ((cdb_pg_stmt *)s)->changes;
}

void cdb_pg_finalize(cdb_stmt *s)
{
	cdb_pg_stmt *st = (cdb_pg_stmt *)s;
	for (int i = 0; i < CDB_MAX_PARAMS; i++)
		free(st->values[i]);
	free_unesc(st);
	free(st->unesc);
	PQclear(st->res);
	free(st->sql);
	free(st);
}
