/* SPDX-License-Identifier: MIT */
/*
 * Going back. The helper keeps every .deb it installs as current.deb and,
 * when it installs the next one, the package installed until then as
 * previous.deb: only if it is the very package dpkg says is installed (a
 * version IT installed by hand since is not one the helper has, and a
 * previous.deb of another version would take the kiosk somewhere nobody
 * chose). A kiosk set up with kiosk/install.sh has the package it
 * installed in /var/backups/mesokiosk: the first update takes that one as
 * previous.deb (root's file, nobody else may write it, the very version
 * installed). After going back, previous.deb is installed and becomes
 * current.deb, and there is no previous any more: going further back, or
 * forward again, is a new package from the publisher.
 */
#include "update_int.h"
#include "bundle.h"
#include "core.h"
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The Debian version of state/name; "" when there is no such package. */
static void kept_version(const upd_opts *o, const char *name, char *ver, size_t n)
{
	char *path = upd_path(o->state, name);
	ver[0] = 0;
	if (path && mk_is_file(path) && upd_deb_version(o, path, ver, n) != 0)
		ver[0] = 0;
	free(path);
}

static int keep_as(const upd_opts *o, const char *from, const char *to)
{
	char *a = upd_path(o->state, from), *b = upd_path(o->state, to);
	int rc = a && b && rename(a, b) == 0 ? 0 : mk_err(MK_EIO, "cannot keep %s as %s: %s", from,
							     to, strerror(errno));
	free(a);
	free(b);
	return rc;
}

static void forget(const upd_opts *o, const char *name)
{
	char *path = upd_path(o->state, name);
	if (path)
		unlink(path);
	free(path);
}

/* The installed version as install.sh kept it, copied to previous.deb:
 * 0, or -1 when there is none fit to go back to. */
static int from_backups(const upd_opts *o, const char *installed)
{
	char *pat = mk_asprintf("%s/mesokiosk_%s_*.deb", o->backups, installed), *to = NULL;
	glob_t g = { 0 };
	int rc = -1;
	if (!pat || strchr(installed, '/') || glob(pat, 0, NULL, &g) != 0)
		goto out;
	for (size_t i = 0; rc && i < g.gl_pathc; i++) {
		const char *path = g.gl_pathv[i], *name = strrchr(path, '/') + 1;
		struct stat st;
		char *data = NULL;
		size_t len = 0;
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
		    (st.st_mode & 022) || upd_deb_check(o, path, name) != 0)
			continue;
		if (!to && !(to = upd_path(o->state, "previous.deb")))
			break;
		if (mk_read_regular(path, BUNDLE_PACKAGE_MAX_BYTES, &data, &len) == 0 &&
		    mk_write_atomic(to, data, len) == 0)
			rc = 0;
		free(data);
		if (rc == 0)
			upd_say("kept version %s from %s as previous.deb", installed, path);
	}
out:
	globfree(&g);
	free(pat);
	free(to);
	return rc;
}

void upd_keep_previous(const upd_opts *o, const char *installed, char *prev, size_t n)
{
	char cur[UPD_VERSION_MAX], pre[UPD_VERSION_MAX];
	kept_version(o, "current.deb", cur, sizeof cur);
	kept_version(o, "previous.deb", pre, sizeof pre);
	prev[0] = 0;
	if (*installed && !strcmp(cur, installed) && keep_as(o, "current.deb", "previous.deb") == 0) {
		snprintf(prev, n, "%s", installed);
	} else if (*installed && !strcmp(pre, installed)) {
		forget(o, "current.deb");
		snprintf(prev, n, "%s", installed);
	} else if (*installed && from_backups(o, installed) == 0) {
		forget(o, "current.deb");
		snprintf(prev, n, "%s", installed);
		return;
	} else {
		forget(o, "current.deb");
		forget(o, "previous.deb");
		upd_say("%s%s was not installed by mesokiosk-update nor kept by install.sh: there is "
			"no previous.deb to go back to", *installed ? "version " : "mesokiosk",
			*installed ? installed : "");
		return;
	}
	upd_say("kept version %s as previous.deb", prev);
}

int upd_go_back(const upd_opts *o, char *why, size_t n)
{
	char *path = upd_path(o->state, "previous.deb"), ver[UPD_VERSION_MAX];
	int rc = -1;
	kept_version(o, "previous.deb", ver, sizeof ver);
	if (!path || !*ver) {
		snprintf(why, n, "there is no previous package to go back to");
	} else {
		upd_say("installing version %s again from previous.deb", ver);
		rc = upd_install(o, path, why, n);
	}
	if (rc == 0 && keep_as(o, "previous.deb", "current.deb") != 0)
		upd_say("%s", mk_err_msg());
	free(path);
	return rc;
}

int upd_rollback(const upd_opts *o)
{
	upd_status st = { .state = "rolled-back", .version = upd_highest(o->state) };
	char from[UPD_VERSION_MAX], to[UPD_VERSION_MAX], why[512];
	uid_t owner = 0;
	int lock = upd_state_check(o->state) == 0 ? upd_lock(o->state) : -1;
	if (lock < 0)
		return upd_say("%s", mk_err_msg()), 2;
	upd_installed(o, from, sizeof from);
	kept_version(o, "previous.deb", to, sizeof to);
	upd_say("rollback by hand: from version %s to %s", *from ? from : "(none)",
		*to ? to : "(none)");
	int rc = upd_go_back(o, why, sizeof why);
	if (rc == 0) {
		int sfd = upd_soft_open(o->data, &owner);
		st.package = from;
		st.previous = to;
		upd_problem(&st, "rolled back by hand from version %s to %s", from, to);
		if (sfd < 0 || upd_status_write(sfd, owner, &st) != 0)
			upd_say("the app is not told: %s", mk_err_msg());
		if (sfd >= 0)
			close(sfd);
	} else {
		upd_say("rollback refused: %s", why);
	}
	close(lock);
	return rc == 0 ? 0 : 1;
}

int upd_show(const upd_opts *o)
{
	char installed[UPD_VERSION_MAX], cur[UPD_VERSION_MAX], pre[UPD_VERSION_MAX], st[1024];
	uid_t owner;
	int sfd = upd_soft_open(o->data, &owner);
	upd_installed(o, installed, sizeof installed);
	kept_version(o, "current.deb", cur, sizeof cur);
	kept_version(o, "previous.deb", pre, sizeof pre);
	printf("installed     %s\nhighest taken %lld\ncurrent.deb   %s\nprevious.deb  %s\n",
	       *installed ? installed : "(none)", upd_highest(o->state), *cur ? cur : "(none)",
	       *pre ? pre : "(none: nothing to roll back to)");
	if (sfd >= 0 && upd_read_at(sfd, "status", st, sizeof st) == 0)
		printf("status of the last update:\n%s\n", st);
	else
		printf("no status yet\n");
	if (sfd >= 0)
		close(sfd);
	return 0;
}
