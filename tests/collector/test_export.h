/* SPDX-License-Identifier: MIT */
/*
 * The export tests' fixture (test_export_fixture.c): a real kiosk store
 * with two patients, whose encrypted records are moved into a collector
 * store as a kiosk would send them, and what was saved, to compare with
 * what the exports say.
 */
#ifndef MK_TEST_EXPORT_H
#define MK_TEST_EXPORT_H

#include "../check.h"
#include "cstore.h"
#include "test_cstore_db.h"
#include <stddef.h>
#include <stdint.h>

#define FX_T0 1790000000          /* report A and its alert */
#define FX_T_PHOTO (FX_T0 + 100)  /* photo A */
#define FX_T_B (FX_T0 + 10 * 86400) /* report B */
#define FX_NOTE_SAVED "Sore, \"red\" skin\nsince Monday\xC2\xA0now "
#define FX_NOTE_FHIR "Sore, \"red\" skin\nsince Monday now"
#define FX_ANSWERS_A 7

typedef struct {
	char dir[64];           /* the kiosk's data folder's parent */
	test_db db;             /* the collector's: SQLite, or PostgreSQL */
	cstore *cs;
	uint8_t pk[32], sk[32], wrong_pk[32], wrong_sk[32];
	char kiosk[CSTORE_ID];
	char code_a[9], code_b[9], patient_a[37], patient_b[37];
	char course_a[37], session_a[37];
	char report_a[37], alert_a[37], photo_a[37], report_b[37];
	size_t image_len;
	/* report A's answers, in the order saved */
	const char *items_a[FX_ANSWERS_A];
	int scores_a[FX_ANSWERS_A];
} fixture;

/* Builds everything: the kiosk in a new folder under /tmp, the collector
 * in SQLite there, or with pg_uri_file (see test_cstore_db.h) in a fresh
 * PostgreSQL database called name. 0 or a failure (CHECKed). */
int fixture_make(fixture *f, const char *pg_uri_file, const char *name);
/* Closes the collector store and removes the folders. */
void fixture_free(fixture *f);

#endif
