/* SPDX-License-Identifier: MIT */
/*
 * Failing files outside SQLite: a photo's two files are written by the
 * store itself (open, write, fsync, rename), not through a VFS. The test
 * is linked with -Wl,--wrap for those calls, which reroutes them in the
 * code linked into the test (the store and core libraries, static) but
 * not inside libsqlite3 or libc. Armed, the Nth call of one kind fails as
 * a failing disk would (EIO), or for a short write, writes half and the
 * next write finds the disk full (ENOSPC).
 */
#ifndef MK_FAULTFS_H
#define MK_FAULTFS_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

enum { FFS_NONE, FFS_OPEN, FFS_WRITE, FFS_SHORT, FFS_SYNC, FFS_RENAME, FFS_MODES };

static int ffs_mode, ffs_at, ffs_count, ffs_hit, ffs_full;

int __real_open(const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *b, size_t n);
int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);
int __wrap_open(const char *path, int flags, ...);
ssize_t __wrap_write(int fd, const void *b, size_t n);
int __wrap_fsync(int fd);
int __wrap_rename(const char *from, const char *to);

static int ffs_strike(int mode)
{
	if (ffs_mode != mode || ++ffs_count != ffs_at)
		return 0;
	ffs_hit = 1;
	return 1;
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t m = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		m = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (ffs_strike(FFS_OPEN))
		return errno = EIO, -1;
	return __real_open(path, flags, m);
}

ssize_t __wrap_write(int fd, const void *b, size_t n)
{
	if (ffs_full)
		return errno = ENOSPC, -1;
	if (ffs_strike(FFS_WRITE))
		return errno = EIO, -1;
	if (n > 1 && ffs_strike(FFS_SHORT)) {
		ffs_full = 1;
		return __real_write(fd, b, n / 2);
	}
	return __real_write(fd, b, n);
}

int __wrap_fsync(int fd)
{
	if (ffs_strike(FFS_SYNC))
		return errno = EIO, -1;
	return __real_fsync(fd);
}

int __wrap_rename(const char *from, const char *to)
{
	if (ffs_strike(FFS_RENAME))
		return errno = EIO, -1;
	return __real_rename(from, to);
}

static inline const char *faultfs_name(int m)
{
	static const char *const n[] = { "none", "file open", "file write", "short file write",
					 "file sync", "rename" };
	return n[m];
}

static inline void faultfs_arm(int mode, int nth)
{
	ffs_mode = mode, ffs_at = nth, ffs_count = 0, ffs_hit = 0, ffs_full = 0;
}

static inline int faultfs_hit(void)
{
	return ffs_hit;
}

#endif
