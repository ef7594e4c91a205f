/* SPDX-License-Identifier: MIT */
/*
 * PUT /api/v1/photos/{uuid}?part=image|thumb: one of a photo's two
 * encrypted files, exactly as the kiosk stored it. The bytes must hash to
 * X-Content-SHA256 (400 otherwise: a transfer went wrong, send it again).
 * Putting the same file twice is fine (200 both times), so an upload cut
 * off half-way is simply repeated; a different file under the same UUID
 * and part is a conflict (409) that no retry will fix.
 */
#include "api_int.h"
#include "core.h"
#include "crypto.h"
#include <string.h>

void api_photo(collector *c, const char *kiosk, const char *uuid, const creq *r, cresp *w)
{
	const char *part = creq_arg(r, "part");
	char want[CSTORE_HEX], got[CSTORE_HEX];
	size_t n;
	const uint8_t *body = creq_body(r, &n);
	int which, rc;
	if (!part || (strcmp(part, "image") && strcmp(part, "thumb")))
		return api_error(w, 400, "part: expected ?part=image or ?part=thumb");
	which = !strcmp(part, "thumb");
	if (!api_sha256_ok(creq_header(r, "X-Content-SHA256"), want))
		return api_error(w, 400, "X-Content-SHA256: expected 64 hex digits");
	if (n == 0)
		return api_error(w, 400, "the photo file is empty");
	if (n > API_MAX_PHOTO)
		return api_error(w, 413, "a photo file takes at most 48 MiB");
	mkc_sha256_hex(body, n, got);
	if (strcmp(want, got))
		return api_error(w, 400, "the bytes do not match X-Content-SHA256: send them again");
	rc = cstore_photo_put(c->db, kiosk, uuid, which, body, n, got, c->now());
	if (rc == 0)
		api_json(w, 200, json_pack("{s:b}", "ok", 1));
	else if (rc == MK_EEXIST)
		api_error(w, 409, "a different file is already stored for this photo");
	else if (rc == MK_EPERM) /* 409: the kiosk sets the photo aside, no retry */
		api_error(w, 409, "the collector refuses this photo: its record came from another kiosk");
	else if (rc == MK_EINVAL)
		api_error(w, 409, "the collector refuses this photo (its patient's data was erased)");
	else {
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
		api_error(w, 500, "the collector could not store the photo: send it again later");
	}
}
