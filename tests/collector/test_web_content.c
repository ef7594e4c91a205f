/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's Content page over real HTTP (chttp + web_handle + a
 * real cstore, SQLite or the test PostgreSQL server), with libcurl as the
 * browser. What a publisher, a second publisher, a staff member and an
 * attacker would notice:
 *
 *   - every signed-in user sees the page; only publishers get its forms,
 *     and a staff member's forged POSTs change nothing (403);
 *   - a POST without the session's CSRF token changes nothing (403),
 *     multipart uploads included;
 *   - an upload says "checking" and then, by itself, its problems as
 *     file:line, or its contact sheet and changed pages;
 *   - the uploader cannot approve their own version (four eyes), a second
 *     publisher can, a version with problems never;
 *   - rollout widens stage by stage and never narrows; each kiosk's state
 *     and rejection shows;
 *   - preview pictures come only from the preview folder, by names vet
 *     could have written: "..", encoded slashes, hidden files and links
 *     out of the folder are 404, and nothing is served signed out;
 *   - a folder upload with a path that climbs out is refused, and nothing
 *     is written outside the scratch folder;
 *   - a screenshot request shows "waiting", then the picture or the
 *     kiosk's refusal;
 *   - software packages on the same page: staff see the kiosks' versions
 *     and states without forms and cannot post; a package not signed with
 *     software_keys is refused; the uploader cannot approve (four eyes), a
 *     second publisher can; rollout only widens; a kiosk's roll-back and
 *     its reason show; every step is in the audit as package-*.
 *
 * vet (the kiosk binary in a sandboxed child) is replaced here by
 * test_web_content_fake_vet.h's, which "finds" a problem in any bundle holding the word
 * PROBLEM and draws two small PNGs, so this test checks the dashboard, not
 * the renderer (tests/collector/vet* check that).
 */
#include "../check.h"
#include "bundle.h"
#include "crypto.h"
#include "test_cstore_db.h"
#include "test_web_http.h"
#include "web_content.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_web_content_fake_vet.h"

static int64_t fake_now;
static int64_t now_fn(void)
{
	return fake_now;
}

static char k1[CSTORE_ID], k2[CSTORE_ID], tmp[64], previews[128], origin[80];
static uint8_t seed[32], sw_seed[32];

typedef struct {
	char cookie[80], csrf[65];
} who;

static void handler(void *ctx, const creq *r, cresp *w)
{
	web_handle(ctx, r, w);
}

static void sign_in(who *u, const char *name, const char *pw)
{
	resp r = { 0 };
	char sid[65];
	CHECK(signin(name, pw, NULL, sid, &r) == 303);
	snprintf(u->cookie, sizeof u->cookie, "mk_sid=%s", sid);
	http(&r, "GET", "/content", u->cookie, NULL, NULL, NULL);
	CHECK(form_value(&r, "csrf", u->csrf));
	resp_free(&r);
}

/* A multipart POST: fields name=value pairs (NULL-ended), then files
 * (input name, file name, bytes path) pairs of three (NULL-ended). */
static long post_mime(resp *r, const char *path, const char *cookie, const char *const *fields,
		      const char *const *files)
{
	CURL *c = curl_easy_init();
	curl_mime *m = curl_mime_init(c);
	char url[256];
	resp_free(r);
	r->body = calloc(1, 1);
	for (int i = 0; fields && fields[i]; i += 2) {
		curl_mimepart *p = curl_mime_addpart(m);
		curl_mime_name(p, fields[i]);
		curl_mime_data(p, fields[i + 1], CURL_ZERO_TERMINATED);
	}
	for (int i = 0; files && files[i]; i += 3) {
		curl_mimepart *p = curl_mime_addpart(m);
		curl_mime_name(p, files[i]);
		curl_mime_filedata(p, files[i + 2]);
		curl_mime_filename(p, files[i + 1]);
	}
	snprintf(url, sizeof url, "%s%s", base_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
	curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, resp_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, resp_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	else
		r->status = -1;
	curl_mime_free(m);
	curl_easy_cleanup(c);
	return r->status;
}

/* A GET of the path exactly as written (no ../ folding by curl). */
static long get_as_is(resp *r, const char *path, const char *cookie)
{
	CURL *c = curl_easy_init();
	char url[256];
	resp_free(r);
	r->body = calloc(1, 1);
	snprintf(url, sizeof url, "%s%s", base_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	if (cookie)
		curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, resp_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, resp_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	else
		r->status = -1;
	curl_easy_cleanup(c);
	return r->status;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A signed bundle of version v with one page whose text is body, at out. */
static void make_bundle(const char *out, long long v, const char *body)
{
	char dir[128], page[160];
	snprintf(dir, sizeof dir, "%s/src-%lld", tmp, v);
	snprintf(page, sizeof page, "%s/pages", dir);
	CHECK(mk_mkdir_p(page, 0700) == 0);
	snprintf(page, sizeof page, "%s/pages/10-home.lua", dir);
	write_text(page, body);
	CHECK_MSG(bundle_pack(dir, out, v, seed) == 0, "%s", mk_err_msg());
}

static void wait_checked(cstore *cs, int64_t v, const char *state)
{
	cstore_bundle b = { 0 };
	for (int i = 0;
	     i < 500 && !(web_content_idle() && cstore_bundle_get(cs, CSTORE_CONTENT, v, &b) == 0 &&
			  strcmp(b.state, "checking"));
	     i++)
		usleep(20000);
	CHECK_MSG(!strcmp(b.state, state), "version %lld is '%s', expected '%s'", (long long)v,
		  b.state, state);
}

static long post_form(resp *r, const who *u, const char *path, const char *fields)
{
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&%s", u->csrf, fields);
	return http(r, "POST", path, u->cookie, body, NULL, origin);
}

/* ---- The checks */

static void test_staff_sees_no_forms(cstore *cs, const who *dave, const char *bundle)
{
	resp r = { 0 };
	int n = 0;
	cstore_bundle b[4];
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "href=\"/content\" aria-current=\"page\""));
	CHECK(strstr(r.body, "Only an account with the <strong>publisher</strong> role") != NULL);
	CHECK(!strstr(r.body, "action=\"/content/upload\""));
	CHECK(!strstr(r.body, "action=\"/content/shot\""));
	/* A forged upload with a valid CSRF token still is not a publisher's. */
	const char *fields[] = { "csrf", dave->csrf, "note", "sneaky", NULL };
	const char *files[] = { "bundle", "guide.mkb", bundle, NULL };
	CHECK(post_mime(&r, "/content/upload", dave->cookie, fields, files) == 403);
	CHECK(cstore_bundles(cs, CSTORE_CONTENT, b, 4, &n) == 0 && n == 0);
	CHECK(post_form(&r, dave, "/content/shot", "kiosk=x") == 403);
	resp_free(&r);
}

/* A content upload's megabytes are a publisher's only; anything that is
 * not a bundle gets a clear refusal and stores nothing. */
static void test_upload_limits(cstore *cs, const who *alice, const who *dave)
{
	resp r = { 0 };
	char junk[96];
	int n = 0;
	cstore_bundle b[4];
	FILE *f;
	snprintf(junk, sizeof junk, "%s/junk.mkb", tmp);
	f = fopen(junk, "w");
	for (int i = 0; f && i < 100 * 1024; i++)
		fputc('x', f);
	if (f)
		fclose(f);
	const char *df[] = { "csrf", dave->csrf, NULL };
	const char *af[] = { "csrf", alice->csrf, NULL };
	const char *files[] = { "bundle", "junk.mkb", junk, NULL };
	CHECK(post_mime(&r, "/content/upload", dave->cookie, df, files) == 413);
	CHECK(post_mime(&r, "/content/upload", alice->cookie, af, files) == 409);
	CHECK(strstr(r.body, "class=\"message\"") != NULL);
	CHECK(cstore_bundles(cs, CSTORE_CONTENT, b, 4, &n) == 0 && n == 0);
	resp_free(&r);
}

static void test_csrf(cstore *cs, const who *alice, const char *bundle)
{
	resp r = { 0 };
	int n = 0;
	cstore_bundle b[4];
	const char *none[] = { "note", "no token", NULL };
	const char *wrong[] = { "csrf", ZEROS64, "note", "wrong token", NULL };
	const char *files[] = { "bundle", "guide.mkb", bundle, NULL };
	CHECK(post_mime(&r, "/content/upload", alice->cookie, none, files) == 403);
	CHECK(post_mime(&r, "/content/upload", alice->cookie, wrong, files) == 403);
	CHECK(http(&r, "POST", "/content/approve", alice->cookie, "version=1", NULL, NULL) == 403);
	CHECK(cstore_bundles(cs, CSTORE_CONTENT, b, 4, &n) == 0 && n == 0);
	resp_free(&r);
}

static void test_upload_check_approve(cstore *cs, const who *alice, const who *carol,
				      const char *bundle)
{
	resp r = { 0 };
	cstore_bundle b;
	const char *fields[] = { "csrf", alice->csrf, "note", "New <b>aftercare</b> page", NULL };
	const char *files[] = { "bundle", "guide.mkb", bundle, NULL };
	fake_vet_hold(1);
	CHECK(post_mime(&r, "/content/upload", alice->cookie, fields, files) == 303);
	CHECK(has_header(&r, "Location: /content/1"));
	http(&r, "GET", "/content/1", alice->cookie, NULL, NULL, NULL);
	CHECK(r.status == 200 && strstr(r.body, "Checking and drawing the preview"));
	CHECK(strstr(r.body, "<meta http-equiv=\"refresh\" content=\"5; url=/content/1\">") != NULL);
	fake_vet_hold(0);
	wait_checked(cs, 1, "ready");
	http(&r, "GET", "/content/1", alice->cookie, NULL, NULL, NULL);
	CHECK(!strstr(r.body, "http-equiv=\"refresh\""));
	CHECK(strstr(r.body, "src=\"/content/1/sheet.png\"") != NULL);
	CHECK(strstr(r.body, "No version was approved before this one") != NULL);
	CHECK(strstr(r.body, "New &lt;b&gt;aftercare&lt;/b&gt; page") != NULL);
	/* The check's warnings show, and do not stop the version. */
	CHECK(strstr(r.body, "<ol class=\"warnings\"><li><code>strings.lua:3: warning: "
			     "{clinic_phone} is used") != NULL);
	/* Four eyes: no approve button for the uploader, and a forged POST fails. */
	CHECK(strstr(r.body, "You uploaded this version") && !strstr(r.body, "/content/approve"));
	CHECK(post_form(&r, alice, "/content/approve", "version=1") == 403);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "ready"));
	http(&r, "GET", "/content/1", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "action=\"/content/approve\"") != NULL);
	CHECK(post_form(&r, carol, "/content/approve", "version=1") == 303);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.state, "approved") &&
	      !strcmp(b.approved_by, "carol"));
	/* Now its rollout forms: a kiosk, the one group, every kiosk. */
	http(&r, "GET", "/content/1", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "<option>front</option>") && strstr(r.body, "Roll out to every kiosk"));
	resp_free(&r);
}

static void test_problems(cstore *cs, const who *alice, const who *carol, const char *bad)
{
	resp r = { 0 };
	cstore_bundle b;
	const char *fields[] = { "csrf", alice->csrf, NULL };
	const char *files[] = { "bundle", "bad.mkb", bad, NULL };
	CHECK(post_mime(&r, "/content/upload", alice->cookie, fields, files) == 303);
	CHECK(has_header(&r, "Location: /content/2"));
	wait_checked(cs, 2, "problems");
	http(&r, "GET", "/content/2", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "<li><code>pages/10-home.lua:3: unknown block type "
			     "&#39;&lt;marquee&gt;&#39;</code></li>") != NULL);
	CHECK(!strstr(r.body, "/content/approve"));
	CHECK(post_form(&r, carol, "/content/approve", "version=2") == 409);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 2, &b) == 0 && !strcmp(b.state, "problems"));
	http(&r, "GET", "/content", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Has problems: cannot be approved (1)") != NULL);
	resp_free(&r);
}

static void test_rollout(cstore *cs, const who *carol, const who *dave)
{
	resp r = { 0 };
	cstore_bundle b;
	char f[96];
	CHECK(post_form(&r, dave, "/content/rollout", "version=1&stage=all") == 403);
	snprintf(f, sizeof f, "version=1&stage=kiosk&target=%s", k1);
	CHECK(post_form(&r, carol, "/content/rollout", f) == 303);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.stage, "kiosk"));
	CHECK(post_form(&r, carol, "/content/rollout", "version=1&stage=group&target=front") == 303);
	CHECK(post_form(&r, carol, "/content/rollout", "version=1&stage=all") == 303);
	/* Stages never narrow again. */
	CHECK(post_form(&r, carol, "/content/rollout", f) == 409);
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 1, &b) == 0 && !strcmp(b.stage, "all"));
	CHECK(post_form(&r, carol, "/content/rollout", "version=1&stage=everywhere") == 400);
	/* What the kiosks said, as the heartbeat stores it. */
	CHECK(cstore_kiosk_content_put(cs, k1, 1, "showing", 1, "", fake_now) == 0);
	CHECK(cstore_kiosk_content_put(cs, k2, 0, "rejected", 1,
				       "pages/10-home.lua:1: <script> is not a block", fake_now) == 0);
	http(&r, "GET", "/content/1", dave->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "rejected the version") &&
	      strstr(r.body, "pages/10-home.lua:1: &lt;script&gt; is not a block"));
	CHECK(!strstr(r.body, "action=\"/content/rollout\""));
	resp_free(&r);
}

static void test_pictures(const who *dave)
{
	resp r = { 0 };
	char outside[160], link[200];
	/* What vet drew is served, with the dashboard's headers. */
	CHECK(get_as_is(&r, "/content/1/sheet.png", dave->cookie) == 200);
	CHECK(has_header(&r, "Content-Type: image/png") && has_header(&r, "X-Content-Type-Options"));
	CHECK(r.n > 8 && !memcmp(r.body, "\x89PNG", 4));
	/* Signed out: refused, not a sign-in page in an <img>. */
	CHECK(get_as_is(&r, "/content/1/sheet.png", NULL) == 403);
	/* Names that try to leave the folder. */
	snprintf(outside, sizeof outside, "%s/secret.png", tmp);
	write_text(outside, "\x89PNG\r\n\x1a\n secret");
	snprintf(link, sizeof link, "%s/1/link.png", previews);
	CHECK(symlink(outside, link) == 0);
	static const char *bad[] = {
		"/content/1/../../secret.png", "/content/1/..%2F..%2Fsecret.png",
		"/content/1/%2e%2e/secret.png", "/content/1/.hidden.png", "/content/1/link.png",
		"/content/1/-x.png", "/content/1/SHEET.png", "/content/01/sheet.png",
		"/content/0/sheet.png", "/content/1/sheet.png/x", "/content/1/sheet.txt",
		"/content/99999999999999999999/sheet.png", "/content/shots/../../secret.png",
		"/content/shots/0123456789abcdef0123456789abcdef.png",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long st = get_as_is(&r, bad[i], dave->cookie);
		CHECK_MSG(st == 404 && !strstr(r.body, "secret"), "%s: %ld", bad[i], st);
	}
	resp_free(&r);
}

static void test_folder_upload(cstore *cs, const who *alice)
{
	resp r = { 0 };
	char page[160], strings[160], escaped[200];
	int n = 0;
	cstore_bundle b[8];
	snprintf(page, sizeof page, "%s/src-1/pages/10-home.lua", tmp);
	snprintf(strings, sizeof strings, "%s/strings.lua", tmp);
	write_text(strings, "return {}\n");
	const char *fields[] = { "csrf", alice->csrf, "note", "from a folder", NULL };
	const char *climb[] = { "files", "guide/pages/10-home.lua", page, "files",
				"guide/../../escaped.lua", strings, NULL };
	CHECK(post_mime(&r, "/content/upload", alice->cookie, fields, climb) == 400);
	CHECK(strstr(r.body, "a name the collector will not use") != NULL);
	snprintf(escaped, sizeof escaped, "%s/escaped.lua", previews);
	CHECK(access(escaped, F_OK) != 0);
	CHECK(cstore_bundles(cs, CSTORE_CONTENT, b, 8, &n) == 0 && n == 2);
	/* An old preview no page needs (version 2 has problems, and only the
	 * newest upload's and approved versions' are kept here) goes after
	 * the next check. */
	snprintf(escaped, sizeof escaped, "%s/2", previews);
	CHECK(mkdir(escaped, 0700) == 0);
	snprintf(escaped, sizeof escaped, "%s/2/sheet.png", previews);
	write_text(escaped, "old");
	const char *good[] = { "files", "guide/pages/10-home.lua", page, "files",
			       "guide/strings.lua", strings, NULL };
	CHECK(post_mime(&r, "/content/upload", alice->cookie, fields, good) == 303);
	CHECK(has_header(&r, "Location: /content/3"));
	wait_checked(cs, 3, "ready");
	snprintf(escaped, sizeof escaped, "%s/2", previews);
	CHECK(access(escaped, F_OK) != 0);
	snprintf(escaped, sizeof escaped, "%s/1/sheet.png", previews);
	CHECK(access(escaped, F_OK) == 0);
	snprintf(escaped, sizeof escaped, "%s/3/sheet.png", previews);
	CHECK(access(escaped, F_OK) == 0);
	resp_free(&r);
}

static void test_rollback(cstore *cs, const who *alice, const who *carol, const who *dave)
{
	resp r = { 0 };
	cstore_bundle b;
	char f[64];
	/* The folder's version against version 1: its page changed. */
	http(&r, "GET", "/content/3", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Changed pages (1)") &&
	      strstr(r.body, "src=\"/content/3/diff-en-land-01.png\"") &&
	      strstr(r.body, "<figcaption>English, landscape, page 1</figcaption>"));
	CHECK(post_form(&r, carol, "/content/approve", "version=3") == 303);
	CHECK(post_form(&r, alice, "/content/rollout", "version=3&stage=all") == 303);
	http(&r, "GET", "/content", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Roll back to version 1") != NULL);
	snprintf(f, sizeof f, "version=3");
	CHECK(post_form(&r, dave, "/content/rollback", f) == 403);
	CHECK(post_form(&r, carol, "/content/rollback", f) == 303);
	CHECK(has_header(&r, "Location: /content/4"));
	CHECK(cstore_bundle_get(cs, CSTORE_CONTENT, 4, &b) == 0 && !strcmp(b.stage, "all"));
	resp_free(&r);
}

static void test_screenshots(cstore *cs, const who *alice, const who *dave)
{
	resp r = { 0 };
	char f[64], id[33], path[64];
	static const uint8_t png[] = "\x89PNG\r\n\x1a\nfake picture";
	snprintf(f, sizeof f, "kiosk=%s", k1);
	CHECK(post_form(&r, alice, "/content/shot", f) == 303);
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Waiting for the kiosk") && strstr(r.body, "http-equiv=\"refresh\""));
	CHECK(cstore_shot_pending(cs, k1, id) == 1);
	CHECK(cstore_shot_put(cs, k1, id, png, sizeof png - 1, NULL, fake_now) == 0);
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	snprintf(path, sizeof path, "/content/shots/%s.png", id);
	CHECK(strstr(r.body, path) != NULL);
	CHECK(http(&r, "GET", path, dave->cookie, NULL, NULL, NULL) == 200 &&
	      r.n == sizeof png - 1);
	CHECK(post_form(&r, alice, "/content/shot", f) == 303);
	CHECK(cstore_shot_pending(cs, k1, id) == 1);
	CHECK(cstore_shot_put(cs, k1, id, NULL, 0, "a patient is signed in", fake_now) == 0);
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "The kiosk refused: a patient is signed in") != NULL);
	resp_free(&r);
}

static int audit_has(cstore *cs, const char *actor, const char *action)
{
	cstore_audit_row a[200];
	int n = 0, found = 0;
	CHECK(cstore_audit_list(cs, a, 200, &n) == 0);
	for (int i = 0; i < n; i++)
		found += !strcmp(a[i].actor, actor) && !strcmp(a[i].action, action);
	return found;
}

/* Who did what is in the audit log; what was refused did not happen. */
static void test_audit(cstore *cs)
{
	CHECK(audit_has(cs, "alice", "content-upload") == 3);
	CHECK(audit_has(cs, "carol", "content-approve") == 2);
	CHECK(audit_has(cs, "alice", "content-approve") == 0);
	CHECK(audit_has(cs, "carol", "content-rollout") >= 3);
	CHECK(audit_has(cs, "carol", "content-rollback") == 1);
	CHECK(audit_has(cs, "alice", "request-screenshot") == 2);
	CHECK(audit_has(cs, "dave", "view-screenshot") == 1);
	CHECK(audit_has(cs, "dave", "request-screenshot") == 0);
}

/* A package bundle of a stand-in .deb, signed with key_seed, at out. */
static void make_package(const char *out, long long v, const uint8_t key_seed[32])
{
	char dir[128], deb[192];
	snprintf(dir, sizeof dir, "%s/deb-%lld", tmp, v);
	snprintf(deb, sizeof deb, "%s/mesokiosk_0.3.%lld+9.gabc1234_amd64.deb", dir, v);
	CHECK(mk_mkdir_p(dir, 0700) == 0);
	write_text(deb, "!<arch>\n");
	CHECK_MSG(bundle_pack_package(deb, out, v, key_seed) == 0, "%s", mk_err_msg());
}

static void test_software(cstore *cs, const who *alice, const who *carol, const who *dave)
{
	resp r = { 0 };
	cstore_bundle b[4];
	char pkg[96], wrong[96];
	int n = 0;
	snprintf(pkg, sizeof pkg, "%s/package-1.mkb", tmp);
	snprintf(wrong, sizeof wrong, "%s/package-wrong.mkb", tmp);
	make_package(pkg, 1, sw_seed);
	make_package(wrong, 1, seed);
	const char *df[] = { "csrf", dave->csrf, NULL };
	const char *af[] = { "csrf", alice->csrf, "note", "fixes the printer", NULL };
	const char *none[] = { "note", "no token", NULL };
	const char *files[] = { "package", "package-1.mkb", pkg, NULL };
	const char *wrong_files[] = { "package", "package-wrong.mkb", wrong, NULL };
	/* Staff: the part without forms, and nothing they post is taken. */
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "<h2 id=\"software\">Software</h2>") &&
	      !strstr(r.body, "name=\"package\""));
	CHECK(post_mime(&r, "/content/upload", dave->cookie, df, files) == 403);
	CHECK(post_mime(&r, "/content/upload", alice->cookie, none, files) == 403);
	/* Signed with the content key: refused, with the reason. */
	CHECK(post_mime(&r, "/content/upload", alice->cookie, af, wrong_files) == 403);
	CHECK_MSG(strstr(r.body, "software_keys") != NULL, "%s", r.body);
	CHECK(cstore_bundles(cs, CSTORE_PACKAGE, b, 4, &n) == 0 && n == 0);
	CHECK(post_mime(&r, "/content/upload", alice->cookie, af, files) == 303);
	CHECK(has_header(&r, "Location: /content#software"));
	CHECK(cstore_bundles(cs, CSTORE_PACKAGE, b, 4, &n) == 0 && n == 1 &&
	      !strcmp(b[0].state, "ready") && !strcmp(b[0].deb, "0.3.1+9.gabc1234"));
	/* Four eyes: no approve button for the uploader, and a forged POST fails. */
	http(&r, "GET", "/content", alice->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "<code>0.3.1+9.gabc1234</code>") && strstr(r.body, "fixes the printer"));
	CHECK(strstr(r.body, "You uploaded it: another publisher must approve it") &&
	      !strstr(r.body, "Approve package 1"));
	CHECK(post_form(&r, alice, "/content/approve", "kind=package&version=1") == 403);
	CHECK(post_form(&r, dave, "/content/approve", "kind=package&version=1") == 403);
	CHECK(cstore_bundle_get(cs, CSTORE_PACKAGE, 1, b) == 0 && !strcmp(b[0].state, "ready"));
	http(&r, "GET", "/content", carol->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "Approve package 1") != NULL);
	CHECK(post_form(&r, carol, "/content/approve", "kind=package&version=1") == 303);
	CHECK(has_header(&r, "Location: /content#software"));
	CHECK(cstore_bundle_get(cs, CSTORE_PACKAGE, 1, b) == 0 && !strcmp(b[0].state, "approved") &&
	      !strcmp(b[0].approved_by, "carol"));
	/* Roll out: one kiosk, then never another single kiosk. */
	char f[160];
	snprintf(f, sizeof f, "kind=package&version=1&stage=kiosk&target=%s", k1);
	CHECK(post_form(&r, dave, "/content/rollout", f) == 403);
	CHECK(post_form(&r, carol, "/content/rollout", f) == 303);
	snprintf(f, sizeof f, "kind=package&version=1&stage=kiosk&target=%s", k2);
	CHECK(post_form(&r, carol, "/content/rollout", f) == 409);
	CHECK(cstore_bundle_get(cs, CSTORE_PACKAGE, 1, b) == 0 && !strcmp(b[0].stage, "kiosk") &&
	      !strcmp(b[0].target, k1));
	/* A kiosk says the package did not start: everyone sees it, and why. */
	cstore_kiosk_software s = { .taken = 1, .offered = 1 };
	snprintf(s.running, sizeof s.running, "0.2.0+5.gdef");
	snprintf(s.state, sizeof s.state, "rolled-back");
	snprintf(s.problem, sizeof s.problem, "no sign of life in 120 s");
	CHECK(cstore_kiosk_software_put(cs, k1, &s, fake_now) == 0);
	http(&r, "GET", "/content", dave->cookie, NULL, NULL, NULL);
	CHECK(strstr(r.body, "did not start: the previous package is back (package 1)") &&
	      strstr(r.body, "no sign of life in 120 s") && strstr(r.body, "0.2.0+5.gdef"));
	CHECK(strstr(r.body, "--version N+1") != NULL);
	CHECK(audit_has(cs, "alice", "package-upload") == 1);
	CHECK(audit_has(cs, "carol", "package-approve") == 1);
	CHECK(audit_has(cs, "carol", "package-rollout") == 1);
	resp_free(&r);
}

static void setup_users(cstore *cs)
{
	char token[CSTORE_TOKEN];
	CHECK(cstore_kiosk_add(cs, "Waiting room", k1, token) == 0);
	CHECK(cstore_kiosk_add(cs, "Front desk", k2, token) == 0);
	CHECK(cstore_kiosk_set_group(cs, k2, "front") == 0);
	CHECK(cstore_user_add(cs, "alice", "alice-password") == 0);
	CHECK(cstore_user_add(cs, "carol", "carol-password") == 0);
	CHECK(cstore_user_add(cs, "dave", "dave-password") == 0);
	CHECK(cstore_user_set_role(cs, "alice", "publisher") == 0);
	CHECK(cstore_user_set_role(cs, "carol", "publisher") == 0);
}

static void start_content(collector *c)
{
	web_content_opts o = { 0 };
	char prefix[96], key[112], pub[112];
	snprintf(prefix, sizeof prefix, "%s/content", tmp);
	CHECK(mkc_sign_keys_write(prefix) == 0);
	snprintf(key, sizeof key, "%s.key", prefix);
	snprintf(pub, sizeof pub, "%s.pub", prefix);
	CHECK(mkc_key_read_secret(key, seed) == 0);
	char sw_prefix[96], sw_key[112], sw_pub[112];
	snprintf(sw_prefix, sizeof sw_prefix, "%s/software", tmp);
	snprintf(sw_key, sizeof sw_key, "%s.key", sw_prefix);
	snprintf(sw_pub, sizeof sw_pub, "%s.pub", sw_prefix);
	CHECK(mkc_sign_keys_write(sw_prefix) == 0 && mkc_key_read_secret(sw_key, sw_seed) == 0);
	rollout_opts ro = { pub, key, tmp, sw_pub };
	CHECK_MSG(rollout_new(&c->rollout, c->db, &ro) == 0, "%s", mk_err_msg());
	snprintf(o.previews, sizeof o.previews, "%s", previews);
	snprintf(o.kiosk_bin, sizeof o.kiosk_bin, "/nonexistent/mesokiosk");
	o.keep = 1;
	o.check = fake_check;
	o.preview = fake_preview;
	o.result_free = fake_result_free;
	CHECK_MSG(web_content_start(c, &o) == 0, "%s", mk_err_msg());
}

int main(int argc, char **argv)
{
	static collector c;
	test_db t;
	chttp *h = NULL;
	int port = 0;
	who alice, carol, dave;
	char good[96], bad[96];

	fake_now = (int64_t)time(NULL);
	snprintf(tmp, sizeof tmp, "/tmp/mkwebcontentXXXXXX");
	CHECK(mkdtemp(tmp) != NULL);
	snprintf(previews, sizeof previews, "%s/previews", tmp);
	if (test_db_make(&t, argc, argv, "mk_test_web_content") != 0) {
		CHECK(!"a database to test with");
		return check_done();
	}
	CHECK_MSG(cstore_open(&c.db, t.spec) == 0, "%s", mk_err_msg());
	if (!c.db)
		return check_done();
	setup_users(c.db);
	c.insecure_cookies = 1;
	c.now = now_fn;
	pthread_mutex_init(&c.lock, NULL);
	start_content(&c);
	snprintf(good, sizeof good, "%s/good.mkb", tmp);
	snprintf(bad, sizeof bad, "%s/bad.mkb", tmp);
	make_bundle(good, 1, "return { id = 'home', title = 'Welcome' }\n");
	make_bundle(bad, 2, "return {\n id = 'home',\n PROBLEM }\n");

	chttp_opts o = { .listen = "127.0.0.1:0", .handler = handler,
			 .admit = collector_admit, .ctx = &c };
	CHECK_MSG(chttp_start(&h, &o, &port) == 0, "%s", mk_err_msg());
	snprintf(base_url, sizeof base_url, "http://127.0.0.1:%d", port);
	snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%d", port);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	sign_in(&alice, "alice", "alice-password");
	sign_in(&carol, "carol", "carol-password");
	sign_in(&dave, "dave", "dave-password");

	test_staff_sees_no_forms(c.db, &dave, good);
	test_csrf(c.db, &alice, good);
	test_upload_limits(c.db, &alice, &dave);
	test_upload_check_approve(c.db, &alice, &carol, good);
	test_problems(c.db, &alice, &carol, bad);
	test_rollout(c.db, &carol, &dave);
	test_pictures(&dave);
	test_folder_upload(c.db, &alice);
	test_rollback(c.db, &alice, &carol, &dave);
	test_screenshots(c.db, &alice, &dave);
	test_audit(c.db);
	test_software(c.db, &alice, &carol, &dave);

	chttp_stop(h);
	web_content_stop();
	rollout_free(c.rollout);
	curl_global_cleanup();
	cstore_close(c.db);
	pthread_mutex_destroy(&c.lock);
	test_db_done(&t);
	fake_vet_rm(tmp);
	return check_done();
}
