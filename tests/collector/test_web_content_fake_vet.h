/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for vet in the Content page's test: the dashboard's worker
 * is given these (web_content_opts) instead of vet's, which run the kiosk
 * binary. vet_check "finds" one
 * problem (file:line with markup in it, to see it escaped) in a bundle
 * whose bytes hold the word PROBLEM, and one warning in any other; vet_preview writes a small PNG
 * contact sheet and, given a previous preview, one diff picture. While
 * fake_vet_hold(1) is in force the check waits, so the test sees the
 * page in its "checking" state.
 */
#ifndef MK_TEST_WEB_CONTENT_FAKE_VET_H
#define MK_TEST_WEB_CONTENT_FAKE_VET_H

#include "vet.h"
#include "core.h"
#include <ftw.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static atomic_int fake_hold;

static void fake_vet_hold(int on)
{
	atomic_store(&fake_hold, on);
}

static int fake_check(const vet_opts *o, const char *bundle, vet_result *r)
{
	char *bytes = NULL;
	size_t n = 0;
	(void)o;
	memset(r, 0, sizeof *r);
	while (atomic_load(&fake_hold))
		usleep(10000);
	if (mk_read_file(bundle, &bytes, &n) != 0)
		return MK_EIO;
	if (memmem(bytes, n, "PROBLEM", 7)) {
		r->problems = calloc(1, sizeof *r->problems);
		r->n_problems = 1;
		snprintf(r->problems[0].file, sizeof r->problems[0].file, "pages/10-home.lua");
		r->problems[0].line = 3;
		snprintf(r->problems[0].msg, sizeof r->problems[0].msg,
			 "unknown block type '<marquee>'");
	}
	else {
		r->warnings = calloc(1, sizeof *r->warnings);
		r->n_warnings = 1;
		snprintf(r->warnings[0].file, sizeof r->warnings[0].file, "strings.lua");
		r->warnings[0].line = 3;
		snprintf(r->warnings[0].msg, sizeof r->warnings[0].msg,
			 "warning: {clinic_phone} is used, but clinic_phone in kiosk.conf is not set");
	}
	free(bytes);
	return 0;
}

static void fake_png(const char *dir, const char *name)
{
	char path[4200];
	static const char png[] = "\x89PNG\r\n\x1a\n(a test picture)";
	snprintf(path, sizeof path, "%s/%s", dir, name);
	mk_write_atomic(path, png, sizeof png - 1);
}

static int fake_preview(const vet_opts *o, const char *bundle, const char *prev, const char *out,
		vet_result *r)
{
	(void)o, (void)bundle;
	memset(r, 0, sizeof *r);
	if (mkdir(out, 0700) != 0)
		return mk_err(MK_EEXIST, "%s exists", out);
	fake_png(out, "sheet.png");
	fake_png(out, "en-land-01.png");
	r->n_shots = 1;
	if (prev) {
		fake_png(out, "diff-en-land-01.png");
		fake_png(out, "changed.txt");
		r->n_changed = 1;
	}
	return 0;
}

static void fake_result_free(vet_result *r)
{
	free(r->problems);
	free(r->warnings);
	memset(r, 0, sizeof *r);
}

static int fake_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

static void fake_vet_rm(const char *dir)
{
	nftw(dir, fake_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
