/* SPDX-License-Identifier: MIT */
/*
 * What rollout.c and rollout_back.c share: the struct with the keys read
 * once, scratch folders, and the step every way in goes through (a bundle
 * file checked, then stored).
 */
#ifndef MK_ROLLOUT_INT_H
#define MK_ROLLOUT_INT_H

#include "bundle.h"
#include "rollout.h"

struct rollout {
	cstore *db;
	char *keys_text;                   /* content_keys as given */
	char *tmp;
	uint8_t keys[BUNDLE_MAX_KEYS + 1][32]; /* content_keys, then content_key's own */
	int n_keys;                        /* content_keys' */
	int have_seed, own_listed;         /* content_key given; its public key in content_keys */
	uint8_t seed[32];
	uint8_t sw_keys[BUNDLE_MAX_KEYS][32]; /* software_keys: packages only */
	int n_sw;
};

/* A fresh scratch folder (malloc'd path); ro_scratch_end removes it and
 * everything in it, and frees the path. */
int ro_scratch(const rollout *ro, char **dir);
void ro_scratch_end(char *dir);
/* NULL (the command line) or a publisher; MK_EPERM otherwise. */
int ro_publisher(rollout *ro, const char *user);
/* The actor in the audit: the user, or "cli". */
const char *ro_actor(const char *user);
/* Checks the bundle file at path as kind (content against content_keys,
 * with the collector's own when with_own; a package against
 * software_keys) into o (into: unpack there, or NULL). */
int ro_check(const rollout *ro, cstore_kind kind, const char *path, int with_own,
	     const char *into, bundle_check_opts *o);
/* The bundle file's bytes (malloc'd; free them). */
int ro_read(const char *path, uint8_t **bytes, size_t *n);
/* The newest stored version (0: none). */
int ro_newest(rollout *ro, int64_t *v);

#endif
