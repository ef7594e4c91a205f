/* SPDX-License-Identifier: MIT */
/*
 * Calls for a member of staff, for test_web.c (issue 18, point 9): a
 * kiosk's call, parsed as the API parses it and stored as a batch stores
 * it, is announced on the live stream by itself and stands at the top of
 * the alerts page, above every alert, marked "Not answered" with the
 * kiosk and the patient's code; sent again it is the same one call, and
 * another kiosk cannot claim its UUID. Staff mark it answered (a forged
 * form changes nothing): the page says who, the stream announces it, the
 * audit log has it. A call with nobody signed in shows as such.
 */
#ifndef MK_TEST_WEB_CALLS_H
#define MK_TEST_WEB_CALLS_H

#include "test_web_live.h"

/* Stores one call item as the API would (api_item_parse, then the store);
 * what cstore_record_put answered, or -1 when it did not parse. */
static int call_put(cstore *cs, const char *kiosk, const char *json, int64_t now)
{
	json_t *j = json_loads(json, 0, NULL);
	api_item item;
	char reason[CSTORE_REASON] = "";
	int rc = -1;
	if (j && api_item_parse(j, &item, reason) == 0) {
		rc = cstore_record_put(cs, kiosk, &item.rec, now, reason);
		api_item_free(&item);
	}
	json_decref(j);
	return rc;
}

static int calls_open(cstore *cs, char by[CSTORE_ID])
{
	cstore_call c[8];
	int n = 0, open = 0;
	CHECK(cstore_calls(cs, 0, c, 8, &n) == 0);
	by[0] = 0;
	for (int i = 0; i < n; i++) {
		open += c[i].answered_at == 0;
		if (c[i].answered_by[0])
			snprintf(by, CSTORE_ID, "%s", c[i].answered_by);
	}
	return open;
}

/* The stream's next version after `mark`, into v. */
static int call_event(int fd, char *got, size_t cap, size_t mark, char v[CSTORE_VERSION])
{
	int ok = live_until(fd, got, cap, mark, "event: alerts\ndata: ") &&
		 live_until(fd, got, cap, mark, "\n\n");
	live_version(got + mark, v, CSTORE_VERSION);
	return ok;
}

static void test_calls(cstore *cs, int port, const char *cookie, const char *csrf, const seed *k,
		       const char *kiosk, const char *other, int64_t now)
{
	static char got[1 << 16];
	char uuid[CSTORE_UUID], json[512], body[256], by[CSTORE_ID], v1[CSTORE_VERSION];
	char v2[CSTORE_VERSION], v3[CSTORE_VERSION];
	cstore_patient p;
	resp r = { 0 };
	int fd = live_open(port, cookie);
	CHECK(fd >= 0 && cstore_patient_get(cs, k->code, &p) == 0);
	if (fd < 0)
		return;
	got[0] = 0;
	CHECK(call_event(fd, got, sizeof got, 0, v1) && v1[0]);
	size_t mark = strlen(got);

	/* A call arrives: the stream says so, and it heads the alerts page. */
	store_uuid(uuid);
	snprintf(json, sizeof json, "{\"uuid\":\"%s\",\"kind\":\"call\",\"created_at\":%lld,"
		 "\"patient\":{\"uuid\":\"%s\",\"code\":\"%s\"}}", uuid, (long long)now, p.uuid, k->code);
	CHECK_MSG(call_put(cs, kiosk, json, now) == 0, "the call is accepted: %s", mk_err_msg());
	CHECK_MSG(call_event(fd, got, sizeof got, mark, v2) && strcmp(v1, v2) != 0,
		  "the stream announces the call (%s, %s)", v1, v2);
	mark = strlen(got);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	const char *call = strstr(r.body, "id=\"c-"), *alert = strstr(r.body, "id=\"a-");
	CHECK_MSG(call && (!alert || call < alert), "the call stands above the alerts");
	CHECK(strstr(r.body, "Staff needed at the kiosk") && strstr(r.body, "Not answered"));
	CHECK(strstr(r.body, "Staff needed at a kiosk: 1 call not answered") != NULL);
	CHECK(call && strstr(call, k->code) && strstr(call, "Waiting room"));
	CHECK(strstr(r.body, "action=\"/calls/answer\"") && strstr(r.body, "class=\"card alert open staff-call\""));

	/* Exactly once: sent again it is the same call; another kiosk's use of
	 * its UUID is refused. */
	CHECK(call_put(cs, kiosk, json, now + 5) == 0);
	CHECK(calls_open(cs, by) == 1);
	CHECK(call_put(cs, other, json, now + 5) == MK_EINVAL);
	CHECK(calls_open(cs, by) == 1);
	CHECK(call_put(cs, kiosk, "{\"uuid\":\"00000000-0000-4000-8000-000000000000\","
		       "\"kind\":\"call\",\"created_at\":1,\"patient\":7}", now) == -1);

	/* Marked answered, with the form's token only. */
	snprintf(body, sizeof body, "uuid=%s", uuid);
	http(&r, "POST", "/calls/answer", cookie, body, NULL, NULL);
	CHECK(r.status == 403 && calls_open(cs, by) == 1);
	snprintf(body, sizeof body, "uuid=%s&csrf=%s", uuid, csrf);
	http(&r, "POST", "/calls/answer", cookie, body, NULL, "Origin: null");
	CHECK(r.status == 303 && has_header(&r, "Location: /alerts#c-"));
	CHECK(calls_open(cs, by) == 0 && !strcmp(by, "alice"));
	CHECK_MSG(call_event(fd, got, sizeof got, mark, v3) && strcmp(v2, v3) != 0,
		  "the stream announces the answer (%s, %s)", v2, v3);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Answered by <strong>alice</strong>") && !strstr(r.body, "Not answered"));
	CHECK(audit_has(cs, "alice", "answer-staff-call", uuid) == 1);
	snprintf(body, sizeof body, "uuid=%s&csrf=%s", "00000000-0000-4000-8000-000000000000", csrf);
	http(&r, "POST", "/calls/answer", cookie, body, NULL, "Origin: null");
	CHECK(r.status == 404);

	/* Nobody signed in: the call goes all the same. */
	store_uuid(uuid);
	snprintf(json, sizeof json, "{\"uuid\":\"%s\",\"kind\":\"call\",\"created_at\":%lld,"
		 "\"patient\":null}", uuid, (long long)now);
	CHECK(call_put(cs, kiosk, json, now) == 0 && calls_open(cs, by) == 1);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "nobody was signed in") != NULL);
	snprintf(body, sizeof body, "uuid=%s&csrf=%s", uuid, csrf);
	http(&r, "POST", "/calls/answer", cookie, body, NULL, "Origin: null");
	CHECK(r.status == 303 && calls_open(cs, by) == 0);
	close(fd);
	resp_free(&r);
}

#endif
