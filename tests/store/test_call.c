/* SPDX-License-Identifier: MIT */
/*
 * Calls for a member of staff (issue 18, point 9), as the clinic receives
 * them: the call leaves the kiosk before everything else, an alert and a
 * report saved just before it included; its wire object is the call's
 * UUID, kind, time and the patient's UUID and code, and nothing else (no
 * sealed parts, no answers); the audit log has the call; a call with
 * nobody signed in, or whose patient was erased before it was sent,
 * carries "patient": null and still goes.
 */
#include "store_test.h"
#include "core.h"
#include <jansson.h>
#include <stdio.h>

#define PIN "482913"

static json_t *wire_of(store *s, const store_outbox_item *it)
{
	char *text = NULL;
	json_t *o = NULL;
	CHECK_MSG(store_outbox_wire(s, it, &text, NULL) == 0, "%s", mk_err_msg());
	if (text)
		o = json_loads(text, 0, NULL);
	CHECK(o && !strstr(text, "sealed_key") && !strstr(text, "ciphertext"));
	free(text);
	return o;
}

static const char *jstr(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);
	if (b)
		v = json_object_get(v, b);
	return json_string_value(v) ? json_string_value(v) : "";
}

static void test_call_first(store *s, const uint8_t pk[32])
{
	char code[9], rep[37], call[37];
	uint8_t key[32];
	int64_t id;
	store_outbox_item it[8];
	int n = 0;
	CHECK(store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, 1790000000, key, &id) == 0);
	store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id, .json = "{}",
			   .alert_level = 2, .alert_json = "{\"rule\":\"breathing\"}" };
	CHECK(store_report_add(s, &r, rep) == 0);
	CHECK_MSG(store_call_add(s, code, 1790000100, call) == 0, "%s", mk_err_msg());
	CHECK(strlen(call) == 36);
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 3);
	CHECK_MSG(n == 3 && !strcmp(it[0].kind, "call") && !strcmp(it[0].uuid, call) &&
		  it[0].priority == STORE_PRIORITY_CALL, "the call leaves first (%s)", it[0].kind);
	CHECK(it[0].priority > STORE_PRIORITY_ALERT);

	json_t *o = wire_of(s, &it[0]);
	CHECK(!strcmp(jstr(o, "kind", NULL), "call") && !strcmp(jstr(o, "uuid", NULL), call));
	CHECK(json_integer_value(json_object_get(o, "created_at")) == 1790000100);
	CHECK(!strcmp(jstr(o, "patient", "code"), code) && strlen(jstr(o, "patient", "uuid")) == 36);
	CHECK_MSG(json_object_size(o) == 4, "uuid, kind, created_at and patient only (%zu)",
		  json_object_size(o));
	json_decref(o);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE actor='patient'"
			   " AND action='call-staff'") == 1);

	/* The patient erased before the call was sent: it goes without them. */
	char req[37];
	CHECK(store_patient_erase(s, id, req) == 0);
	store_outbox_item left[8];
	CHECK(store_outbox_next(s, 8, left, &n) == 0 && n >= 1 && !strcmp(left[0].kind, "call"));
	o = wire_of(s, &left[0]);
	CHECK(json_is_null(json_object_get(o, "patient")) && !strstr(jstr(o, "uuid", NULL), code));
	json_decref(o);
	CHECK(store_outbox_ack(s, call) == 0);
}

static void test_call_nobody(store *s)
{
	char call[37];
	store_outbox_item it[8];
	int n = 0;
	CHECK(store_call_add(s, NULL, 1790000200, call) == 0);
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n >= 1 && !strcmp(it[0].uuid, call));
	json_t *o = wire_of(s, &it[0]);
	CHECK(json_is_null(json_object_get(o, "patient")));
	json_decref(o);
	CHECK(store_call_add(s, "not a code!", 1790000200, call) == MK_EINVAL && !call[0]);
}

int main(void)
{
	char *dir = tmp_dir();
	uint8_t pk[32], sk[32];
	store *s = NULL;
	CHECK(store_keygen(pk, sk) == 0);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (s) {
		test_call_first(s, pk);
		test_call_nobody(s);
	}
	store_close(s);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(dir);
	return check_done();
}
