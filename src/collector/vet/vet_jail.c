/* SPDX-License-Identifier: MIT */
/*
 * The walls around a vet child, put up in the forked child just before
 * it becomes the kiosk binary. Content under review is untrusted: it runs
 * in the kiosk's Lua sandbox already, but the collector holds patients'
 * records, so the process that runs it gets no network and may write only
 * in its scratch folder.
 *
 *   network  a network namespace of its own (with a user namespace, so
 *            no privilege is needed); containers often refuse one, and
 *            then Landlock (ABI 4 and later) refuses TCP bind and connect;
 *   files    Landlock (Linux 5.13 and later) confines every kind of write
 *            (and, from ABI 6, signals and abstract sockets) to the scratch
 *            folder; reading stays open, as the kiosk reads its fonts and
 *            libraries where the system keeps them.
 *
 * Each wall is best effort: a kernel or container without it leaves the
 * child with the rlimits and the time limit (vet_child.c), and the parent
 * logs which walls held. Only system calls here, no allocation or stdio:
 * this runs between fork and exec in a process that may have threads.
 */
#include "vet_int.h"
#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Newer than some system headers. */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0)
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
#endif

/* The ruleset attribute as of ABI 6; shorter ABIs take a prefix of it. */
struct jail_ruleset {
	uint64_t fs, net, scoped;
};

void vet_jail_prepare(vet_jail_prep *p)
{
	snprintf(p->uid_map, sizeof p->uid_map, "%u %u 1\n", (unsigned)getuid(), (unsigned)getuid());
	snprintf(p->gid_map, sizeof p->gid_map, "%u %u 1\n", (unsigned)getgid(), (unsigned)getgid());
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* 1 when the child now has a network of its own (only a loopback, down). */
static int own_network(const vet_jail_prep *p)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return 0;
	/* Files it makes must belong to the collector's user as before. */
	put("/proc/self/setgroups", "deny");
	put("/proc/self/uid_map", p->uid_map);
	put("/proc/self/gid_map", p->gid_map);
	return 1;
}

static int allow(int rs, const char *path, uint64_t access)
{
	struct landlock_path_beneath_attr pb = { .allowed_access = access };
	pb.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (pb.parent_fd < 0)
		return -1;
	long rc = syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	close(pb.parent_fd);
	return rc == 0 ? 0 : -1;
}

/* Landlock: 0 none, 1 writes confined, 3 writes and TCP. */
static int landlock(const char *dir)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	uint64_t w = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
		     LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
		     LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
		     LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
		     LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
	struct jail_ruleset ra = { 0 };
	size_t size = sizeof ra.fs;
	if (abi < 1)
		return 0;
	ra.fs = w | (abi >= 2 ? LANDLOCK_ACCESS_FS_REFER : 0) |
		(abi >= 3 ? LANDLOCK_ACCESS_FS_TRUNCATE : 0);
	if (abi >= 4) {
		ra.net = LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP;
		size = 2 * sizeof ra.fs;
	}
	if (abi >= 6) {
		ra.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL;
		size = sizeof ra;
	}
	int rs = (int)syscall(SYS_landlock_create_ruleset, &ra, size, 0), ok = rs >= 0;
	ok = ok && allow(rs, dir, ra.fs) == 0;
	/* Writing to /dev/null is writing nothing. */
	ok = ok && allow(rs, "/dev/null", LANDLOCK_ACCESS_FS_WRITE_FILE |
			 (abi >= 3 ? LANDLOCK_ACCESS_FS_TRUNCATE : 0)) == 0;
	ok = ok && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	     syscall(SYS_landlock_restrict_self, rs, 0) == 0;
	if (rs >= 0)
		close(rs);
	return !ok ? 0 : abi >= 4 ? 3 : 1;
}

void vet_jail_enter(const vet_jail_prep *p, const char *dir, int *net, int *fs)
{
	int ll;
	*net = own_network(p);
	ll = landlock(dir);
	*fs = ll & 1;
	*net |= ll >> 1;
}
