/* SPDX-License-Identifier: MIT */
/*
 * Store tests: what a clinic would notice if it broke — the schema is set
 * and kept, a newer database is refused, a record opens for its patient and
 * for the clinic and for no one else, its words never reach the disk in
 * clear, and a record is never saved without its outbox row. Uses the raw
 * connection (store_int.h) only to set up cases the API cannot make.
 */
#include "store_test.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER "SYMPTOM-MARKER-1234"

/* A bare patient row: enough for the foreign key; enrolment comes later. */
static int64_t add_patient(store *s, const char *code)
{
	char *sql = mk_asprintf("INSERT INTO patients(uuid, code, pin_salt, pin_ops, pin_mem,"
				" wrapped_key, created_at) VALUES ('u-%s', '%s', x'00', 1, 1, x'00', 0)",
				code, code);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	return (int64_t)sqlite3_last_insert_rowid(store_db(s));
}

/* 1 if needle occurs in the file at dir/name (0 if the file is absent). */
static int file_has(const char *dir, const char *name, const char *needle)
{
	char *path = mk_path_join(dir, name), *buf = NULL;
	size_t len = 0;
	int found = 0;
	if (mk_read_file(path, &buf, &len) == 0)
		found = memmem(buf, len, needle, strlen(needle)) != NULL;
	free(buf);
	free(path);
	return found;
}

static int uuid_ok(const char *u)
{
	if (strlen(u) != 36 || u[14] != '4' || !strchr("89ab", u[19]))
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return 0;
	}
	return 1;
}

static void test_uuid(void)
{
	enum { N = 2000 };
	static char ids[N][37];
	int good = 1, unique = 1;
	for (int i = 0; i < N; i++) {
		store_uuid(ids[i]);
		good &= uuid_ok(ids[i]);
	}
	for (int i = 0; i < N && unique; i++)
		for (int j = i + 1; j < N; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				unique = 0;
	CHECK_MSG(good, "malformed uuid, e.g. %s", ids[0]);
	CHECK(unique);
}

static void test_pin_key(void)
{
	uint8_t salt[STORE_SALT_BYTES] = { 1, 2, 3 }, salt2[STORE_SALT_BYTES] = { 9 };
	uint8_t a[32], b[32], c[32], d[32];
	CHECK(store_pin_key("482913", salt, &STORE_PIN_COST_TEST, a) == 0);
	CHECK(store_pin_key("482913", salt, &STORE_PIN_COST_TEST, b) == 0);
	CHECK(store_pin_key("482914", salt, &STORE_PIN_COST_TEST, c) == 0);
	CHECK(store_pin_key("482913", salt2, &STORE_PIN_COST_TEST, d) == 0);
	CHECK(memcmp(a, b, 32) == 0);
	CHECK(memcmp(a, c, 32) != 0);
	CHECK(memcmp(a, d, 32) != 0);
}

/* Owner-only, whatever umask the kiosk was started with. */
static int mode_of(const char *dir, const char *name)
{
	struct stat st;
	char *p = mk_path_join(dir, name);
	int m = p && stat(p, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
	free(p);
	return m;
}

static void test_open_fresh(const char *dir)
{
	store *s = NULL;
	mode_t old = umask(022);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	umask(old);
	if (!s)
		return;
	CHECK_MSG(mode_of(dir, "kiosk.db") == 0600, "kiosk.db is %o", mode_of(dir, "kiosk.db"));
	CHECK_MSG(mode_of(dir, "kiosk.db-wal") == 0600, "kiosk.db-wal is %o", mode_of(dir, "kiosk.db-wal"));
	CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);
	CHECK(query_int(s, "PRAGMA user_version") == STORE_SCHEMA_VERSION);
	CHECK(query_int(s, "PRAGMA synchronous") == 2); /* FULL */
	CHECK(query_int(s, "PRAGMA foreign_keys") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN"
			" ('patients','courses','records','outbox','sessions','reports','alerts','photos',"
			"'audit')") == 9);
	store_close(s);
}

static void test_records(const char *dir, const uint8_t pk[32], const uint8_t sk[32],
			 char uuid[37])
{
	uint8_t pkey[32], other[32], pk2[32], sk2[32];
	const char text[] = "pain=3 area=thighs note=" MARKER;
	store *s = NULL;
	void *plain = NULL;
	size_t n = 0;
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	memset(pkey, 7, sizeof pkey);
	memset(other, 8, sizeof other);
	int64_t pid = add_patient(s, "ABCD2345");
	CHECK_MSG(store_record_add(s, pk, pkey, pid, "symptom", text, sizeof text - 1, uuid) == 0,
		  "%s", mk_err_msg());
	CHECK(uuid_ok(uuid));
	CHECK(query_int(s, "SELECT count(*) FROM records") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM outbox o JOIN records r ON r.uuid = o.record_uuid") == 1);

	CHECK(store_record_read(s, pkey, uuid, &plain, &n) == 0);
	CHECK(n == sizeof text - 1 && plain && memcmp(plain, text, n) == 0);
	store_plain_free(plain, n);
	CHECK(store_record_open_clinic(s, pk, sk, uuid, &plain, &n) == 0);
	CHECK(n == sizeof text - 1 && plain && strcmp(plain, text) == 0);
	store_plain_free(plain, n);

	CHECK(store_record_read(s, other, uuid, &plain, &n) == MK_EINVAL && plain == NULL);
	CHECK(strstr(mk_err_msg(), "cannot be opened") != NULL);
	CHECK(store_keygen(pk2, sk2) == 0);
	CHECK(store_record_open_clinic(s, pk2, sk2, uuid, &plain, &n) == MK_EINVAL && !plain);
	CHECK(store_record_read(s, pkey, "00000000-0000-4000-8000-000000000000", &plain, &n)
	      == MK_ENOTFOUND);

	/* While open, the newest pages live in the WAL: search both files. */
	CHECK(!file_has(dir, "kiosk.db", MARKER));
	CHECK(!file_has(dir, "kiosk.db-wal", MARKER));
	CHECK(file_has(dir, "kiosk.db-wal", "ABCD2345") || file_has(dir, "kiosk.db", "ABCD2345"));
	store_close(s);
	CHECK(!file_has(dir, "kiosk.db", MARKER));
}

/* A ciphertext moved to another record's row must not open (uuid is AD). */
static void test_swap(const char *dir, const uint8_t pk[32])
{
	uint8_t pkey[32];
	char u1[37] = "", u2[37] = "";
	store *s = NULL;
	void *plain = NULL;
	size_t n;
	memset(pkey, 7, sizeof pkey);
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	CHECK(store_record_add(s, pk, pkey, 1, "note", "one", 3, u1) == 0);
	CHECK(store_record_add(s, pk, pkey, 1, "note", "two", 3, u2) == 0);
	char *sql = mk_asprintf("UPDATE records SET (wrapped_key, nonce, ciphertext) ="
				" (SELECT wrapped_key, nonce, ciphertext FROM records WHERE uuid='%s')"
				" WHERE uuid='%s'", u1, u2);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	CHECK(store_record_read(s, pkey, u2, &plain, &n) == MK_EINVAL && !plain);
	store_close(s);
}

/* The record and its outbox row are one transaction: when the outbox
 * insert fails, the record is not saved either. */
static void test_atomic(const char *dir, const uint8_t pk[32])
{
	uint8_t pkey[32] = { 1 };
	char uuid[37] = "";
	store *s = NULL;
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	long long before = query_int(s, "SELECT count(*) FROM records");
	CHECK(store_exec(s, "CREATE TEMP TRIGGER no_outbox BEFORE INSERT ON outbox"
			 " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END", "test") == 0);
	CHECK(store_record_add(s, pk, pkey, 1, "symptom", "x", 1, uuid) != 0);
	CHECK(uuid[0] == 0);
	CHECK(query_int(s, "SELECT count(*) FROM records") == before);
	CHECK(store_exec(s, "DROP TRIGGER no_outbox", "test") == 0);
	/* A record for no patient is refused by the foreign key, outbox too. */
	CHECK(store_record_add(s, pk, pkey, 9999, "symptom", "x", 1, uuid) != 0);
	CHECK(query_int(s, "SELECT count(*) FROM records") == before);
	CHECK(query_int(s, "SELECT count(*) FROM outbox") == before);
	store_close(s);
}

static void test_reopen(const char *dir, const char *uuid)
{
	uint8_t pkey[32];
	store *s = NULL;
	void *plain = NULL;
	size_t n = 0;
	memset(pkey, 7, sizeof pkey);
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	CHECK(store_schema_version(s) == STORE_SCHEMA_VERSION);
	CHECK(query_int(s, "SELECT count(*) FROM patients WHERE code='ABCD2345'") == 1);
	CHECK(store_record_read(s, pkey, uuid, &plain, &n) == 0);
	CHECK(plain && strstr(plain, MARKER) != NULL);
	store_plain_free(plain, n);
	store_close(s);
}

static void test_newer_refused(const char *dir)
{
	char *path = mk_path_join(dir, "kiosk.db");
	sqlite3 *db = NULL;
	store *s = NULL;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(store_open(&s, dir) == MK_EINVAL && s == NULL);
	char *want = mk_asprintf("kiosk.db was written by a newer Mesokiosk "
				 "(schema 99, this build knows %d)", STORE_SCHEMA_VERSION);
	CHECK_MSG(strstr(mk_err_msg(), want) != NULL, "%s", mk_err_msg());
	free(want);
	/* Refused without writing: the file is as the newer build left it. */
	sqlite3_stmt *st;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 99);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
}

static void test_unwritable(const char *dir)
{
	char *file = mk_path_join(dir, "plain-file"), *under = mk_path_join(file, "data");
	store *s = NULL;
	CHECK(mk_write_atomic(file, "x", 1) == 0);
	CHECK(store_open(&s, under) == MK_EIO && s == NULL);
	char *want = mk_asprintf("the data folder %s cannot be created", under);
	CHECK_MSG(strstr(mk_err_msg(), want) == mk_err_msg(), "%s", mk_err_msg());
	free(want);
	if (geteuid() != 0) {
		char *ro = mk_path_join(dir, "ro");
		CHECK(mk_mkdir_p(ro, 0500) == 0);
		CHECK(store_open(&s, ro) == MK_EIO && s == NULL);
		want = mk_asprintf("the data folder %s is not writable", ro);
		CHECK_MSG(strstr(mk_err_msg(), want) == mk_err_msg(), "%s", mk_err_msg());
		free(want);
		chmod(ro, 0700);
		free(ro);
	} else {
		printf("note: running as root, which writes through permissions:"
		       " the read-only (0500) data folder check is skipped\n");
	}
	free(under);
	free(file);
}

/* The clinic key pair as `mesokiosk keygen` writes it: the private key
 * readable by its owner only, never overwritten, and read back whole; the
 * record tests below then run with these keys. */
static void test_key_files(const char *dir, uint8_t pk[32], uint8_t sk[32])
{
	struct stat st;
	char *prefix = mk_path_join(dir, "clinic");
	char *pub = mk_asprintf("%s.pub", prefix), *key = mk_asprintf("%s.key", prefix);
	CHECK(store_keys_write(prefix) == 0);
	CHECK(stat(key, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(stat(pub, &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(store_keys_write(prefix) == MK_EINVAL && strstr(mk_err_msg(), "not overwriting"));
	CHECK(store_key_read(pub, pk) == 0);
	CHECK(store_key_read(key, sk) == 0);
	CHECK(memcmp(pk, sk, 32) != 0);
	CHECK(mk_write_atomic(key, "zz\n", 3) == 0);
	uint8_t junk[32];
	CHECK(store_key_read(key, junk) == MK_EINVAL && strstr(mk_err_msg(), "not a key"));
	free(prefix), free(pub), free(key);
}

int main(void)
{
	uint8_t pk[32], sk[32];
	char uuid[37] = "";
	char *dir = tmp_dir();
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_crypto_init() == 0);
	test_key_files(dir, pk, sk);
	test_uuid();
	test_pin_key();
	test_open_fresh(dir);
	test_records(dir, pk, sk, uuid);
	test_swap(dir, pk);
	test_atomic(dir, pk);
	test_reopen(dir, uuid);
	test_newer_refused(dir);
	test_unwritable(dir);
	free(dir);
	return check_done();
}
