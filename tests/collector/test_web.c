/* SPDX-License-Identifier: MIT */
/*
 * The clinicians' dashboard, driven over real HTTP: a chttp server on
 * 127.0.0.1:0 whose handler is web_handle, an SQLite cstore in a temporary
 * folder filled with real sealed records from a kiosk store
 * (test_web_seed.h, stored as the API would with api_item_parse and
 * cstore_record_put), and libcurl as the browser. Each check is something
 * a clinician or an attacker would notice: pages need a session, wrong
 * passwords and forged forms change nothing, the alert says who, where and
 * why, acknowledging records who and when, charts and photos show, a
 * note's HTML stays text, a silent kiosk is called out, and the audit log
 * says who looked.
 */
#include "../check.h"
#include "api_int.h"
#include "test_cstore_db.h"
#include "test_web_http.h"
#include "test_web_seed.h"
#include "test_web_live.h"
#include "web.h" /* web_time, web_time_zone_set, web_live_tick */
#include "test_web_list.h"

#include <jansson.h>

static int64_t fake_now;
static int64_t now_fn(void)
{
	return fake_now;
}

static char kiosk_id[CSTORE_ID], kiosk2_id[CSTORE_ID];

static int put_item(void *ctx, const store_outbox_item *it, const char *json,
		    const store_photo_file files[2])
{
	cstore *cs = ctx;
	json_t *j = json_loads(json, 0, NULL);
	api_item item;
	char reason[200] = "";
	int rc = -1;
	(void)it;
	if (j && api_item_parse(j, &item, reason) == 0) {
		rc = 0;
		for (int w = 0; rc == 0 && !strcmp(item.rec.kind, "photo") && w < 2; w++) {
			char *bytes = NULL;
			size_t n = 0;
			rc = mk_read_file(files[w].path, &bytes, &n);
			if (rc == 0)
				rc = cstore_photo_put(cs, kiosk_id, item.rec.uuid, w, (uint8_t *)bytes, n,
						      files[w].sha256, fake_now);
			free(bytes);
		}
		if (rc == 0)
			rc = cstore_record_put(cs, kiosk_id, &item.rec, fake_now, reason);
		api_item_free(&item);
	}
	CHECK_MSG(rc == 0, "storing %s: %s %s", json, reason, mk_err_msg());
	json_decref(j);
	return rc;
}

static void handler(void *ctx, const creq *r, cresp *w)
{
	web_handle(ctx, r, w);
}

static void tick(void *ctx, chttp *h)
{
	web_live_tick(ctx, h);
}

/* ---- The checks, in the order a day at the clinic would meet them */

static void test_signin_needed(void)
{
	resp r = { 0 };
	http(&r, "GET", "/alerts", NULL, NULL, NULL, NULL);
	CHECK(r.status == 303 && has_header(&r, "Location: /signin"));
	CHECK(!strstr(r.body, "Emergency"));
	http(&r, "GET", "/patients", "mk_sid=" ZEROS64, NULL, NULL, NULL);
	CHECK(r.status == 303 && has_header(&r, "Location: /signin"));
	http(&r, "GET", "/style.css", NULL, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: text/css"));
	http(&r, "GET", "/signin", NULL, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "type=\"password\"") && strstr(r.body, "lang=\"en\""));
	http(&r, "POST", "/alerts/ack", NULL, "uuid=x&csrf=" ZEROS64, NULL, NULL);
	CHECK(r.status == 403);
	http(&r, "DELETE", "/alerts", NULL, NULL, NULL, NULL);
	CHECK(r.status == 405);
	/* A sign-in POST without the form's own token is refused. */
	http(&r, "POST", "/signin", NULL, "name=alice&password=correct-horse", NULL, NULL);
	CHECK(r.status == 403 && !has_header(&r, "Set-Cookie: mk_sid="));
	resp_free(&r);
}

static void test_wrong_password(void)
{
	resp r = { 0 };
	char sid[65];
	CHECK(signin("alice", "wrong-password", NULL, sid, &r) == 401);
	CHECK(sid[0] == '\0' && !has_header(&r, "Set-Cookie: mk_sid="));
	CHECK(strstr(r.body, "Wrong user name or password") != NULL);
	CHECK(signin("nobody", "whatever-it-is", NULL, sid, &r) == 401 && sid[0] == '\0');
	resp_free(&r);
}

static void test_rate_limit(void)
{
	resp r = { 0 };
	char sid[65];
	/* Five failures for bob from one address ... */
	for (int i = 0; i < WEB_SIGNIN_USER_FREE; i++)
		CHECK(signin("bob", "not-his-password", "127.0.0.2", sid, &r) == 401);
	/* ... and bob's next try waits, right password or not, from another
	 * address too (per account) ... */
	CHECK(signin("bob", "bobs-password", "127.0.0.3", sid, &r) == 429 && sid[0] == '\0');
	CHECK(strstr(r.body, "Too many attempts, try again in 1 second.") != NULL);
	CHECK(has_header(&r, "Retry-After: 1"));
	/* ... while anyone else at that address signs in (per address, apart). */
	CHECK(signin("alice", "correct-horse", "127.0.0.2", sid, &r) == 303 && sid[0] != '\0');
	/* Once the wait has passed, the right password works again. */
	fake_now += 1;
	CHECK(signin("bob", "bobs-password", "127.0.0.3", sid, &r) == 303 && sid[0] != '\0');
	resp_free(&r);
}

static void test_cookie_flags(collector *c)
{
	resp r = { 0 };
	char sid[65];
	const char *h;
	c->insecure_cookies = 0;
	CHECK(signin("alice", "correct-horse", NULL, sid, &r) == 303);
	h = header(&r, "Set-Cookie: mk_sid=");
	CHECK(h && strstr(h, "HttpOnly") && strstr(h, "SameSite=Strict") && strstr(h, "Path=/") &&
	      strstr(h, "; Secure"));
	CHECK(has_header(&r, "Location: /alerts"));
	c->insecure_cookies = 1;
	CHECK(signin("alice", "correct-horse", NULL, sid, &r) == 303);
	h = header(&r, "Set-Cookie: mk_sid=");
	CHECK(h && strstr(h, "HttpOnly") && !strstr(h, "Secure"));
	resp_free(&r);
}

static void test_alerts(const char *cookie, const seed *k)
{
	resp r = { 0 };
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: text/html"));
	CHECK(strstr(r.body, k->code) && strstr(r.body, kiosk_id));
	CHECK(strstr(r.body, "Emergency") && strstr(r.body, "Not acknowledged"));
	/* In the patient's words, and what they were told to do. */
	CHECK_MSG(strstr(r.body, "Breathing or swelling now: <strong>Yes</strong>") &&
		  !strstr(r.body, "very severe"), "a yes/no answer shows Yes");
	CHECK(strstr(r.body, "Patient was told") &&
	      strstr(r.body, "Please tell the front desk now"));
	CHECK(strstr(r.body, "action=\"/alerts/ack\"") && strstr(r.body, "name=\"csrf\""));
	CHECK(strstr(r.body, ">Sign out alice<") != NULL);
	resp_free(&r);
}

static int acked(cstore *cs, const char *uuid, char by[CSTORE_ID], int64_t *at)
{
	cstore_row rows[8];
	int n = 0;
	CHECK(cstore_alerts(cs, 0, rows, 8, &n) == 0);
	for (int i = 0; i < n; i++) {
		if (!strcmp(rows[i].uuid, uuid)) {
			snprintf(by, CSTORE_ID, "%s", rows[i].acked_by);
			*at = rows[i].acked_at;
			return by[0] != '\0';
		}
	}
	return -1;
}

static void test_ack(cstore *cs, const char *cookie, const char *csrf, const char *alert,
		     const char *origin)
{
	resp r = { 0 };
	char body[256], by[CSTORE_ID], when[64];
	int64_t at = 0;
	time_t t = (time_t)fake_now;
	/* Without the token, with a wrong one, or from another site: 403,
	 * and the alert stays open. */
	snprintf(body, sizeof body, "uuid=%s", alert);
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, NULL);
	CHECK(r.status == 403);
	snprintf(body, sizeof body, "uuid=%s&csrf=%s", alert, ZEROS64);
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, NULL);
	CHECK(r.status == 403);
	snprintf(body, sizeof body, "uuid=%s&csrf=%s", alert, csrf);
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, "Origin: http://evil.example");
	CHECK(r.status == 403);
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, "Sec-Fetch-Site: cross-site");
	CHECK(r.status == 403);
	CHECK(acked(cs, alert, by, &at) == 0);
	/* The real form (a browser under Referrer-Policy no-referrer sends
	 * Origin: null): acknowledged by alice, now. */
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, "Origin: null");
	CHECK(r.status == 303 && has_header(&r, "Location: /alerts#a-"));
	CHECK(acked(cs, alert, by, &at) == 1 && !strcmp(by, "alice") && at == fake_now);
	/* Again a minute later (same origin this time): the first one stays. */
	fake_now += 60;
	http(&r, "POST", "/alerts/ack", cookie, body, NULL, origin);
	CHECK(r.status == 303);
	CHECK(acked(cs, alert, by, &at) == 1 && at == (int64_t)t);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	strftime(when, sizeof when, "Acknowledged by <strong>alice</strong> at %Y-%m-%d %H:%M UTC",
		 gmtime(&t));
	CHECK_MSG(strstr(r.body, when) != NULL, "want %s", when);
	CHECK(!strstr(r.body, "Not acknowledged"));
	resp_free(&r);
}

/* How many points the chart headed `title` has. */
static int chart_points(const char *page, const char *title)
{
	const char *p = strstr(page, title), *end;
	int n = 0;
	if (!p || !(end = strstr(p, "</svg>")))
		return -1;
	while ((p = strstr(p, "<circle")) && p < end) {
		n++;
		p++;
	}
	return n;
}

/* 1 when the chart headed `title` has an axis label `label` (the chart's
 * own scale: words, or numbers from an older kiosk). */
static int chart_label(const char *page, const char *title, const char *label)
{
	const char *p = strstr(page, title), *end;
	char want[80];
	snprintf(want, sizeof want, "text-anchor=\"end\">%s</text>", label);
	if (!p || !(end = strstr(p, "</svg>")))
		return 0;
	p = strstr(p, want);
	return p && p < end;
}

/* Holes of issue 16 left open: a Yes/No question was charted on the 0-4
 * severity axis (0, 1, 2, 3, 4), and the duration scale too. Each chart
 * now has its question's scale on its axis, in the words the answers are
 * shown in: No and Yes only, less than a day to more than 2 weeks. */
static void test_chart_axes(const char *page)
{
	const char *yn = "<h3>Breathing or swelling now</h3>", *d = "<h3>How long the pain lasted</h3>";
	CHECK_MSG(chart_label(page, yn, "No") && chart_label(page, yn, "Yes") &&
		  !chart_label(page, yn, "2") && !chart_label(page, yn, "Moderate") &&
		  !chart_label(page, yn, "4"), "a Yes/No question is charted on a No/Yes axis");
	CHECK_MSG(chart_label(page, d, "Less than a day") && chart_label(page, d, "3 to 6 days") &&
		  chart_label(page, d, "More than 2 weeks") && !chart_label(page, d, "Severe"),
		  "the duration scale is charted with its own words");
	CHECK_MSG(chart_label(page, "<h3>Pain</h3>", "None") &&
		  chart_label(page, "<h3>Pain</h3>", "Very severe"),
		  "a severity question is charted from None to Very severe");
}

static void test_patient(const char *cookie, const seed *k)
{
	resp r = { 0 };
	char path[128];
	http(&r, "GET", "/patients", cookie, NULL, NULL, NULL);
	snprintf(path, sizeof path, "href=\"/patients/%s\"", k->code);
	CHECK(r.status == 200 && strstr(r.body, path));
	/* Enrolled on the kiosk, no report yet: listed, and their page opens. */
	snprintf(path, sizeof path, "href=\"/patients/%s\"", k->code2);
	CHECK_MSG(strstr(r.body, path) != NULL, "a patient enrolled but not yet reporting is listed");
	snprintf(path, sizeof path, "/patients/%s", k->code2);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "No symptom reports yet"));
	snprintf(path, sizeof path, "/patients/%s", k->code);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "<svg"));
	CHECK(chart_points(r.body, "<h3>Pain</h3>") == 3);
	CHECK(chart_points(r.body, "<h3>Bruising</h3>") == 3);
	CHECK(chart_points(r.body, "<h3>Breathing or swelling now</h3>") == 1);
	CHECK(chart_points(r.body, "<h3>How long the pain lasted</h3>") == 1);
	test_chart_axes(r.body);
	CHECK_MSG(strstr(r.body, "Session 2: Yes</title>") && strstr(r.body, "Session 2: 3 to 6 days</title>") &&
		  strstr(r.body, "Session 1: severe (3)</title>"),
		  "a chart's points say the patient's words (or, from an older kiosk, the score)");
	CHECK(strstr(r.body, "2 done of 8 planned") != NULL);
	/* The note is shown as text: its HTML is escaped, never live. */
	CHECK(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;it itched&quot;"));
	CHECK(!strstr(r.body, "<script"));
	CHECK(strstr(r.body, "Bruising: <strong>severe</strong> (3)") != NULL); /* an older kiosk's */
	CHECK_MSG(strstr(r.body, "How long the pain lasted: <strong>3 to 6 days</strong>") &&
		  strstr(r.body, "Breathing or swelling now: <strong>Yes</strong>"),
		  "the duration scale shows its own words");
	snprintf(path, sizeof path, "/photos/%s/thumb", k->photo[0]);
	CHECK(strstr(r.body, path) && strstr(r.body, "<h3>Thighs</h3>"));
	http(&r, "GET", "/patients/NOSUCH99", cookie, NULL, NULL, NULL);
	CHECK(r.status == 404);
	snprintf(path, sizeof path, "/patients/%s/compare?a=%s&b=%s", k->code, k->photo[0],
		 k->photo[1]);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "class=\"compare\""));
	snprintf(path, sizeof path, "/photos/%s/image", k->photo[1]);
	CHECK(strstr(r.body, path) && strstr(r.body, "type=\"radio\""));
	resp_free(&r);
}

static void test_photo(const char *cookie, const seed *k)
{
	resp r = { 0 };
	char path[96];
	snprintf(path, sizeof path, "/photos/%s/thumb", k->photo[0]);
	http(&r, "GET", path, NULL, NULL, NULL, NULL);
	CHECK(r.status == 403 && !has_header(&r, "Content-Type: image/"));
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: image/jpeg"));
	CHECK(has_header(&r, "Cache-Control: no-store"));
	CHECK(r.n == k->thumb_n[0] && memcmp(r.body, k->thumb[0], r.n) == 0);
	snprintf(path, sizeof path, "/photos/%s/thumb", k->report[0]);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 404);
	resp_free(&r);
}

static const char *section(const char *page, const char *id, char *out, size_t n)
{
	char key[64];
	const char *p, *end;
	snprintf(key, sizeof key, "id=\"k-%s\"", id);
	p = strstr(page, key);
	end = p ? strstr(p, "</section>") : NULL;
	snprintf(out, n, "%.*s", end ? (int)(end - p) : 0, p ? p : "");
	return out;
}

static void test_kiosks(cstore *cs, const char *cookie)
{
	cstore_kiosk hb = { .version = "0.1.0", .content_version = "2026-11-01",
			    .queue_waiting = 3, .free_disk = 12345678901LL, .uptime = 7200 };
	cstore_event ev = { .id = "0b4f2a8e-1111-4222-8333-444455556666", .level = "warn",
			    .event = "content-rejected", .detail = "pages.lua:12: unknown block" };
	char one[8192], two[8192];
	resp r = { 0 };
	ev.at = fake_now - 100;
	CHECK(cstore_heartbeat(cs, kiosk_id, &hb, &ev, 1, fake_now - 30) == 0);
	CHECK(cstore_heartbeat(cs, kiosk2_id, &hb, NULL, 0, fake_now - 6 * 60) == 0);
	http(&r, "GET", "/kiosks", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200);
	section(r.body, kiosk_id, one, sizeof one);
	section(r.body, kiosk2_id, two, sizeof two);
	CHECK(strstr(two, "Not seen for 6 minutes") && strstr(two, "class=\"warn\""));
	CHECK(strstr(two, "Front desk") != NULL);
	CHECK(one[0] && !strstr(one, "Not seen") && strstr(one, "Online"));
	CHECK(strstr(one, "12 GB") && strstr(one, "3 waiting") && strstr(one, "content-rejected"));
	resp_free(&r);
}

static void test_export(const char *cookie, const seed *k)
{
	resp r = { 0 };
	char path[128];
	snprintf(path, sizeof path, "/export?patient=%s&format=csv", k->code);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: text/csv"));
	CHECK(has_header(&r, "Content-Disposition: attachment") && strstr(r.body, k->code));
	snprintf(path, sizeof path, "/export?patient=%s&format=fhir&from=2020-01-01", k->code);
	http(&r, "GET", path, cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && has_header(&r, "Content-Type: application/fhir+json"));
	CHECK(strstr(r.body, "\"Bundle\"") != NULL);
	http(&r, "GET", "/export?format=csv&from=yesterday", cookie, NULL, NULL, NULL);
	CHECK(r.status == 400 && strstr(r.body, "YYYY-MM-DD"));
	http(&r, "GET", "/export", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "type=\"date\""));
	resp_free(&r);
}

static int audit_has(cstore *cs, const char *actor, const char *action, const char *subject)
{
	cstore_audit_row a[200];
	int n = 0, found = 0;
	CHECK(cstore_audit_list(cs, a, 200, &n) == 0);
	for (int i = 0; i < n; i++) {
		found += !strcmp(a[i].actor, actor) && !strcmp(a[i].action, action) &&
			 (!subject || !strcmp(a[i].subject, subject));
		CHECK(!strstr(a[i].detail, "itched") && !strstr(a[i].subject, "itched"));
	}
	return found;
}

#include "test_web_calls.h"

static void test_audit(cstore *cs, const char *cookie, const seed *k, const char *alert)
{
	resp r = { 0 };
	CHECK(audit_has(cs, "alice", "sign-in", NULL) >= 1);
	CHECK(audit_has(cs, "alice", "sign-in-failed", NULL) >= 1);
	CHECK(audit_has(cs, "alice", "view-patient", k->code) >= 1);
	CHECK(audit_has(cs, "alice", "acknowledge-alert", alert) >= 1);
	CHECK(audit_has(cs, "alice", "view-photo", k->photo[0]) >= 1);
	CHECK(audit_has(cs, "alice", "export", k->code) >= 1);
	http(&r, "GET", "/audit", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "acknowledge-alert") && strstr(r.body, alert));
	resp_free(&r);
}

static void test_no_key(collector *c, const char *cookie)
{
	resp r = { 0 };
	c->have_keys = 0;
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "no clinic key (--key): contents cannot be shown"));
	CHECK(!strstr(r.body, "Breathing or swelling now: <strong>Yes"));
	CHECK(strstr(r.body, "Please tell the front desk now") != NULL); /* known from the level */
	c->have_keys = 1;
	resp_free(&r);
}

/* Times in the clinic's zone once it is set (serve --time-zone), with
 * the zone's name; an unknown or odd zone is refused in words. */
static void test_time_zone(const char *cookie)
{
	resp r = { 0 };
	char s[32];
	web_time(s, 1795000000);
	CHECK(!strcmp(s, "2026-11-18 11:06 UTC"));
	CHECK(web_time_zone_set("Mars/Olympus_Mons") == MK_EINVAL && strstr(mk_err_msg(), "not known"));
	CHECK(web_time_zone_set("../../etc/passwd") == MK_EINVAL);
	CHECK(web_time_zone_set("/etc/localtime") == MK_EINVAL);
	CHECK(web_time_zone_set("Asia/Kolkata") == 0);
	web_time(s, 1795000000);
	CHECK_MSG(!strcmp(s, "2026-11-18 16:36 IST"), "the clinic's time: %s", s);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK_MSG(r.status == 200 && strstr(r.body, " IST<") && !strstr(r.body, " UTC<"),
		  "the alerts page shows times in the clinic's zone");
	CHECK(strstr(r.body, "Times are in the clinic's time zone, Asia/Kolkata.") != NULL);
	resp_free(&r);
}

static void test_signout(const char *cookie, const char *csrf)
{
	resp r = { 0 };
	char body[96];
	http(&r, "POST", "/signout", cookie, "", NULL, NULL);
	CHECK(r.status == 403);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(r.status == 200);
	snprintf(body, sizeof body, "csrf=%s", csrf);
	http(&r, "POST", "/signout", cookie, body, NULL, NULL);
	CHECK(r.status == 303 && has_header(&r, "Location: /signin"));
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(r.status == 303 && has_header(&r, "Location: /signin"));
	resp_free(&r);
}

int main(int argc, char **argv)
{
	static collector c;
	uint8_t pk[32], sk[32];
	char token[CSTORE_TOKEN], sid[65], cookie[80], csrf[65], origin[80];
	test_db t;
	cstore_row alerts[4];
	seed k;
	chttp *h = NULL;
	int port = 0, n = 0;
	resp r = { 0 };

	fake_now = (int64_t)time(NULL);
	CHECK(store_keygen(pk, sk) == 0);
	if (test_db_make(&t, argc, argv, "mk_test_web") != 0) {
		CHECK(!"a database to test with");
		return check_done();
	}
	CHECK_MSG(cstore_open(&c.db, t.spec) == 0, "%s", mk_err_msg());
	if (!c.db)
		return check_done();
	CHECK(cstore_kiosk_add(c.db, "Waiting room", kiosk_id, token) == 0);
	CHECK(cstore_kiosk_add(c.db, "Front desk", kiosk2_id, token) == 0);
	CHECK(cstore_user_add(c.db, "alice", "correct-horse") == 0);
	CHECK(cstore_user_add(c.db, "bob", "bobs-password") == 0);
	CHECK_MSG(seed_make(&k, pk) == 0, "%s", mk_err_msg());
	CHECK(seed_each(&k, put_item, c.db) == 0);
	CHECK(cstore_alerts(c.db, 0, alerts, 4, &n) == 0 && n == 1);

	c.have_keys = 1;
	memcpy(c.pk, pk, 32);
	memcpy(c.sk, sk, 32);
	c.insecure_cookies = 1;
	c.now = now_fn;
	pthread_mutex_init(&c.lock, NULL);
	chttp_opts o = { .listen = "127.0.0.1:0", .handler = handler,
			 .admit = collector_admit, .tick = tick, .ctx = &c };
	CHECK_MSG(chttp_start(&h, &o, &port) == 0, "%s", mk_err_msg());
	snprintf(base_url, sizeof base_url, "http://127.0.0.1:%d", port);
	snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%d", port);
	curl_global_init(CURL_GLOBAL_DEFAULT);

	test_signin_needed();
	test_wrong_password();
	test_rate_limit();
	test_cookie_flags(&c);
	CHECK(signin("alice", "correct-horse", NULL, sid, &r) == 303);
	snprintf(cookie, sizeof cookie, "mk_sid=%s", sid);
	http(&r, "GET", "/alerts", cookie, NULL, NULL, NULL);
	CHECK(form_value(&r, "csrf", csrf));
	test_alerts(cookie, &k);
	if (n == 1)
		test_ack(c.db, cookie, csrf, alerts[0].uuid, origin);
	test_patient(cookie, &k);
	test_photo(cookie, &k);
	test_kiosks(c.db, cookie);
	test_export(cookie, &k);
	if (n == 1)
		test_audit(c.db, cookie, &k, alerts[0].uuid);
	test_patient_list(c.db, cookie, kiosk_id, kiosk2_id, fake_now);
	test_no_key(&c, cookie);
	test_time_zone(cookie);
	test_calls(c.db, port, cookie, csrf, &k, kiosk_id, kiosk2_id, fake_now);
	test_live(c.db, port, cookie, &k, kiosk_id, fake_now);
	test_signout(cookie, csrf);
	CHECK(audit_has(c.db, "alice", "sign-out", NULL) == 1);
	resp_free(&r);

	chttp_stop(h);
	curl_global_cleanup();
	cstore_close(c.db);
	seed_free(&k);
	pthread_mutex_destroy(&c.lock);
	test_db_done(&t);
	sodium_memzero(sk, sizeof sk);
	return check_done();
}
