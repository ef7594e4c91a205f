/* SPDX-License-Identifier: MIT */
/*
 * rollout: what a publisher does with content on the collector, as one set
 * of actions that the dashboard and the command line share, each checked
 * and written to the audit log (actor the user, or "cli" for the command
 * line, which names no user for a rollout):
 *
 *   rollout_upload       a bundle's bytes: signature (collector.conf
 *                        content_keys) and form checked with the kiosk's own
 *                        bundle_check, stored as "checking" for vet
 *                        (action content-upload);
 *   rollout_pack_folder  a folder's files bundled and signed with the
 *                        collector's content_key as the next version, then
 *                        as rollout_upload (content-upload);
 *   rollout_approve      four eyes: another publisher (content-approve);
 *   rollout_stage        to one kiosk, a group, all; only widens
 *                        (content-rollout);
 *   rollout_rollback     the previous approved version's content, re-signed
 *                        with content_key as the newest version, approved
 *                        and rolled out at once to where the version it
 *                        replaces is (content-rollback).
 *
 * Software packages take the same way with their own version numbers
 * (kind CSTORE_PACKAGE): rollout_upload_package checks a package bundle
 * against software_keys and stores it "ready" (package-upload: the
 * collector never runs a package, so there is nothing to vet), then
 * rollout_approve and rollout_stage as for content (package-approve,
 * package-rollout). There is no rollback for packages: the collector holds
 * no software-signing key, so a break-in here is never root on every kiosk;
 * a fleet goes back when the publisher re-signs the previous .deb as N+1.
 *
 * A user named here must be a publisher (MK_EPERM otherwise); NULL is the
 * command line. Calls return 0 or a negative MK_E* with mk_err_msg().
 */
#ifndef MK_ROLLOUT_H
#define MK_ROLLOUT_H

#include "cstore_content.h"
#include <stddef.h>
#include <stdint.h>

typedef struct rollout rollout;

typedef struct {
	const char *keys; /* content_keys: comma-separated public key files; NULL: none */
	const char *key;  /* content_key: the collector's signing key (PREFIX.key); NULL: none */
	const char *tmp;  /* scratch folder; NULL: $TMPDIR, else /tmp */
	const char *software_keys; /* the public keys packages are signed with; NULL: none */
} rollout_opts;

/* Reads the keys now, so a wrong path is said at start. */
int rollout_new(rollout **out, cstore *db, const rollout_opts *o);
void rollout_free(rollout *ro);
/* content_keys as given ("" when none), for vet_opts.keys. */
const char *rollout_keys(const rollout *ro);

int rollout_upload(rollout *ro, const uint8_t *bytes, size_t n, const char *note,
		   const char *user, int64_t now, int64_t *version);
/* A package bundle (kind BUNDLE_PACKAGE, signed with a software_keys
 * key), stored "ready" with the Debian version of its .deb. */
int rollout_upload_package(rollout *ro, const uint8_t *bytes, size_t n, const char *note,
			   const char *user, int64_t now, int64_t *version);
int rollout_pack_folder(rollout *ro, const char *dir, const char *note, const char *user,
			int64_t now, int64_t *version);
int rollout_approve(rollout *ro, cstore_kind kind, int64_t version, const char *user, int64_t now);
/* stage "kiosk" (target a kiosk id), "group" (a group) or "all" (target
 * NULL or ""). */
int rollout_stage(rollout *ro, cstore_kind kind, int64_t version, const char *stage,
		  const char *target, const char *user, int64_t now);
/* MK_ENOTFOUND when nothing is rolled out or nothing approved comes before
 * it; MK_EINVAL without content_key. *version gets the new version. */
int rollout_rollback(rollout *ro, const char *user, int64_t now, int64_t *version);

#endif
