/* SPDX-License-Identifier: MIT */
/*
 * What kiosk B is told over HTTP when it writes for kiosk A's patient
 * (issue 16, point 6), in the answers the kiosk's sync worker acts on:
 * a record for A's patient and a new patient with A's patient's code come
 * back "rejected" with a reason (the kiosk sets them aside, for good), and
 * a photo file under A's record UUID gets 409 (the kiosk sets the photo
 * aside too; only a 5xx is sent again). SQLite, and PostgreSQL with the
 * collector_pg fixture's URI file.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_api.h"

static tenv e;
static char kb[CSTORE_ID], token_b[CSTORE_TOKEN];

static long post_as(const char *token, json_t *rec, tresp *r)
{
	json_t *j = t_batch(json_pack("[o]", rec));
	char *text = json_dumps(j, JSON_COMPACT);
	static const char *const ct[] = { "Content-Type: application/json", NULL };
	long st = t_req(&e, "POST", "/api/v1/records", token, text, strlen(text), ct, r);
	free(text);
	json_decref(j);
	return st;
}

int main(int argc, char **argv)
{
	char ua[37], ub[37], uc[37], pa[37], pb[37], sha[65], path[128], hdr[100];
	uint8_t bytes[64];
	tresp r;
	mk_log_set_level(MK_LOG_ERROR);
	if (t_setup(&e, argc, argv, "mk_test_api_owner") != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	CHECK(cstore_kiosk_add(e.c.db, "room B", kb, token_b) == 0);
	store_uuid(ua);
	store_uuid(ub);
	store_uuid(uc);
	store_uuid(pa);
	store_uuid(pb);

	/* A enrols its patient. */
	CHECK(post_as(e.token, t_record(ua, "report", pa, "K7MZ4Q2P"), &r) == 200);
	CHECK_MSG(t_has(json_object_get(r.json, "accepted"), ua), "%s", r.body);
	t_free(&r);

	/* B writes for that patient: rejected, with the reason. */
	CHECK(post_as(token_b, t_record(ub, "report", pa, "X2345678"), &r) == 200);
	CHECK_MSG(strstr(t_reason(json_object_get(r.json, "rejected"), ub),
			 "belongs to another kiosk") != NULL, "%s", r.body);
	t_free(&r);
	/* B enrols a second patient with A's patient's code: rejected. */
	CHECK(post_as(token_b, t_record(uc, "report", pb, "K7MZ4Q2P"), &r) == 200);
	CHECK_MSG(strstr(t_reason(json_object_get(r.json, "rejected"), uc),
			 "another patient's") != NULL, "%s", r.body);
	t_free(&r);

	/* B sends a photo file under A's record UUID: 409, said why. */
	randombytes_buf(bytes, sizeof bytes);
	store_sha256_hex(bytes, sizeof bytes, sha);
	snprintf(path, sizeof path, "/api/v1/photos/%s?part=image", ua);
	snprintf(hdr, sizeof hdr, "X-Content-SHA256: %s", sha);
	const char *const h[] = { "Content-Type: application/octet-stream", hdr, NULL };
	CHECK(t_req(&e, "PUT", path, token_b, bytes, sizeof bytes, h, &r) == 409);
	CHECK_MSG(r.body && strstr(r.body, "another kiosk"), "%s", r.body ? r.body : "");
	t_free(&r);
	CHECK(t_count_records(&e) == 1);
	t_teardown(&e);
	return check_done();
}
