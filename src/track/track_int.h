/* SPDX-License-Identifier: MIT */
/* track internals shared by track.c and report.c. */
#ifndef MK_TRACK_INT_H
#define MK_TRACK_INT_H

#include "track.h"
#include <stdio.h>

#define TRACK_ID_MAX 48

struct track {
	store *s;
	const content_model *m;
	uint8_t clinic_pk[STORE_KEY_BYTES];
	int enabled;
	int signed_in;
	int64_t patient_id;
	uint8_t key[STORE_KEY_BYTES];
	char code[STORE_CODE_LEN + 1];
	track_report draft;
	/* item ids of the draft's scores, so a reload keeps answers by id */
	char ids[TRACK_MAX_ITEMS][TRACK_ID_MAX];
	track_past *past;
	int n_past;
};

void track_wipe(void *p, size_t n);

#endif
