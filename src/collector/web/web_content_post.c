/* SPDX-License-Identifier: MIT */
/*
 * The Content page's forms: approve a version, roll it out one stage
 * wider, roll back. web.c has already checked the session, the Origin and
 * the CSRF token; here each form checks the role again (a page may have
 * been open while the role changed), then calls the rollout actions
 * (rollout.h), which enforce the rules themselves (four eyes, nothing
 * with problems, stages that only widen) and write the audit; their
 * messages are for people and are shown as they are. The uploads are
 * web_content_up.c. A form with kind=package is about a software package
 * (web_software.c): the same actions on the package's own numbers, and
 * back to the Content page's Software part.
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
	if (!x->c->rollout) {
		web_message(x, 503, "Content", "This collector was started without content rollout.");
		return 0;
	}
	if (web_publisher(x))
		return 1;
	snprintf(text, sizeof text, "Only an account with the publisher role may %s.", what);
	web_message(x, 403, "Refused", text);
	return 0;
}

/* The form's kind: a package with kind=package, else content. */
static cstore_kind form_kind(web_ctx *x)
{
	char s[16] = "";
	return creq_form(x->r, "kind", s, sizeof s) >= 0 && !strcmp(s, "package") ? CSTORE_PACKAGE
											: CSTORE_CONTENT;
}

static void back_to(web_ctx *x, cstore_kind kind, int64_t v)
{
	char loc[48];
	if (kind == CSTORE_PACKAGE)
		snprintf(loc, sizeof loc, "/content#software");
	else
		snprintf(loc, sizeof loc, "/content/%lld", (long long)v);
	web_redirect(x, loc);
}

/* The answer to a rollout action that failed: its message, with the
 * status it deserves. */
static void failed(web_ctx *x, const char *title, int rc)
{
	char q[300];
	int status = rc == MK_EPERM ? 403 : rc == MK_ENOTFOUND ? 404
		     : rc == MK_EINVAL || rc == MK_EEXIST ? 409 : 500;
	if (status == 500) {
		mk_log(MK_LOG_ERROR, "content-action-failed", "action=%s msg=%s", title,
		       mk_log_quote(q, sizeof q, mk_err_msg()));
		web_message(x, 500, title, "The collector could not do this; its log says why.");
		return;
	}
	web_message(x, status, status == 403 ? "Refused" : title, mk_err_msg());
}

void web_content_approve(web_ctx *x)
{
	cstore_bundle bd;
	cstore_kind kind = form_kind(x);
	int64_t v;
	int rc;
	if (!publisher_or_refuse(x, "approve content") || form_version(x, "Approve", &v) < 0)
		return;
	rc = cstore_bundle_get(x->c->db, kind, v, &bd);
	if (rc == 0 && !strcmp(bd.uploaded_by, x->user)) {
		web_message(x, 403, "Refused", "You uploaded this version: another publisher must "
			    "approve it (four eyes).");
		return;
	}
	if (rc == 0)
		rc = rollout_approve(x->c->rollout, kind, v, x->user, x->now);
	if (rc < 0)
		failed(x, "Approve", rc);
	else
		back_to(x, kind, v);
}

static int stage_ok(const char *s)
{
	return !strcmp(s, "kiosk") || !strcmp(s, "group") || !strcmp(s, "all");
}

void web_content_rollout(web_ctx *x)
{
	char stage[8] = "", target[CSTORE_ID] = "";
	cstore_kind kind = form_kind(x);
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
	rc = rollout_stage(x->c->rollout, kind, v, stage, target, x->user, x->now);
	if (rc < 0)
		failed(x, "Roll out", rc);
	else
		back_to(x, kind, v);
}

void web_content_rollback(web_ctx *x)
{
	int64_t nv = 0;
	int rc;
	if (!publisher_or_refuse(x, "roll back content"))
		return;
	rc = rollout_rollback(x->c->rollout, x->user, x->now, &nv);
	if (rc < 0)
		failed(x, "Roll back", rc);
	else
		back_to(x, CSTORE_CONTENT, nv);
}
