/* SPDX-License-Identifier: MIT */
/*
 * One content version's page (/content/N): its facts, every problem the
 * check found as file:line, the contact sheet of every page as the kiosks
 * will draw it, the side-by-side diff of each page that changed since the
 * previous approved version, and for a publisher the next step: approve
 * (never the uploader's own version: four eyes; never one with
 * problems), roll out to one kiosk, a group or all, and where each kiosk
 * stands with this version.
 *
 * The forms are shown only when they would be accepted, and
 * web_content_post.c checks everything again on the POST.
 */
#include "web_content.h"
#include "core.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define DIFFS_MAX 400

static void fact(wbuf *b, const char *name, const char *value)
{
	wb_raw(b, "<dt>");
	wb_esc(b, name);
	wb_raw(b, "</dt><dd>");
	wb_esc(b, value);
	wb_raw(b, "</dd>");
}

static void facts(wbuf *b, const cstore_bundle *bd)
{
	char s[32];
	wb_raw(b, "<dl class=\"facts\">");
	fact(b, "State", web_bundle_state(bd));
	fact(b, "Uploaded by", bd->uploaded_by);
	web_time(s, bd->uploaded_at);
	fact(b, "Uploaded", s);
	if (bd->approved_by[0]) {
		fact(b, "Approved by", bd->approved_by);
		web_time(s, bd->approved_at);
		fact(b, "Approved", s);
	}
	wb_raw(b, "<dt>Rolled out to</dt><dd>");
	web_bundle_stage(b, bd);
	wb_raw(b, "</dd>");
	web_size(s, bd->size);
	fact(b, "Size", s);
	fact(b, "SHA-256", bd->sha256);
	if (bd->note[0])
		fact(b, "Note", bd->note);
	wb_raw(b, "</dl>\n");
}

/* The check's findings: problems (state "problems" or "failed"), or the
 * warnings of a version that passed (--check's, e.g. a kiosk.conf
 * setting the content uses that no kiosk.conf may set: shown, never a
 * reason to refuse). */
static void problems(wbuf *b, web_ctx *x, const cstore_bundle *bd)
{
	char *text = NULL;
	int bad = !strcmp(bd->state, "problems") || !strcmp(bd->state, "failed");
	if (!strcmp(bd->state, "checking"))
		return;
	if (cstore_bundle_problems(x->c->db, bd->version, &text) < 0 || !text) {
		if (bad)
			wb_raw(b, "<p class=\"warn\">The problems could not be read.</p>");
		return;
	}
	if (!bad && !text[0]) {
		free(text);
		return;
	}
	wb_raw(b, bad ? "<h2 id=\"problems\">Problems</h2>" : "<h2 id=\"warnings\">Warnings</h2>");
	wb_raw(b, !strcmp(bd->state, "failed")
			  ? "<p>The check itself could not run, so this version cannot be approved. "
			    "Upload it again; if it keeps failing, the collector's log says more.</p>"
		  : bad ? "<p>Fix these in the content and upload it again as a new version.</p>"
			: "<p>These do not stop the version; read them before approving.</p>");
	wb_raw(b, bad ? "<ol class=\"problems\">" : "<ol class=\"warnings\">");
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		if (len) {
			wb_raw(b, "<li><code>");
			wb_escn(b, line, len);
			wb_raw(b, "</code></li>");
		}
		line += len + (line[len] == '\n');
	}
	wb_raw(b, "</ol>\n");
	free(text);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The diff pictures' names in the preview folder, sorted; their count. */
static int diff_names(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = calloc(DIFFS_MAX, sizeof *names);
	int n = 0;
	*out = names;
	if (!d || !names) {
		if (d)
			closedir(d);
		return 0;
	}
	while ((e = readdir(d)) != NULL && n < DIFFS_MAX)
		if (!strncmp(e->d_name, "diff-", 5) && web_preview_name_ok(e->d_name))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, by_name);
	return n;
}

/* "diff-en-port-02.png" as "English, portrait, page 2"; other names as they are. */
static void diff_label(char *out, size_t n, const char *name)
{
	static const char *const langs[][2] = { { "en", "English" }, { "ar", "Arabic" },
						 { "fr", "French" } };
	char lang[8], orient[8];
	const char *word = NULL;
	int page = 0, used = 0;
	if (sscanf(name, "diff-%7[a-z]-%7[a-z]-%d.png%n", lang, orient, &page, &used) != 3 ||
	    (size_t)used != strlen(name)) {
		snprintf(out, n, "%s", name);
		return;
	}
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (!strcmp(lang, langs[i][0]))
			word = langs[i][1];
	snprintf(out, n, "%s, %s, page %d", word ? word : lang,
		 !strcmp(orient, "port") ? "portrait" : "landscape", page);
}

static void preview(wbuf *b, const cstore_bundle *bd)
{
	char dir[PATH_MAX], sheet[PATH_MAX + 16];
	char **diffs = NULL;
	int n;
	if (web_content_preview_dir(dir, sizeof dir, bd->version) < 0)
		return;
	snprintf(sheet, sizeof sheet, "%s/sheet.png", dir);
	if (!mk_is_file(sheet)) {
		if (strcmp(bd->state, "checking") == 0)
			wb_raw(b, "<p class=\"muted\">The preview appears here when it is drawn.</p>");
		return;
	}
	wb_raw(b, "<h2 id=\"preview\">Preview</h2><p>Every page in every language, landscape and "
		  "portrait, drawn by the kiosk's own renderer.</p>");
	wb_fmt(b, "<figure class=\"sheet\"><a href=\"/content/%lld/sheet.png\"><img "
		  "src=\"/content/%lld/sheet.png\" alt=\"Every page of version %lld\"></a></figure>\n",
	       (long long)bd->version, (long long)bd->version, (long long)bd->version);
	n = diff_names(dir, &diffs);
	/* vet writes changed.txt only when it had a version to compare with. */
	snprintf(sheet, sizeof sheet, "%s/changed.txt", dir);
	if (!mk_is_file(sheet)) {
		wb_raw(b, "<h2 id=\"changes\">Changed pages</h2><p class=\"muted\">No version was "
			  "approved before this one, so there is nothing to compare with.</p>");
	} else {
		wb_fmt(b, "<h2 id=\"changes\">Changed pages (%d)</h2>", n);
		wb_raw(b, n ? "<p>Each pair: what kiosks show now on the left, this version on the "
			      "right, changed pixels in magenta.</p>"
			    : "<p class=\"muted\">No page looks different from the previous approved "
			      "version.</p>");
	}
	for (int i = 0; i < n; i++) {
		char label[96];
		diff_label(label, sizeof label, diffs[i]);
		wb_fmt(b, "<figure class=\"diff\"><img src=\"/content/%lld/", (long long)bd->version);
		wb_esc(b, diffs[i]);
		wb_raw(b, "\" alt=\"Before and after: ");
		wb_esc(b, label);
		wb_raw(b, "\"><figcaption>");
		wb_esc(b, label);
		wb_raw(b, "</figcaption></figure>\n");
	}
	for (int i = 0; i < n; i++)
		free(diffs[i]);
	free(diffs);
}

static void approve_form(wbuf *b, web_ctx *x, const cstore_bundle *bd)
{
	if (strcmp(bd->state, "ready"))
		return;
	wb_raw(b, "<h2>Approve</h2>");
	if (!strcmp(bd->uploaded_by, x->user)) {
		wb_raw(b, "<p class=\"message\">You uploaded this version: another publisher must "
			  "approve it (four eyes).</p>");
		return;
	}
	wb_raw(b, "<form class=\"card\" method=\"post\" action=\"/content/approve\">");
	web_csrf_field(b, x);
	wb_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		  "<p>Approve after looking at every changed page above. Approving does not change "
		  "any kiosk yet.</p><p><button type=\"submit\">Approve version %lld</button></p>"
		  "</form>\n", (long long)bd->version, (long long)bd->version);
}

static void rollout_form_start(wbuf *b, web_ctx *x, const cstore_bundle *bd, const char *stage)
{
	wb_raw(b, "<form class=\"inline\" method=\"post\" action=\"/content/rollout\">");
	web_csrf_field(b, x);
	wb_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
	       (long long)bd->version);
	if (bd->kind == CSTORE_PACKAGE)
		wb_raw(b, "<input type=\"hidden\" name=\"kind\" value=\"package\">");
	wb_raw(b, "<input type=\"hidden\" name=\"stage\" value=\"");
	wb_esc(b, stage);
	wb_raw(b, "\">");
}

static int group_seen(const cstore_kiosk_content *k, int i)
{
	for (int j = 0; j < i; j++)
		if (!strcmp(k[j].group, k[i].group))
			return 1;
	return 0;
}

void web_rollout_forms(wbuf *b, web_ctx *x, const cstore_bundle *bd,
		       const cstore_kiosk_content *k, int nk)
{
	int groups = 0;
	const char *id = bd->kind == CSTORE_PACKAGE ? "package-" : "";
	if (strcmp(bd->state, "approved") || !strcmp(bd->stage, "all"))
		return;
	if (bd->kind == CSTORE_CONTENT)
		wb_raw(b, "<h2>Roll out</h2><p>First to one kiosk, then its group, then every kiosk. "
			  "Kiosks switch only on their attract screen, never while a patient uses "
			  "them.</p>");
	wb_raw(b, "<div class=\"card\">");
	if (!bd->stage[0]) {
		rollout_form_start(b, x, bd, "kiosk");
		wb_fmt(b, "<label for=\"%skiosk\">One kiosk</label><select id=\"%skiosk\" "
			  "name=\"target\">", id, id);
		web_kiosk_options(b, k, nk);
		wb_raw(b, "</select><button type=\"submit\">Roll out to this kiosk</button></form>");
	}
	for (int i = 0; i < nk; i++)
		groups += k[i].group[0] && !group_seen(k, i);
	if (strcmp(bd->stage, "group") && groups) {
		rollout_form_start(b, x, bd, "group");
		wb_fmt(b, "<label for=\"%sgroup\">A group</label><select id=\"%sgroup\" "
			  "name=\"target\">", id, id);
		for (int i = 0; i < nk; i++) {
			if (!k[i].group[0] || group_seen(k, i))
				continue;
			wb_raw(b, "<option>");
			wb_esc(b, k[i].group);
			wb_raw(b, "</option>");
		}
		wb_raw(b, "</select><button type=\"submit\">Roll out to this group</button></form>");
	} else if (strcmp(bd->stage, "group")) {
		wb_raw(b, "<p class=\"muted\">No kiosk is in a group yet (<code>mesokiosk-collector "
			  "kiosk-group</code>), so there is no group step.</p>");
	}
	rollout_form_start(b, x, bd, "all");
	wb_raw(b, "<button type=\"submit\">Roll out to every kiosk</button></form></div>\n");
}

void web_content_version(web_ctx *x, int64_t v)
{
	cstore_bundle bd;
	cstore_kiosk_content *k = calloc(WEB_KIOSKS_MAX, sizeof *k);
	int nk = 0, rc;
	char title[48];
	wbuf b = { 0 };
	rc = k ? cstore_bundle_get(x->c->db, CSTORE_CONTENT, v, &bd) : MK_ENOMEM;
	if (rc == 0)
		rc = cstore_kiosk_contents(x->c->db, k, WEB_KIOSKS_MAX, &nk);
	if (rc < 0) {
		free(k);
		if (rc != MK_ENOTFOUND)
			web_content_log("content-page-failed");
		web_message(x, rc == MK_ENOTFOUND ? 404 : 500, "Content",
			    rc == MK_ENOTFOUND ? "There is no such content version."
					       : "This content version could not be read.");
		return;
	}
	x->refresh = !strcmp(bd.state, "checking") ? 5 : 0;
	snprintf(title, sizeof title, "Content version %lld", (long long)v);
	web_page_begin(&b, x, title, "content");
	wb_raw(&b, "<p><a href=\"/content\">All versions</a></p>");
	facts(&b, &bd);
	if (x->refresh)
		wb_raw(&b, "<p class=\"message\" role=\"status\">Checking: this page refreshes itself "
			   "until the check and the preview are done.</p>");
	problems(&b, x, &bd);
	preview(&b, &bd);
	if (web_publisher(x)) {
		approve_form(&b, x, &bd);
		web_rollout_forms(&b, x, &bd, k, nk);
	} else if (!strcmp(bd.state, "ready") || !strcmp(bd.state, "approved")) {
		wb_raw(&b, "<p class=\"muted\">Only a publisher may approve or roll out content.</p>");
	}
	wb_raw(&b, "<h2>Kiosks with this version</h2>");
	web_kiosk_rollout_table(&b, k, nk, v);
	web_page_end(&b);
	free(k);
	web_send(x, &b, 200);
}
