/* SPDX-License-Identifier: MIT */
/*
 * The patient list as staff use it once the clinic has more patients than
 * fit one page (included by test_web.c): 60 more patients, PL0001 to
 * PL0060, odd ones enrolled at the first kiosk and even ones at the
 * second, PL0007 reporting on 15 March 2026 and PL0042 with an alert
 * nobody acknowledged. Page 2 exists and shows the next patients, a code's
 * beginning finds its patients and a whole code opens the patient, and the
 * kiosk, day and alert filters keep the right ones; a bad page or date is
 * a clear message.
 */
#ifndef MK_TEST_WEB_LIST_H
#define MK_TEST_WEB_LIST_H

#include "test_web_http.h"
#include "cstore.h"
#include "store.h"

#define LIST_DAY 1773576000 /* 2026-03-15 12:00 UTC */

static void list_put(cstore *cs, int i, const char *kiosk, int64_t at)
{
	static uint8_t blob[400];
	cstore_record r = { 0 };
	char reason[200] = "";
	store_uuid(r.uuid);
	store_uuid(r.patient_uuid);
	snprintf(r.kind, sizeof r.kind, "%s", i == 42 ? "alert" : "report");
	snprintf(r.patient_code, sizeof r.patient_code, "PL%04d", i);
	r.created_at = at;
	r.session = 1;
	r.alert_level = i == 42 ? 2 : 0;
	r.sealed_key = blob, r.sealed_len = 80;
	r.nonce = blob, r.nonce_len = 24;
	r.ciphertext = blob, r.ct_len = sizeof blob;
	CHECK_MSG(cstore_record_put(cs, kiosk, &r, at, reason) == 0, "PL%04d: %s %s", i, reason,
		  mk_err_msg());
}

/* GETs path; 1 when the page links to patient code. */
static int list_has(resp *r, const char *code)
{
	char want[64];
	snprintf(want, sizeof want, "href=\"/patients/%s\"", code);
	return r->body && strstr(r->body, want) != NULL;
}

static void test_patient_list(cstore *cs, const char *cookie, const char *k1, const char *k2,
			      int64_t now)
{
	resp r = { 0 };
	for (int i = 1; i <= 60; i++)
		list_put(cs, i, i % 2 ? k1 : k2, i == 7 ? LIST_DAY : now - 86400 * 10);

	http(&r, "GET", "/patients", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0001") && !list_has(&r, "PL0060"));
	CHECK(strstr(r.body, "Page 1 of 2") && strstr(r.body, "href=\"/patients?page=2\""));
	http(&r, "GET", "/patients?page=2", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0060") && !list_has(&r, "PL0001"));
	CHECK(strstr(r.body, "Page 2 of 2") && strstr(r.body, "href=\"/patients?page=1\""));

	http(&r, "GET", "/patients?code=pl004", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "10 patients") && list_has(&r, "PL0040") &&
	      list_has(&r, "PL0049") && !list_has(&r, "PL0050"));
	http(&r, "GET", "/patients?code=pl0042", cookie, NULL, NULL, NULL);
	CHECK(r.status == 303 && has_header(&r, "Location: /patients/PL0042"));

	http(&r, "GET", "/patients?alerts=open", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0042") && !list_has(&r, "PL0041"));
	CHECK(strstr(r.body, "1 patient;") != NULL);
	http(&r, "GET", "/patients?alerts=none&code=PL004", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0041") && !list_has(&r, "PL0042"));

	char path[128];
	snprintf(path, sizeof path, "/patients?kiosk=%s&code=PL000", k2);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0002") && !list_has(&r, "PL0001"));
	CHECK(strstr(r.body, "4 patients") != NULL); /* 2, 4, 6, 8 */
	http(&r, "GET", "/patients?date=2026-03-15", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && list_has(&r, "PL0007") && strstr(r.body, "1 patient;"));
	/* The search stays in the page links. */
	http(&r, "GET", "/patients?code=PL&alerts=none", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "href=\"/patients?page=2&amp;code=PL&amp;alerts=none\""));

	http(&r, "GET", "/patients?page=two", cookie, NULL, NULL, NULL);
	CHECK(r.status == 400 && strstr(r.body, "A page is a number"));
	http(&r, "GET", "/patients?date=15/03/2026", cookie, NULL, NULL, NULL);
	CHECK(r.status == 400 && strstr(r.body, "YYYY-MM-DD"));
	http(&r, "GET", "/patients?page=9", cookie, NULL, NULL, NULL);
	CHECK(r.status == 404 && strstr(r.body, "There is no such page"));
	http(&r, "GET", "/patients?code=NOSUCH", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "No patient matches"));
	resp_free(&r);
}

#endif
