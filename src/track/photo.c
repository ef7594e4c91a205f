/* SPDX-License-Identifier: MIT */
/*
 * The signed-in patient's photos: the same rules as reports (signed in,
 * consent given, encrypted to the clinic and to the patient's key by the
 * store), tied to the course and to the latest session done when taken.
 * The metadata that travels inside the encrypted record is small JSON.
 */
#include "track_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

static int ready(track *t)
{
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	if (track_needs_consent(t))
		return mk_err(MK_EINVAL, "no consent: nothing is recorded");
	return 0;
}

int track_photo_add(track *t, const track_photo *p, int area, char uuid_out[STORE_UUID_LEN + 1])
{
	store_course c;
	int rc = ready(t), have;
	if (rc)
		return rc;
	if (area < 0 || area >= CONTENT_AREA_COUNT)
		return mk_err(MK_EINVAL, "no such body area");
	have = store_course_get_active(t->s, t->patient_id, &c) == 0;
	char *meta = mk_asprintf("{\"v\":1,\"type\":\"progress-photo\",\"area\":\"%s\",\"session\":%d,"
				 "\"course\":\"%s\",\"sha256\":\"%s\",\"source\":\"%s\",\"width\":%d,\"height\":%d}",
				 content_area_name((content_area)area), have ? c.sessions_done : 0,
				 have ? c.uuid : "", p->sha256 ? p->sha256 : "", p->source ? p->source : "",
				 p->width, p->height);
	if (!meta)
		return mk_err(MK_ENOMEM, "out of memory");
	store_photo sp = {
		.clinic_pk = t->clinic_pk, .patient_key = t->key, .patient_id = t->patient_id,
		.course_uuid = have ? c.uuid : NULL, .session = have ? c.sessions_done : 0, .area = area,
		.image = p->image, .image_len = p->image_len, .thumb = p->thumb, .thumb_len = p->thumb_len,
		.width = p->width, .height = p->height, .meta_json = meta,
		.by_staff = p->source && !strcmp(p->source, "import"),
	};
	rc = store_photo_add(t->s, &sp, uuid_out);
	free(meta);
	return rc;
}

int track_photos(track *t, int area, store_photo_info *out, int max, int *n)
{
	*n = 0;
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	return store_photo_list(t->s, t->patient_id, area, out, max, n);
}

int track_photo_bytes(track *t, const char *uuid, int which, void **bytes, size_t *n)
{
	*bytes = NULL;
	*n = 0;
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	return store_photo_read(t->s, t->key, uuid, which, bytes, n);
}

int track_photo_sha256(track *t, const char *uuid, char out[65])
{
	void *json = NULL;
	size_t n = 0;
	const char *at;
	int rc;
	out[0] = 0;
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	if ((rc = store_photo_meta(t->s, t->key, uuid, &json, &n)))
		return rc;
	at = strstr(json, "\"sha256\":\"");
	if (at && strspn(at + 10, "0123456789abcdef") == 64) {
		memcpy(out, at + 10, 64);
		out[64] = 0;
	} else {
		rc = mk_err(MK_ENOTFOUND, "the photo's record has no SHA-256");
	}
	store_plain_free(json, n);
	return rc;
}

int track_photo_delete(track *t, const char *uuid)
{
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	return store_photo_delete(t->s, t->patient_id, uuid, NULL);
}
