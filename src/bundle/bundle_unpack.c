/* SPDX-License-Identifier: MIT */
/*
 * Unpacking a checked bundle: the second pass. It writes into a folder
 * made fresh beside the one asked for (INTO.partXXXXXX), so a file can
 * only land where the bundle's own checked paths put it: that folder
 * holds nothing the bundle did not make, and the bundle makes only files
 * and folders, never a link to follow. Each file is hashed again as it is
 * written (the bundle could have changed since the first pass), and only
 * when all are in place and flushed is the folder renamed to INTO; on any
 * failure it is removed, so a refused bundle leaves nothing behind.
 */
#define _XOPEN_SOURCE 700
#include "bundle_int.h"
#include "core.h"
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

static int sync_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_D ? fsync_path(path) : 0;
}

/* Every folder of the unpacked tree (their entries), then after the
 * rename the folder that holds it: what the kiosk switches to must be on
 * disk whole, as the files already are. */
static int sync_tree(const char *dir)
{
	if (nftw(dir, sync_one, 16, FTW_PHYS) != 0)
		return mk_err(MK_EIO, "%s: cannot flush the unpacked folder", dir);
	return 0;
}

static int sync_parent(const char *path)
{
	char *p = mk_strdup(path), *slash = p ? strrchr(p, '/') : NULL;
	int rc = 0;
	if (slash)
		*(slash == p ? slash + 1 : slash) = 0;
	if (p && fsync_path(slash ? p : ".") != 0)
		rc = mk_err(MK_EIO, "%s: cannot flush the folder that holds it", path);
	free(p);
	return rc;
}

static int make_parent(const char *root, const char *rel)
{
	char *p = mk_path_join(root, rel), *slash = p ? strrchr(p, '/') : NULL;
	int rc = p ? 0 : MK_ENOMEM;
	if (slash) {
		*slash = 0;
		rc = mk_mkdir_p(p, 0755);
	}
	free(p);
	return rc;
}

static int write_file(FILE *f, const char *root, const tar_member *m, bundle_manifest *man)
{
	bundle_entry *e = bundle_manifest_find(man, m->path);
	char sha[65], *abs = mk_path_join(root, m->path);
	int rc = e && abs ? make_parent(root, m->path) : MK_EINVAL;
	int fd = rc == 0 ? open(abs, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644) : -1;
	if (rc == 0 && fd < 0)
		rc = mk_err(MK_EIO, "%s: cannot create the file", m->path);
	if (rc == 0)
		rc = bundle_data_copy(f, m->size, sha, fd);
	if (rc == 0 && (m->size != e->size || strcmp(sha, e->sha)))
		rc = mk_err(MK_EINVAL, "%s: changed while it was unpacked", m->path);
	if (rc == 0 && fsync(fd) != 0)
		rc = mk_err(MK_EIO, "%s: cannot write the file", m->path);
	if (fd >= 0)
		close(fd);
	free(abs);
	return rc == 1 ? mk_err(MK_EINVAL, "the bundle is truncated") : rc;
}

static int unpack_member(FILE *f, const char *root, const tar_member *m, bundle_manifest *man)
{
	char sha[65];
	if (!strcmp(m->path, BUNDLE_MANIFEST) || !strcmp(m->path, BUNDLE_SIGNATURE))
		return bundle_data_copy(f, m->size, sha, -1) ? mk_err(MK_EIO, "cannot read") : 0;
	if (m->type == '5') {
		char *abs = mk_path_join(root, m->path);
		int rc = abs ? mk_mkdir_p(abs, 0755) : MK_ENOMEM;
		free(abs);
		return rc;
	}
	if (m->type != '0')
		return mk_err(MK_EINVAL, "%s: changed while it was unpacked", m->path);
	return write_file(f, root, m, man);
}

static int unpack_all(FILE *f, const char *root, bundle_manifest *man)
{
	uint8_t blk[TAR_BLOCK];
	for (;;) {
		tar_member m;
		if (fread(blk, 1, TAR_BLOCK, f) != TAR_BLOCK)
			return mk_err(MK_EINVAL, "the bundle is truncated");
		int rc = tar_header_read(blk, &m);
		if (rc == 1)
			return 0;
		if (rc == 0 && bundle_path_problem(m.path))
			rc = mk_err(MK_EINVAL, "%s: changed while it was unpacked", m.path);
		if (rc == 0)
			rc = unpack_member(f, root, &m, man);
		if (rc)
			return rc;
	}
}

int bundle_unpack(FILE *f, const char *into, bundle_manifest *man)
{
	char *tmp = mk_asprintf("%s.partXXXXXX", into);
	if (!tmp)
		return MK_ENOMEM;
	if (!mkdtemp(tmp)) {
		free(tmp);
		return mk_err(MK_EIO, "%s: cannot make a folder beside it", into);
	}
	chmod(tmp, 0755);
	int rc = unpack_all(f, tmp, man);
	if (rc == 0)
		rc = sync_tree(tmp);
	/* RENAME_NOREPLACE: a folder made at `into` since the check is kept,
	 * never replaced (rename(2) would replace an empty one). */
	if (rc == 0 && renameat2(AT_FDCWD, tmp, AT_FDCWD, into, RENAME_NOREPLACE) != 0)
		rc = mk_err(MK_EIO, "%s: cannot move the unpacked folder into place", into);
	else if (rc == 0 && sync_parent(into) != 0) {
		mk_remove_tree(into); /* in place but not durable: taken back, said */
		return free(tmp), MK_EIO;
	}
	if (rc)
		mk_remove_tree(tmp);
	free(tmp);
	return rc;
}
