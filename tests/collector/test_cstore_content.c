/* SPDX-License-Identifier: MIT */
/*
 * Content rollout in the collector's store and its actions (issue 20), on
 * SQLite (no argument) and PostgreSQL (the collector_pg fixture's URI
 * file), as publishers and IT would meet them:
 *  - only a publisher uploads; a bundle signed by a key kiosks do not
 *    trust, or not above the newest version, is refused;
 *  - four eyes: the uploader, or a member of staff, cannot approve;
 *  - stages only widen, and each kiosk's target follows its id, its group
 *    or all;
 *  - a rollback is the newest version, approved, where the version it
 *    replaces was, with the content of the approved one before it;
 *  - what kiosks say they show, and remote screenshots answered only by
 *    the kiosk they were asked of;
 *  - every action in the audit, by the user who did it.
 */
#include "test_cstore_db.h"
#include "test_content_fix.h"
#include "cstore_content.h"
#include "rollout.h"

#define NOW 1795000000

static test_db tdb;
static tfix fx;
static cstore *cs;
static rollout *ro;
static char k1[CSTORE_ID], k2[CSTORE_ID], k3[CSTORE_ID], k4[CSTORE_ID];

static int audited(const char *actor, const char *action, const char *subject)
{
	cstore_audit_row a[64];
	int n = 0, hit = 0;
	CHECK(cstore_audit_list(cs, a, 64, &n) == 0);
	for (int i = 0; i < n; i++)
		hit |= !strcmp(a[i].actor, actor) && !strcmp(a[i].action, action) &&
		       !strcmp(a[i].subject, subject);
	return hit;
}

static int64_t target_of(const char *kiosk)
{
	cstore_bundle b;
	int rc = cstore_kiosk_target(cs, CSTORE_CONTENT, kiosk, &b);
	return rc == 1 ? b.version : rc == 0 ? 0 : -1;
}

static int64_t upload(const char *folder, long long version, const char *key, const char *user,
		      int *rc)
{
	uint8_t *bytes = NULL;
	size_t n = 0;
	int64_t v = 0;
	CHECK(tfix_bundle(&fx, folder, version, key, &bytes, &n) == 0);
	*rc = rollout_upload(ro, bytes, n, "words", user, NOW, &v);
	free(bytes);
	return v;
}

static void setup(void)
{
	char token[CSTORE_TOKEN];
	rollout_opts o = { fx.keys, fx.key, NULL, NULL };
	CHECK(cstore_open(&cs, tdb.spec) == 0);
	cstore_set_user_cost(cs, 1, 8 << 10);
	CHECK(rollout_new(&ro, cs, &o) == 0);
	CHECK(cstore_user_add(cs, "ana", "ana's password") == 0);
	CHECK(cstore_user_add(cs, "ben", "ben's password") == 0);
	CHECK(cstore_user_add(cs, "cat", "cat's password") == 0);
	CHECK(cstore_user_set_role(cs, "ana", "publisher") == 0);
	CHECK(cstore_user_set_role(cs, "ben", "publisher") == 0);
	CHECK(cstore_kiosk_add(cs, "one", k1, token) == 0);
	CHECK(cstore_kiosk_add(cs, "two", k2, token) == 0);
	CHECK(cstore_kiosk_add(cs, "three", k3, token) == 0);
	CHECK(cstore_kiosk_add(cs, "four", k4, token) == 0);
	CHECK(cstore_kiosk_set_group(cs, k2, "front") == 0);
	CHECK(cstore_kiosk_set_group(cs, k3, "front") == 0);
	CHECK(tfix_folder(&fx, "c1", "-- version one\n") == 0);
	CHECK(tfix_folder(&fx, "c2", "-- version two\n") == 0);
	CHECK(tfix_folder(&fx, "c4", "-- from a folder\n") == 0);
}

static void roles(void)
{
	char role[16];
	CHECK(cstore_user_role(cs, "cat", role) == 0 && !strcmp(role, "staff"));
	CHECK(cstore_user_role(cs, "ana", role) == 0 && !strcmp(role, "publisher"));
	CHECK(cstore_user_role(cs, "nobody", role) == MK_ENOTFOUND);
	CHECK(cstore_user_set_role(cs, "cat", "admin") == MK_EINVAL);
	CHECK(cstore_user_set_role(cs, "nobody", "staff") == MK_ENOTFOUND);
}

static void uploads_and_four_eyes(void)
{
	int rc;
	/* Staff may not upload; a stranger's signature is refused. */
	CHECK(upload("c1", 1, "pub", "cat", &rc) == 0 && rc == MK_EPERM);
	CHECK(upload("c1", 1, "other", "ana", &rc) == 0 && rc == MK_EPERM);
	CHECK_MSG(strstr(mk_err_msg(), "refused"), "%s", mk_err_msg());
	CHECK(upload("c1", 1, "pub", "ana", &rc) == 1 && rc == 0);
	CHECK(audited("ana", "content-upload", "1"));
	CHECK(upload("c1", 1, "pub", "ben", &rc) == 0 && rc == MK_EEXIST);
	cstore_bundle b;
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "checking") &&
	      !strcmp(b.uploaded_by, "ana") && !strcmp(b.note, "words"));
	/* Not approvable while checking, nor with problems. */
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "ben", NOW) == MK_EINVAL);
	CHECK(cstore_bundle_checked(cs, 1, "ready", 0, "") == 0);
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "ana", NOW) == MK_EPERM); /* four eyes */
	CHECK(strstr(mk_err_msg(), "four eyes"));
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "cat", NOW) == MK_EPERM); /* not a publisher */
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "ben", NOW) == 0);
	CHECK(audited("ben", "content-approve", "1"));
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "approved") &&
	      !strcmp(b.approved_by, "ben"));
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 1, "ben", NOW) == MK_EINVAL); /* once */
}

static void stages(void)
{
	CHECK(target_of(k1) == 0);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", "kiosk-nothere", NULL, NOW) == MK_ENOTFOUND);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "group", "empty", NULL, NOW) == MK_ENOTFOUND);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", k1, "cat", NOW) == MK_EPERM);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", k1, "ana", NOW) == 0);
	CHECK(audited("ana", "content-rollout", "1"));
	CHECK(target_of(k1) == 1 && target_of(k2) == 0 && target_of(k4) == 0);
	/* moves, never widens */
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", k2, NULL, NOW) == MK_EINVAL);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "group", "front", NULL, NOW) == 0);
	CHECK(audited("cli", "content-rollout", "1"));
	CHECK(target_of(k2) == 1 && target_of(k3) == 1 && target_of(k4) == 0);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "kiosk", k1, NULL, NOW) == MK_EINVAL); /* narrower */
	CHECK(strstr(mk_err_msg(), "only widen"));
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 1, "all", NULL, NULL, NOW) == 0);
	CHECK(target_of(k4) == 1 && target_of(k1) == 1);
}

static void second_and_rollback(void)
{
	int rc;
	char lua[200];
	uint8_t *bytes = NULL;
	size_t n = 0;
	CHECK(upload("c2", 2, "pub", "ben", &rc) == 2 && rc == 0);
	CHECK(cstore_bundle_checked(cs, 2, "ready", 0, "") == 0);
	/* not approved */
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 2, "kiosk", k1, NULL, NOW) == MK_EINVAL);
	CHECK(rollout_approve(ro, CSTORE_CONTENT, 2, "ana", NOW) == 0);
	CHECK(rollout_stage(ro, CSTORE_CONTENT, 2, "kiosk", k1, NULL, NOW) == 0);
	CHECK(target_of(k1) == 2 && target_of(k2) == 1);
	/* An older version is refused: versions only grow. */
	CHECK(upload("c1", 1, "pub", "ana", &rc) == 0 && rc == MK_EINVAL);
	/* Without the collector's signing key, a rollback says what is missing. */
	rollout *plain = NULL;
	rollout_opts o = { fx.keys, NULL, NULL, NULL };
	int64_t v = 0;
	CHECK(rollout_new(&plain, cs, &o) == 0);
	CHECK(rollout_rollback(plain, "ana", NOW, &v) == MK_EINVAL && v == 0);
	CHECK(strstr(mk_err_msg(), "content_key"));
	rollout_free(plain);
	/* Nor when kiosks would not trust what the collector signs. */
	char only_pub[200];
	snprintf(only_pub, sizeof only_pub, "%s/pub.pub", fx.dir);
	rollout_opts untrusted = { only_pub, fx.key, NULL, NULL };
	CHECK(rollout_new(&plain, cs, &untrusted) == 0);
	CHECK(rollout_rollback(plain, "ana", NOW, &v) == MK_EINVAL && v == 0);
	CHECK(strstr(mk_err_msg(), "not among content_keys"));
	rollout_free(plain);
	CHECK(rollout_rollback(ro, "cat", NOW, &v) == MK_EPERM);
	/* Version 3: version 1's content, approved, to kiosk one only. */
	CHECK(rollout_rollback(ro, "ana", NOW, &v) == 0 && v == 3);
	cstore_bundle b;
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 3, &b) == 0 && !strcmp(b.state, "approved") &&
	      !strcmp(b.stage, "kiosk") && !strcmp(b.target, k1) &&
	      !strcmp(b.note, "rollback to 1"));
	CHECK(target_of(k1) == 3 && target_of(k2) == 1);
	CHECK(audited("ana", "content-rollback", "3"));
	CHECK(cstore_bundle_file(cs, CSTORE_CONTENT, 3, &bytes, &n) == 0 && (int64_t)n == b.size);
	CHECK(tfix_main_lua(&fx, bytes, n, lua, sizeof lua) == 0 &&
	      !strcmp(lua, "-- version one\n"));
	free(bytes);
	/* A slice at a time reads the same bytes. */
	uint8_t part[100];
	size_t got = 0;
	CHECK(cstore_bundle_file(cs, CSTORE_CONTENT, 1, &bytes, &n) == 0);
	CHECK(cstore_bundle_read(cs, CSTORE_CONTENT, 1, 1000, part, sizeof part, &got) == 0 &&
	      got == 100 && !memcmp(part, bytes + 1000, 100));
	CHECK(cstore_bundle_read(cs, CSTORE_CONTENT, 1, (int64_t)n, part, sizeof part, &got) == 0 &&
	      got == 0);
	free(bytes);
	/* A folder's files, signed by the collector as the next version. */
	char folder[160];
	snprintf(folder, sizeof folder, "%s/c4", fx.dir);
	CHECK(rollout_pack_folder(ro, folder, "from the dashboard", "ben", NOW, &v) == 0 && v == 4);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 4, &b) == 0 && !strcmp(b.state, "checking"));
}

static void kiosk_states(void)
{
	cstore_kiosk_content k[8];
	int n = 0;
	CHECK(cstore_kiosk_content_put(cs, k1, 1, "rejected", 3, "main.lua:3: boom", NOW) == 0);
	CHECK(cstore_kiosk_content_put(cs, k2, 1, "showing", 0, "", NOW) == 0);
	CHECK(cstore_kiosk_content_put(cs, k2, 1, "sleeping", 0, "", NOW) == MK_EINVAL);
	CHECK(cstore_kiosk_contents(cs, k, 8, &n) == 0 && n == 4);
	for (int i = 0; i < n; i++) {
		if (!strcmp(k[i].kiosk, k1))
			CHECK(k[i].shown == 1 && k[i].target == 3 && !strcmp(k[i].state, "rejected") &&
			      k[i].offered == 3 && !strcmp(k[i].problem, "main.lua:3: boom") &&
			      k[i].at == NOW);
		if (!strcmp(k[i].kiosk, k2))
			CHECK(k[i].shown == 1 && k[i].target == 1 && !strcmp(k[i].group, "front") &&
			      !strcmp(k[i].state, "showing"));
		if (!strcmp(k[i].kiosk, k4))
			CHECK(k[i].target == 1 && k[i].at == 0 && !k[i].state[0]);
	}
}

static void shots(void)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };
	char id[33], id2[33], pending[33];
	cstore_shot s[4];
	uint8_t *got = NULL;
	size_t n = 0;
	int k = 0;
	CHECK(cstore_shot_request(cs, "kiosk-nothere", "ana", NOW, id) == MK_ENOTFOUND);
	CHECK(cstore_shot_request(cs, k1, "ana", NOW, id) == 0 && strlen(id) == 32);
	CHECK(cstore_shot_pending(cs, k1, pending) == 1 && !strcmp(pending, id));
	CHECK(cstore_shot_pending(cs, k2, pending) == 0);
	CHECK(cstore_shot_put(cs, k2, id, png, sizeof png, NULL, NOW) == MK_ENOTFOUND);
	CHECK(cstore_shot_put(cs, k1, id, png, sizeof png, NULL, NOW + 5) == 0);
	CHECK(cstore_shot_pending(cs, k1, pending) == 0);
	CHECK(cstore_shot_png(cs, id, &got, &n) == 0 && n == sizeof png && !memcmp(got, png, n));
	free(got);
	CHECK(cstore_shot_request(cs, k1, "ben", NOW + 10, id2) == 0);
	CHECK(cstore_shot_put(cs, k1, id2, NULL, 0, "a patient is signed in", NOW + 11) == 0);
	CHECK(cstore_shot_png(cs, id2, &got, &n) == MK_ENOTFOUND);
	CHECK(cstore_shots(cs, s, 4, &k) == 0 && k == 2);
	CHECK(k == 2 && !strcmp(s[0].id, id2) && !strcmp(s[0].refused, "a patient is signed in") &&
	      s[0].png_size == 0 && !strcmp(s[1].id, id) && s[1].png_size == (int64_t)sizeof png &&
	      s[1].answered_at == NOW + 5 && !strcmp(s[1].by, "ana"));
	/* A week on, a new request takes the old ones and their pictures away. */
	CHECK(cstore_shot_request(cs, k2, "ana", NOW + 8 * 24 * 3600, id2) == 0);
	CHECK(cstore_shots(cs, s, 4, &k) == 0 && k == 1 && !strcmp(s[0].kiosk, k2));
	CHECK(cstore_shot_png(cs, id, &got, &n) == MK_ENOTFOUND);
}

int main(int argc, char **argv)
{
	mk_log_set_level(MK_LOG_ERROR);
	if (test_db_make(&tdb, argc, argv, "mk_test_cstore_content") != 0 || tfix_make(&fx) != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	setup();
	roles();
	uploads_and_four_eyes();
	stages();
	second_and_rollback();
	kiosk_states();
	shots();
	rollout_free(ro);
	cstore_close(cs);
	test_db_done(&tdb);
	tfix_done(&fx);
	return check_done();
}
