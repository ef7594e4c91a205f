/* SPDX-License-Identifier: MIT */
/*
 * Rolling back (rollout.h): kiosks never take a version lower than the
 * one they show, so going back is going forward. The version rolled out
 * last ("the version it replaces": the newest with a stage) gives way to
 * the content of the newest approved version before it, unpacked from
 * its stored bundle with the kiosk's own checks and packed again as the
 * newest version, signed with the collector's content_key. It was approved
 * once, so it is approved at once, and it goes where the version it
 * replaces went: the kiosks that got that one get this one, no others.
 */
#include "rollout_int.h"
#include "core.h"
#include "crypto.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOOK_BACK 1000 /* versions read to find the two */

/* The newest rolled-out version (cur) and the newest approved one before
 * it (prev), and the newest of all. */
static int find(rollout *ro, cstore_bundle *cur, cstore_bundle *prev, int64_t *newest)
{
	cstore_bundle *all = calloc(LOOK_BACK, sizeof *all);
	int n = 0, c = -1, p = -1;
	int rc = all ? cstore_bundles(ro->db, CSTORE_CONTENT, all, LOOK_BACK, &n)
		     : mk_err(MK_ENOMEM, "out of memory");
	for (int i = 0; !rc && i < n && c < 0; i++)
		if (all[i].stage[0])
			c = i;
	for (int i = c + 1; !rc && c >= 0 && i < n && p < 0; i++)
		if (!strcmp(all[i].state, "approved"))
			p = i;
	if (!rc && c < 0)
		rc = mk_err(MK_ENOTFOUND, "no content version is rolled out: nothing to roll back");
	else if (!rc && p < 0)
		rc = mk_err(MK_ENOTFOUND, "version %lld is the first approved one: there is no"
			    " earlier version to go back to", (long long)all[c].version);
	if (!rc) {
		*cur = all[c];
		*prev = all[p];
		*newest = all[0].version;
	}
	free(all);
	return rc;
}

/* prev's content packed again as version into the file out, in dir. */
static int repack(rollout *ro, const char *dir, const cstore_bundle *prev, int64_t version,
		  const char *out)
{
	bundle_check_opts o;
	uint8_t *bytes = NULL;
	size_t n = 0;
	char *old = mk_path_join(dir, "previous.mkb"), *tree = mk_path_join(dir, "content");
	int rc = old && tree ? cstore_bundle_file(ro->db, CSTORE_CONTENT, prev->version, &bytes, &n)
			     : mk_err(MK_ENOMEM, "out of memory");
	if (!rc)
		rc = mk_write_atomic(old, bytes, n);
	if (!rc && (rc = ro_check(ro, CSTORE_CONTENT, old, 1, tree, &o)) != 0)
		rc = mk_err(rc, "version %lld no longer passes the checks: %s",
			    (long long)prev->version, mk_err_msg());
	if (!rc)
		rc = bundle_pack(tree, out, version, ro->seed);
	free(bytes);
	free(old);
	free(tree);
	return rc;
}

static int store(rollout *ro, const char *path, int64_t version, const cstore_bundle *cur,
		 const cstore_bundle *prev, const char *user, int64_t now)
{
	cstore_bundle b;
	uint8_t *bytes = NULL;
	size_t n = 0;
	int rc = ro_read(path, &bytes, &n);
	if (rc)
		return rc;
	memset(&b, 0, sizeof b);
	b.version = version;
	mkc_sha256_hex(bytes, n, b.sha256);
	b.size = (int64_t)n;
	snprintf(b.note, sizeof b.note, "rollback to %lld", (long long)prev->version);
	snprintf(b.uploaded_by, sizeof b.uploaded_by, "%s", user);
	rc = cstore_bundle_add_approved(ro->db, &b, bytes, n, cur->stage, cur->target, now);
	free(bytes);
	return rc;
}

int rollout_rollback(rollout *ro, const char *user, int64_t now, int64_t *version)
{
	cstore_bundle cur, prev;
	int64_t newest = 0;
	char *dir = NULL, *out = NULL;
	*version = 0;
	int rc = ro_publisher(ro, user);
	if (!rc && !user)
		rc = mk_err(MK_EINVAL, "a rollback names the publisher who asks for it");
	if (!rc && !ro->have_seed)
		rc = mk_err(MK_EINVAL, "rolling back needs the collector's content-signing key:"
			    " set content_key = /path/content.key in collector.conf (its .pub"
			    " among every kiosk's content_keys)");
	if (!rc && !ro->own_listed)
		rc = mk_err(MK_EINVAL, "the public key of content_key is not among content_keys:"
			    " kiosks would refuse the rollback");
	if (!rc)
		rc = find(ro, &cur, &prev, &newest);
	if (!rc)
		rc = ro_scratch(ro, &dir);
	if (!rc && !(out = mk_path_join(dir, "rollback.mkb")))
		rc = mk_err(MK_ENOMEM, "out of memory");
	if (!rc)
		rc = repack(ro, dir, &prev, newest + 1, out);
	if (!rc)
		rc = store(ro, out, newest + 1, &cur, &prev, user, now);
	free(out);
	ro_scratch_end(dir);
	if (rc)
		return rc;
	char subject[24], detail[120];
	snprintf(subject, sizeof subject, "%lld", (long long)(newest + 1));
	snprintf(detail, sizeof detail, "replaces %lld with the content of %lld, to %s%s%s",
		 (long long)cur.version, (long long)prev.version, cur.stage,
		 cur.target[0] ? " " : "", cur.target);
	*version = newest + 1;
	return cstore_audit(ro->db, user, "content-rollback", subject, detail, now);
}
