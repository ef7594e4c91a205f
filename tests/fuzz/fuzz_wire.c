/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `wire`: the store's wire form (store_wire.c), from both
 * ends. The input is a record as staff and a patient could make it on the
 * kiosk; it is saved in a real kiosk store, turned into the wire object the
 * sync worker sends (store_outbox_wire), and read by the collector as it
 * reads a batch item (api_item_parse, then cstore_record_put into a real
 * collector store), so whatever the kiosk can save and send, the collector
 * must take.
 *
 * The input, little-endian and signed but for 0, 6 and 7:
 *
 *   0      kind: 0 report, 1 report with an alert, 2 photo, 3 erasure;
 *          +4: no course
 *   1      course grade                2-3   sessions planned
 *   4-5    interval in days            6     sessions done (at most 70)
 *   7      alert level                 8-9   the record's session
 *   10-11  photo area                  12-15 photo width  16-19 height
 *   20-21  course start, days after 2026-09-21
 *   22...  plan, NUL, area, NUL, content (the report, alert or photo
 *          metadata; for a photo also its image and thumbnail bytes)
 *
 * What must hold: the store refuses the record, or every item it queues
 * has a wire object that is JSON; the collector accepts its shape and
 * stores it (a photo waits for its files: pending); the clinic's key opens
 * the ciphertext to exactly the content saved; staff text comes back as
 * written when it was UTF-8 (bytes that are not are replaced, never
 * dropped into invalid JSON); a photo's files are named with their real
 * size and SHA-256.
 */
#include "fuzz.h"
#include "api_int.h"
#include "store.h"
#include <jansson.h>
#include <sodium.h>

#define T_NOW 1795000000
#define T_START 1790000000
#define PIN "482913"
#define ROTATE 200 /* inputs per patient: an erasure keeps the kiosk store small */

static store *st;
static cstore *col;
static char kiosk_id[CSTORE_ID];
static uint8_t pk[32], sk[32], pkey[32];
static int64_t patient;
static unsigned inputs;

typedef struct {
	int kind, no_course, grade, planned, interval, done, session, level, area, width, height;
	int64_t started_at;
	const char *plan, *area_text, *content;
	size_t content_len;
} recipe;

static void done(void)
{
	store_close(st);
	cstore_close(col);
}

static void new_patient(void)
{
	char code[STORE_CODE_LEN + 1], req[STORE_UUID_LEN + 1];
	int64_t id;
	if (patient)
		FUZZ_CHECK(store_patient_erase(st, patient, req) == 0, "erase: %s", mk_err_msg());
	FUZZ_CHECK(store_patient_enrol(st, PIN, &STORE_PIN_COST_TEST, code, &id) == 0 &&
		   store_patient_unlock(st, code, PIN, T_NOW, pkey, &patient) == 0,
		   "enrol: %s", mk_err_msg());
}

/* Acknowledges whatever is queued, so each input sees only its own items. */
static void drain(void)
{
	store_outbox_item items[16];
	int n = 0;
	do {
		FUZZ_CHECK(store_outbox_next(st, 16, items, &n) == 0, "outbox: %s", mk_err_msg());
		for (int i = 0; i < n; i++)
			store_outbox_ack(st, items[i].uuid);
	} while (n > 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char token[CSTORE_TOKEN], *kdir = fuzz_path("kiosk"), *cdb = fuzz_path("collector.db");
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	if (store_keygen(pk, sk) != 0 || store_open(&st, kdir) != 0 || cstore_open(&col, cdb) != 0 ||
	    cstore_kiosk_add(col, "fuzz", kiosk_id, token) != 0) {
		fprintf(stderr, "fuzz_wire: %s\n", mk_err_msg());
		abort();
	}
	free(kdir);
	free(cdb);
	new_patient();
	drain();
	atexit(done);
	return 0;
}

static int s16(const uint8_t *p)
{
	return (int16_t)(p[0] | p[1] << 8);
}

static int s32(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			 (uint32_t)p[3] << 24);
}

/* The input as a recipe; -1 when it is too short. Strings point into buf,
 * a NUL-terminated copy of the input that the caller frees. */
static int read_recipe(const uint8_t *data, size_t size, recipe *r, char **buf)
{
	const size_t head = 22;
	if (size < head)
		return -1;
	memset(r, 0, sizeof *r);
	r->kind = data[0] & 3, r->no_course = (data[0] & 4) != 0;
	r->grade = (int8_t)data[1], r->planned = s16(data + 2), r->interval = s16(data + 4);
	r->done = data[6] % 71, r->level = data[7], r->session = s16(data + 8);
	r->area = s16(data + 10), r->width = s32(data + 12), r->height = s32(data + 16);
	r->started_at = T_START + 86400LL * s16(data + 20);
	*buf = malloc(size - head + 3);
	FUZZ_CHECK(*buf, "out of memory");
	memcpy(*buf, data + head, size - head);
	memset(*buf + size - head, 0, 3);
	const char *end = *buf + size - head;
	r->plan = *buf;
	r->area_text = r->plan + strlen(r->plan) + 1;
	r->content = r->area_text + strlen(r->area_text) + 1;
	if (r->content > end) /* the input ends before its content */
		r->content = end;
	r->content_len = (size_t)(end - r->content);
	return 0;
}

static const char *jstr(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);
	return json_string_value(b ? json_object_get(v, b) : v);
}

/* What the clinic opens must be exactly what was saved. */
static void check_opens(const api_item *it, const char *want)
{
	void *plain = NULL;
	size_t n = 0;
	const cstore_record *rec = &it->rec;
	FUZZ_CHECK(store_open_sealed(pk, sk, rec->uuid, rec->sealed_key, rec->sealed_len, rec->nonce,
				     rec->nonce_len, rec->ciphertext, rec->ct_len, &plain, &n) == 0,
		   "%s does not open: %s", rec->uuid, mk_err_msg());
	FUZZ_CHECK(n == strlen(want) && !memcmp(plain, want, n), "%s opens to other bytes", rec->uuid);
	store_plain_free(plain, n);
}

static void check_item(const recipe *r, const store_outbox_item *item, const char *alert)
{
	store_photo_file files[2];
	char *text = NULL, reason[200];
	json_error_t e;
	api_item it;
	int rc = store_outbox_wire(st, item, &text, files);
	FUZZ_CHECK(rc == 0, "%s %s: %s", item->kind, item->uuid, mk_err_msg());
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "%s\n", text);
	json_t *o = json_loads(text, 0, &e);
	FUZZ_CHECK(json_is_object(o), "not JSON (%s): %s", e.text, text);
	FUZZ_CHECK(api_item_parse(o, &it, reason) == 0, "the collector refuses %s: %s", text, reason);
	const char *kind = it.rec.kind;
	if (!strcmp(kind, "erasure")) {
		FUZZ_CHECK(r->kind == 3, "an erasure from kind %d", r->kind);
	} else {
		FUZZ_CHECK(it.rec.has_course == !r->no_course, "course");
		if (it.rec.has_course && mk_utf8_valid(r->plan, strlen(r->plan)))
			FUZZ_CHECK(!strcmp(jstr(o, "course", "plan"), r->plan), "plan changed");
		if (it.rec.has_course && mk_utf8_valid(r->area_text, strlen(r->area_text)))
			FUZZ_CHECK(!strcmp(jstr(o, "course", "area"), r->area_text), "area changed");
		check_opens(&it, !strcmp(kind, "alert") ? alert : r->content);
	}
	if (!strcmp(kind, "photo"))
		for (int i = 0; i < 2; i++)
			FUZZ_CHECK(!strcmp(it.rec.sha256[i], files[i].sha256) &&
				   it.rec.size[i] == files[i].size, "photo file %d", i);
	rc = cstore_record_put(col, kiosk_id, &it.rec, T_NOW, reason);
	FUZZ_CHECK(rc == 0 || (rc == MK_EAGAIN && !strcmp(kind, "photo") && reason[0]),
		   "the collector does not store %s (%d): %s %s", text, rc, reason, mk_err_msg());
	api_item_free(&it);
	json_decref(o);
	free(text);
	store_outbox_ack(st, item->uuid);
}

/* Saves what the recipe says; 0 when the store took it. */
static int save(const recipe *r, const char *course, const char *alert)
{
	char uuid[STORE_UUID_LEN + 1], code[STORE_CODE_LEN + 1];
	int64_t id;
	if (r->kind == 3) { /* someone else's erasure */
		FUZZ_CHECK(store_patient_enrol(st, PIN, &STORE_PIN_COST_TEST, code, &id) == 0,
			   "enrol: %s", mk_err_msg());
		return store_patient_erase(st, id, uuid);
	}
	if (r->kind == 2) {
		size_t half = r->content_len / 2;
		store_photo p = { .clinic_pk = pk, .patient_key = pkey, .patient_id = patient,
				  .course_uuid = course, .session = r->session, .area = r->area,
				  .image = r->content, .image_len = r->content_len - half,
				  .thumb = r->content + r->content_len - half, .thumb_len = half,
				  .width = r->width, .height = r->height, .meta_json = r->content };
		return store_photo_add(st, &p, uuid);
	}
	store_report rep = { .clinic_pk = pk, .patient_key = pkey, .patient_id = patient,
			     .course_uuid = course, .session = r->session, .json = r->content,
			     .alert_level = r->kind == 1 ? r->level : 0, .alert_json = alert };
	return store_report_add(st, &rep, uuid);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char course[STORE_UUID_LEN + 1] = "", *buf = NULL, alert[64];
	store_outbox_item items[16];
	recipe r;
	int n = 0;
	if (read_recipe(data, size, &r, &buf) != 0)
		return 0;
	if (++inputs % ROTATE == 0) {
		new_patient();
		drain();
	}
	snprintf(alert, sizeof alert, "{\"rule\":\"fuzz\",\"level\":%d}", r.level);
	if (!r.no_course && r.kind != 3) {
		store_course c = { .grade = r.grade, .sessions_planned = r.planned,
				   .interval_days = r.interval, .started_at = r.started_at };
		snprintf(c.plan, sizeof c.plan, "%s", r.plan);
		snprintf(c.area, sizeof c.area, "%s", r.area_text);
		if (strlen(r.plan) >= sizeof c.plan || strlen(r.area_text) >= sizeof c.area ||
		    store_course_start(st, patient, &c, course) != 0)
			goto out; /* refused: nothing to send */
		for (int i = 0; i < r.done; i++)
			FUZZ_CHECK(store_session_done(st, course, r.started_at + 86400LL * i) == 0,
				   "session: %s", mk_err_msg());
	}
	if (save(&r, r.no_course ? NULL : course, alert) != 0)
		goto out;
	FUZZ_CHECK(store_outbox_next(st, 16, items, &n) == 0 && n >= 1, "nothing queued");
	for (int i = 0; i < n; i++)
		check_item(&r, &items[i], alert);
out:
	if (getenv("MK_FUZZ_VERBOSE") && !n)
		fprintf(stderr, "refused: %s\n", mk_err_msg());
	free(buf);
	return 0;
}
