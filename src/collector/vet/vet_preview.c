/* SPDX-License-Identifier: MIT */
/*
 * vet_preview (vet.h): the content's pages as the kiosk draws them. In one
 * scratch folder beside out: bundle-check unpacks the bundle, then two
 * kiosk processes at once, one with a 1920x1080 screen and one with a
 * 1080x1920 screen, each run a driver script that shoots every page in
 * every language (`shots`; each with its own data folder);
 * `mesokiosk sheet-diff` compares the shots with an earlier preview
 * and `mesokiosk sheet` lays them out on a contact sheet. Every picture is
 * decoded in those children, none here: this file only counts files.
 */
#include "core.h"
#include "vet_int.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One kiosk per orientation, side by side: each draws every page in
 * every language, so a server with two cores takes half the time. */
typedef struct {
	const char *tag, *size, *script;
	vet_job *j;
	vet_result r;
	int rc;
	char msg[400];
} vet_draw;

static const char land_script[] =
	"# The collector's preview (src/collector/vet): every page, every language.\n"
	"size 1920 1080\n"
	"shots shots land\n";
static const char port_script[] =
	"# The collector's preview (src/collector/vet): every page, every language.\n"
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
	char path[PATH_MAX + 300];
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

static void *draw(void *arg)
{
	vet_draw *d = arg;
	char drive[32], data[32], *path;
	snprintf(drive, sizeof drive, "%s.drive", d->tag);
	snprintf(data, sizeof data, "data-%s", d->tag);
	const char *args[] = { "--headless", "--windowed", d->size, "--config", "kiosk.conf", "--data",
		data, "--content", "content", "--drive", drive, NULL };
	path = mk_path_join(d->j->dir, drive);
	d->rc = path ? mk_write_atomic(path, d->script, strlen(d->script)) : MK_ENOMEM;
	free(path);
	if (d->rc == 0)
		d->rc = step(d->j, "the kiosk could not draw the pages", args, &d->r);
	if (d->rc) /* messages are per thread */
		snprintf(d->msg, sizeof d->msg, "%s", mk_err_msg());
	return NULL;
}

/* Both orientations at once (one after the other if no thread starts). */
static int draw_both(vet_job *j, vet_result *r)
{
	vet_draw d[2] = { { .tag = "land", .size = "1920x1080", .script = land_script, .j = j },
			  { .tag = "port", .size = "1080x1920", .script = port_script, .j = j } };
	pthread_t t;
	int threaded = pthread_create(&t, NULL, draw, &d[1]) == 0;
	draw(&d[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		draw(&d[1]);
	for (int i = 0; i < 2; i++) {
		r->child_rss_kb = d[i].r.child_rss_kb > r->child_rss_kb ? d[i].r.child_rss_kb
									  : r->child_rss_kb;
		r->net_isolated &= d[i].r.net_isolated;
		r->fs_confined &= d[i].r.fs_confined;
	}
	for (int i = 0; i < 2; i++)
		if (d[i].rc)
			return mk_err(d[i].rc, "%s", d[i].msg);
	return 0;
}

static int render(vet_job *j, const char *prev, vet_result *r)
{
	static const char *const sheet[] = { "sheet", "shots", "shots/sheet.png", NULL };
	const char *diff[] = { "sheet-diff", prev, "shots", NULL };
	double t0 = now_s();
	int rc = draw_both(j, r);
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
	r->net_isolated = r->fs_confined = 1;
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
