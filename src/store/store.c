/* SPDX-License-Identifier: MIT */
/*
 * Opening the kiosk database. The settings are the durability promise of
 * DESIGN.md: WAL so readers never block the writer, synchronous=FULL so a
 * committed transaction is on disk before the screen says "saved", foreign
 * keys on so a record never outlives its patient, secure_delete so an erased
 * patient's rows are overwritten, not just unlinked. The data folder is
 * probed with a real write first, because "cannot open kiosk.db" says less
 * to the person installing the kiosk than "folder X is not writable".
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000

int store_sql_err(store *s, int rc, const char *what)
{
	int base = rc & 0xff; /* extended codes are on */
	int code = (base == SQLITE_FULL || base == SQLITE_IOERR) ? MK_EIO : MK_EINVAL;
	if (base == SQLITE_NOMEM)
		code = MK_ENOMEM;
	if (base == SQLITE_FULL)
		return mk_err(code, "%s: %s: the disk is full", s->path, what);
	return mk_err(code, "%s: %s: %s", s->path, what,
		      s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
}

int store_exec(store *s, const char *sql, const char *what)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_sql_err(s, rc, what);
}

int store_begin(store *s) { return store_exec(s, "BEGIN IMMEDIATE", "starting a transaction"); }
int store_commit(store *s) { return store_exec(s, "COMMIT", "saving"); }

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3 *store_db(store *s) { return s->db; }
int store_schema_version(store *s) { return s->version; }

/* Rewords core's message for the person installing the kiosk. The copy is
 * needed: mk_err formats into the buffer mk_err_msg() points at. */
static int folder_err(const char *dir, const char *what)
{
	char why[512];
	snprintf(why, sizeof why, "%s", mk_err_msg());
	return mk_err(MK_EIO, "the data folder %s %s (%s)", dir, what, why);
}

/* A real write, not access(2): root passes access() on a read-only mount. */
static int probe_writable(const char *dir)
{
	char *probe = mk_path_join(dir, ".mesokiosk-write-test");
	int rc;
	if (!probe)
		return mk_err(MK_ENOMEM, "out of memory");
	rc = mk_write_atomic(probe, "ok\n", 3);
	unlink(probe);
	free(probe);
	return rc ? folder_err(dir, "is not writable") : 0;
}

static int set_pragmas(store *s)
{
	sqlite3_stmt *st;
	int rc, wal;
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "setting WAL mode");
	rc = sqlite3_step(st);
	wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	if (!wal)
		return rc == SQLITE_ROW ? mk_err(MK_EIO, "%s: cannot use WAL mode", s->path)
					: store_sql_err(s, rc, "setting WAL mode");
	return store_exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			  " PRAGMA secure_delete=ON;", "setting up the database");
}

static int open_db(store *s)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(s->path, &s->db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "cannot open");
	sqlite3_extended_result_codes(s->db, 1);
	if ((rc = set_pragmas(s)) != 0)
		return rc;
	return store_migrate(s);
}

int store_open(store **out, const char *data_dir)
{
	store *s;
	int rc;
	*out = NULL;
	if (!data_dir || !*data_dir)
		return mk_err(MK_EINVAL, "no data folder given");
	if (mk_mkdir_p(data_dir, 0700) != 0)
		return folder_err(data_dir, "cannot be created");
	if ((rc = probe_writable(data_dir)) != 0)
		return rc;
	if ((rc = store_crypto_init()) != 0)
		return rc;
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = mk_path_join(data_dir, "kiosk.db"))) {
		free(s);
		return mk_err(MK_ENOMEM, "out of memory opening the store");
	}
	if ((rc = open_db(s)) != 0) {
		store_close(s);
		return rc;
	}
	mk_log(MK_LOG_INFO, "store_open", "schema=%d", s->version);
	*out = s;
	return 0;
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->db && sqlite3_close(s->db) != SQLITE_OK)
		mk_log(MK_LOG_WARN, "store_close", "busy=1");
	free(s->path);
	free(s);
}
