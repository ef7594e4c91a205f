/* SPDX-License-Identifier: MIT */
/*
 * The victim of test_crash.c: opens the store in the folder given on its
 * command line, signs in one patient (enrolling them on the first run and
 * keeping their code in <folder>/writer-code), then saves reports until it
 * is killed. After each report store_report_add confirmed, it prints the
 * report's UUID and flushes, so the driver knows exactly which reports the
 * kiosk promised were saved. Every third report raises an alert, so both
 * paths of a report are cut at random points. Fixed PIN, test cost: the
 * key derivation must not eat the time before the kill.
 *
 * With "photos" as a second argument it saves progress photos instead
 * (test_photo_crash.c): about 200 KB each plus a thumbnail, photo i made by
 * photo_fake(i) with {"i":i} as its metadata so the checker can rebuild it,
 * printing each UUID store_photo_add confirmed.
 */
#include "store.h"
#include "core.h"
#include "photo_fake.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PIN "482913"
#define MAX_REPORTS 100000
#define PHOTO_BYTES (200 * 1024)
#define THUMB_BYTES (8 * 1024)

static int die(const char *what)
{
	fprintf(stderr, "crash_writer: %s: %s\n", what, mk_err_msg());
	return 2;
}

/* The patient of earlier runs, or a new one. Killed between enrolling and
 * writing the file, the next run enrols another: harmless, that patient
 * has no reports. */
static int sign_in(store *s, const char *dir, int64_t *id, uint8_t key[32])
{
	char *path = mk_path_join(dir, "writer-code"), *text = NULL, code[9];
	int rc = mk_read_file(path, &text, NULL);
	if (rc == 0) {
		snprintf(code, sizeof code, "%s", mk_trim(text));
	} else if ((rc = store_patient_enrol(s, PIN, &STORE_PIN_COST_TEST, code, id)) == 0) {
		rc = mk_write_atomic(path, code, strlen(code));
	}
	free(text);
	free(path);
	return rc ? rc : store_patient_unlock(s, code, PIN, (int64_t)time(NULL), key, id);
}

static int save_reports(store *s, const uint8_t pk[32], const uint8_t key[32], int64_t id)
{
	char json[128], uuid[37];
	for (int i = 0; i < MAX_REPORTS; i++) {
		snprintf(json, sizeof json, "{\"pain\":%d,\"note\":\"report %d\"}", i % 10, i);
		store_report r = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
				   .session = i, .json = json, .alert_level = i % 3 == 0,
				   .alert_json = "{\"rule\":\"test\"}" };
		if (store_report_add(s, &r, uuid) != 0)
			return die("report");
		printf("%s\n", uuid);
		fflush(stdout);
	}
	return 0;
}

/* Photo numbers go on across runs (from a random start): each run's
 * photos differ from the last run's. */
static int save_photos(store *s, const uint8_t pk[32], const uint8_t key[32], int64_t id)
{
	static uint8_t image[PHOTO_BYTES], thumb[THUMB_BYTES];
	char meta[64], uuid[37];
	unsigned first = (unsigned)time(NULL) * 1000u + (unsigned)getpid() % 1000u;
	for (unsigned i = first; i < first + MAX_REPORTS; i++) {
		photo_fake(image, sizeof image, i, 0);
		photo_fake(thumb, sizeof thumb, i + 1, 0);
		snprintf(meta, sizeof meta, "{\"i\":%u}", i);
		store_photo p = { .clinic_pk = pk, .patient_key = key, .patient_id = id,
				  .session = (int)(i % 7), .area = (int)(i % 5), .image = image,
				  .image_len = sizeof image, .thumb = thumb, .thumb_len = sizeof thumb,
				  .width = 640, .height = 480, .meta_json = meta };
		if (store_photo_add(s, &p, uuid) != 0)
			return die("photo");
		printf("%s\n", uuid);
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t pk[32], sk[32], key[32];
	int64_t id = 0;
	store *s = NULL;
	int rc;
	if (argc != 2 && !(argc == 3 && strcmp(argv[2], "photos") == 0)) {
		fprintf(stderr, "usage: crash_writer DATA_FOLDER [photos]\n");
		return 2;
	}
	mk_log_set_level(MK_LOG_ERROR);
	if (store_open(&s, argv[1]) != 0)
		return die("open");
	if (sign_in(s, argv[1], &id, key) != 0)
		return die("sign-in");
	if (store_keygen(pk, sk) != 0)
		return die("keygen");
	rc = argc == 3 ? save_photos(s, pk, key, id) : save_reports(s, pk, key, id);
	store_close(s);
	return rc;
}
