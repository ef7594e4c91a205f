/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for the kiosk binary in the vet tests (vet.sh): content that
 * misbehaves the way no real content can (the kiosk's Lua sandbox stops
 * loops and caps memory), so the tests see what vet's own walls do. It
 * looks at the content folder it is given (--check DIR or --content DIR);
 * a file there names the misdeed:
 *   hang    loops for ever                  (the time limit must stop it)
 *   hog     allocates and touches memory    (the memory limit must stop it)
 *   escape  tries to create the file whose path the file holds, and to
 *           reach TCP port 1 on loopback; says how each went as a problem
 *           line, which vet prints
 *   escape-draw  the same when it draws the pages (--content), after a
 *           check that passes: the preview's child
 *   env     prints its environment, its folder and any descriptor it was
 *           given beyond 0, 1 and 2 as problem lines
 * Anything else, and every other command, is the real kiosk (MK_REAL_KIOSK).
 * `vet_standin --walls` says which walls this kernel allows (Landlock's
 * ABI, a user and network namespace), so the test knows what vet must
 * put up here instead of trusting what vet says of itself.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int has(const char *dir, const char *name)
{
	char p[4096];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

static void hog(void)
{
	for (;;) {
		char *p = malloc(16 << 20);
		if (!p) {
			fprintf(stderr, "stand-in: out of memory\n");
			exit(1);
		}
		memset(p, 1, 16 << 20);
		usleep(5000);
	}
}

static void escape(const char *dir, const char *name)
{
	char p[4096], target[4000] = "";
	FILE *f;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	if ((f = fopen(p, "r"))) {
		if (!fgets(target, sizeof target, f))
			target[0] = 0;
		fclose(f);
	}
	target[strcspn(target, "\n")] = 0;
	int fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0644);
	printf("content/escape:1: %s %s: %s\n", fd >= 0 ? "wrote" : "could not write", target,
	       fd >= 0 ? "done" : strerror(errno));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(1) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int rc = s >= 0 ? connect(s, (struct sockaddr *)&a, sizeof a) : -1;
	printf("content/escape:2: network: %s\n", rc == 0 ? "connected" : strerror(errno));
}

static void env(void)
{
	char cwd[4096], link[300], to[4096];
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	for (int i = 0; environ[i]; i++)
		printf("content/env:%d: %s\n", i + 1, environ[i]);
	while (d && (e = readdir(d))) {
		int fd = atoi(e->d_name);
		ssize_t n;
		snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
		if (fd < 3 || fd == dirfd(d) || (n = readlink(link, to, sizeof to - 1)) < 0)
			continue;
		to[n] = 0;
		printf("content/env:98: open fd %d: %s\n", fd, to);
	}
	if (d)
		closedir(d);
	printf("content/env:99: cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
}

static int walls(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1 /* _VERSION */);
	int status = 1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0 ? 0 : 1);
	if (pid > 0)
		waitpid(pid, &status, 0);
	printf("landlock=%ld netns=%d\n", abi > 0 ? abi : 0, pid > 0 && status == 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--walls"))
		return walls();
	const char *content = NULL;
	int draw = 0;
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--check") || !strcmp(argv[i], "--content"))
			content = argv[i + 1], draw = !strcmp(argv[i], "--content");
	if (content && draw && has(content, "escape-draw")) {
		escape(content, "escape-draw");
		return 1;
	}
	if (content && has(content, "hang"))
		for (;;)
			;
	if (content && has(content, "hog"))
		hog();
	if (content && (has(content, "escape") || has(content, "env"))) {
		if (has(content, "escape"))
			escape(content, "escape");
		else
			env();
		return 1;
	}
	argv[0] = (char *)MK_REAL_KIOSK;
	execv(MK_REAL_KIOSK, argv);
	perror(MK_REAL_KIOSK);
	return 127;
}
