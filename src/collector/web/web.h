/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's internals, shared by web*.c. web.c routes a request and
 * does what every page needs (the session, CSRF, sign-in and its rate
 * limit); web_html.c builds pages; each other file is one part of the
 * dashboard (alerts, patients, charts, photos, kiosks, audit, export).
 *
 * Pages are built in a wbuf, a growing buffer that wipes what it leaves
 * behind (pages carry health data). Text reaches a page only through
 * wb_esc (HTML text and attribute values) or wb_url (a URL component);
 * wb_raw is for the page's own markup and wb_fmt for numbers.
 */
#ifndef MK_WEB_H
#define MK_WEB_H

#include "collector.h"
#include <stdarg.h>
#include <stdio.h>

/* ---- A page being built */

typedef struct {
	char *s;
	size_t n, cap;
	int failed; /* out of memory: the page is answered 500 */
} wbuf;

void wb_raw(wbuf *b, const char *s);                 /* trusted markup */
void wb_fmt(wbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wb_esc(wbuf *b, const char *s);                 /* text or attribute value */
void wb_escn(wbuf *b, const char *s, size_t n);
void wb_url(wbuf *b, const char *s);                 /* percent-encoded */
void wb_bytes(wbuf *b, const void *p, size_t n);     /* as is (downloads) */
void wb_free(wbuf *b);                               /* wipes */
/* A FILE that writes into b (exports); fclose it before using b. */
FILE *wb_file(wbuf *b);

/* ---- One request */

typedef struct {
	collector *c;
	const creq *r;
	cresp *w;
	int64_t now;
	char user[CSTORE_ID];    /* "" before sign-in */
	char csrf[CSTORE_HEX];
	int refresh;             /* > 0: the page reloads itself after this many seconds */
} web_ctx;

/* The page's head, its top navigation (active: "alerts", "patients", ...,
 * or NULL) and its title as the first heading. */
void web_page_begin(wbuf *b, const web_ctx *x, const char *title, const char *active);
void web_page_end(wbuf *b);
/* Answers the page (text/html) and takes b's buffer. */
void web_send(web_ctx *x, wbuf *b, int status);
/* A whole page with one message (errors, refusals). */
void web_message(web_ctx *x, int status, const char *title, const char *text);
void web_redirect(web_ctx *x, const char *location);
/* The hidden CSRF field of a form. */
void web_csrf_field(wbuf *b, const web_ctx *x);
/* Audit from the signed-in user; failures are logged, not shown. */
void web_audit(web_ctx *x, const char *action, const char *subject, const char *detail);
/* The stylesheet (/style.css). */
extern const char web_css[];
/* Live alerts (web_live.c): the stream at /alerts/events, the ticker's
 * look at the database, the script (/live.js) and the alerts page's
 * Content-Security-Policy, which lets that script in. */
void web_live_events(web_ctx *x);
void web_live_tick(collector *c, chttp *h);
extern const char web_live_js[];
extern const char web_live_csp[];

/* ---- Words and numbers for people */

/* Shows times in the clinic's zone (a tz database name, Europe/Paris)
 * from now on; before, and without it, in UTC. MK_EINVAL for a zone this
 * system does not know. Call before the server's threads start. */
int web_time_zone_set(const char *zone);
/* "2026-11-22 14:05 UTC", or "2026-11-22 15:05 CET" in the clinic's zone;
 * "never" for 0. */
void web_time(char out[32], int64_t t);
/* "2026-11-22" (in the clinic's zone, else UTC). */
void web_date(char out[16], int64_t t);
/* "YYYY-MM-DD" (UTC midnight) into *t; "" or NULL leaves *t as is;
 * MK_EINVAL for anything else. */
int web_parse_day(const char *s, int64_t *t);
/* "3 minutes", "2 hours", "5 days". */
void web_span(char out[32], int64_t seconds);
/* "1.2 GB". */
void web_size(char out[32], int64_t bytes);
/* "none", "mild", "moderate", "severe", "very severe"; "not answered". */
const char *web_score_word(int score);
/* The body area's name (0 thighs ... 4 other). */
const char *web_area_name(int area);
/* An item id as a heading: "severe-pain" -> "Severe pain". */
void web_item_name(char *out, size_t n, const char *id);

/* ---- The parts */

void web_alerts(web_ctx *x);
void web_alert_ack(web_ctx *x);
/* A POST from the alerts page that marks one item by its form's uuid
 * (an alert acknowledged, a call answered): the store's call, the words
 * for a bad form, an unknown item and a failure, the audit action, and
 * the page anchor's prefix to go back to. */
typedef struct {
	int (*mark)(cstore *cs, const char *uuid, const char *user, int64_t now);
	const char *which, *none, *failed, *action, *anchor;
} web_mark;
void web_alerts_mark(web_ctx *x, const web_mark *m);
/* Calls for staff (web_calls.c): their cards, at the top of the alerts
 * page (-1 when they cannot be read), and POST /calls/answer. */
int web_calls_section(wbuf *b, web_ctx *x, const cstore_kiosk *k, int nk);
void web_call_answer(web_ctx *x);
/* A kiosk as the alerts page names it: its label and id, or its id. */
void web_kiosk_name(wbuf *b, const cstore_kiosk *k, int nk, const char *id);
void web_patients(web_ctx *x);
void web_patient(web_ctx *x, const char *code);
void web_compare(web_ctx *x, const char *code);
void web_photo(web_ctx *x, const char *uuid, int which);
void web_kiosks(web_ctx *x);
void web_audit_page(web_ctx *x);
void web_export(web_ctx *x);

/* Sections of a patient's page (web_reports.c, web_photos.c); r holds all
 * the patient's records, oldest first. */
void web_reports_section(wbuf *b, web_ctx *x, const cstore_row *r, int n, const cstore_course *c,
			 int nc);
void web_photos_section(wbuf *b, web_ctx *x, const cstore_patient *p, const cstore_row *r, int n);

/* The dashboard is the only place that decrypts for display. Shared by the
 * alerts and patient pages: the record's JSON parsed (jansson, json_t *),
 * or NULL when there is no key or it does not open. */
struct json_t;
struct json_t *web_open_json(web_ctx *x, const char *uuid);
/* One answer of an opened record as a list item, in the words the patient
 * chose and the question's short name when the kiosk sent them (web_words.c). */
void web_answer(wbuf *b, struct json_t *rec, const char *id, int score);
/* What a red flag told the patient: its own words, or (rec NULL, or an
 * older kiosk) those of the kiosk's screen for its level. */
const char *web_told(struct json_t *alert, int level);

/* ---- Charts (web_chart.c) */

typedef struct {
	int session;      /* x */
	int score;        /* y, 0-4 */
	const char *word; /* the answer in the patient's words, or NULL (older kiosk) */
} web_point;

/* One small inline SVG chart of one item's scores by session (points in
 * report order), x from 0 to x_max, headed by name (the question's short
 * name, or the id made readable). */
void web_chart(wbuf *b, const char *name, const web_point *p, int n, int x_max);

/* web_auth.c: the sign-in form and its answer, signing out, and whether a
 * form came from this dashboard (Origin or Referer). */
void web_signin(web_ctx *x);
void web_signout(web_ctx *x);
int web_origin_ok(web_ctx *x);

#endif
