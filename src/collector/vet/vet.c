/* SPDX-License-Identifier: MIT */
/*
 * vet_check and vet_preview (vet.h): each is a few runs of the kiosk
 * binary in a fresh scratch folder, in the order a kiosk would meet the
 * bundle: bundle-check unpacks it (only a bundle whose signature and form
 * pass is unpacked), --check loads the content as the kiosk would and
 * prints its problems, and for the preview one kiosk process draws every
 * page in every language, once landscape and once portrait (the driver's
 * `shots`), then sheet-diff and sheet make the diffs and the contact sheet.
 * One process for all the pages, not one a page: starting the kiosk is the
 * slow part.
 *
 * The preview's scratch folder is made beside out and its shots folder
 * renamed to out at the end, so out appears whole or not at all, and the
 * child writes nowhere near anything else.
 */
#include "core.h"
#include "vet_int.h"
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The keys as absolute paths: the child runs in another folder. */
static int abs_keys(const char *list, char **out)
{
	char *copy = mk_strdup(list), *save = NULL, full[PATH_MAX];
	size_t cap = 1, n = 0;
	*out = calloc(1, 1);
	if (!copy || !*out)
		return free(copy), mk_err(MK_ENOMEM, "out of memory");
	for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		k = mk_trim(k);
		if (!realpath(k, full)) {
			int rc = mk_err(MK_ENOTFOUND, "%s: no such public key file", k);
			free(copy);
			return rc;
		}
		cap += strlen(full) + 1;
		char *g = realloc(*out, cap);
		if (!g)
			return free(copy), mk_err(MK_ENOMEM, "out of memory");
		*out = g;
		n += (size_t)sprintf(*out + n, "%s%s", n ? "," : "", full);
	}
	free(copy);
	return n ? 0 : mk_err(MK_EINVAL, "no public key given to check the bundle's signature");
}

static void sandbox_log(const vet_run_result *r)
{
	static atomic_int said; /* once per process: the walls are the host's */
	if ((r->net_isolated && r->fs_confined) || atomic_fetch_add(&said, 1))
		return;
	mk_log(MK_LOG_WARN, "vet-sandbox", "network=%s files=%s note=\"the kernel or container "
	       "allows no more; the rlimits and the time limit still hold\"",
	       r->net_isolated ? "none" : "shared", r->fs_confined ? "scratch-only" : "unconfined");
}

/* Sets up the job: the scratch folder made as tmpl, the paths absolute. */
int vet_job_open(vet_job *j, const vet_opts *o, const char *bundle, const char *tmpl)
{
	memset(j, 0, sizeof *j);
	j->run.bin = j->bin;
	j->run.time_limit_s = o->time_limit_s > 0 ? o->time_limit_s : 120;
	j->run.mem_limit = o->mem_limit > 0 ? o->mem_limit : 1ll << 30;
	j->run.dir = j->dir;
	if (!o->kiosk_bin || access(o->kiosk_bin, X_OK) != 0 || !realpath(o->kiosk_bin, j->bin))
		return mk_err(MK_ENOTFOUND, "%s: no kiosk binary to run there (kiosk_binary)",
			      o->kiosk_bin ? o->kiosk_bin : "(none)");
	if (!realpath(bundle, j->bundle))
		return mk_err(MK_ENOTFOUND, "%s: no such bundle", bundle);
	if (!o->keys)
		return mk_err(MK_EINVAL, "no public key given to check the bundle's signature");
	int rc = abs_keys(o->keys, &j->keys);
	if (rc)
		return rc;
	char made[PATH_MAX];
	snprintf(made, sizeof made, "%s", tmpl);
	/* Absolute: the child is in it when it names it (HOME, Landlock). */
	if (!mkdtemp(made) || !realpath(made, j->dir)) {
		rc = mk_err(MK_EIO, "%s: cannot make a scratch folder: %s", tmpl, strerror(errno));
		if (made[strlen(made) - 1] != 'X')
			rmdir(made);
		j->dir[0] = 0;
		return rc;
	}
	char *conf = mk_path_join(j->dir, "kiosk.conf");
	rc = conf ? mk_write_atomic(conf, "", 0) : MK_ENOMEM;
	free(conf);
	return rc;
}

void vet_job_close(vet_job *j)
{
	mk_remove_tree(j->dir);
	free(j->keys);
}

/* Runs the kiosk with args; r->out kept by the caller. */
int vet_job_run(vet_job *j, const char *const *args, vet_run_result *rr, vet_result *r)
{
	vet_run_opts ro = j->run; /* j is shared by the preview's threads */
	ro.args = args;
	int rc = vet_run(&ro, rr);
	if (rr->max_rss_kb > r->child_rss_kb)
		r->child_rss_kb = rr->max_rss_kb;
	r->net_isolated &= rr->net_isolated; /* every child so far */
	r->fs_confined &= rr->fs_confined;
	if (rc != MK_EIO || rr->n_out)
		sandbox_log(rr);
	return rc;
}

/* The first line of out that is not a log line, without "mesokiosk: ". */
void vet_first_words(const char *out, char *buf, size_t cap)
{
	const char *s = out;
	while (*s && (!strncmp(s, "ts=", 3) || *s == '\n'))
		s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s);
	if (!strncmp(s, "mesokiosk: ", 11))
		s += 11;
	snprintf(buf, cap, "%.*s", (int)strcspn(s, "\n"), *s ? s : "(it said nothing)");
}

/* bundle-check --into content: 0 with r->version, or 1 with the reason
 * the bundle was refused added as a problem of the bundle. */
int vet_unpack(vet_job *j, vet_result *r)
{
	const char *args[] = { "bundle-check", j->bundle, "--keys", j->keys, "--into", "content", NULL };
	vet_run_result rr;
	char why[300];
	int rc = vet_job_run(j, args, &rr, r);
	if (rc == 0 && rr.exit_code == 0) {
		const char *v = strstr(rr.out, ": version ");
		r->version = v ? atoll(v + 10) : 0;
	} else if (rc == 0) {
		size_t n = strlen(j->bundle);
		vet_first_words(rr.out, why, sizeof why);
		/* Its own path (the collector's upload file) tells staff nothing. */
		const char *w = !strncmp(why, j->bundle, n) && !strncmp(why + n, ": ", 2) ? why + n + 2 : why;
		rc = vet_problem_add(&r->problems, &r->n_problems, "", 0, w);
		r->refused = 1;
		rc = rc ? rc : 1;
	}
	vet_run_free(&rr);
	return rc;
}

int vet_check(const vet_opts *o, const char *bundle, vet_result *r)
{
	static const char *const args[] = { "--check", "content", "--config", "kiosk.conf", NULL };
	const char *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX];
	vet_job j;
	vet_run_result rr = { 0 };
	memset(r, 0, sizeof *r);
	r->net_isolated = r->fs_confined = 1;
	snprintf(tmpl, sizeof tmpl, "%s/mk-vet.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int rc = vet_job_open(&j, o, bundle, tmpl);
	if (rc == 0 && (rc = vet_unpack(&j, r)) == 0 && (rc = vet_job_run(&j, args, &rr, r)) == 0) {
		if (rr.exit_code > 1) {
			char why[300];
			vet_first_words(rr.out, why, sizeof why);
			rc = mk_err(MK_EIO, "the kiosk's check did not run: %s", why);
		} else {
			rc = vet_parse_problems(rr.out, "content", r);
		}
		if (rc == 0 && rr.exit_code == 1 && r->n_problems == 0)
			rc = vet_problem_add(&r->problems, &r->n_problems, "", 0,
					     "the kiosk's check failed without naming a problem");
	}
	vet_run_free(&rr);
	vet_job_close(&j);
	return rc > 0 ? 0 : rc;
}

void vet_result_free(vet_result *r)
{
	free(r->problems);
	free(r->warnings);
	r->problems = r->warnings = NULL;
	r->n_problems = r->n_warnings = 0;
}

const char *vet_kiosk_default(char *buf, size_t cap)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = 0;
		char *slash = strrchr(self, '/');
		if (slash) {
			snprintf(buf, cap, "%.*s/mesokiosk", (int)(slash - self), self);
			if (access(buf, X_OK) == 0)
				return buf;
		}
	}
	snprintf(buf, cap, "/usr/bin/mesokiosk");
	return buf;
}
