/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk-update apply`, what the unit runs when the app has left a
 * request: take it (update_files.c), check it again as if the app had never
 * looked at it (signature with kiosk.conf's software_keys, version above
 * the helper's own record, the .deb's control fields), then install it,
 * keeping the package before it, and go back to that one when the new
 * version shows no sign of life. Each refusal or failure ends in the
 * status file with the reason, and the request is gone either way, so the
 * path unit does not start us again for the same file.
 *
 * The version is recorded as taken as soon as the signature holds: a
 * signed package that is then refused or rolled back is spent, like a
 * refused content version, and the publisher sends a new N.
 */
#include "update_int.h"
#include "bundle.h"
#include "core.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	const upd_opts *o;
	int sfd;
	uid_t owner;
	upd_status st;
	char newver[UPD_VERSION_MAX], prev[UPD_VERSION_MAX];
} apply_run;

static int refuse(apply_run *r, const char *why)
{
	r->st.state = "rejected";
	upd_problem(&r->st, "%s", why);
	upd_status_write(r->sfd, r->owner, &r->st);
	return 1;
}

/* Checks the copy in state/incoming.mkb and unpacks it into state/unpack. */
static int check_bundle(apply_run *r, bundle_check_opts *bo)
{
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	char *in = upd_path(r->o->state, "incoming.mkb");
	int rc = in ? upd_keys(r->o->config, keys, &bo->n_keys) : MK_ENOMEM;
	bo->keys = (const uint8_t (*)[32])keys;
	bo->kind = BUNDLE_PACKAGE;
	bo->shown = -1;
	if (!rc) {
		mk_remove_tree(bo->into);
		rc = bundle_check(in, bo);
	}
	free(in);
	if (rc)
		return refuse(r, mk_err_msg());
	long long high = upd_highest(r->o->state);
	r->st.version = bo->version;
	if (bo->version <= high) {
		char why[128];
		snprintf(why, sizeof why, "version %lld is not above version %lld, the highest taken",
			 bo->version, high);
		return refuse(r, why);
	}
	upd_say("version %lld is signed (key %d of %d): %s", bo->version, bo->key_index + 1,
		bo->n_keys, bo->package);
	if (upd_highest_set(r->o->state, bo->version) != 0)
		return refuse(r, mk_err_msg());
	return 0;
}

/* The new version failed: back to the previous one when the helper has it. */
static int fall_back(apply_run *r, const char *why)
{
	char back[256];
	upd_say("version %s failed: %s", r->newver, why);
	if (upd_go_back(r->o, back, sizeof back) == 0) {
		r->st.state = "rolled-back";
		upd_problem(&r->st, "%s", why);
		upd_status_write(r->sfd, r->owner, &r->st);
		return 1;
	}
	upd_say("cannot go back: %s", back);
	r->st.state = "rejected";
	upd_problem(&r->st, "%s; %s", why, back);
	upd_status_write(r->sfd, r->owner, &r->st);
	return 1;
}

static int install(apply_run *r, const char *deb)
{
	char installed[UPD_VERSION_MAX], why[512];
	upd_installed(r->o, installed, sizeof installed);
	upd_keep_previous(r->o, installed, r->prev, sizeof r->prev);
	r->st.state = "installing";
	r->st.package = r->newver;
	r->st.previous = r->prev;
	upd_status_write(r->sfd, r->owner, &r->st);
	upd_say("installing version %s over %s", r->newver, *installed ? installed : "nothing");
	/* The sign of life must come from the app that starts after this
	 * install: a marker left from before (the same version installed
	 * once already) would pass for it. */
	if (unlinkat(r->sfd, "started", 0) != 0 && errno != ENOENT)
		upd_say("cannot remove the old started marker: %s", strerror(errno));
	if (upd_install(r->o, deb, why, sizeof why) != 0)
		return fall_back(r, why);
	char *cur = upd_path(r->o->state, "current.deb");
	if (!cur || rename(deb, cur) != 0)
		upd_say("cannot keep the package as current.deb: going back to it will not be possible");
	free(cur);
	upd_say("installed version %s; waiting up to %d s for it to start", r->newver, r->o->wait_s);
	if (upd_alive(r->o, r->sfd, r->newver, why, sizeof why) != 0)
		return fall_back(r, why);
	r->st.state = "installed";
	upd_status_write(r->sfd, r->owner, &r->st);
	return 0;
}

static int take(apply_run *r)
{
	bundle_check_opts bo = { 0 };
	char *in = upd_path(r->o->state, "incoming.mkb"), *deb = NULL;
	int rc = in ? upd_take_request(r->sfd, r->owner, in) : MK_ENOMEM;
	if (rc == MK_ENOTFOUND) {
		upd_say("no request waiting");
		free(in);
		return 0;
	}
	upd_say(rc ? "request refused" : "took the request");
	bo.into = upd_path(r->o->state, "unpack");
	if (rc)
		rc = refuse(r, mk_err_msg());
	else if (!bo.into)
		rc = refuse(r, "out of memory");
	else
		rc = check_bundle(r, &bo);
	if (!rc && !(deb = mk_path_join(bo.into, bo.package)))
		rc = refuse(r, "out of memory");
	if (!rc && upd_deb_check(r->o, deb, bo.package) != 0)
		rc = refuse(r, mk_err_msg());
	if (!rc && upd_deb_version(r->o, deb, r->newver, sizeof r->newver) != 0)
		rc = refuse(r, mk_err_msg());
	if (!rc)
		rc = install(r, deb);
	if (bo.into)
		mk_remove_tree(bo.into);
	if (in)
		unlink(in);
	free(deb);
	free((char *)bo.into);
	free(in);
	return rc;
}

int upd_apply(const upd_opts *o)
{
	apply_run r = { .o = o, .st = { .package = "", .previous = "" } };
	int lock = upd_state_check(o->state) == 0 ? upd_lock(o->state) : -1;
	if (lock < 0)
		return upd_say("%s", mk_err_msg()), 2;
	r.sfd = upd_soft_open(o->data, &r.owner);
	if (r.sfd == MK_ENOTFOUND) {
		upd_say("no software folder in %s: nothing to do", o->data);
		close(lock);
		return 0;
	}
	if (r.sfd < 0) {
		upd_say("%s", mk_err_msg());
		close(lock);
		return 2;
	}
	int rc = take(&r);
	close(r.sfd);
	close(lock);
	return rc;
}
