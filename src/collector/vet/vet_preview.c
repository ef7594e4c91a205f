/* SPDX-License-Identifier: MIT */
/*
 * vet_preview (vet.h): the content's pages as the kiosk draws them. In one
 * scratch folder beside out: bundle-check unpacks the bundle, one kiosk
 * process runs a driver script that sets the screen to 1920x1080 and shoots
 * every page in every language (`shots`), then to 1080x1920 and does it
 * again; `mesokiosk sheet-diff` compares the shots with an earlier preview
 * and `mesokiosk sheet` lays them out on a contact sheet. Every picture is
 * decoded in those children, none here: this file only counts files.
 */
#include "core.h"
#include "vet_int.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char script[] =
	"# The collector's preview (src/collector/vet): every page, every language,\n"
	"# landscape then portrait.\n"
	"size 1920 1080\n"
	"shots shots land\n"
	"size 1080 1920\n"
	"shots shots port\n";

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs the kiosk with args; a failure of it becomes MK_EIO with its words. */
static int step(vet_job *j, const char *what, const char *const *args, vet_result *r)
{
	vet_run_result rr;
	char why[300];
	int rc = vet_job_run(j, args, &rr, r);
	if (rc == 0 && rr.exit_code != 0) {
		vet_first_words(rr.out, why, sizeof why);
		rc = mk_err(MK_EIO, "%s: %s", what, why);
	}
	vet_run_free(&rr);
	return rc;
}

static int lines_in(const char *dir, const char *name)
{
	char *path = mk_path_join(dir, name), *text = NULL;
	int n = 0;
	if (path && mk_read_regular(path, 1 << 20, &text, NULL) == 0)
		for (char *p = text; *p; p++)
			n += *p == '\n';
	free(text);
	free(path);
	return n;
}

/* Counts the shots; anything in the folder but plain files is removed. */
static int tally(const char *dir, vet_result *r)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char path[PATH_MAX];
	if (!d)
		return mk_err(MK_EIO, "%s: the preview wrote nothing", dir);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			unlink(path);
			continue;
		}
		r->n_shots += n > 4 && !strcmp(e->d_name + n - 4, ".png") &&
			      strncmp(e->d_name, "diff-", 5) && strcmp(e->d_name, "sheet.png");
	}
	closedir(d);
	r->n_pages = lines_in(dir, "pages.txt");
	r->n_changed = lines_in(dir, "changed.txt");
	return r->n_shots ? 0 : mk_err(MK_EIO, "the kiosk drew no page");
}

static int render(vet_job *j, const char *prev, vet_result *r)
{
	static const char *const draw[] = { "--headless", "--windowed", "1920x1080", "--config",
		"kiosk.conf", "--data", "data", "--content", "content", "--drive", "preview.drive", NULL };
	static const char *const sheet[] = { "sheet", "shots", "shots/sheet.png", NULL };
	const char *diff[] = { "sheet-diff", prev, "shots", NULL };
	char *path = mk_path_join(j->dir, "preview.drive");
	int rc = path ? mk_write_atomic(path, script, sizeof script - 1) : MK_ENOMEM;
	double t0 = now_s();
	free(path);
	if (rc == 0)
		rc = step(j, "the kiosk could not draw the pages", draw, r);
	if (rc == 0 && prev)
		rc = step(j, "the pages could not be compared", diff, r);
	if (rc == 0)
		rc = step(j, "the contact sheet could not be made", sheet, r);
	r->seconds = now_s() - t0;
	return rc;
}

int vet_preview(const vet_opts *o, const char *bundle, const char *prev, const char *out,
		vet_result *r)
{
	char tmpl[PATH_MAX], full_prev[PATH_MAX], shots[PATH_MAX + 8];
	struct stat st;
	vet_job j;
	int rc;
	memset(r, 0, sizeof *r);
	if (lstat(out, &st) == 0)
		return mk_err(MK_EEXIST, "%s is there already: a preview goes into a new folder", out);
	if (prev && !realpath(prev, full_prev))
		return mk_err(MK_ENOTFOUND, "%s: no earlier preview there", prev);
	snprintf(tmpl, sizeof tmpl, "%s.vet-XXXXXX", out);
	if ((rc = vet_job_open(&j, o, bundle, tmpl)) == 0 && (rc = vet_unpack(&j, r)) == 1)
		rc = mk_err(MK_EPERM, "the bundle was refused: %s", r->problems[0].msg);
	if (rc == 0)
		rc = render(&j, prev ? full_prev : NULL, r);
	snprintf(shots, sizeof shots, "%s/shots", j.dir);
	if (rc == 0 && (rc = tally(shots, r)) == 0 && rename(shots, out) != 0)
		rc = mk_err(MK_EIO, "%s: %s", out, strerror(errno));
	vet_job_close(&j);
	return rc;
}
