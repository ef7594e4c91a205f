/* SPDX-License-Identifier: MIT */
/*
 * File helpers. The atomic write is the one every module must use for
 * anything a reader may see half-written: temp file in the same folder,
 * fsync, rename, then fsync of the folder so the rename itself survives a
 * power cut.
 */
#include "core.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <libgen.h>

int mk_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	*out = NULL;
	if (!f)
		return mk_err(errno == ENOENT ? MK_ENOTFOUND : MK_EIO, "%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return mk_err(MK_EIO, "%s: cannot read", path);
	}
	buf = malloc((size_t)n + 1);
	if (!buf) {
		fclose(f);
		return mk_err(MK_ENOMEM, "%s: out of memory", path);
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return mk_err(MK_EIO, "%s: short read", path);
	}
	fclose(f);
	buf[n] = 0;
	*out = buf;
	if (len)
		*len = (size_t)n;
	return 0;
}

int mk_read_regular(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	size_t got = 0;
	char *buf;
	*out = NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP)
		return mk_err(MK_EINVAL, "%s is a link: use the file itself", path);
	if (fd < 0)
		return mk_err(errno == ENOENT ? MK_ENOTFOUND : MK_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mk_err(MK_EINVAL, "%s is not a file", path);
	}
	if ((uintmax_t)st.st_size > max) {
		close(fd);
		return mk_err(MK_EINVAL, "%s is too large (over %zu KiB)", path, max >> 10);
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return mk_err(MK_ENOMEM, "%s: out of memory", path);
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* cut short while we read: what we have is what there is */
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	*out = buf;
	if (len)
		*len = got;
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char *copy = mk_strdup(path);
	int fd, rc = 0;
	if (!copy)
		return MK_ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync(fd) != 0)
		rc = mk_err(MK_EIO, "%s: cannot sync folder: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

int mk_write_atomic(const char *path, const void *buf, size_t len)
{
	char *tmp = mk_asprintf("%s.tmp.%ld", path, (long)getpid());
	const char *p = buf;
	int fd;
	if (!tmp)
		return MK_ENOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return fsync_dir_of(path);
fail:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return mk_err(e == ENOSPC ? MK_EIO : MK_EIO, "%s: cannot write: %s", path, strerror(e));
}

int mk_mkdir_p(const char *path, int mode)
{
	char *p = mk_strdup(path);
	if (!p)
		return MK_ENOMEM;
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == 0) {
			char c = *s;
			*s = 0;
			if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
				int e = errno;
				free(p);
				return mk_err(MK_EIO, "%s: cannot create folder: %s", path, strerror(e));
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return mk_is_dir(path) ? 0 : mk_err(MK_EIO, "%s: not a folder", path);
}

int mk_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int mk_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *mk_path_join(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (b[0] == '/')
		return mk_strdup(b);
	return mk_asprintf("%s%s%s", a, (n && a[n - 1] == '/') ? "" : "/", b);
}

int mk_read_secret(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), ok;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = 0;
	return ok ? 0 : -1;
}

void mk_remove_tree(const char *path)
{
	struct stat st;
	/* A link to a folder is removed itself: never what it points at. */
	DIR *d = lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? opendir(path) : NULL;
	struct dirent *de;
	if (!d) {
		unlink(path);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *p = mk_path_join(path, de->d_name);
		mk_remove_tree(p);
		free(p);
	}
	closedir(d);
	rmdir(path);
}
