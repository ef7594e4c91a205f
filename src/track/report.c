/* SPDX-License-Identifier: MIT */
/*
 * The symptom report: filling it in (which item comes next, given the areas
 * marked and the answers so far), the red-flag check, the JSON that gets
 * encrypted, the durable save, and reading past reports back for charts.
 *
 * The JSON is small and written by us, so reading it back needs only the
 * "answers" object: {"pain":2,"bruising":0,...}. Item ids, not positions,
 * carry the answers, so staff may reorder or add questions without making
 * old reports wrong (an id that no longer exists is skipped).
 */
#include "track_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>

static const content_questionnaire *qn(const track *t)
{
	return &t->m->q;
}

static int n_items(const track *t)
{
	int n = qn(t)->n_items;
	return n > TRACK_MAX_ITEMS ? TRACK_MAX_ITEMS : n;
}

static void remember_ids(track *t)
{
	memset(t->ids, 0, sizeof t->ids);
	for (int i = 0; i < n_items(t); i++)
		snprintf(t->ids[i], TRACK_ID_MAX, "%s", qn(t)->items[i].id);
}

void track_report_begin(track *t, int lang)
{
	track_wipe(&t->draft, sizeof t->draft);
	for (int i = 0; i < TRACK_MAX_ITEMS; i++)
		t->draft.scores[i] = -1;
	t->draft.lang = lang;
	remember_ids(t);
}

track_report *track_draft(track *t)
{
	return &t->draft;
}

void track_set_model(track *t, const content_model *m)
{
	int old[TRACK_MAX_ITEMS];
	char ids[TRACK_MAX_ITEMS][TRACK_ID_MAX];
	memcpy(old, t->draft.scores, sizeof old);
	memcpy(ids, t->ids, sizeof ids);
	t->m = m;
	for (int i = 0; i < TRACK_MAX_ITEMS; i++)
		t->draft.scores[i] = -1;
	for (int j = 0; j < TRACK_MAX_ITEMS; j++) {
		int i = ids[j][0] ? content_item_index(&m->q, ids[j]) : -1;
		if (i >= 0 && i < TRACK_MAX_ITEMS)
			t->draft.scores[i] = old[j];
	}
	remember_ids(t);
	track_wipe(old, sizeof old);
}

static int applies(const track *t, int i)
{
	return content_item_applies(qn(t), i, t->draft.areas, t->draft.scores);
}

int track_next_item(const track *t, int after)
{
	for (int i = after + 1; i < n_items(t); i++)
		if (applies(t, i))
			return i;
	return -1;
}

int track_prev_item(const track *t, int before)
{
	if (before < 0)
		before = n_items(t);
	for (int i = before - 1; i >= 0; i--)
		if (applies(t, i))
			return i;
	return -1;
}

/* Follow-up questions (show_if) are not counted: the total a patient
 * reads does not grow as they answer ("2 of 12" never becomes "3 of 13"),
 * and a follow-up says so instead of taking a number (pos 0). */
void track_item_position(const track *t, int i, int *pos, int *total)
{
	*pos = *total = 0;
	for (int j = 0; j < n_items(t); j++) {
		if (qn(t)->items[j].show_if_item >= 0 || !applies(t, j))
			continue;
		(*total)++;
		if (j <= i)
			*pos = *total;
	}
	if (i >= 0 && i < n_items(t) && qn(t)->items[i].show_if_item >= 0)
		*pos = 0;
}

int track_flag(const track *t)
{
	int scores[TRACK_MAX_ITEMS + 64];
	int n = qn(t)->n_items;
	/* content_flag_match reads one score per item; unasked ones are -1. */
	for (int i = 0; i < n && i < (int)(sizeof scores / sizeof scores[0]); i++)
		scores[i] = i < TRACK_MAX_ITEMS && applies(t, i) ? t->draft.scores[i] : -1;
	return content_flag_match(qn(t), scores);
}

/* ---- JSON */

typedef struct {
	char *s;
	size_t len, cap;
	int failed;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Not realloc: the old buffer holds answers and the note, and a freed block
 * keeps its bytes. It is wiped before it goes back to the heap. */
static int grow(buf *b, size_t cap)
{
	char *s = malloc(cap);
	if (!s)
		return 0;
	if (b->s) {
		memcpy(s, b->s, b->len);
		track_wipe(b->s, b->cap);
		free(b->s);
	}
	b->s = s;
	b->cap = cap;
	return 1;
}

/* Frees what put built, wiped. */
static void buf_drop(buf *b)
{
	track_wipe(b->s, b->cap);
	free(b->s);
	b->s = NULL;
}

static void put(buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		if (!grow(b, (b->cap + (size_t)n + 256) * 2)) {
			b->failed = 1;
			return;
		}
	}
}

static void put_str(buf *b, const char *s)
{
	put(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(b, "\\%c", c);
		else if (c < 0x20)
			put(b, "\\u%04x", c);
		else
			put(b, "%c", c);
	}
	put(b, "\"");
}

static void put_areas(buf *b, unsigned areas)
{
	int first = 1;
	put(b, "\"areas\":[");
	for (int a = 0; a < CONTENT_AREA_COUNT; a++) {
		if (!(areas & (1u << a)))
			continue;
		put(b, "%s", first ? "" : ",");
		put_str(b, content_area_name((content_area)a));
		first = 0;
	}
	put(b, "]");
}

/* The clinic reads the dashboard in English where the content has it (the
 * manifest's first language otherwise): the words the patient chose and
 * the question's short name go with the scores, so the clinic sees "Yes"
 * or "3 to 6 days" rather than a number on a severity scale it never was. */
static int clinic_lang(const track *t)
{
	for (int l = 0; l < t->m->n_langs; l++)
		if (t->m->langs[l] && !strcmp(t->m->langs[l], "en"))
			return l;
	return 0;
}

static const char *word_of(const track *t, int i, int score)
{
	const content_scale *sc = &qn(t)->scales[qn(t)->items[i].scale];
	for (int k = 0; k < sc->n_options; k++)
		if (sc->scores[k] == score)
			return sc->options[k].s[clinic_lang(t)];
	return NULL;
}

/* "words":{id:"Yes",...},"names":{id:"Breathing or swelling now",...} for
 * the items at the given indices with their scores. */
static void put_words(buf *b, const track *t, const int *items, const int *scores, int n)
{
	const char *w;
	int first = 1;
	put(b, ",\"words\":{");
	for (int k = 0; k < n; k++) {
		if (!(w = word_of(t, items[k], scores[k])))
			continue;
		put(b, "%s", first ? "" : ",");
		put_str(b, qn(t)->items[items[k]].id);
		put(b, ":");
		put_str(b, w);
		first = 0;
	}
	put(b, "},\"names\":{");
	for (int k = 0; k < n; k++) {
		const char *name = qn(t)->items[items[k]].short_name.s[clinic_lang(t)];
		put(b, "%s", k ? "," : "");
		put_str(b, qn(t)->items[items[k]].id);
		put(b, ":");
		put_str(b, name ? name : qn(t)->items[items[k]].id);
	}
	put(b, "}");
}

char *track_report_json(const track *t, const store_course *c, int session)
{
	buf b = { 0 };
	int first = 1, n = 0, items[TRACK_MAX_ITEMS], scores[TRACK_MAX_ITEMS];
	put(&b, "{\"v\":1,\"type\":\"symptom-report\",\"recall\":\"since-last-session\",");
	put(&b, "\"content_version\":");
	put_str(&b, t->m->version ? t->m->version : "");
	put(&b, ",\"lang\":");
	put_str(&b, t->m->langs[t->draft.lang] ? t->m->langs[t->draft.lang] : "");
	put(&b, ",\"course\":");
	put_str(&b, c ? c->uuid : "");
	put(&b, ",\"session\":%d,", session);
	put_areas(&b, t->draft.areas);
	put(&b, ",\"answers\":{");
	for (int i = 0; i < n_items(t); i++) {
		if (t->draft.scores[i] < 0 || !applies(t, i))
			continue;
		put(&b, "%s", first ? "" : ",");
		put_str(&b, qn(t)->items[i].id);
		put(&b, ":%d", t->draft.scores[i]);
		items[n] = i;
		scores[n++] = t->draft.scores[i];
		first = 0;
	}
	put(&b, "}");
	put_words(&b, t, items, scores, n);
	put(&b, ",\"note\":");
	put_str(&b, t->draft.note);
	put(&b, "}");
	if (b.failed) {
		buf_drop(&b);
		return NULL;
	}
	return b.s;
}

char *track_alert_json(const track *t, int rule, const char *code)
{
	const content_rule *r = &qn(t)->rules[rule];
	const char *told = r->title.s[clinic_lang(t)];
	buf b = { 0 };
	int n = 0, items[2 * CONTENT_RULE_MAX_CONDITIONS], scores[2 * CONTENT_RULE_MAX_CONDITIONS];
	put(&b, "{\"v\":1,\"type\":\"red-flag\",\"rule\":");
	put_str(&b, r->id);
	put(&b, ",\"level\":");
	put_str(&b, r->level == CONTENT_FLAG_EMERGENCY ? "emergency" : "call");
	put(&b, ",\"told\":"); /* the title of the screen the patient saw */
	put_str(&b, told ? told : "");
	put(&b, ",\"patient_code\":");
	put_str(&b, code);
	put(&b, ",\"triggers\":{");
	for (int k = 0; k < r->n_all + r->n_any; k++) {
		int i = k < r->n_all ? r->all[k].item : r->any[k - r->n_all].item;
		put(&b, "%s", k ? "," : "");
		put_str(&b, qn(t)->items[i].id);
		put(&b, ":%d", i < TRACK_MAX_ITEMS ? t->draft.scores[i] : -1);
		if (i < TRACK_MAX_ITEMS && t->draft.scores[i] >= 0) {
			items[n] = i;
			scores[n++] = t->draft.scores[i];
		}
	}
	put(&b, "}");
	put_words(&b, t, items, scores, n);
	put(&b, "}");
	if (b.failed) {
		buf_drop(&b);
		return NULL;
	}
	return b.s;
}

int track_report_save(track *t, int *rule, char uuid_out[STORE_UUID_LEN + 1])
{
	store_course c;
	int have_course, rc, done = 0;
	char *json, *ajson = NULL;
	*rule = -1;
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	if (track_needs_consent(t))
		return mk_err(MK_EINVAL, "no consent: nothing is recorded");
	have_course = store_course_get_active(t->s, t->patient_id, &c) == 0;
	if (have_course)
		done = c.sessions_done;
	json = track_report_json(t, have_course ? &c : NULL, done);
	*rule = track_flag(t);
	if (*rule >= 0)
		ajson = track_alert_json(t, *rule, t->code);
	if (!json || (*rule >= 0 && !ajson)) {
		rc = mk_err(MK_ENOMEM, "out of memory");
	} else {
		store_report r = {
			.clinic_pk = t->clinic_pk, .patient_key = t->key, .patient_id = t->patient_id,
			.course_uuid = have_course ? c.uuid : NULL, .session = done, .json = json,
			.alert_level = *rule >= 0 ? qn(t)->rules[*rule].level : 0, .alert_json = ajson,
		};
		rc = store_report_add(t->s, &r, uuid_out);
	}
	if (json)
		track_wipe(json, strlen(json));
	if (ajson)
		track_wipe(ajson, strlen(ajson));
	free(json);
	free(ajson);
	return rc;
}

/* ---- Reading back */

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

int track_parse_answers(const content_questionnaire *q, const char *json, int scores[TRACK_MAX_ITEMS])
{
	const char *p = strstr(json, "\"answers\"");
	for (int i = 0; i < TRACK_MAX_ITEMS; i++)
		scores[i] = -1;
	if (!p || *(p = skip_ws(p + 9)) != ':' || *(p = skip_ws(p + 1)) != '{')
		return mk_err(MK_EINVAL, "report without answers");
	for (p = skip_ws(p + 1); *p == '"'; p = skip_ws(p)) {
		char id[TRACK_ID_MAX];
		const char *end = strchr(p + 1, '"');
		char *num_end;
		if (!end || end - p - 1 >= TRACK_ID_MAX)
			return mk_err(MK_EINVAL, "malformed answers");
		memcpy(id, p + 1, (size_t)(end - p - 1));
		id[end - p - 1] = 0;
		p = skip_ws(end + 1);
		if (*p != ':')
			return mk_err(MK_EINVAL, "malformed answers");
		long v = strtol(p + 1, &num_end, 10);
		int i = content_item_index(q, id);
		if (i >= 0 && i < TRACK_MAX_ITEMS && v >= 0 && v <= 4)
			scores[i] = (int)v;
		p = skip_ws(num_end);
		if (*p == ',')
			p = skip_ws(p + 1);
	}
	return 0;
}

static int read_one(track *t, const store_report_info *info, track_past *out)
{
	void *plain = NULL;
	size_t n = 0;
	int rc = store_record_read(t->s, t->key, info->uuid, &plain, &n);
	memset(out, 0, sizeof *out);
	out->at = info->created_at;
	out->session = info->session;
	out->alert_level = info->alert_level;
	if (rc == 0) {
		rc = track_parse_answers(qn(t), plain, out->scores);
		const char *note = strstr(plain, "\"note\":\"");
		out->has_note = note && note[8] != '"';
	}
	store_plain_free(plain, n);
	return rc;
}

int track_history(track *t, const track_past **out, int *n)
{
	store_report_info info[TRACK_MAX_REPORTS];
	int count = 0, rc;
	*out = NULL;
	*n = 0;
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	if (!t->past && !(t->past = calloc(TRACK_MAX_REPORTS, sizeof *t->past)))
		return mk_err(MK_ENOMEM, "out of memory");
	track_wipe(t->past, sizeof *t->past * TRACK_MAX_REPORTS);
	t->n_past = 0;
	if ((rc = store_report_list(t->s, t->patient_id, info, TRACK_MAX_REPORTS, &count)) != 0)
		return rc;
	for (int i = 0; i < count; i++)
		/* A report made before a PIN reset is not readable with the new
		 * key: it stays with the clinic, and is skipped here. */
		if (read_one(t, &info[i], &t->past[t->n_past]) == 0)
			t->n_past++;
	*out = t->past;
	*n = t->n_past;
	return 0;
}
