/* SPDX-License-Identifier: MIT */
/*
 * The small helpers under every cstore query (cstore_int.h): prepare, bind
 * by a format string and run in one call; a transaction wrapper that rolls
 * back on any failure and runs again when a statement lost a race with
 * another connection; the checks on ids, UUIDs and hex; hashing of secrets
 * that are already random (kiosk tokens, session ids), for which a fast
 * hash is enough: nobody can guess 256 random bits, slow hash or not.
 */
#include "cstore_int.h"
#include "core.h"
#include "crypto.h"
#include <string.h>

static int vquery(cdb *db, cdb_stmt **out, const char *sql, const char *fmt, va_list ap)
{
	cdb_stmt *st;
	int rc = cdb_prepare(db, sql, &st);
	*out = NULL;
	if (rc)
		return rc;
	for (int i = 0; fmt && fmt[i] && !rc; i++) {
		const void *p;
		switch (fmt[i]) {
		case 't': rc = cdb_bind_text(st, i + 1, va_arg(ap, const char *)); break;
		case 'i': rc = cdb_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
		case 'd': rc = cdb_bind_int64(st, i + 1, va_arg(ap, int)); break;
		case 'b':
			p = va_arg(ap, const void *);
			rc = cdb_bind_blob(st, i + 1, p, va_arg(ap, size_t));
			break;
		default: rc = mk_err(MK_EINVAL, "cstore: bad value format '%c'", fmt[i]);
		}
	}
	if (rc) {
		cdb_finalize(st);
		return rc;
	}
	*out = st;
	return 0;
}

int cs_query(cdb *db, cdb_stmt **out, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vquery(db, out, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int cs_run(cdb *db, int64_t *changes, const char *sql, const char *fmt, ...)
{
	cdb_stmt *st;
	va_list ap;
	va_start(ap, fmt);
	int rc = vquery(db, &st, sql, fmt, ap);
	va_end(ap);
	if (rc)
		return rc;
	while ((rc = cdb_step(st)) == 1)
		;
	if (!rc && changes)
		*changes = cdb_changes(st);
	cdb_finalize(st);
	return rc;
}

int cs_int(cdb *db, int64_t *v, const char *sql, const char *fmt, ...)
{
	cdb_stmt *st;
	va_list ap;
	va_start(ap, fmt);
	int rc = vquery(db, &st, sql, fmt, ap);
	va_end(ap);
	if (rc)
		return rc;
	rc = cdb_step(st);
	if (rc == 1) {
		*v = cdb_col_int64(st, 0);
		rc = 0;
	} else if (rc == 0) {
		rc = MK_ENOTFOUND;
	}
	cdb_finalize(st);
	return rc;
}

int cs_tx(cdb *db, int (*fn)(cdb *db, void *arg), void *arg)
{
	int rc = 0;
	for (int attempt = 0; attempt < 5; attempt++) {
		if ((rc = cdb_begin(db)) != 0)
			return rc;
		rc = fn(db, arg);
		if (rc == 0 && (rc = cdb_commit(db)) == 0)
			return 0;
		cdb_rollback(db);
		if (rc != CSTORE_RETRY)
			return rc;
	}
	return mk_err(MK_EAGAIN, "the database stayed too busy; try again");
}

void cs_copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strnlen(src, n - 1) : 0;
	if (len)
		memcpy(dst, src, len);
	dst[len] = 0;
}

int cs_valid_uuid(const char *s)
{
	if (!s || strnlen(s, CSTORE_UUID) != CSTORE_UUID - 1)
		return 0;
	for (int i = 0; i < CSTORE_UUID - 1; i++) {
		char c = s[i];
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
					(c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}

int cs_valid_id(const char *s)
{
	size_t n = s ? strnlen(s, CSTORE_ID) : 0;
	if (n == 0 || n >= CSTORE_ID)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

int cs_valid_hex(const char *s, size_t n)
{
	if (!s || strnlen(s, n + 1) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int cs_terminated(const char *field, size_t size)
{
	return memchr(field, 0, size) != NULL;
}

int cs_text_ok(const char *field, size_t size)
{
	return cs_terminated(field, size) && mk_utf8_valid(field, strlen(field));
}

void cs_hex(const uint8_t *b, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * n] = 0;
}

void cs_random_hex(char out[CSTORE_HEX])
{
	uint8_t b[32];
	mkc_random(b, sizeof b);
	cs_hex(b, sizeof b, out);
	mkc_wipe(b, sizeof b);
}

void cs_hash_hex(const char *text, char out[CSTORE_HEX])
{
	static const uint8_t domain[] = "mesokiosk-collector-token-v1";
	uint8_t h[32];
	mkc_hash(h, sizeof h, text, strlen(text), domain, sizeof domain - 1);
	cs_hex(h, sizeof h, out);
}
