/* SPDX-License-Identifier: MIT */
/*
 * The Content page's forms: approve a version, roll it out one stage
 * wider, roll back. web.c has already checked the session, the Origin and
 * the CSRF token; here each form checks the role again (a page may have
 * been open while the role changed), then asks the store, which enforces
 * the rules itself (four eyes, nothing with problems, stages that only
 * widen), and audits what it did. The uploads are web_content_up.c.
 */
#include "web_content.h"
#include "core.h"

#include <stdio.h>
#include <string.h>

/* The form's version field, or an error page (0 or -1). */
static int form_version(web_ctx *x, const char *title, int64_t *v)
{
	char s[24] = "";
	if (creq_form(x->r, "version", s, sizeof s) < 0 || web_version_parse(s, v) < 0) {
		web_message(x, 400, title, "The form named no content version.");
		return -1;
	}
	return 0;
}

static int publisher_or_refuse(web_ctx *x, const char *what)
{
	char text[160];
	if (web_publisher(x))
		return 1;
	snprintf(text, sizeof text, "Only an account with the publisher role may %s.", what);
	web_message(x, 403, "Refused", text);
	return 0;
}

static void back_to(web_ctx *x, int64_t v)
{
	char loc[48];
	snprintf(loc, sizeof loc, "/content/%lld", (long long)v);
	web_redirect(x, loc);
}

void web_content_approve(web_ctx *x)
{
	cstore_bundle bd;
	int64_t v;
	int rc;
	if (!publisher_or_refuse(x, "approve content") || form_version(x, "Approve", &v) < 0)
		return;
	rc = cstore_bundle_get(x->c->db, v, &bd);
	if (rc == 0 && !strcmp(bd.uploaded_by, x->user)) {
		web_message(x, 403, "Refused", "You uploaded this version: another publisher must "
			    "approve it (four eyes).");
		return;
	}
	if (rc == 0)
		rc = cstore_bundle_approve(x->c->db, v, x->user, x->now);
	if (rc == MK_EPERM) {
		web_message(x, 403, "Refused", "You may not approve this version (four eyes: "
			    "never the uploader's own).");
	} else if (rc == MK_EINVAL) {
		web_message(x, 409, "Approve", "Only a version that was checked without problems, "
			    "and not yet approved, can be approved.");
	} else if (rc < 0) {
		web_message(x, rc == MK_ENOTFOUND ? 404 : 500, "Approve",
			    rc == MK_ENOTFOUND ? "There is no such content version."
					       : "The approval could not be stored.");
	} else {
		char d[24];
		snprintf(d, sizeof d, "%lld", (long long)v);
		web_audit(x, "approve-content", d, bd.uploaded_by);
		back_to(x, v);
	}
}

static int stage_ok(const char *s)
{
	return !strcmp(s, "kiosk") || !strcmp(s, "group") || !strcmp(s, "all");
}

void web_content_rollout(web_ctx *x)
{
	char stage[8] = "", target[CSTORE_ID] = "", d[96];
	int64_t v;
	int rc;
	if (!publisher_or_refuse(x, "roll out content") || form_version(x, "Roll out", &v) < 0)
		return;
	if (creq_form(x->r, "stage", stage, sizeof stage) < 0 || !stage_ok(stage) ||
	    (strcmp(stage, "all") && (creq_form(x->r, "target", target, sizeof target) < 0 ||
				      !target[0]))) {
		web_message(x, 400, "Roll out", "Choose a kiosk, a group, or every kiosk.");
		return;
	}
	if (!strcmp(stage, "all"))
		target[0] = '\0';
	rc = cstore_bundle_rollout(x->c->db, v, stage, target, x->now);
	if (rc == MK_EINVAL) {
		web_message(x, 409, "Roll out", "Only an approved version rolls out, and each step "
			    "only widens it: one kiosk, then a group, then every kiosk.");
	} else if (rc == MK_ENOTFOUND) {
		web_message(x, 404, "Roll out", "There is no such version, kiosk or group (a group "
			    "needs at least one kiosk).");
	} else if (rc < 0) {
		web_message(x, 500, "Roll out", "The rollout could not be stored.");
	} else {
		snprintf(d, sizeof d, "%s %s", stage, target);
		char sv[24];
		snprintf(sv, sizeof sv, "%lld", (long long)v);
		web_audit(x, "rollout-content", sv, d);
		back_to(x, v);
	}
}

void web_content_rollback(web_ctx *x)
{
	int64_t v, nv = 0;
	int rc;
	char d[64], sv[24];
	if (!publisher_or_refuse(x, "roll back content") || form_version(x, "Roll back", &v) < 0)
		return;
	rc = web_content_rollback_do(x, v, &nv);
	if (rc < 0) {
		web_message(x, rc == MK_EINVAL ? 409 : rc == MK_ENOTFOUND ? 404 : 500, "Roll back",
			    mk_err_msg());
		return;
	}
	snprintf(sv, sizeof sv, "%lld", (long long)v);
	snprintf(d, sizeof d, "as version %lld", (long long)nv);
	web_audit(x, "rollback-content", sv, d);
	back_to(x, nv);
}
