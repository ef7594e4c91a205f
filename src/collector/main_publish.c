/* SPDX-License-Identifier: MIT */
/*
 * `publish BUNDLE --as USER`: the command line's upload, with the same
 * checks as the dashboard's: the bundle's signature, form and version
 * (rollout_upload), the content's own checks and the preview of every page
 * (vet, the kiosk binary in its sandbox), so that a second publisher never
 * approves content nobody looked at. The bundle is vetted from its file
 * before it is stored, then stored with the outcome at once: a collector
 * serving meanwhile finds it already checked, not "checking" (its checker
 * would vet it a second time). A collector that cannot vet (no kiosk
 * binary, no previews folder) stores it "checking", says why, and the
 * checker of `serve` vets it once it can.
 */
#include "collector.h"
#include "core.h"
#include "cstore_content.h"
#include "main_int.h"
#include "rollout.h"
#include "vet.h"
#include "web_content.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	char previews[PATH_MAX - 64], kiosk_bin[PATH_MAX], scratch[PATH_MAX];
	int can;           /* both found */
	vet_result r;
	int ran, previewed;
} vetting;

static int failed(const char *cmd)
{
	fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, cmd, mk_err_msg());
	return 1;
}

/* Vets the bundle file; 0 (r filled: problems, or a preview in scratch),
 * or 1 after saying why it failed. */
static int vet_file(const main_args *a, cstore *cs, const char *file, vetting *vt)
{
	vet_opts o = { vt->kiosk_bin, a->content_keys, 0, 0 };
	char prev[PATH_MAX];
	if (vet_check(&o, file, &vt->r) < 0)
		return failed("publish: the content's check could not run");
	vt->ran = 1;
	if (vt->r.n_problems > 0)
		return 0;
	int64_t pv = web_content_previous_approved(cs, vt->r.version);
	snprintf(prev, sizeof prev, "%s/%lld", vt->previews, (long long)pv);
	snprintf(vt->scratch, sizeof vt->scratch, "%s/.publish-%ld", vt->previews, (long)getpid());
	if (mkdir(vt->previews, 0750) != 0 && !mk_is_dir(vt->previews))
		return failed("publish: the previews folder");
	vet_result pr = { 0 };
	if (vet_preview(&o, file, pv > 0 && mk_is_dir(prev) ? prev : NULL, vt->scratch, &pr) < 0) {
		vet_result_free(&pr);
		return failed("publish: the preview could not be drawn");
	}
	printf("preview: %d pictures, %d changed since version %lld, in %s/%lld\n", pr.n_shots,
	       pr.n_changed, (long long)pv, vt->previews, (long long)vt->r.version);
	vet_result_free(&pr);
	vt->previewed = 1;
	return 0;
}

/* After the store: the outcome, and the preview where the dashboard
 * looks for it. */
static int record(cstore *cs, int64_t v, vetting *vt)
{
	char dir[PATH_MAX];
	int problems = vt->r.n_problems;
	char *text = web_content_problems_text(&vt->r);
	if (vt->previewed) {
		snprintf(dir, sizeof dir, "%s/%lld", vt->previews, (long long)v);
		if (mk_is_dir(dir))
			mk_remove_tree(dir);
		if (rename(vt->scratch, dir) != 0)
			mk_log(MK_LOG_WARN, "content-preview-kept", "version=%lld", (long long)v);
	}
	int rc = cstore_bundle_checked(cs, v, problems ? "problems" : "ready", problems,
				       text ? text : "");
	if (problems && text)
		fputs(text, stderr);
	free(text);
	return rc;
}

int main_publish(const main_args *a)
{
	cstore *cs;
	rollout *ro;
	vetting *vt = calloc(1, sizeof *vt);
	char *bytes = NULL, role[16] = "";
	size_t n = 0;
	int64_t v = 0;
	int rc = 1;
	if (a->n_pos != 1 || !a->as) {
		free(vt);
		fprintf(stderr, "%s: publish: expected a BUNDLE file and --as USER (see %s --help)\n",
			MAIN_NAME, MAIN_NAME);
		return 2;
	}
	if (!vt || mk_read_regular(a->pos[0], CSTORE_BUNDLE_MAX, &bytes, &n) != 0) {
		free(vt);
		return failed("publish");
	}
	if (main_content_open(a, "publish", &cs, &ro)) {
		free(bytes);
		free(vt);
		return 1;
	}
	vt->can = main_previews_dir(a, vt->previews, sizeof vt->previews) == 0 &&
		  main_kiosk_bin(a, vt->kiosk_bin, sizeof vt->kiosk_bin) == 0;
	/* Someone who may not publish learns it before a minute of vetting. */
	if (cstore_user_role(cs, a->as, role) == 0 && !strcmp(role, "publisher") && vt->can &&
	    vet_file(a, cs, a->pos[0], vt) != 0)
		goto out;
	if (rollout_upload(ro, (const uint8_t *)bytes, n, a->note, a->as, (int64_t)time(NULL), &v)) {
		rc = failed("publish");
		goto out;
	}
	if (!vt->ran) {
		printf("content version %lld is stored; this command cannot check it (%s), so the "
		       "collector's checker (serve) checks and previews it; `content` says when it "
		       "is ready\n", (long long)v,
		       vt->previews[0] ? "no kiosk binary: collector.conf kiosk_binary"
				       : "no previews folder: collector.conf previews");
		rc = 0;
	} else if (v != vt->r.version) {
		mk_err(MK_EINVAL, "the bundle changed while it was checked");
		rc = failed("publish");
	} else if (record(cs, v, vt) != 0) {
		rc = failed("publish");
	} else if (vt->r.n_problems) {
		fprintf(stderr, "%s: publish: content version %lld has %d problems (above): nobody "
			"can approve it\n", MAIN_NAME, (long long)v, vt->r.n_problems);
	} else {
		printf("content version %lld is checked and ready: another publisher approves it"
		       " with `approve %lld --as NAME`\n", (long long)v, (long long)v);
		rc = 0;
	}
out:
	if (vt->previewed && vt->scratch[0] && mk_is_dir(vt->scratch))
		mk_remove_tree(vt->scratch);
	vet_result_free(&vt->r);
	free(vt);
	free(bytes);
	main_content_close(cs, ro);
	return rc;
}
