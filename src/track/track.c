/* SPDX-License-Identifier: MIT */
/*
 * The signed-in patient: sign-in, consent, course and sign-out. The patient
 * key is the one secret here; it is held only while signed in and wiped
 * with explicit_bzero (the compiler may not drop it) together with
 * everything else patient-derived.
 */
#include "track_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

void track_wipe(void *p, size_t n)
{
	if (p && n)
		explicit_bzero(p, n);
}

int track_open(track **out, store *s, const uint8_t *clinic_pk, const content_model *m)
{
	track *t = calloc(1, sizeof *t);
	*out = NULL;
	if (!t)
		return mk_err(MK_ENOMEM, "out of memory");
	t->s = s;
	t->m = m;
	if (clinic_pk) {
		memcpy(t->clinic_pk, clinic_pk, STORE_KEY_BYTES);
		t->enabled = 1;
	}
	*out = t;
	return 0;
}

void track_close(track *t)
{
	if (!t)
		return;
	track_sign_out(t);
	track_wipe(t, sizeof *t);
	free(t);
}

int track_enabled(const track *t)
{
	return t && t->enabled;
}

int track_sign_in(track *t, const char *code, const char *pin, int64_t now)
{
	int rc;
	track_sign_out(t);
	if (!t->enabled)
		return mk_err(MK_EINVAL, "tracking is off: no clinic public key is configured");
	rc = store_patient_unlock(t->s, code, pin, now, t->key, &t->patient_id);
	if (rc) {
		track_wipe(t->key, sizeof t->key);
		return rc;
	}
	snprintf(t->code, sizeof t->code, "%s", code);
	for (char *c = t->code; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	t->signed_in = 1;
	return 0;
}

int track_tries_left(track *t, const char *code, int64_t now)
{
	return t->enabled ? store_patient_tries_left(t->s, code, now) : STORE_MAX_FAILED_PINS;
}

int track_signed_in(const track *t)
{
	return t && t->signed_in;
}

const char *track_code(const track *t)
{
	return t && t->signed_in ? t->code : "";
}

int track_needs_consent(track *t)
{
	if (!t->signed_in)
		return 1;
	return store_patient_has_consent(t->s, t->patient_id) == 1 ? 0 : 1;
}

int track_give_consent(track *t, int64_t now)
{
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	return store_patient_set_consent(t->s, t->patient_id, now);
}

void track_sign_out(track *t)
{
	if (!t)
		return;
	track_wipe(t->key, sizeof t->key);
	track_wipe(t->code, sizeof t->code);
	track_wipe(&t->draft, sizeof t->draft);
	track_wipe(t->ids, sizeof t->ids);
	if (t->past) {
		track_wipe(t->past, sizeof *t->past * TRACK_MAX_REPORTS);
		free(t->past);
		t->past = NULL;
	}
	t->n_past = 0;
	t->patient_id = 0;
	t->signed_in = 0;
}

int track_course(track *t, store_course *out)
{
	if (!t->signed_in)
		return mk_err(MK_EINVAL, "not signed in");
	return store_course_get_active(t->s, t->patient_id, out);
}
