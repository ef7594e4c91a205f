/* SPDX-License-Identifier: MIT */
/*
 * Packing a content folder: list its files (sorted, so the same folder
 * makes the same bundle), hash them into the manifest, sign the manifest,
 * then write MANIFEST, the files and SIGNATURE into a temporary file that
 * is renamed over OUT only when all went well. A link or anything but a
 * file or folder in the content is refused here already: a kiosk would
 * refuse the bundle anyway.
 */
#include "bundle_int.h"
#include "core.h"
#include "crypto.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	char **paths;
	unsigned n;
	uint64_t bytes;
	const char *root;
} file_list;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(file_list *l, const char *rel, const struct stat *st)
{
	if (l->n >= BUNDLE_MAX_FILES)
		return mk_err(MK_ELIMIT, "%s: more than %d files", l->root, BUNDLE_MAX_FILES);
	if ((uint64_t)st->st_size > BUNDLE_MAX_FILE_BYTES)
		return mk_err(MK_ELIMIT, "%s: larger than %llu MiB", rel, BUNDLE_MAX_FILE_BYTES >> 20);
	l->bytes += (uint64_t)st->st_size;
	if (l->bytes > BUNDLE_MAX_BYTES)
		return mk_err(MK_ELIMIT, "%s: more than %llu MiB in all", l->root, BUNDLE_MAX_BYTES >> 20);
	char **p = realloc(l->paths, (l->n + 1) * sizeof *p);
	if (!p || !(p[l->n] = mk_strdup(rel)))
		return l->paths = p ? p : l->paths, MK_ENOMEM;
	l->paths = p;
	l->n++;
	return 0;
}

static int walk(file_list *l, const char *rel)
{
	char *abs = *rel ? mk_path_join(l->root, rel) : mk_strdup(l->root);
	DIR *d = abs ? opendir(abs) : NULL;
	int rc = d ? 0 : mk_err(MK_EIO, "%s: cannot read the folder", abs ? abs : rel);
	for (struct dirent *e; rc == 0 && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *r = *rel ? mk_asprintf("%s/%s", rel, e->d_name) : mk_strdup(e->d_name);
		char *a = r ? mk_path_join(l->root, r) : NULL;
		struct stat st;
		if (!a)
			rc = MK_ENOMEM;
		else if (lstat(a, &st) != 0)
			rc = mk_err(MK_EIO, "%s: cannot read", r);
		else if (S_ISDIR(st.st_mode))
			rc = walk(l, r);
		else if (!S_ISREG(st.st_mode))
			rc = mk_err(MK_EINVAL, "%s: a link or special file; a bundle holds only files "
				    "and folders", r);
		else if (!*rel && (!strcmp(r, BUNDLE_MANIFEST) || !strcmp(r, BUNDLE_SIGNATURE)))
			rc = mk_err(MK_EINVAL, "%s: a name the bundle itself uses; rename the file", r);
		else if (bundle_path_problem(r) || strlen(r) > BUNDLE_PATH_MAX)
			rc = mk_err(MK_EINVAL, "%s: a name a bundle cannot hold", r);
		else
			rc = add_file(l, r, &st);
		free(a);
		free(r);
	}
	if (d)
		closedir(d);
	free(abs);
	return rc;
}

static int hash_file(const char *path, char sha[65], char **data, size_t *n)
{
	int rc = mk_read_regular(path, BUNDLE_PACKAGE_MAX_BYTES, data, n);
	if (rc == 0)
		mkc_sha256_hex(*data, *n, sha);
	return rc;
}

static char *manifest_text(const file_list *l, const char *magic, long long version)
{
	size_t cap = 64 + (size_t)l->n * (BUNDLE_PATH_MAX + 100), len;
	char *t = malloc(cap);
	if (!t)
		return NULL;
	len = (size_t)snprintf(t, cap, "%s %d\nversion %lld\n", magic, BUNDLE_FORMAT, version);
	for (unsigned i = 0; i < l->n; i++) {
		char *abs = mk_path_join(l->root, l->paths[i]), *data = NULL, sha[65];
		size_t n = 0;
		int rc = abs ? hash_file(abs, sha, &data, &n) : MK_ENOMEM;
		free(abs);
		free(data);
		if (rc)
			return free(t), NULL;
		len += (size_t)snprintf(t + len, cap - len, "file %zu %s %s\n", n, sha, l->paths[i]);
	}
	return t;
}

static int write_member(FILE *f, const char *name, const void *data, size_t n)
{
	int rc = tar_header_write(f, name, '0', n);
	if (rc == 0 && n && fwrite(data, 1, n, f) != n)
		rc = mk_err(MK_EIO, "cannot write the bundle");
	return rc ? rc : tar_pad_write(f, n);
}

static int write_bundle(FILE *f, const file_list *l, const char *man, const char *sig_hex)
{
	int rc = write_member(f, BUNDLE_MANIFEST, man, strlen(man));
	for (unsigned i = 0; rc == 0 && i < l->n; i++) {
		char *abs = mk_path_join(l->root, l->paths[i]), *data = NULL;
		size_t n = 0;
		rc = abs ? mk_read_regular(abs, BUNDLE_PACKAGE_MAX_BYTES, &data, &n) : MK_ENOMEM;
		if (rc == 0)
			rc = write_member(f, l->paths[i], data, n);
		free(abs);
		free(data);
	}
	if (rc == 0)
		rc = write_member(f, BUNDLE_SIGNATURE, sig_hex, strlen(sig_hex));
	return rc ? rc : tar_end_write(f);
}

static int pack_to(const file_list *l, const char *out, const char *man, const uint8_t seed[32])
{
	uint8_t sig[MKC_SIGN_BYTES];
	char sig_hex[2 * MKC_SIGN_BYTES + 2];
	char *tmp = mk_asprintf("%s.partXXXXXX", out);
	int fd = tmp ? mkstemp(tmp) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	int rc = f ? mkc_sign(sig, man, strlen(man), seed) : mk_err(MK_EIO, "%s: cannot write", out);
	if (rc == 0) {
		mkc_hex(sig_hex, sig, sizeof sig);
		strcat(sig_hex, "\n");
		rc = write_bundle(f, l, man, sig_hex);
	}
	if (f && (fflush(f) != 0 || fsync(fileno(f)) != 0) && rc == 0)
		rc = mk_err(MK_EIO, "%s: cannot write", out);
	if (f)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	if (rc == 0 && (chmod(tmp, 0644) != 0 || rename(tmp, out) != 0))
		rc = mk_err(MK_EIO, "%s: cannot write", out);
	if (rc && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Sorts, writes and signs the listed files as a bundle; frees the list. */
static int pack_list(file_list *l, const char *out, const char *magic, long long version,
		     const uint8_t seed[32])
{
	char *man = NULL;
	int rc = 0;
	qsort(l->paths, l->n, sizeof *l->paths, cmp_str);
	if (!(man = manifest_text(l, magic, version)))
		rc = MK_EIO; /* mk_read_regular said which file and why */
	if (rc == 0 && strlen(man) > BUNDLE_MAX_MANIFEST)
		rc = mk_err(MK_ELIMIT, "%s: the manifest is too long", l->root);
	if (rc == 0)
		rc = pack_to(l, out, man, seed);
	for (unsigned i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	free(man);
	return rc;
}

int bundle_pack(const char *dir, const char *out, long long version, const uint8_t seed[32])
{
	file_list l = { .root = dir };
	if (version < 0)
		return mk_err(MK_EINVAL, "a bundle's version is a number from 0 up");
	if (!mk_is_dir(dir))
		return mk_err(MK_ENOTFOUND, "%s: no such folder", dir);
	int rc = walk(&l, "");
	if (rc == 0)
		return pack_list(&l, out, BUNDLE_MAGIC, version, seed);
	for (unsigned i = 0; i < l.n; i++)
		free(l.paths[i]);
	free(l.paths);
	return rc;
}

int bundle_pack_package(const char *deb, const char *out, long long version,
			const uint8_t seed[32])
{
	const char *slash = strrchr(deb, '/'), *name = slash ? slash + 1 : deb;
	char *dir = slash ? strndup(deb, (size_t)(slash - deb) + 1) : mk_strdup(".");
	const char *why = bundle_package_name_problem(name);
	struct stat st;
	file_list l = { .root = dir };
	int rc = dir ? 0 : MK_ENOMEM;
	if (rc == 0 && version < 0)
		rc = mk_err(MK_EINVAL, "a bundle's version is a number from 0 up");
	else if (rc == 0 && why)
		rc = mk_err(MK_EINVAL, "%s: %s", name, why);
	else if (rc == 0 && (lstat(deb, &st) != 0 || !S_ISREG(st.st_mode)))
		rc = mk_err(MK_ENOTFOUND, "%s: not a file", deb);
	else if (rc == 0 && (uint64_t)st.st_size > BUNDLE_PACKAGE_MAX_BYTES)
		rc = mk_err(MK_ELIMIT, "%s: larger than %llu MiB", deb,
			    BUNDLE_PACKAGE_MAX_BYTES >> 20);
	if (rc == 0 && !(l.paths = malloc(sizeof *l.paths)))
		rc = MK_ENOMEM;
	if (rc == 0 && !(l.paths[0] = mk_strdup(name)))
		rc = MK_ENOMEM;
	if (rc == 0) {
		l.n = 1;
		rc = pack_list(&l, out, BUNDLE_PACKAGE_MAGIC, version, seed);
	} else {
		free(l.paths);
	}
	free(dir);
	return rc;
}
