/* SPDX-License-Identifier: MIT */
/*
 * What the files of narration/ share: the walk over a recording's Ogg
 * pages (head.c) in steps, so the kiosk can check a large file over
 * several frames (narr_verify) while narr_head does it in one go.
 */
#ifndef MK_NARRATION_INT_H
#define MK_NARRATION_INT_H

#include "narration.h"

typedef struct {
	size_t at;       /* the next page starts here */
	unsigned flags;  /* of the last page seen */
	uint32_t t[256]; /* the CRC table */
} narr_walk;

/* The first page: Ogg, with an OpusHead. 0, or -1 with *why. */
int narr_walk_begin(narr_walk *w, const unsigned char *b, size_t n, const char **why);
/* Pages from w->at while under `budget` bytes more: 1 when some are left,
 * 0 when the file was whole and ended right, -1 with *why. */
int narr_walk_step(narr_walk *w, const unsigned char *b, size_t n, size_t budget, const char **why);

#endif
