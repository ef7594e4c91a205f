/* SPDX-License-Identifier: MIT */
/*
 * bench_clinic DB CLINIC.pub OUT_DIR PATIENTS RECORDS KIOSKS: a clinic made
 * up for scripts/bench, written straight into a collector's database (an
 * SQLite file or a postgresql:// URI) through cstore: KIOSKS kiosks (their
 * tokens in OUT_DIR/tokens, one a line), PATIENTS patients spread over them,
 * each with a course of 8 sessions and RECORDS / PATIENTS records over the
 * last year: symptom reports and, one in 50, a red-flag alert (all but one
 * in 20 of them acknowledged). Every record is sealed to CLINIC.pub the way a
 * kiosk seals it (a record key sealed with crypto_box_seal, the JSON under
 * XChaCha20-Poly1305 with the record's UUID as additional data), so the
 * dashboard and the exports open them; one key per patient keeps it fast.
 * Patient k's code is "G" and k in 7 digits of the kiosk's code alphabet.
 * A dashboard session for user "bench" goes to OUT_DIR/cookie. Prints
 * "clinic patients=P records=R seconds=S per_second=N".
 */
#include "cstore_int.h"
#include "core.h"
#include "store.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSIONS 8
#define TX_ROWS 5000
#define DAY 86400

typedef struct {
	cdb *db;
	uint8_t pk[32];
	char (*kiosk)[CSTORE_ID];
	int64_t *sent; /* records per kiosk */
	int kiosks;
	int64_t now, rows;
} gen;

typedef struct {
	char uuid[CSTORE_UUID], code[16], course[CSTORE_UUID];
	const char *kiosk;
	int n; /* the patient's number */
	uint8_t key[32], sealed[crypto_box_SEALBYTES + 32];
	int64_t start;
} patient;

/* Patient k's code: "G" and k in 7 digits of the kiosk's code alphabet. */
static void bench_code(int k, char out[16])
{
	static const char a[] = STORE_CODE_ALPHABET;
	out[0] = 'G';
	for (int i = 7; i >= 1; i--, k /= (int)(sizeof a - 1))
		out[i] = a[k % (int)(sizeof a - 1)];
	out[8] = 0;
}

/* Commits every TX_ROWS rows, so a run holds no giant transaction. */
static int row_done(gen *g)
{
	if (++g->rows % TX_ROWS)
		return 0;
	int rc = cdb_commit(g->db);
	return rc ? rc : cdb_begin(g->db);
}

static int put_record(gen *g, const patient *p, const char *kind, int i, int64_t at,
		      const char *json)
{
	uint8_t nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES], ct[1024];
	unsigned long long n = 0;
	char uuid[CSTORE_UUID];
	int alert = !strcmp(kind, "alert"), rc;
	store_uuid(uuid);
	randombytes_buf(nonce, sizeof nonce);
	crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &n, (const uint8_t *)json, strlen(json),
						   (const uint8_t *)uuid, 36, NULL, nonce, p->key);
	rc = cs_run(g->db, NULL, "INSERT INTO records (uuid, kind, patient_uuid, course_uuid,"
		    " kiosk_id, created_at, received_at, session, alert_level, sealed_key, nonce,"
		    " ciphertext) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
		    "tttttiiddbbb", uuid, kind, p->uuid, p->course, p->kiosk, at, at + 60,
		    i % SESSIONS + 1, alert, p->sealed, sizeof p->sealed, nonce, sizeof nonce, ct,
		    (size_t)n);
	if (!rc && alert && (p->n + i / 50) % 20)
		rc = cs_run(g->db, NULL, "INSERT INTO alert_acks (uuid, user_name, at) VALUES"
			    " ($1, 'bench', $2)", "ti", uuid, at + 600);
	return rc ? rc : row_done(g);
}

static int put_one(gen *g, const patient *p, int i, int64_t at)
{
	char json[512];
	if (i % 50 == 49) {
		snprintf(json, sizeof json, "{\"v\":1,\"type\":\"red-flag\",\"rule\":\"fever\","
			 "\"level\":\"call\",\"patient_code\":\"%s\",\"triggers\":{\"fever\":4}}",
			 p->code);
		return put_record(g, p, "alert", i, at, json);
	}
	snprintf(json, sizeof json, "{\"v\":1,\"type\":\"symptom-report\",\"recall\":"
		 "\"since-last-session\",\"content_version\":\"2026-11-01\",\"lang\":\"en\","
		 "\"course\":\"%s\",\"session\":%d,\"areas\":[\"thighs\"],\"answers\":{"
		 "\"breathing\":0,\"pain\":%d,\"bruising\":%d,\"swelling\":%d,\"itching\":%d},"
		 "\"note\":\"\"}", p->course, i % SESSIONS + 1, i % 5, (i / 3) % 5, (i / 7) % 5,
		 (i + 2) % 5);
	return put_record(g, p, "report", i, at, json);
}

static int put_patient(gen *g, int k, int records)
{
	patient p;
	int rc;
	memset(&p, 0, sizeof p);
	store_uuid(p.uuid);
	store_uuid(p.course);
	bench_code(k, p.code);
	p.n = k;
	p.kiosk = g->kiosk[k % g->kiosks];
	p.start = g->now - 365 * DAY + (int64_t)(k % 300) * DAY;
	crypto_aead_xchacha20poly1305_ietf_keygen(p.key);
	crypto_box_seal(p.sealed, p.key, 32, g->pk);
	rc = cs_run(g->db, NULL, "INSERT INTO patients (uuid, code, kiosk_id, first_seen, last_record)"
		    " VALUES ($1, $2, $3, $4, $5)", "tttii", p.uuid, p.code, p.kiosk, p.start,
		    p.start + (int64_t)records * 3600);
	if (!rc)
		rc = cs_run(g->db, NULL, "INSERT INTO courses (uuid, patient_uuid, plan, grade, area,"
			    " sessions_planned, interval_days, started_at) VALUES ($1, $2, 'standard',"
			    " 2, 'thighs', $3, 14, $4)", "ttdi", p.course, p.uuid, SESSIONS, p.start);
	for (int s = 0; s < SESSIONS && !rc; s++) {
		char su[CSTORE_UUID];
		store_uuid(su);
		rc = cs_run(g->db, NULL, "INSERT INTO sessions (uuid, course_uuid, patient_uuid, done_at)"
			    " VALUES ($1, $2, $3, $4)", "ttti", su, p.course, p.uuid,
			    p.start + (int64_t)s * 14 * DAY);
	}
	for (int i = 0; i < records && !rc; i++)
		rc = put_one(g, &p, i, p.start + (int64_t)i * 3600);
	sodium_memzero(p.key, sizeof p.key);
	return rc;
}

static int kiosks_and_session(cstore *cs, gen *g, const char *dir)
{
	char path[4096], token[CSTORE_TOKEN], sid[CSTORE_HEX], csrf[CSTORE_HEX];
	snprintf(path, sizeof path, "%s/tokens", dir);
	FILE *f = fopen(path, "w");
	int rc = f ? 0 : mk_err(MK_EIO, "%s: cannot write", path);
	for (int i = 0; i < g->kiosks && !rc; i++) {
		char label[32];
		snprintf(label, sizeof label, "Room %d", i + 1);
		if ((rc = cstore_kiosk_add(cs, label, g->kiosk[i], token)) == 0)
			fprintf(f, "%s\n", token);
	}
	if (f && fclose(f) && !rc)
		rc = mk_err(MK_EIO, "%s: cannot write", path);
	cstore_set_user_cost(cs, 1, 8192);
	if (!rc && (rc = cstore_user_add(cs, "bench", "bench-password")) == MK_EEXIST)
		rc = 0;
	if (!rc)
		rc = cstore_session_new(cs, "bench", g->now, sid, csrf);
	snprintf(path, sizeof path, "%s/cookie", dir);
	if (!rc && (rc = mk_write_atomic(path, sid, strlen(sid))) == 0) {
		snprintf(path, sizeof path, "%s/csrf", dir);
		rc = mk_write_atomic(path, csrf, strlen(csrf));
	}
	return rc;
}

static int generate(gen *g, int patients, int64_t records)
{
	int rc = cdb_begin(g->db);
	for (int k = 0; k < patients && !rc; k++) {
		int64_t mine = records / patients + (k < records % patients);
		rc = put_patient(g, k, (int)mine);
		g->sent[k % g->kiosks] += mine;
	}
	if (!rc)
		rc = cdb_commit(g->db);
	else
		cdb_rollback(g->db);
	for (int i = 0; i < g->kiosks && !rc; i++)
		rc = cs_run(g->db, NULL, "UPDATE kiosks SET last_seen = $1, last_success = $1,"
			    " records = $2 WHERE id = $3", "iit", g->now, g->sent[i], g->kiosk[i]);
	/* What a real clinic's autovacuum would have done to a year of records
	 * on PostgreSQL: statistics, and the visibility map that lets an
	 * index-only scan skip the table. */
	return rc ? rc : cdb_exec(g->db, cdb_is_pg(g->db) ? "VACUUM ANALYZE" : "ANALYZE");
}

int main(int argc, char **argv)
{
	gen g = { 0 };
	cstore *cs = NULL;
	int patients = argc == 7 ? atoi(argv[4]) : 0;
	int64_t records = argc == 7 ? atoll(argv[5]) : 0;
	g.kiosks = argc == 7 ? atoi(argv[6]) : 0;
	if (patients < 1 || records < patients || g.kiosks < 1 || store_crypto_init())
		return fprintf(stderr, "usage: bench_clinic DB CLINIC.pub OUT_DIR PATIENTS RECORDS"
			       " KIOSKS\n"), 2;
	g.now = (int64_t)time(NULL);
	g.kiosk = calloc((size_t)g.kiosks, sizeof *g.kiosk);
	g.sent = calloc((size_t)g.kiosks, sizeof *g.sent);
	int rc = g.kiosk && g.sent ? store_key_read(argv[2], g.pk) : MK_ENOMEM;
	if (!rc)
		rc = cstore_open(&cs, argv[1]);
	if (!rc)
		rc = kiosks_and_session(cs, &g, argv[3]);
	uint64_t t0 = mk_mono_ns();
	if (!rc) {
		g.db = cs_take(cs);
		rc = generate(&g, patients, records);
		cs_give(cs, g.db);
	}
	double s = (double)(mk_mono_ns() - t0) / 1e9;
	cstore_close(cs);
	free(g.kiosk);
	free(g.sent);
	if (rc)
		return fprintf(stderr, "bench_clinic: %s\n", mk_err_msg()), 1;
	printf("clinic patients=%d records=%lld seconds=%.1f per_second=%.0f\n", patients,
	       (long long)g.rows, s, (double)g.rows / s);
	return 0;
}
