/* SPDX-License-Identifier: MIT */
/*
 * cstore's part for content rollout (issue 20): the bundles uploaded to the
 * collector, their checks, approval (four eyes: never by the uploader),
 * their rollout stage (one kiosk, then a group, then all), what each kiosk
 * says it shows, and remote screenshots. Included by cstore.h users that
 * need it; calls return 0 or a negative MK_E* with mk_err_msg(), like the
 * rest of cstore.
 */
#ifndef MK_CSTORE_CONTENT_H
#define MK_CSTORE_CONTENT_H

#include "cstore.h"

/* ---- Roles: "staff" (the default of add-user) or "publisher". Only a
 * publisher may upload, approve, roll out or roll back content. */
int cstore_user_set_role(cstore *cs, const char *name, const char *role);
/* The user's role into role (16 bytes); MK_ENOTFOUND for no such user. */
int cstore_user_role(cstore *cs, const char *name, char role[16]);

/* ---- Bundles: content, and software packages (issue 20's last part).
 * Both kinds share the table, the rules (four eyes, stages that only
 * widen) and the code; each kind numbers its versions on its own, so every
 * call that names a version names its kind too. A package is never vetted
 * (the collector never runs one): it is stored "ready" for approval. */

typedef enum { CSTORE_CONTENT = 0, CSTORE_PACKAGE = 1 } cstore_kind;
/* "content" or "package", as the store and its messages name them. */
const char *cstore_kind_name(cstore_kind kind);

/* The largest bundle stored: BUNDLE_MAX_BYTES, and for a package
 * BUNDLE_PACKAGE_MAX_BYTES (bundle.h; the rollout module checks that they
 * agree). */
#define CSTORE_BUNDLE_MAX (64ull << 20)
#define CSTORE_PACKAGE_MAX (128ull << 20)
/* A bundle is stored in parts of this size (cstore_bundle_read). */
#define CSTORE_BUNDLE_PART ((size_t)1 << 20)

typedef struct {
	cstore_kind kind;
	int64_t version;            /* from the bundle's manifest; unique per kind */
	char sha256[CSTORE_HEX];    /* of the whole bundle file */
	int64_t size;
	char note[200];             /* the uploader's words, or "rollback to N" */
	char uploaded_by[CSTORE_ID];
	int64_t uploaded_at;
	/* "checking" (vet running), "problems" (vet found some: never
	 * approvable), "ready" (checked, waits for a second publisher),
	 * "approved", "failed" (the check could not run) */
	char state[16];
	int n_problems;
	char approved_by[CSTORE_ID]; /* "" until approved */
	int64_t approved_at;
	/* rollout: "" (not rolled out), "kiosk", "group" or "all", and the
	 * kiosk id or group name it is rolled out to */
	char stage[8];
	char target[CSTORE_ID];
	char deb[64];               /* a package: the Debian version it carries */
} cstore_bundle;

/* Stores an uploaded bundle's bytes (kind b->kind) as state "checking", a
 * package as "ready". MK_EEXIST when the version is taken, MK_EINVAL when
 * it is not above every stored one of its kind. */
int cstore_bundle_add(cstore *cs, const cstore_bundle *b, const uint8_t *bytes, size_t n,
		      int64_t now);
/* After the check: state "problems", "ready" or "failed", and the problems
 * as text (one "file:line: message" a line) for the dashboard. */
int cstore_bundle_checked(cstore *cs, int64_t version, const char *state, int n_problems,
			  const char *problems);
/* The problems text (malloc'd, NUL-terminated; free it). */
int cstore_bundle_problems(cstore *cs, int64_t version, char **out);
/* Approves a "ready" bundle: MK_EPERM when user uploaded it (four eyes) or
 * is not a publisher, MK_EINVAL when it is not "ready". */
int cstore_bundle_approve(cstore *cs, cstore_kind kind, int64_t version, const char *user,
			  int64_t now);
/* Rolls an approved bundle out to stage "kiosk" (target a kiosk id),
 * "group" (target a group name) or "all" (target ""). Stages only widen:
 * MK_EINVAL for a narrower stage than the bundle has, or an unapproved
 * bundle; MK_ENOTFOUND for an unknown kiosk or empty group. */
int cstore_bundle_rollout(cstore *cs, cstore_kind kind, int64_t version, const char *stage,
			  const char *target, int64_t now);
int cstore_bundle_get(cstore *cs, cstore_kind kind, int64_t version, cstore_bundle *out);
/* newest first */
int cstore_bundles(cstore *cs, cstore_kind kind, cstore_bundle *out, int max, int *n);
/* The bundle file's bytes (malloc'd; free them). */
int cstore_bundle_file(cstore *cs, cstore_kind kind, int64_t version, uint8_t **bytes, size_t *n);
/* Up to max bytes of the bundle file from offset into buf; *got is 0 at
 * or past its end. MK_ENOTFOUND for no such version. A kiosk's download
 * reads the file this way, a slice at a time. */
int cstore_bundle_read(cstore *cs, cstore_kind kind, int64_t version, int64_t offset, uint8_t *buf,
		       size_t max, size_t *got);
/* A rollback (rollout.c): stores a bundle the collector re-signed as
 * approved already (approved_by b->uploaded_by) and rolled out to stage and
 * target at once ("" for none), since its content was approved before.
 * The same checks on the version as cstore_bundle_add. */
int cstore_bundle_add_approved(cstore *cs, const cstore_bundle *b, const uint8_t *bytes,
			       size_t n, const char *stage, const char *target, int64_t now);
/* The version kiosk_id should show: the newest rolled-out bundle whose
 * stage covers it (its id, its group, or all), into out; 1 when there is
 * one, 0 when none. */
int cstore_kiosk_target(cstore *cs, cstore_kind kind, const char *kiosk_id, cstore_bundle *out);

/* ---- What each kiosk says of its content (from its heartbeat) */

typedef struct {
	char kiosk[CSTORE_ID];
	char label[64];
	char group[CSTORE_ID];
	int64_t target;             /* cstore_kiosk_target's version; 0: none */
	int64_t shown;              /* the bundle version it shows; 0: not a bundle */
	char state[16];             /* as the kiosk said: showing, pending, ... */
	int64_t offered;
	char problem[200];
	int64_t at;                 /* of the heartbeat; 0: never said */
} cstore_kiosk_content;

int cstore_kiosk_content_put(cstore *cs, const char *kiosk_id, int64_t shown, const char *state,
			     int64_t offered, const char *problem, int64_t now);
int cstore_kiosk_contents(cstore *cs, cstore_kiosk_content *out, int max, int *n); /* by id */
/* The newest version kiosk_id ever said it rejected (0: none): the
 * heartbeat's answer never offers it again, whatever the kiosk says
 * later. */
int cstore_kiosk_rejected(cstore *cs, const char *kiosk_id, int64_t *version);

/* ---- What each kiosk says of its software (the heartbeat's "software"
 * object, cstore_software.c) */

typedef struct {
	char kiosk[CSTORE_ID];
	char label[64];
	char group[CSTORE_ID];
	int64_t target;             /* the newest package rolled out to it; 0: none */
	char running[64];           /* the Debian version it runs; "" never said */
	int64_t taken;              /* the highest package it installed; 0: none */
	char state[16];             /* current, downloading, waiting, installing,
				     * installed, rejected or rolled-back */
	int64_t offered;
	char problem[CSTORE_REASON + 1]; /* up to 200 bytes */
	int64_t at;                 /* of the heartbeat; 0: never said */
} cstore_kiosk_software;

/* 1 when s is one of the states above. */
int cstore_software_state_ok(const char *s);
/* Stores what s says of kiosk_id (s->kiosk, label, group, target and at
 * are not read). MK_EINVAL for a state not listed above, a version below
 * 0, or text out of shape. */
int cstore_kiosk_software_put(cstore *cs, const char *kiosk_id, const cstore_kiosk_software *s,
			      int64_t now);
int cstore_kiosk_softwares(cstore *cs, cstore_kiosk_software *out, int max, int *n); /* by id */
/* The package kiosk_id should be offered: its target (cstore_kiosk_target)
 * when above what it took and above every version it ever said it
 * rejected or rolled back; 1 and out, or 0 when none. */
int cstore_kiosk_package_offer(cstore *cs, const char *kiosk_id, cstore_bundle *out);

/* ---- Remote screenshots */

/* A new request for kiosk_id by user: id_out is 32 random hex digits.
 * Requests asked over 7 days before now go then, with their pictures. */
int cstore_shot_request(cstore *cs, const char *kiosk_id, const char *user, int64_t now,
			char id_out[33]);
/* 1 and the id of kiosk_id's newest unanswered request, 0 when none. */
int cstore_shot_pending(cstore *cs, const char *kiosk_id, char id_out[33]);
/* The kiosk's answer: a PNG, or png NULL and why it refused. MK_ENOTFOUND
 * for an unknown id or another kiosk's. */
int cstore_shot_put(cstore *cs, const char *kiosk_id, const char *id, const uint8_t *png,
		    size_t n, const char *refused, int64_t now);
typedef struct {
	char id[33];
	char kiosk[CSTORE_ID];
	char by[CSTORE_ID];
	int64_t asked_at, answered_at; /* 0: not answered yet */
	char refused[120];             /* "" with a picture */
	int64_t png_size;
} cstore_shot;
int cstore_shots(cstore *cs, cstore_shot *out, int max, int *n); /* newest first */
/* The picture (malloc'd); MK_ENOTFOUND when none. */
int cstore_shot_png(cstore *cs, const char *id, uint8_t **png, size_t *n);

#endif
