/* SPDX-License-Identifier: MIT */
/*
 * The files of an update, and who may have touched them. <data>/software
 * belongs to the kiosk's unprivileged user, so anything in it may be a link
 * to /etc/shadow, a FIFO that blocks a reader forever, or a file that grows
 * while we copy it. Root therefore opens nothing there by path: the folder
 * once (not a link), then every name relative to it with O_NOFOLLOW, checks
 * what it got with fstat, and writes by creating a new temp file (O_EXCL)
 * and renaming it over the name, which replaces a planted link instead of
 * writing through it. The helper's own folder is root's alone.
 */
#include "update_int.h"
#include "core.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define REQUEST "request.mkb"

int upd_soft_open(const char *data, uid_t *owner)
{
	struct stat st;
	int dfd = open(data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return mk_err(errno == ENOENT ? MK_ENOTFOUND : MK_EIO, "%s: %s", data, strerror(errno));
	int sfd = openat(dfd, "software", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int e = errno;
	close(dfd);
	if (sfd < 0 && (e == ELOOP || e == ENOTDIR))
		return mk_err(MK_EINVAL, "%s/software is a link or not a folder: refused", data);
	if (sfd < 0)
		return mk_err(e == ENOENT ? MK_ENOTFOUND : MK_EIO, "%s/software: %s", data, strerror(e));
	if (fstat(sfd, &st) != 0 || (st.st_mode & 022)) {
		close(sfd);
		return mk_err(MK_EINVAL, "%s/software is writable by others than its owner: refused",
			      data);
	}
	*owner = st.st_uid;
	return sfd;
}

static int request_open(int sfd, uid_t owner, struct stat *st)
{
	int fd = openat(sfd, REQUEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return MK_ENOTFOUND;
	if (fd < 0 && errno == ELOOP)
		return mk_err(MK_EINVAL, "the request is a link, not a file");
	if (fd < 0)
		return mk_err(MK_EIO, "cannot open the request: %s", strerror(errno));
	static const char too_large[] = "is too large for a package";
	const char *why = fstat(fd, st) != 0 ? "cannot be read" :
			  !S_ISREG(st->st_mode) ? "is not a regular file" :
			  st->st_uid != owner && st->st_uid != 0 ? "belongs to another user" :
			  (uint64_t)st->st_size > UPD_REQUEST_MAX ? too_large : NULL;
	if (why) {
		close(fd);
		return mk_err(why == too_large ? MK_ELIMIT : MK_EINVAL, "the request %s", why);
	}
	return fd;
}

/* Copies at most UPD_REQUEST_MAX bytes: the file may grow as we read. */
static int copy_out(int in, const char *to)
{
	char buf[65536];
	uint64_t total = 0;
	ssize_t got;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0)
		return mk_err(MK_EIO, "%s: %s", to, strerror(errno));
	while ((got = read(in, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		total += got > 0 ? (uint64_t)got : 0;
		if (got < 0 || total > UPD_REQUEST_MAX || write(out, buf, (size_t)got) != got) {
			close(out);
			unlink(to);
			return got < 0 || total <= UPD_REQUEST_MAX ?
			       mk_err(MK_EIO, "cannot copy the request: %s", strerror(errno)) :
			       mk_err(MK_ELIMIT, "the request grew too large for a package");
		}
	}
	if (fsync(out) != 0 || close(out) != 0) {
		unlink(to);
		return mk_err(MK_EIO, "%s: %s", to, strerror(errno));
	}
	return 0;
}

int upd_take_request(int sfd, uid_t owner, const char *to)
{
	struct stat st;
	int fd = request_open(sfd, owner, &st), rc;
	if (fd == MK_ENOTFOUND)
		return fd;
	rc = fd < 0 ? fd : copy_out(fd, to);
	if (fd >= 0)
		close(fd);
	/* Whatever it was (a link is removed itself), it is gone, so the path
	 * unit does not start us again for it. */
	if (unlinkat(sfd, REQUEST, 0) != 0 && errno != ENOENT)
		upd_say("cannot remove the request: %s", strerror(errno));
	return rc;
}

int upd_write_at(int sfd, const char *name, const char *text, uid_t owner)
{
	char tmp[64];
	size_t len = strlen(text);
	int fd = -1;
	for (int i = 0; i < 100 && fd < 0; i++) {
		snprintf(tmp, sizeof tmp, ".%s.%ld.%d", name, (long)getpid(), i);
		fd = openat(sfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return mk_err(MK_EIO, "cannot write %s: %s", name, strerror(errno));
	int ok = write(fd, text, len) == (ssize_t)len && fchmod(fd, 0644) == 0 &&
		 (fchown(fd, owner, (gid_t)-1) == 0 || geteuid() != 0) && fsync(fd) == 0;
	int e = errno;
	ok = close(fd) == 0 && ok;
	if (!ok || renameat(sfd, tmp, sfd, name) != 0) {
		e = ok ? errno : e;
		unlinkat(sfd, tmp, 0);
		return mk_err(MK_EIO, "cannot write %s: %s", name, strerror(e));
	}
	fsync(sfd);
	return 0;
}

int upd_read_at(int sfd, const char *name, char *buf, size_t n)
{
	struct stat st;
	ssize_t got = -1;
	int fd = openat(sfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	buf[0] = 0;
	if (fd < 0)
		return MK_ENOTFOUND;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		got = read(fd, buf, n - 1);
	close(fd);
	if (got < 0)
		return mk_err(MK_EINVAL, "%s is not a file", name);
	buf[got] = 0;
	memmove(buf, mk_trim(buf), strlen(mk_trim(buf)) + 1);
	return 0;
}

int upd_state_check(const char *state)
{
	struct stat st;
	if (mkdir(state, 0700) != 0 && errno != EEXIST)
		return mk_err(MK_EIO, "%s: %s", state, strerror(errno));
	if (lstat(state, &st) != 0 || !S_ISDIR(st.st_mode))
		return mk_err(MK_EINVAL, "%s is not a folder", state);
	if (st.st_uid != geteuid() || (st.st_mode & 077))
		return mk_err(MK_EINVAL, "%s must belong to this user and be closed to others (0700)",
			      state);
	return 0;
}

char *upd_path(const char *state, const char *name)
{
	return mk_path_join(state, name);
}

int upd_lock(const char *state)
{
	char *path = upd_path(state, "lock");
	int fd = path ? open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	free(path);
	if (fd < 0)
		return mk_err(MK_EIO, "%s/lock: %s", state, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		upd_say("another mesokiosk-update is at work; waiting for it");
		flock(fd, LOCK_EX);
	}
	return fd;
}
