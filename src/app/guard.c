/* SPDX-License-Identifier: MIT */
/*
 * Crash guard and last-good snapshot for content. Before content runs for
 * the first time we write its fingerprint to `<data>/content-trial`; once it
 * has been on screen for a while we copy it to `<data>/content-good/` and
 * remove the marker. If the kiosk dies in between (content stuck in a C
 * library call and killed by the watchdog, or anything else), the marker is
 * still there at the next start and names exactly that content. One crash
 * may be bad luck (a power cut), so the content is tried once more; after
 * a second we show the snapshot instead and stop trying it. A changed folder gets a new
 * fingerprint, so a fix by staff is tried as usual. Content whose callback
 * hangs or runs over its budget, at any time, is marked the same way at
 * once (guard_set_aside), so neither a restart nor the snapshot brings it
 * back.
 */
#include "guard.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int skip_name(const char *n)
{
	size_t l = strlen(n);
	return n[0] == '.' || (l && n[l - 1] == '~') || strstr(n, ".tmp.") != NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef int (*walk_fn)(void *ud, const char *rel, const char *abs);

/* Calls fn(rel, abs) for each regular file under dir in a stable order. */
static int walk_at(const char *dir, const char *rel, walk_fn fn, void *ud, int depth)
{
	char *path = rel[0] ? mk_path_join(dir, rel) : mk_strdup(dir);
	DIR *d = path ? opendir(path) : NULL;
	struct dirent *de;
	char **names = NULL;
	int n = 0, cap = 0, rc = 0;
	if (!d) {
		free(path);
		return MK_ENOTFOUND;
	}
	while ((de = readdir(d))) {
		if (skip_name(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, (size_t)cap * sizeof *nn);
			if (!nn)
				break;
			names = nn;
		}
		names[n++] = mk_strdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, (size_t)n, sizeof *names, cmp_str);
	for (int i = 0; i < n; i++) {
		char *r = rel[0] ? mk_asprintf("%s/%s", rel, names[i]) : mk_strdup(names[i]);
		char *abs = mk_path_join(dir, r);
		struct stat st;
		/* Links are never followed (a link to / would walk the whole
		 * disk); the loader refuses content that points outside anyway. */
		if (rc == 0 && depth < 8 && lstat(abs, &st) == 0 && S_ISDIR(st.st_mode))
			rc = walk_at(dir, r, fn, ud, depth + 1);
		else if (rc == 0 && lstat(abs, &st) == 0 && S_ISREG(st.st_mode))
			rc = fn(ud, r, abs);
		free(r);
		free(abs);
		free(names[i]);
	}
	free(names);
	free(path);
	return rc;
}

static int walk(const char *dir, const char *rel, walk_fn fn, void *ud)
{
	return walk_at(dir, rel, fn, ud, 0);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

static int hash_file(void *ud, const char *rel, const char *abs)
{
	uint64_t *h = ud;
	char *buf;
	size_t n;
	struct stat st;
	*h = fnv(*h, rel, strlen(rel) + 1);
	/* Content files are small; a huge one counts by size and time only. */
	if (stat(abs, &st) == 0 && st.st_size > (16 << 20)) {
		*h = fnv(*h, &st.st_size, sizeof st.st_size);
		*h = fnv(*h, &st.st_mtim, sizeof st.st_mtim);
	} else if (mk_read_regular(abs, 16 << 20, &buf, &n) == 0) {
		*h = fnv(*h, buf, n);
		free(buf);
	}
	return 0;
}

uint64_t guard_fingerprint(const char *dir)
{
	uint64_t h = 0xcbf29ce484222325ull;
	walk(dir, "", hash_file, &h);
	return h;
}

static char *marker_path(const char *data)
{
	return mk_path_join(data, "content-trial");
}

/* The marker holds "<fingerprint> <tries>": how many times this content
 * was started without reaching the end of its trial. */
static int read_marker(const char *data, uint64_t *fp)
{
	char *p = marker_path(data), *buf = NULL, *end;
	int tries = 0;
	*fp = 0;
	if (p && mk_read_file(p, &buf, NULL) == 0) {
		*fp = strtoull(buf, &end, 16);
		tries = (int)strtol(end, NULL, 10);
	}
	free(buf);
	free(p);
	return tries;
}

static int write_marker(const char *data, uint64_t fp, int tries)
{
	char buf[48], *p = marker_path(data);
	int n = snprintf(buf, sizeof buf, "%016llx %d\n", (unsigned long long)fp, tries);
	int rc = p ? mk_write_atomic(p, buf, (size_t)n) : MK_ENOMEM;
	free(p);
	return rc;
}

int guard_trial_begin(const char *data, uint64_t fp)
{
	uint64_t old;
	int tries = read_marker(data, &old);
	return write_marker(data, fp, old == fp ? tries + 1 : 1);
}

int guard_set_aside(const char *data, uint64_t fp, int tries)
{
	return write_marker(data, fp, tries);
}

void guard_trial_end(const char *data)
{
	char *p = marker_path(data);
	if (p)
		unlink(p);
	free(p);
}

int guard_crashed_before(const char *data, uint64_t fp)
{
	uint64_t old;
	int tries = read_marker(data, &old);
	return old == fp ? tries : 0;
}

static int copy_file(void *ud, const char *rel, const char *abs)
{
	const char *dst_dir = ud;
	char *dst = mk_path_join(dst_dir, rel), *slash, *buf;
	size_t n;
	int rc;
	if (!dst)
		return MK_ENOMEM;
	slash = strrchr(dst, '/');
	*slash = 0;
	rc = mk_mkdir_p(dst, 0700);
	*slash = '/';
	if (rc == 0 && (rc = mk_read_regular(abs, 64 << 20, &buf, &n)) == 0) {
		rc = mk_write_atomic(dst, buf, n);
		free(buf);
	}
	free(dst);
	return rc;
}

char *guard_snapshot_dir(const char *data)
{
	return mk_path_join(data, "content-good");
}

/* Copies src beside the snapshot as content-good.new; 0 only when the copy
 * has fingerprint fp, i.e. is exactly the content that was validated. */
int guard_snapshot(const char *data, const char *src, uint64_t fp)
{
	char *tmp = mk_path_join(data, "content-good.new");
	int rc = MK_ENOMEM;
	if (tmp) {
		mk_remove_tree(tmp);
		rc = walk(src, "", copy_file, tmp);
		if (rc == 0 && guard_fingerprint(tmp) != fp)
			rc = mk_err(MK_EINVAL, "content changed while it was being copied");
		if (rc != 0)
			mk_remove_tree(tmp);
	}
	free(tmp);
	return rc;
}

int guard_promote(const char *data)
{
	char *good = guard_snapshot_dir(data), *tmp = mk_path_join(data, "content-good.new");
	int rc = MK_ENOMEM;
	if (good && tmp && mk_is_dir(tmp)) {
		mk_remove_tree(good);
		rc = rename(tmp, good) == 0 ? 0 : mk_err(MK_EIO, "%s: cannot keep a snapshot", good);
	}
	free(good);
	free(tmp);
	return rc;
}
