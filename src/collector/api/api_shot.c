/* SPDX-License-Identifier: MIT */
/*
 * PUT /api/v1/screenshot/{id}: a kiosk's answer to a screenshot a user
 * asked for (the id came in its heartbeat's answer): the picture as
 * image/png, at most API_MAX_SHOT, or application/json {"refused": "why"}
 * when the kiosk would not take one (a patient signed in, a staff
 * screen). A body that claims to be a PNG must start with PNG's signature
 * bytes: the dashboard shows it as an image. An id that is not this
 * kiosk's is 404, the same as one that never was.
 */
#include "api_int.h"
#include "cstore_content.h"
#include "core.h"
#include <string.h>
#include <strings.h>

static int type_is(const char *type, const char *want)
{
	size_t n = strlen(want);
	return type && !strncasecmp(type, want, n) && (!type[n] || type[n] == ';' || type[n] == ' ');
}

static int refusal(const uint8_t *body, size_t n, char why[120])
{
	json_error_t err;
	json_t *j = json_loadb((const char *)body, n, 0, &err);
	int rc = json_is_object(j) &&
			 api_str(json_object_get(j, "refused"), why, 120, 1) == 0 && why[0]
		 ? 0 : -1;
	json_decref(j);
	return rc;
}

void api_shot(collector *c, const char *kiosk, const char *id, const creq *r, cresp *w)
{
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const char *type = creq_header(r, "Content-Type");
	char why[120];
	size_t n;
	const uint8_t *body = creq_body(r, &n);
	int rc;
	if (type_is(type, "image/png")) {
		if (n > API_MAX_SHOT)
			return api_error(w, 413, "a screenshot takes at most 8 MiB");
		if (n < sizeof png_sig || memcmp(body, png_sig, sizeof png_sig))
			return api_error(w, 400, "the body is not a PNG picture");
		rc = cstore_shot_put(c->db, kiosk, id, body, n, NULL, c->now());
	} else if (type_is(type, "application/json")) {
		if (refusal(body, n, why) != 0)
			return api_error(w, 400, "expected {\"refused\": \"why\"} or an image/png body");
		rc = cstore_shot_put(c->db, kiosk, id, NULL, 0, why, c->now());
	} else {
		return api_error(w, 415, "a screenshot is image/png, or application/json"
				 " {\"refused\": \"why\"}");
	}
	if (rc == 0)
		return api_json(w, 200, json_pack("{s:b}", "ok", 1));
	if (rc == MK_ENOTFOUND)
		return api_error(w, 404, "no such screenshot request for this kiosk");
	mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
	api_error(w, 500, "the collector could not store the screenshot: send it again later");
}
