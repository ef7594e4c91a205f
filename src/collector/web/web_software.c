/* SPDX-License-Identifier: MIT */
/*
 * The Content page's Software part (issue 20, software updates): the
 * kiosks' own program, as package bundles signed by whoever builds it
 * (`mesokiosk bundle-package`), on the same way as content: uploaded by a
 * publisher, approved by another (four eyes), rolled out to one kiosk, a
 * group, then all, with each kiosk's running version and state beside.
 *
 * The forms post to the content ones (/content/upload with a "package"
 * file, /content/approve and /content/rollout with kind=package), which
 * check the role again and call the same rollout actions. There is no
 * roll-back button: the collector holds no software-signing key (a
 * break-in here must never be root on every kiosk), so the page says how
 * a fleet goes back: the previous .deb, re-signed as the next version.
 */
#include "web_content.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

static const char *kiosk_state(const cstore_kiosk_software *k)
{
	static const char *const words[][2] = {
		{ "current", "up to date" },
		{ "downloading", "downloading" },
		{ "waiting", "downloaded: waits for the attract screen" },
		{ "installing", "installing" },
		{ "installed", "installed" },
		{ "rejected", "refused the package" },
		{ "rolled-back", "did not start: the previous package is back" },
	};
	if (!k->at)
		return "has not reported its software yet";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(k->state, words[i][0]))
			return words[i][1];
	return k->state;
}

static void upload_form(wbuf *b, web_ctx *x)
{
	wb_raw(b, "<form class=\"card upload\" method=\"post\" action=\"/content/upload\" "
		  "enctype=\"multipart/form-data\">");
	web_csrf_field(b, x);
	wb_raw(b, "<h3>A signed package</h3><p class=\"muted\">A <code>.mkb</code> file made with "
		  "<code>mesokiosk bundle-package</code> and a software key (up to 64 MiB here; "
		  "larger with <code>mesokiosk-collector publish-package</code>).</p>"
		  "<label for=\"package\">Package bundle</label>"
		  "<input id=\"package\" name=\"package\" type=\"file\" accept=\".mkb\" required>"
		  "<label for=\"note3\">What changed</label>"
		  "<input id=\"note3\" name=\"note\" maxlength=\"190\">"
		  "<p><button type=\"submit\">Upload and check the signature</button></p></form>\n");
}

/* The publisher's part of a version's row: approve, or why not; roll out. */
static void actions(wbuf *b, web_ctx *x, const cstore_bundle *bd, const cstore_kiosk_content *k,
		    int nk)
{
	if (!strcmp(bd->state, "ready") && !strcmp(bd->uploaded_by, x->user)) {
		wb_raw(b, "<span class=\"muted\">You uploaded it: another publisher must approve it "
			  "(four eyes).</span>");
	} else if (!strcmp(bd->state, "ready")) {
		wb_raw(b, "<form class=\"inline\" method=\"post\" action=\"/content/approve\">");
		web_csrf_field(b, x);
		wb_fmt(b, "<input type=\"hidden\" name=\"kind\" value=\"package\">"
			  "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
			  "<button type=\"submit\">Approve package %lld</button></form>",
		       (long long)bd->version, (long long)bd->version);
	}
	web_rollout_forms(b, x, bd, k, nk);
}

static void versions(wbuf *b, web_ctx *x, const cstore_bundle *bd, int n,
		     const cstore_kiosk_content *k, int nk, int may)
{
	char t[32];
	if (n == 0) {
		wb_raw(b, "<p class=\"muted\">No package uploaded yet.</p>");
		return;
	}
	wb_raw(b, "<div class=\"scroll\"><table class=\"versions\"><thead><tr><th>Package</th>"
		  "<th>Debian version</th><th>State</th><th>Uploaded</th><th>Rolled out to</th>"
		  "<th>Note</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		web_time(t, bd[i].uploaded_at);
		wb_fmt(b, "<tr><td>Package %lld</td><td><code>", (long long)bd[i].version);
		wb_esc(b, bd[i].deb);
		wb_raw(b, "</code></td><td>");
		wb_esc(b, !strcmp(bd[i].state, "ready") ? "Signature checked: waits for a second "
							   "publisher to approve"
							 : web_bundle_state(&bd[i]));
		if (bd[i].approved_by[0]) {
			wb_raw(b, " by ");
			wb_esc(b, bd[i].approved_by);
		}
		wb_raw(b, "</td><td>");
		wb_esc(b, bd[i].uploaded_by);
		wb_raw(b, ", <time>");
		wb_esc(b, t);
		wb_raw(b, "</time></td><td>");
		web_bundle_stage(b, &bd[i]);
		wb_raw(b, "</td><td>");
		wb_esc(b, bd[i].note);
		wb_raw(b, "</td></tr>\n");
		if (may && (!strcmp(bd[i].state, "ready") ||
			    (!strcmp(bd[i].state, "approved") && strcmp(bd[i].stage, "all")))) {
			wb_raw(b, "<tr><td colspan=\"6\">");
			actions(b, x, &bd[i], k, nk);
			wb_raw(b, "</td></tr>\n");
		}
	}
	wb_raw(b, "</tbody></table></div>\n");
}

static void kiosk_row(wbuf *b, const cstore_kiosk_software *k)
{
	char t[32];
	int bad = !strcmp(k->state, "rejected") || !strcmp(k->state, "rolled-back");
	wb_raw(b, bad ? "<tr class=\"rejected\"><td>" : "<tr><td>");
	wb_esc(b, k->label[0] ? k->label : k->kiosk);
	wb_raw(b, "</td><td>");
	wb_esc(b, k->group[0] ? k->group : "—");
	wb_raw(b, "</td><td>");
	if (k->target)
		wb_fmt(b, "package %lld", (long long)k->target);
	else
		wb_raw(b, "<span class=\"muted\">none</span>");
	wb_raw(b, "</td><td><code>");
	wb_esc(b, k->running[0] ? k->running : "—");
	wb_raw(b, "</code></td><td>");
	if (k->taken)
		wb_fmt(b, "package %lld", (long long)k->taken);
	else
		wb_raw(b, "<span class=\"muted\">none</span>");
	wb_raw(b, bad ? "</td><td class=\"warn\">" : "</td><td>");
	wb_esc(b, kiosk_state(k));
	if (k->offered > 0 && strcmp(k->state, "current"))
		wb_fmt(b, " (package %lld)", (long long)k->offered);
	if (k->problem[0]) {
		wb_raw(b, "<br><span class=\"problem-text\">");
		wb_esc(b, k->problem);
		wb_raw(b, "</span>");
	}
	web_time(t, k->at);
	wb_raw(b, "</td><td>");
	wb_esc(b, t);
	wb_raw(b, "</td></tr>\n");
}

static void kiosks(wbuf *b, const cstore_kiosk_software *k, int n)
{
	wb_raw(b, "<div class=\"scroll\"><table class=\"rollout\"><thead><tr><th>Kiosk</th>"
		  "<th>Group</th><th>Should run</th><th>Runs</th><th>Installed by update</th>"
		  "<th>State</th><th>Said</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++)
		kiosk_row(b, &k[i]);
	if (!n)
		wb_raw(b, "<tr><td colspan=\"7\" class=\"muted\">No kiosk yet.</td></tr>");
	wb_raw(b, "</tbody></table></div>\n");
}

int web_software_section(wbuf *b, web_ctx *x, const cstore_kiosk_content *k, int nk, int may)
{
	cstore_bundle *bd = calloc(WEB_BUNDLES_MAX, sizeof *bd);
	cstore_kiosk_software *ks = calloc(WEB_KIOSKS_MAX, sizeof *ks);
	int nb = 0, nks = 0;
	if (!bd || !ks || cstore_bundles(x->c->db, CSTORE_PACKAGE, bd, WEB_BUNDLES_MAX, &nb) < 0 ||
	    cstore_kiosk_softwares(x->c->db, ks, WEB_KIOSKS_MAX, &nks) < 0) {
		free(bd);
		free(ks);
		return -1;
	}
	wb_raw(b, "<h2 id=\"software\">Software</h2><p>The kiosks' own program, as Debian packages "
		  "signed by whoever builds them. The same steps as content: upload, a second "
		  "publisher approves, then roll out to one kiosk, a group, or all. A kiosk installs "
		  "a package only on its attract screen, and puts its previous package back by "
		  "itself if the new one does not start.</p>");
	if (may && x->c->rollout)
		upload_form(b, x);
	versions(b, x, bd, nb, k, nk, may && x->c->rollout);
	wb_raw(b, "<p class=\"muted\">To go back to an earlier package, whoever holds the "
		  "software key signs the previous <code>.deb</code> again as the next version "
		  "(<code>mesokiosk bundle-package … --version N+1</code>), then it is uploaded, "
		  "approved and rolled out like any other. The collector holds no software key, so "
		  "it cannot do this by itself.</p>");
	kiosks(b, ks, nks);
	free(bd);
	free(ks);
	return 0;
}
