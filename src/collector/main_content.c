/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector's content commands, for scripted IT and tests: the
 * same actions as the dashboard's Content page (rollout.h), each audited.
 * publish (main_publish.c) checks and previews a bundle before it stores
 * it, as the dashboard does. approve and rollback name the
 * publisher who acts (--as); rollout is the command line's ("cli" in the
 * audit), like kiosk-group.
 */
#include "collector.h"
#include "core.h"
#include "main_int.h"
#include "rollout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failed(const char *cmd)
{
	fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, cmd, mk_err_msg());
	return 1;
}

static int usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "%s: %s: %s (see %s --help)\n", MAIN_NAME, cmd, what, MAIN_NAME);
	return 2;
}

/* The database and the rollout actions with collector.conf's keys. */
int main_content_open(const main_args *a, const char *cmd, cstore **cs, rollout **ro)
{
	rollout_opts o = { a->content_keys, a->content_key, NULL, a->software_keys };
	*ro = NULL;
	if (cstore_open(cs, a->db) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		return 1;
	}
	if (rollout_new(ro, *cs, &o) != 0) {
		int rc = failed(cmd);
		cstore_close(*cs);
		return rc;
	}
	return 0;
}

void main_content_close(cstore *cs, rollout *ro)
{
	rollout_free(ro);
	cstore_close(cs);
}

static int version_arg(const char *s, int64_t *v)
{
	char *end = NULL;
	long long x = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || x < 1)
		return -1;
	*v = x;
	return 0;
}

int main_approve(const main_args *a)
{
	cstore *cs;
	rollout *ro;
	int64_t v;
	if (a->n_pos != 1 || version_arg(a->pos[0], &v) || !a->as)
		return usage_error("approve", "expected a version N and --as USER");
	if (main_content_open(a, "approve", &cs, &ro))
		return 1;
	cstore_kind kind = a->package ? CSTORE_PACKAGE : CSTORE_CONTENT;
	int rc = rollout_approve(ro, kind, v, a->as, (int64_t)time(NULL)) ? failed("approve") : 0;
	main_content_close(cs, ro);
	if (!rc)
		printf("%s version %lld is approved by %s: roll it out with `rollout %lld%s"
		       " kiosk ID`, `group G` or `all`\n", a->package ? "package" : "content",
		       (long long)v, a->as, (long long)v, a->package ? " --package" : "");
	return rc;
}

int main_rollout(const main_args *a)
{
	cstore *cs;
	rollout *ro;
	int64_t v;
	const char *stage = a->n_pos > 1 ? a->pos[1] : "";
	int all = !strcmp(stage, "all");
	if (a->n_pos < 2 || version_arg(a->pos[0], &v) ||
	    (all ? a->n_pos != 2 : a->n_pos != 3 || (strcmp(stage, "kiosk") && strcmp(stage, "group"))))
		return usage_error("rollout", "expected N kiosk ID, N group G or N all");
	if (main_content_open(a, "rollout", &cs, &ro))
		return 1;
	const char *target = all ? "" : a->pos[2];
	cstore_kind kind = a->package ? CSTORE_PACKAGE : CSTORE_CONTENT;
	int rc = rollout_stage(ro, kind, v, stage, target, a->as, (int64_t)time(NULL))
			 ? failed("rollout") : 0;
	main_content_close(cs, ro);
	if (!rc)
		printf("%s version %lld is rolled out to %s%s%s: kiosks take it at their next"
		       " heartbeat\n", a->package ? "package" : "content", (long long)v, stage,
		       all ? "" : " ", target);
	return rc;
}

int main_rollback(const main_args *a)
{
	cstore *cs;
	rollout *ro;
	int64_t v = 0;
	if (a->n_pos != 0 || !a->as)
		return usage_error("rollback", "expected --as USER");
	if (main_content_open(a, "rollback", &cs, &ro))
		return 1;
	int rc = rollout_rollback(ro, a->as, (int64_t)time(NULL), &v) ? failed("rollback") : 0;
	if (!rc) {
		cstore_bundle b;
		if (cstore_bundle_get(cs, CSTORE_CONTENT, v, &b) == 0)
			printf("content version %lld (%s) is approved and rolled out to %s%s%s\n",
			       (long long)v, b.note, b.stage, b.target[0] ? " " : "", b.target);
	}
	main_content_close(cs, ro);
	return rc;
}

void main_print_time(int64_t t)
{
	char buf[32];
	struct tm tm;
	time_t s = (time_t)t;
	if (t <= 0 || !gmtime_r(&s, &tm))
		printf("%-17s", "-");
	else if (strftime(buf, sizeof buf, "%Y-%m-%d %H:%MZ", &tm))
		printf("%-17s", buf);
}

int main_list_versions(cstore *cs, int kind)
{
	enum { MAX = 50 };
	cstore_bundle *b = calloc(MAX, sizeof *b);
	int pkg = kind == CSTORE_PACKAGE;
	int n = 0, rc = b ? cstore_bundles(cs, (cstore_kind)kind, b, MAX, &n) : MK_ENOMEM;
	if (!rc)
		printf("%-8s %s%-9s %-10s %-12s %-12s %-17s %s\n", "VERSION",
		       pkg ? "PACKAGE                  " : "", "STATE", "BYTES", "UPLOADED-BY",
		       "APPROVED-BY", "UPLOADED (UTC)", "ROLLED OUT TO / NOTE");
	for (int i = 0; !rc && i < n; i++) {
		printf("%-8lld ", (long long)b[i].version);
		if (pkg)
			printf("%-24s ", b[i].deb);
		printf("%-9s %-10lld %-12s %-12s ", b[i].state,
		       (long long)b[i].size, b[i].uploaded_by,
		       b[i].approved_by[0] ? b[i].approved_by : "-");
		main_print_time(b[i].uploaded_at);
		printf(" %s%s%s%s%s\n", b[i].stage[0] ? b[i].stage : "-", b[i].target[0] ? " " : "",
		       b[i].target, b[i].note[0] ? " / " : "", b[i].note);
	}
	free(b);
	return rc;
}

static int list_kiosks(cstore *cs)
{
	enum { MAX = 500 };
	cstore_kiosk_content *k = calloc(MAX, sizeof *k);
	int n = 0, rc = k ? cstore_kiosk_contents(cs, k, MAX, &n) : MK_ENOMEM;
	if (!rc)
		printf("\n%-16s %-12s %-7s %-7s %-12s %-8s %-17s %s\n", "KIOSK", "GROUP", "TARGET",
		       "SHOWN", "STATE", "OFFERED", "SAID (UTC)", "PROBLEM");
	for (int i = 0; !rc && i < n; i++) {
		printf("%-16s %-12s %-7lld %-7lld %-12s %-8lld ", k[i].kiosk,
		       k[i].group[0] ? k[i].group : "-", (long long)k[i].target,
		       (long long)k[i].shown, k[i].state[0] ? k[i].state : "-",
		       (long long)k[i].offered);
		main_print_time(k[i].at);
		printf(" %s\n", k[i].problem[0] ? k[i].problem : "");
	}
	free(k);
	return rc;
}

int main_content(const main_args *a)
{
	cstore *cs;
	if (a->n_pos != 0)
		return usage_error("content", "takes no arguments");
	if (cstore_open(&cs, a->db) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		return 1;
	}
	int rc = main_list_versions(cs, CSTORE_CONTENT);
	if (!rc)
		rc = list_kiosks(cs);
	cstore_close(cs);
	return rc ? failed("content") : 0;
}

int main_user_role(const main_args *a)
{
	cstore *cs;
	if (a->n_pos != 2)
		return usage_error("user-role", "expected NAME and staff or publisher");
	if (cstore_open(&cs, a->db) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		return 1;
	}
	char detail[120];
	snprintf(detail, sizeof detail, "%s: %s", a->pos[0], a->pos[1]);
	int rc = cstore_user_set_role(cs, a->pos[0], a->pos[1]);
	if (rc == 0)
		rc = cstore_audit(cs, "cli", "user-role", "", detail, (int64_t)time(NULL));
	cstore_close(cs);
	if (rc)
		return failed("user-role");
	printf("user %s is now %s\n", a->pos[0], a->pos[1]);
	return 0;
}
