/* SPDX-License-Identifier: MIT */
/*
 * Running dpkg, dpkg-deb and systemctl, and saying what happens. The tools
 * are given as command lines (`--dpkg "dpkg --root=/srv/k"`), split at
 * spaces and run without a shell, so no part of any input is ever parsed
 * as a command. Their output is kept (the end of it, for dpkg's last
 * word) rather than passed through: the journal gets one line per step.
 */
#include "update_int.h"
#include "core.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define UPD_MAX_ARGS 32

/* systemd names the journal's stream in JOURNAL_STREAM (device:inode). */
static int to_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	return js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 && fstat(2, &st) == 0 &&
	       (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void upd_say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int k = to_journal() ? 0 : snprintf(line, sizeof line, "mesokiosk-update: ");
	va_start(ap, fmt);
	vsnprintf(line + k, sizeof line - (size_t)k, fmt, ap);
	va_end(ap);
	for (char *p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?'; /* one step, one line */
	fprintf(stderr, "%s\n", line);
}

/* Keeps the end of what the child says: dpkg's last line is its verdict. */
static void keep(char *out, size_t n, size_t *len, const char *buf, size_t got)
{
	if (*len + got >= n) {
		size_t drop = *len + got - (n - 1);
		if (drop >= *len) {
			buf += drop - *len;
			got -= drop - *len;
			*len = 0;
		} else {
			memmove(out, out + drop, *len - drop);
			*len -= drop;
		}
	}
	memcpy(out + *len, buf, got);
	*len += got;
	out[*len] = 0;
}

static int split(char *line, const char *const extra[], char *argv[])
{
	int argc = 0;
	for (char *t = strtok(line, " \t"); t && argc < UPD_MAX_ARGS; t = strtok(NULL, " \t"))
		argv[argc++] = t;
	for (int i = 0; extra && extra[i] && argc < UPD_MAX_ARGS; i++)
		argv[argc++] = (char *)extra[i];
	argv[argc] = NULL;
	return argc;
}

static int wait_child(pid_t pid, int fd, char *out, size_t n)
{
	char buf[4096];
	size_t len = 0;
	ssize_t got;
	int status;
	out[0] = 0;
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		keep(out, n, &len, buf, (size_t)got);
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int upd_run(const char *cmd, const char *const extra[], char *out, size_t n)
{
	char *line = mk_strdup(cmd), *argv[UPD_MAX_ARGS + 1];
	int pipefd[2];
	if (!line || split(line, extra, argv) == 0 || pipe(pipefd) != 0) {
		snprintf(out, n, "cannot run \"%s\"", cmd);
		free(line);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		close(pipefd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	free(line);
	if (pid < 0) {
		close(pipefd[0]);
		snprintf(out, n, "cannot start \"%s\": %s", cmd, strerror(errno));
		return -1;
	}
	return wait_child(pid, pipefd[0], out, n);
}

const char *upd_last_line(const char *s, char *buf, size_t n)
{
	const char *end = s + strlen(s), *start;
	while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		end--;
	for (start = end; start > s && start[-1] != '\n'; start--)
		;
	snprintf(buf, n, "%.*s", (int)(end - start), start);
	return buf;
}
