/* SPDX-License-Identifier: MIT */
/*
 * The patient's side without a screen: signing in (a stranger learns
 * nothing), no data without consent, a report saved with its red flag
 * raised ahead of everything else, the right rule chosen when several
 * hold, answers read back for the charts, and nothing of the patient left
 * after sign-out. Runs the shipped questionnaire.lua, so a change there that
 * breaks a red flag fails here.
 */
#include "../check.h"
#include "../memscan.h"
#include "core.h"
#include "track.h"
#include <stdlib.h>
#include <string.h>

#define T0 1700000000
#define PIN "482913"

static const content_questionnaire *Q;

static int item(const char *id)
{
	int i = content_item_index(Q, id);
	CHECK_MSG(i >= 0, "the questionnaire has no item '%s'", id);
	return i;
}

/* Answers every item that applies with 0, except the ones given. */
static void answer_all(track *t, const char *id1, int v1, const char *id2, int v2)
{
	track_report *d = track_draft(t);
	for (int i = track_next_item(t, -1); i >= 0; i = track_next_item(t, i)) {
		d->scores[i] = 0;
		if (id1 && i == content_item_index(Q, id1))
			d->scores[i] = v1;
		if (id2 && i == content_item_index(Q, id2))
			d->scores[i] = v2;
	}
}

static const char *rule_id(int r)
{
	return r >= 0 ? Q->rules[r].id : "(none)";
}

static void test_off(store *s, const content_model *m)
{
	track *t = NULL;
	CHECK(track_open(&t, s, NULL, m) == 0);
	CHECK(!track_enabled(t));
	CHECK(track_sign_in(t, "ABCDEFGH", PIN, T0) != 0);
	CHECK(mk_str_contains(mk_err_msg(), "clinic public key"));
	CHECK(!track_signed_in(t));
	track_close(t);
}

static void test_sign_in(track *t, const char *code)
{
	char lower[9], wrong_msg[256];
	CHECK(track_sign_in(t, code, "000000", T0) == MK_EINVAL);
	snprintf(wrong_msg, sizeof wrong_msg, "%s", mk_err_msg());
	CHECK(track_sign_in(t, "ZZZZZZZZ", PIN, T0) == MK_EINVAL);
	CHECK_MSG(strcmp(wrong_msg, mk_err_msg()) == 0, "'%s' vs '%s'", wrong_msg, mk_err_msg());
	CHECK(!track_signed_in(t));
	for (int i = 0; i < 9; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
	CHECK_MSG(track_sign_in(t, lower, PIN, T0) == 0, "%s", mk_err_msg());
	CHECK(track_signed_in(t) && strcmp(track_code(t), code) == 0);
}

static void test_consent(track *t, store *s)
{
	char uuid[STORE_UUID_LEN + 1];
	int rule, waiting = -1, aside = -1;
	CHECK(track_needs_consent(t));
	track_report_begin(t, 0);
	track_draft(t)->areas = 1u << CONTENT_AREA_THIGHS;
	answer_all(t, "fever", 4, NULL, 0);
	CHECK(track_report_save(t, &rule, uuid) == MK_EINVAL);
	store_outbox_counts(s, &waiting, &aside);
	CHECK_MSG(waiting == 0, "without consent nothing is queued (%d)", waiting);
	CHECK(track_give_consent(t, T0) == 0);
	CHECK(!track_needs_consent(t));
}

static void test_items(track *t)
{
	int pain = item("pain"), duration = item("duration"), pos, total, n = 0;
	track_report_begin(t, 0);
	track_draft(t)->areas = 1u << CONTENT_AREA_BUTTOCKS;
	for (int i = track_next_item(t, -1); i >= 0; i = track_next_item(t, i))
		CHECK_MSG(i != duration, "duration is asked only after some pain");
	track_draft(t)->scores[pain] = 2;
	for (int i = track_next_item(t, -1); i >= 0; i = track_next_item(t, i))
		n += i == duration;
	CHECK(n == 1);
	CHECK(track_prev_item(t, track_next_item(t, pain)) == pain);
	track_item_position(t, pain, &pos, &total);
	CHECK(pos >= 1 && pos <= total && total <= Q->n_items);
	/* The total does not grow when a follow-up appears; the follow-up
	 * itself takes no number. */
	int total_some_pain = total, pos2 = -1, total2 = -1;
	track_draft(t)->scores[pain] = 0;
	track_item_position(t, pain, &pos2, &total2);
	CHECK_MSG(total2 == total_some_pain, "total %d with no pain, %d with some", total2, total_some_pain);
	track_draft(t)->scores[pain] = 2;
	track_item_position(t, duration, &pos2, &total2);
	CHECK(pos2 == 0 && total2 == total_some_pain);
}

static void save(track *t, const char *id1, int v1, const char *id2, int v2, const char *note,
		 const char *want_rule)
{
	char uuid[STORE_UUID_LEN + 1];
	int rule = -2;
	track_report_begin(t, 0);
	track_draft(t)->areas = 1u << CONTENT_AREA_THIGHS;
	answer_all(t, id1, v1, id2, v2);
	snprintf(track_draft(t)->note, TRACK_NOTE_MAX + 1, "%s", note);
	CHECK_MSG(track_report_save(t, &rule, uuid) == 0, "%s", mk_err_msg());
	CHECK_MSG(strcmp(rule_id(rule), want_rule) == 0, "rule %s, wanted %s", rule_id(rule), want_rule);
}

static void test_reports(track *t, store *s, const uint8_t pk[32], const uint8_t sk[32])
{
	store_outbox_item items[8];
	int n = 0;
	save(t, "pain", 2, NULL, 0, "felt \"fine\", mostly", "(none)");
	save(t, "fever", 4, NULL, 0, "", "fever");
	/* Several rules hold: the emergency one is shown. */
	save(t, "pain", 4, "breathing_now", 4, "", "breathing-now");
	save(t, "pain", 3, NULL, 0, "", "severe-pain");
	/* 3 alerts, 4 reports and the enrolment queued at consent. */
	CHECK(store_outbox_next(s, 8, items, &n) == 0 && n == 8);
	CHECK(n == 8 && !strcmp(items[3].kind, "enrolment"));
	CHECK_MSG(items[0].priority == STORE_PRIORITY_ALERT && items[2].priority == STORE_PRIORITY_ALERT &&
		  items[3].priority < STORE_PRIORITY_ALERT, "alerts leave first");
	/* The clinic opens the first report and finds what the patient said. */
	void *plain = NULL;
	size_t len = 0;
	int found = 0;
	for (int i = 0; i < n; i++) {
		if (store_record_open_clinic(s, pk, sk, items[i].uuid, &plain, &len) != 0)
			continue;
		if (strstr(plain, "\"note\":\"felt \\\"fine\\\", mostly\"") && strstr(plain, "\"pain\":2") &&
		    strstr(plain, "\"areas\":[\"thighs\"]"))
			found = 1;
		store_plain_free(plain, len);
	}
	CHECK_MSG(found, "the clinic reads the report's answers, areas and note");
}

static void test_history(track *t)
{
	const track_past *past = NULL;
	int n = 0, pain = item("pain"), fever = item("fever");
	CHECK(track_history(t, &past, &n) == 0 && n == 4);
	if (n != 4)
		return;
	CHECK(past[0].scores[pain] == 2 && past[0].has_note && past[0].alert_level == 0);
	CHECK(past[1].scores[fever] == 4 && past[1].alert_level == CONTENT_FLAG_CALL);
	CHECK(past[2].alert_level == CONTENT_FLAG_EMERGENCY && past[3].scores[pain] == 3);
	int scores[TRACK_MAX_ITEMS];
	CHECK(track_parse_answers(Q, "{\"answers\":{\"pain\":1,\"gone\":3,\"itching\":9}}", scores) == 0);
	CHECK(scores[pain] == 1 && scores[item("itching")] == -1);
	CHECK(track_parse_answers(Q, "{\"note\":\"\"}", scores) == MK_EINVAL);
	CHECK(track_parse_answers(Q, "{\"answers\":{\"pain", scores) == MK_EINVAL);
}

static void test_reload_keeps_answers(track *t, const content_model *m)
{
	int pain = item("pain");
	track_report_begin(t, 0);
	track_draft(t)->scores[pain] = 3;
	track_set_model(t, m);
	CHECK(track_draft(t)->scores[pain] == 3);
}

/* The report's JSON grows while it is written; the buffers it outgrows
 * held the note and must not go back to the heap with it. */
static void test_json_leaves_nothing(track *t)
{
	char marker[16], *note = track_draft(t)->note, *json;
	snprintf(marker, sizeof marker, "%s-%d", "QUOKKA", 5521);
	track_report_begin(t, 0); /* no areas: the note starts early */
	for (size_t k = 0; k + strlen(marker) + 1 <= TRACK_NOTE_MAX; k += strlen(marker) + 1)
		snprintf(note + k, TRACK_NOTE_MAX + 1 - k, "%s ", marker);
	json = track_report_json(t, NULL, 0);
	CHECK(json && strstr(json, marker));
	if (json) {
		explicit_bzero(json, strlen(json));
		free(json);
	}
	track_report_begin(t, 0);
	CHECK_MSG(memory_holds(marker) == 0, "the note is left in memory by its JSON (%d copies)",
		  memory_holds(marker));
}

/* The clinic reads the patient's own words: a yes/no question says Yes,
 * the duration scale says how long, each with the question's short name;
 * and a red flag says what the patient was told to do. */
static void test_words_for_the_clinic(track *t)
{
	char *json;
	int rule = -1;
	track_report_begin(t, 1); /* answered in Arabic: the clinic still reads English */
	track_draft(t)->scores[item("breathing_now")] = 4;
	track_draft(t)->scores[item("pain")] = 2;
	track_draft(t)->scores[item("duration")] = 2;
	json = track_report_json(t, NULL, 0);
	CHECK_MSG(json && strstr(json, "\"breathing_now\":\"Yes\""), "a yes/no answer says Yes: %s",
		  json ? json : "");
	CHECK(json && strstr(json, "\"duration\":\"3 to 6 days\""));
	CHECK(json && strstr(json, "\"pain\":\"Moderate\""));
	CHECK(json && strstr(json, "\"duration\":\"How long the pain lasted\""));
	free(json);
	for (int r = 0; r < Q->n_rules; r++)
		if (!strcmp(Q->rules[r].id, "breathing-now"))
			rule = r;
	CHECK(rule >= 0);
	json = rule >= 0 ? track_alert_json(t, rule, "ABCD2345") : NULL;
	CHECK_MSG(json && strstr(json, "\"told\":\"Please tell the front desk now\"") &&
		  strstr(json, "\"breathing_now\":\"Yes\""), "the alert says what the patient was "
		  "told: %s", json ? json : "");
	free(json);
	track_report_begin(t, 0);
}

static void test_sign_out(track *t)
{
	const track_past *past;
	int n;
	snprintf(track_draft(t)->note, TRACK_NOTE_MAX + 1, "%s", "private words");
	track_sign_out(t);
	CHECK(!track_signed_in(t) && track_code(t)[0] == 0);
	CHECK(track_draft(t)->note[0] == 0 && track_draft(t)->areas == 0);
	CHECK(track_history(t, &past, &n) != 0);
	CHECK(track_report_save(t, &n, (char[STORE_UUID_LEN + 1]){ 0 }) != 0);
}

int main(void)
{
	char dir[] = "/tmp/mktrackXXXXXX", code[9];
	uint8_t pk[32], sk[32];
	content_problems probs = { 0 };
	content *ct = NULL;
	store *s = NULL;
	track *t = NULL;
	int64_t id;
	CHECK(mkdtemp(dir) != NULL);
	CHECK_MSG(content_load(&ct, MK_SHIPPED_CONTENT, NULL, &probs) == 0, "shipped content loads");
	content_problems_print(&probs, stderr);
	if (!ct)
		return check_done();
	const content_model *m = content_model_of(ct);
	Q = &m->q;
	CHECK(Q->present);
	CHECK(store_open(&s, dir) == 0 && store_keygen(pk, sk) == 0);
	CHECK(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	test_off(s, m);
	CHECK(track_open(&t, s, pk, m) == 0 && track_enabled(t));
	test_sign_in(t, code);
	test_consent(t, s);
	test_items(t);
	test_reports(t, s, pk, sk);
	test_history(t);
	test_reload_keeps_answers(t, m);
	test_json_leaves_nothing(t);
	test_words_for_the_clinic(t);
	test_sign_out(t);
	track_close(t);
	store_close(s);
	content_free(ct);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	return check_done();
}
