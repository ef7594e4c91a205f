/* SPDX-License-Identifier: MIT */
/* What the store tests share: a fresh folder, and one number from SQL. */
#ifndef MK_STORE_TEST_H
#define MK_STORE_TEST_H

#include "../check.h"
#include "store_int.h"
#include <stdlib.h>
#include <string.h>

/* A new empty folder under /tmp; free it. */
static inline char *tmp_dir(void)
{
	char *dir = strdup("/tmp/mkstoreXXXXXX");
	CHECK(dir && mkdtemp(dir) != NULL);
	return dir;
}

/* The first column of the first row, -1 when there is no row, -2 when the
 * SQL does not prepare. */
static inline long long query_int(store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
