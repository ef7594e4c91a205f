/* SPDX-License-Identifier: MIT */
/*
 * The Content page (/content): what content each kiosk shows and should
 * show, every uploaded version with where it stands (checking, problems,
 * waiting for a second publisher, approved, rolled out how far), and for
 * a publisher the upload forms and the rollback; then the software
 * packages (web_software.c). A version's own page is
 * web_content_version.c; the forms' answers web_content_post.c.
 *
 * The page refreshes itself (a meta refresh: the dashboard allows no
 * script) while an upload is being checked, so "checking" turns into the
 * result without anyone reloading.
 */
#include "web_content.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

int web_publisher(web_ctx *x)
{
	char role[16] = "";
	return x->user[0] && cstore_user_role(x->c->db, x->user, role) == 0 &&
	       !strcmp(role, "publisher");
}

void web_content_log(const char *event)
{
	char q[300];
	mk_log(MK_LOG_ERROR, event, "msg=%s", mk_log_quote(q, sizeof q, mk_err_msg()));
}

int web_version_parse(const char *s, int64_t *v)
{
	int64_t n = 0;
	size_t i;
	for (i = 0; s && s[i] >= '0' && s[i] <= '9' && i < 16; i++)
		n = n * 10 + (s[i] - '0');
	if (!s || i == 0 || s[i] || s[0] == '0' || n > ((int64_t)1 << 53))
		return MK_EINVAL;
	*v = n;
	return 0;
}

/* ---- Shared words (also used by the version page) */

const char *web_bundle_state(const cstore_bundle *b)
{
	if (!strcmp(b->state, "checking"))
		return "Checking and drawing the preview…";
	if (!strcmp(b->state, "problems"))
		return "Has problems: cannot be approved";
	if (!strcmp(b->state, "ready"))
		return "Checked: waits for a second publisher to approve";
	if (!strcmp(b->state, "approved"))
		return "Approved";
	if (!strcmp(b->state, "failed"))
		return "The check could not run";
	return b->state;
}

void web_bundle_stage(wbuf *b, const cstore_bundle *bd)
{
	if (!bd->stage[0]) {
		wb_raw(b, "Not rolled out");
	} else if (!strcmp(bd->stage, "all")) {
		wb_raw(b, "All kiosks");
	} else {
		wb_raw(b, !strcmp(bd->stage, "group") ? "Group " : "Kiosk ");
		wb_esc(b, bd->target);
	}
}

const char *web_kiosk_state(const cstore_kiosk_content *k)
{
	if (!k->at)
		return "has not reported its content yet";
	if (!strcmp(k->state, "showing"))
		return "showing";
	if (!strcmp(k->state, "pending"))
		return "told of a new version";
	if (!strcmp(k->state, "downloading"))
		return "downloading";
	if (!strcmp(k->state, "waiting"))
		return "downloaded: waits for the attract screen";
	if (!strcmp(k->state, "rejected"))
		return "rejected the version";
	return k->state[0] ? k->state : "unknown";
}

static void version_cell(wbuf *b, int64_t v)
{
	if (v > 0)
		wb_fmt(b, "<a href=\"/content/%lld\">%lld</a>", (long long)v, (long long)v);
	else
		wb_raw(b, "<span class=\"muted\">none</span>");
}

void web_kiosk_rollout_table(wbuf *b, const cstore_kiosk_content *k, int n, int64_t only)
{
	char s[32];
	int shown = 0;
	wb_raw(b, "<div class=\"scroll\"><table class=\"rollout\"><thead><tr><th>Kiosk</th>"
		  "<th>Group</th><th>Should show</th><th>Shows</th><th>State</th><th>Said</th>"
		  "</tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		int bad = !strcmp(k[i].state, "rejected");
		if (only && k[i].target != only && k[i].offered != only && k[i].shown != only)
			continue;
		shown++;
		wb_raw(b, bad ? "<tr class=\"rejected\"><td>" : "<tr><td>");
		wb_esc(b, k[i].label[0] ? k[i].label : k[i].kiosk);
		if (k[i].label[0]) {
			wb_raw(b, " <span class=\"muted\">");
			wb_esc(b, k[i].kiosk);
			wb_raw(b, "</span>");
		}
		wb_raw(b, "</td><td>");
		wb_esc(b, k[i].group[0] ? k[i].group : "—");
		wb_raw(b, "</td><td>");
		version_cell(b, k[i].target);
		wb_raw(b, "</td><td>");
		if (k[i].at && k[i].shown == 0)
			wb_raw(b, "its own content");
		else
			version_cell(b, k[i].shown);
		wb_raw(b, bad ? "</td><td class=\"warn\">" : "</td><td>");
		wb_esc(b, web_kiosk_state(&k[i]));
		if (k[i].offered > 0 && strcmp(k[i].state, "showing"))
			wb_fmt(b, " (version %lld)", (long long)k[i].offered);
		if (k[i].problem[0]) {
			wb_raw(b, "<br><span class=\"problem-text\">");
			wb_esc(b, k[i].problem);
			wb_raw(b, "</span>");
		}
		web_time(s, k[i].at);
		wb_raw(b, "</td><td>");
		wb_esc(b, s);
		wb_raw(b, "</td></tr>\n");
	}
	if (!shown)
		wb_raw(b, only ? "<tr><td colspan=\"6\" class=\"muted\">No kiosk shows this version "
				 "or has been offered it.</td></tr>"
			       : "<tr><td colspan=\"6\" class=\"muted\">No kiosk yet: add one with "
				 "<code>mesokiosk-collector add-kiosk</code>.</td></tr>");
	wb_raw(b, "</tbody></table></div>\n");
}

/* ---- The page */

static void who_may(wbuf *b, int may)
{
	if (may)
		wb_raw(b, "<p>New content reaches the kiosks in four steps: upload it here; the "
			  "collector checks it and draws every page as the kiosks will; a second "
			  "publisher approves it; then roll it out to one kiosk, a group, or all.</p>");
	else
		wb_raw(b, "<p class=\"message\">You can follow content here. Only an account with "
			  "the <strong>publisher</strong> role may upload, approve, roll out or roll "
			  "back content: ask the collector's administrator.</p>");
}

static void upload_forms(wbuf *b, web_ctx *x)
{
	wb_raw(b, "<h2>Upload</h2><div class=\"uploads\">"
		  "<form class=\"card upload\" method=\"post\" action=\"/content/upload\" "
		  "enctype=\"multipart/form-data\">");
	web_csrf_field(b, x);
	wb_raw(b, "<h3>A signed bundle</h3><p class=\"muted\">A <code>.mkb</code> file made with "
		  "<code>mesokiosk bundle</code>.</p>"
		  "<label for=\"bundle\">Bundle file</label>"
		  "<input id=\"bundle\" name=\"bundle\" type=\"file\" accept=\".mkb\" required>"
		  "<label for=\"note1\">What changed</label>"
		  "<input id=\"note1\" name=\"note\" maxlength=\"190\">"
		  "<p><button type=\"submit\">Upload and check</button></p></form>"
		  "<form class=\"card upload\" method=\"post\" action=\"/content/upload\" "
		  "enctype=\"multipart/form-data\">");
	web_csrf_field(b, x);
	wb_raw(b, "<h3>A content folder</h3><p class=\"muted\">The folder's files; the collector "
		  "packs and signs them with its content key.</p>"
		  "<label for=\"folder\">Content folder</label>"
		  "<input id=\"folder\" name=\"files\" type=\"file\" webkitdirectory multiple "
		  "required>"
		  "<label for=\"note2\">What changed</label>"
		  "<input id=\"note2\" name=\"note\" maxlength=\"190\">"
		  "<p><button type=\"submit\">Upload and check</button></p></form></div>\n");
}

static void versions_table(wbuf *b, const cstore_bundle *bd, int n)
{
	char s[32];
	wb_raw(b, "<h2>Versions</h2>");
	if (n == 0) {
		wb_raw(b, "<p class=\"muted\">No content uploaded yet.</p>");
		return;
	}
	wb_raw(b, "<div class=\"scroll\"><table class=\"versions\"><thead><tr><th>Version</th>"
		  "<th>State</th><th>Uploaded</th><th>Rolled out to</th><th>Note</th></tr></thead>"
		  "<tbody>\n");
	for (int i = 0; i < n; i++) {
		int bad = !strcmp(bd[i].state, "problems") || !strcmp(bd[i].state, "failed");
		wb_fmt(b, "<tr><td><a href=\"/content/%lld\">Version %lld</a></td>",
		       (long long)bd[i].version, (long long)bd[i].version);
		wb_raw(b, bad ? "<td class=\"warn\">" : "<td>");
		wb_esc(b, web_bundle_state(&bd[i]));
		if (!strcmp(bd[i].state, "problems"))
			wb_fmt(b, " (%d)", bd[i].n_problems);
		if (bd[i].approved_by[0]) {
			wb_raw(b, " by ");
			wb_esc(b, bd[i].approved_by);
		}
		web_time(s, bd[i].uploaded_at);
		wb_raw(b, "</td><td>");
		wb_esc(b, bd[i].uploaded_by);
		wb_raw(b, ", <time>");
		wb_esc(b, s);
		wb_raw(b, "</time></td><td>");
		web_bundle_stage(b, &bd[i]);
		wb_raw(b, "</td><td>");
		wb_esc(b, bd[i].note);
		wb_raw(b, "</td></tr>\n");
	}
	wb_raw(b, "</tbody></table></div>\n");
}

/* The rollback form: to the approved version before the newest rolled-out one. */
static void rollback_form(wbuf *b, web_ctx *x, const cstore_bundle *bd, int n)
{
	int64_t live = 0, before = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(bd[i].state, "approved"))
			continue;
		if (!live && bd[i].stage[0])
			live = bd[i].version;
		else if (live && !before)
			before = bd[i].version;
	}
	if (!live || !before)
		return;
	wb_raw(b, "<h2>Roll back</h2><form class=\"card\" method=\"post\" "
		  "action=\"/content/rollback\">");
	web_csrf_field(b, x);
	wb_fmt(b, "<p>Put version %lld's content back on every kiosk that has version %lld. It "
		  "goes out at once as a new, higher version signed by the collector, so kiosks "
		  "accept it.</p>", (long long)before, (long long)live);
	wb_fmt(b, "<p><button type=\"submit\">Roll back to version %lld</button></p></form>\n",
	       (long long)before);
}

void web_content(web_ctx *x)
{
	cstore_bundle *bd = calloc(WEB_BUNDLES_MAX, sizeof *bd);
	cstore_kiosk_content *k = calloc(WEB_KIOSKS_MAX, sizeof *k);
	int nb = 0, nk = 0, may = web_publisher(x), checking = 0;
	wbuf b = { 0 };
	if (!bd || !k || cstore_bundles(x->c->db, CSTORE_CONTENT, bd, WEB_BUNDLES_MAX, &nb) < 0 ||
	    cstore_kiosk_contents(x->c->db, k, WEB_KIOSKS_MAX, &nk) < 0) {
		free(bd);
		free(k);
		web_content_log("content-page-failed");
		web_message(x, 500, "Content", "The content versions could not be read.");
		return;
	}
	for (int i = 0; i < nb; i++)
		checking |= !strcmp(bd[i].state, "checking");
	x->refresh = checking || web_shots_waiting(x) ? 5 : 0;
	web_page_begin(&b, x, "Content", "content");
	who_may(&b, may);
	if (checking)
		wb_raw(&b, "<p class=\"message\" role=\"status\">An upload is being checked; this "
			   "page refreshes itself every few seconds (or <a href=\"/content\">refresh "
			   "now</a>).</p>");
	if (may && web_content_conf())
		upload_forms(&b, x);
	else if (may)
		wb_raw(&b, "<p class=\"warn\">This collector cannot check content (see "
			   "kiosk_binary and previews in its configuration and its log at start), "
			   "so it takes no content uploads (software packages, below, need no such "
			   "check).</p>");
	versions_table(&b, bd, nb);
	if (may)
		rollback_form(&b, x, bd, nb);
	wb_raw(&b, "<h2>Kiosks</h2>");
	web_kiosk_rollout_table(&b, k, nk, 0);
	if (web_software_section(&b, x, k, nk, may) < 0)
		web_content_log("software-part-failed");
	web_shots_section(&b, x, k, nk, may);
	web_page_end(&b);
	free(bd);
	free(k);
	web_send(x, &b, 200);
}
