/* SPDX-License-Identifier: MIT */
/*
 * vet: what the collector learns about a content bundle before anyone
 * approves it, always by running the kiosk's own binary in a child
 * process, never by loading content in the collector itself. The child is
 * sandboxed: its own process group, no network, a time limit, a memory
 * limit, an empty environment but for what the kiosk needs, a scratch
 * folder as its home.
 *
 *   vet_check    the bundle's signature and form (bundle-check) and the
 *                content's own checks (mesokiosk --check): every problem
 *                as file:line: message;
 *   vet_preview  every page of the content in every language and both
 *                orientations, drawn by the kiosk's renderer
 *                (mesokiosk --headless --drive), one PNG each, a contact
 *                sheet of them, and, given the preview of the version the
 *                kiosks show now, a side-by-side diff of each page with the
 *                changed pixels highlighted.
 */
#ifndef MK_VET_H
#define MK_VET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *kiosk_bin;   /* the mesokiosk binary to run */
	const char *keys;        /* comma-separated public key files; NULL: none */
	int time_limit_s;        /* per child; 0: 120 */
	int64_t mem_limit;       /* address space per child, bytes; 0: 1 GiB */
} vet_opts;

typedef struct {
	char file[128];          /* relative to the content folder; "" for the bundle */
	int line;                /* 0 when none */
	char msg[300];
} vet_problem;

typedef struct {
	long long version;       /* from the bundle's manifest */
	int refused;             /* the bundle itself was refused: problems[0] says why */
	vet_problem *problems;   /* n_problems of them; free with vet_result_free */
	int n_problems;
	vet_problem *warnings;   /* --check's warnings (msg "warning: ..."): shown, */
	int n_warnings;          /* never a reason to refuse; freed with the rest */
	int net_isolated;        /* every child had no network (namespace or Landlock) */
	int fs_confined;         /* every child could write only in its scratch folder */
	/* vet_preview */
	int n_pages;             /* pages per language and orientation */
	int n_shots;             /* PNGs written */
	int n_changed;           /* shots that differ from the previous preview */
	double seconds;          /* wall time the rendering took */
	long child_rss_kb;       /* the peak resident memory of the largest child */
} vet_result;

/* Checks the bundle at path: 0 with r filled (r->n_problems may be > 0:
 * that is a finding, not an error); a negative MK_E* with the message only
 * when the check itself could not run (no binary, no memory, the child
 * killed by a limit: the message says which). */
int vet_check(const vet_opts *o, const char *bundle, vet_result *r);

/* Renders the bundle's pages into the folder out (made; must not exist):
 * out/<lang>-<land|port>-<NN>.png, out/sheet.png (all of them, labelled),
 * and, when prev is a folder from an earlier vet_preview, out/diff-*.png
 * for each page that changed (before | after, changed pixels in magenta)
 * and out/changed.txt listing them. 0 or a negative MK_E* with the message. */
int vet_preview(const vet_opts *o, const char *bundle, const char *prev, const char *out,
		vet_result *r);

void vet_result_free(vet_result *r);

/* The kiosk binary when none is configured (collector.conf kiosk_binary):
 * the mesokiosk next to this program, else /usr/bin/mesokiosk. */
const char *vet_kiosk_default(char *buf, size_t cap);

#endif
