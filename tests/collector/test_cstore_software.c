/* SPDX-License-Identifier: MIT */
/*
 * Software packages in the collector's store and its actions (issue 20,
 * "Software updates"), on SQLite (no argument) and PostgreSQL (the
 * collector_pg fixture's URI file), as publishers and IT would meet them:
 *  - only a publisher uploads a package; one signed with a key that is not
 *    among software_keys (a content key too), a content bundle, or a
 *    collector without software_keys, is refused with the reason;
 *  - a package is "ready" at once (nothing to vet), shows the Debian
 *    version of its .deb, and numbers its versions apart from content;
 *  - four eyes and stages that only widen, as for content, each in the
 *    audit as package-upload, package-approve, package-rollout;
 *  - the package a kiosk is offered: rolled out to it, above what it took,
 *    and never one it said it rejected or rolled back, whatever it says
 *    later; and what each kiosk says of its software, for the dashboard.
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
static char k1[CSTORE_ID], k2[CSTORE_ID], k3[CSTORE_ID];

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

static int64_t publish(rollout *r, const char *deb, long long version, const char *key,
		       const char *user, int *rc)
{
	uint8_t *bytes = NULL;
	size_t n = 0;
	int64_t v = 0;
	CHECK(tfix_package(&fx, deb, version, key, &bytes, &n) == 0);
	*rc = rollout_upload_package(r, bytes, n, "the fix", user, NOW, &v);
	free(bytes);
	return v;
}

/* The version kiosk is offered, 0 for none, -1 when the store failed. */
static int64_t offer(const char *kiosk)
{
	cstore_bundle b;
	int rc = cstore_kiosk_package_offer(cs, kiosk, &b);
	return rc == 1 ? b.version : rc == 0 ? 0 : -1;
}

static int say(const char *kiosk, const char *running, int64_t taken, const char *state,
	       int64_t offered, const char *problem)
{
	cstore_kiosk_software s;
	memset(&s, 0, sizeof s);
	snprintf(s.running, sizeof s.running, "%s", running);
	snprintf(s.state, sizeof s.state, "%s", state);
	snprintf(s.problem, sizeof s.problem, "%s", problem);
	s.taken = taken;
	s.offered = offered;
	return cstore_kiosk_software_put(cs, kiosk, &s, NOW);
}

static void setup(void)
{
	char token[CSTORE_TOKEN];
	rollout_opts o = { fx.keys, fx.key, NULL, fx.swkeys };
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
	CHECK(cstore_kiosk_set_group(cs, k2, "front") == 0);
	CHECK(tfix_folder(&fx, "c1", "-- content one\n") == 0);
}

static void uploads(void)
{
	int rc;
	cstore_bundle b;
	CHECK(publish(ro, "0.2.0+5.gabc1234", 1, "sw", "cat", &rc) == 0 && rc == MK_EPERM);
	/* A content key does not sign packages, whatever kiosks trust for content. */
	CHECK(publish(ro, "0.2.0+5.gabc1234", 1, "pub", "ana", &rc) == 0 && rc == MK_EPERM);
	CHECK_MSG(strstr(mk_err_msg(), "refused"), "%s", mk_err_msg());
	/* A content bundle is not a package, even signed with a software key. */
	uint8_t *bytes = NULL;
	size_t n = 0;
	int64_t v = 0;
	CHECK(tfix_bundle(&fx, "c1", 1, "sw", &bytes, &n) == 0);
	CHECK(rollout_upload_package(ro, bytes, n, "", "ana", NOW, &v) != 0 && v == 0);
	CHECK_MSG(strstr(mk_err_msg(), "refused"), "%s", mk_err_msg());
	free(bytes);
	/* Without software_keys the collector says what is missing. */
	rollout *plain = NULL;
	rollout_opts o = { fx.keys, fx.key, NULL, NULL };
	CHECK(rollout_new(&plain, cs, &o) == 0);
	CHECK(publish(plain, "0.2.0+5.gabc1234", 1, "sw", "ana", &rc) == 0 && rc == MK_EINVAL);
	CHECK_MSG(strstr(mk_err_msg(), "software_keys"), "%s", mk_err_msg());
	rollout_free(plain);
	CHECK(publish(ro, "0.2.0+5.gabc1234", 1, "sw", "ana", &rc) == 1 && rc == 0);
	CHECK(cstore_bundle_get(cs, CSTORE_PACKAGE, 1, &b) == 0 && !strcmp(b.state, "ready") &&
	      !strcmp(b.deb, "0.2.0+5.gabc1234") && !strcmp(b.uploaded_by, "ana") &&
	      b.kind == CSTORE_PACKAGE);
	CHECK(audited("ana", "package-upload", "1"));
	CHECK(publish(ro, "0.2.0+5.gabc1234", 1, "sw", "ben", &rc) == 0 && rc == MK_EEXIST);
	/* Content numbers its versions on its own: content 1 is not package 1. */
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == MK_ENOTFOUND);
	CHECK(tfix_bundle(&fx, "c1", 1, "pub", &bytes, &n) == 0);
	CHECK(rollout_upload(ro, bytes, n, "", "ana", NOW, &v) == 0 && v == 1);
	free(bytes);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "checking"));
	cstore_bundle list[4];
	int k = 0;
	CHECK(cstore_bundles(cs, CSTORE_PACKAGE, list, 4, &k) == 0 && k == 1 &&
	      !strcmp(list[0].deb, "0.2.0+5.gabc1234"));
}

static void approval_and_stages(void)
{
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "kiosk", k1, NULL, NOW) == MK_EINVAL);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 1, "ana", NOW) == MK_EPERM); /* four eyes */
	CHECK(strstr(mk_err_msg(), "four eyes"));
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 1, "cat", NOW) == MK_EPERM);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 1, "ben", NOW) == 0);
	CHECK(audited("ben", "package-approve", "1"));
	/* Approving package 1 did not approve content 1. */
	cstore_bundle b;
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "checking"));
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "kiosk", k1, "cat", NOW) == MK_EPERM);
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "kiosk", k1, "ana", NOW) == 0);
	CHECK(audited("ana", "package-rollout", "1"));
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "kiosk", k2, NULL, NOW) == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "only widen"));
	/* Content targets are not package targets. */
	CHECK(cstore_kiosk_target(cs, CSTORE_CONTENT, k1, &b) == 0);
	CHECK(cstore_kiosk_target(cs, CSTORE_PACKAGE, k1, &b) == 1 && b.version == 1);
}

static void offers(void)
{
	int rc;
	CHECK(offer(k1) == 1 && offer(k2) == 0 && offer(k3) == 0);
	CHECK(say(k1, "0.1.0+42.gabc1234", 0, "current", 0, "") == 0);
	CHECK(offer(k1) == 1);
	/* Rejected: never offered again, even once it says "current". */
	CHECK(say(k1, "0.1.0+42.gabc1234", 0, "rejected", 1, "signature: unknown key") == 0);
	CHECK(offer(k1) == 0);
	CHECK(say(k1, "0.1.0+42.gabc1234", 0, "current", 0, "") == 0);
	CHECK(offer(k1) == 0);
	/* A group: kiosk two takes it, and once taken is not offered it. */
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 1, "group", "front", NULL, NOW) == 0);
	CHECK(offer(k2) == 1 && offer(k3) == 0);
	CHECK(say(k2, "0.2.0+5.gabc1234", 1, "installed", 1, "") == 0);
	CHECK(offer(k2) == 0);
	/* Version 2 to all: offered to both, until kiosk two rolls it back. */
	CHECK(publish(ro, "0.2.1+7.gdef5678", 2, "sw", "ben", &rc) == 2 && rc == 0);
	CHECK(rollout_approve(ro, CSTORE_PACKAGE, 2, "ana", NOW) == 0);
	CHECK(rollout_stage(ro, CSTORE_PACKAGE, 2, "all", NULL, NULL, NOW) == 0);
	CHECK(offer(k1) == 2 && offer(k2) == 2 && offer(k3) == 2);
	CHECK(say(k2, "0.2.0+5.gabc1234", 2, "rolled-back", 2, "did not start in 120 s") == 0);
	CHECK(offer(k2) == 0);
	CHECK(say(k2, "0.2.0+5.gabc1234", 2, "current", 0, "") == 0);
	CHECK(offer(k2) == 0);
	/* What kiosks say is checked and kept for the dashboard. */
	CHECK(say(k3, "x", 0, "sleeping", 0, "") == MK_EINVAL);
	CHECK(say(k3, "x", -1, "current", 0, "") == MK_EINVAL);
	CHECK(say(k2, "0.2.0+5.gabc1234", 2, "rolled-back", 2, "did not start in 120 s") == 0);
	cstore_kiosk_software k[4];
	int n = 0;
	CHECK(cstore_kiosk_softwares(cs, k, 4, &n) == 0 && n == 3);
	for (int i = 0; i < n; i++) {
		if (!strcmp(k[i].kiosk, k2))
			CHECK(k[i].target == 2 && k[i].taken == 2 && !strcmp(k[i].group, "front") &&
			      !strcmp(k[i].state, "rolled-back") && k[i].offered == 2 &&
			      !strcmp(k[i].running, "0.2.0+5.gabc1234") &&
			      !strcmp(k[i].problem, "did not start in 120 s") && k[i].at == NOW);
		if (!strcmp(k[i].kiosk, k3))
			CHECK(k[i].target == 2 && k[i].at == 0 && !k[i].state[0] && !k[i].running[0]);
	}
}

int main(int argc, char **argv)
{
	mk_log_set_level(MK_LOG_ERROR);
	if (test_db_make(&tdb, argc, argv, "mk_test_cstore_software") != 0 || tfix_make(&fx) != 0)
		return fprintf(stderr, "setup failed\n"), 1;
	setup();
	uploads();
	approval_and_stages();
	offers();
	rollout_free(ro);
	cstore_close(cs);
	test_db_done(&tdb);
	tfix_done(&fx);
	return check_done();
}
