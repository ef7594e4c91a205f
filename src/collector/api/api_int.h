/* SPDX-License-Identifier: MIT */
/*
 * The kiosk API's private parts: api.c authenticates and routes, and hands
 * each route to its own file (api_records.c and api_item.c for batches,
 * api_photo.c, api_heartbeat.c, api_content.c for content and package
 * downloads, api_software.c for the heartbeat's software part and
 * api_shot.c for screenshots). Every answer is JSON but a bundle's bytes.
 */
#ifndef MK_API_INT_H
#define MK_API_INT_H

#include "collector.h"
#include "cstore_content.h"
#include <jansson.h>

/* What the request log line reports besides method, path and status. */
typedef struct {
	int accepted, rejected, pending;
} api_counts;

/* Sets w to status with j as its body (j is released). */
void api_json(cresp *w, int status, json_t *j);
/* {"error": msg}. */
void api_error(cresp *w, int status, const char *msg);

/* 1 when s is a lower-case UUID (8-4-4-4-12 hex digits). */
int api_uuid_ok(const char *s);
/* 1 when s is 64 hex digits; lower-cases it into out. */
int api_sha256_ok(const char *s, char out[CSTORE_HEX]);
/* Copies a JSON string of at most n-1 bytes (cut at a character boundary
 * when trunc, else -1 when too long); "" for a missing value, -1 for a
 * value that is not a string. */
int api_str(json_t *v, char *out, size_t n, int trunc);
/* A whole number >= 0 under key into out: 0 (out 0 when missing or
 * null), -1 for anything else (the heartbeat's counts and versions). */
int api_whole(json_t *o, const char *key, int64_t *out);

/* One batch item, parsed and checked, with its decoded parts. */
typedef struct {
	cstore_record rec;
	uint8_t *sealed, *nonce, *ct;
} api_item;
/* 0, or -1 with reason set (it->rec.uuid holds the uuid when readable). */
int api_item_parse(json_t *j, api_item *it, char reason[CSTORE_REASON]);
void api_item_free(api_item *it);

/* What a heartbeat's "content" object says (api_content.c). */
typedef struct {
	int64_t shown, offered;
	char state[16];
	char problem[CSTORE_REASON];
} api_content_said;
/* 1 when v is a readable content object (into said); 0 when absent or
 * unreadable (logged for kiosk: the heartbeat is kept without it). */
int api_content_parse(json_t *v, const char *kiosk, api_content_said *said);
/* Adds to a heartbeat's answer the content offer (when said, the kiosk's
 * word this time, shows another version than it should and did not
 * reject that one) and the screenshot asked for. 0, or -1 when the
 * database failed (logged). */
int api_content_answer(collector *c, const char *kiosk, const api_content_said *said,
		       json_t *answer);

void api_records(collector *c, const char *kiosk, const creq *r, cresp *w, api_counts *n);
/* GET /api/v1/content/N (kind CSTORE_CONTENT) or /api/v1/package/N
 * (CSTORE_PACKAGE): the bundle file of an approved version. */
void api_content(collector *c, cstore_kind kind, const char *kiosk, const char *version,
		 const creq *r, cresp *w);

/* What a heartbeat's "software" object says (api_software.c): 1 when v is
 * a readable one (into said), 0 when absent or unreadable (logged for
 * kiosk: the heartbeat is kept without it). */
int api_software_parse(json_t *v, const char *kiosk, cstore_kiosk_software *said);
/* Adds to the heartbeat's answer the package the kiosk should take
 * (cstore_kiosk_package_offer), when it said anything of its software
 * (said), after that was stored. 0, or -1 when the database failed
 * (logged). */
int api_software_answer(collector *c, const char *kiosk, const cstore_kiosk_software *said,
			json_t *answer);
void api_shot(collector *c, const char *kiosk, const char *id, const creq *r, cresp *w);
void api_photo(collector *c, const char *kiosk, const char *uuid, const creq *r, cresp *w);
void api_heartbeat(collector *c, const char *kiosk, const creq *r, cresp *w);

#endif
