/* SPDX-License-Identifier: MIT */
/* Crash guard and last-good snapshot of content (see guard.c). */
#ifndef MK_GUARD_H
#define MK_GUARD_H
#include "core.h"

/* Fingerprint of every file (name and bytes) under dir. */
uint64_t guard_fingerprint(const char *dir);
int guard_trial_begin(const char *data, uint64_t fp);
void guard_trial_end(const char *data);
/* How many times content with this fingerprint was on trial when the
 * kiosk died (0: never). */
int guard_crashed_before(const char *data, uint64_t fp);
/* Marks content as having failed `tries` times, as if it had crashed the
 * kiosk that often: a callback that hung or ran over its budget. */
int guard_set_aside(const char *data, uint64_t fp, int tries);
/* Copies src (fingerprint fp) aside; guard_promote makes that copy the
 * last good content at <data>/content-good. */
int guard_snapshot(const char *data, const char *src, uint64_t fp);
int guard_promote(const char *data);
char *guard_snapshot_dir(const char *data);
#endif
