/* SPDX-License-Identifier: MIT */
/*
 * Content uploads (POST /content/upload, multipart/form-data): one signed
 * bundle (the "bundle" file input), or a content folder's files (the
 * "files" input with webkitdirectory: each part's file name is its path
 * under the folder the user picked, the folder's own name first).
 *
 * A folder is written into a scratch folder beside the previews, every
 * path checked first (relative, no "." or ".." or empty component, no
 * control byte or backslash, at most BUNDLE_PATH_MAX bytes, no file twice,
 * nothing through a link: each file is created new with O_EXCL and
 * O_NOFOLLOW), then packed and signed with the collector's content key
 * (rollout_pack_folder); the scratch folder is removed whatever happens.
 * Either way the rollout actions check the bundle's signature and form,
 * store it as "checking" and audit the upload; it is then queued for the
 * worker (web_content_vet.c), and
 * the browser is sent to the version's page, which refreshes itself until
 * the check is done. A software package (the "package" file input) is
 * checked against software_keys and stored ready for approval, with
 * nothing to vet: the browser goes back to the Content page's Software
 * part (web_software.c).
 */
#include "web_content.h"
#include "bundle.h"
#include "core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	char note[200];
	const chttp_part *bundle;   /* the bundle or package part, copied below */
	chttp_part bundle_part;
	int package;                /* the part is a software package */
	int n_files, n_bundles;
	const char *folder;         /* the scratch folder, when files are written */
	char first[128];            /* the picked folder's name (stripped) */
	char problem[300];
} upload;

/* A folder-relative path is one we may create: 0, or -1 with u->problem. */
static int path_ok(upload *u, const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n > BUNDLE_PATH_MAX || p[0] == '/' || p[n - 1] == '/' || strchr(p, '\\'))
		goto bad;
	for (const char *c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			goto bad;
	for (const char *s = p; *s;) {
		size_t k = strcspn(s, "/");
		if (k == 0 || (k == 1 && s[0] == '.') || (k == 2 && s[0] == '.' && s[1] == '.'))
			goto bad;
		s += k + (s[k] == '/');
	}
	return 0;
bad:
	snprintf(u->problem, sizeof u->problem, "A file of the folder has a name the collector "
		 "will not use: %.200s", p);
	return -1;
}

/* Makes the folders on the way to rel (inside u->folder). */
static int parents(const char *root, const char *rel)
{
	char path[PATH_MAX];
	int k = snprintf(path, sizeof path, "%s/%s", root, rel);
	if (k < 0 || (size_t)k >= sizeof path)
		return -1;
	for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

static int write_new(const char *root, const char *rel, const uint8_t *p, size_t n)
{
	char path[PATH_MAX];
	int fd, ok = 1;
	snprintf(path, sizeof path, "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (ok && n > 0) {
		ssize_t k = write(fd, p, n);
		ok = k > 0;
		if (ok) {
			p += k;
			n -= (size_t)k;
		}
	}
	return close(fd) == 0 && ok ? 0 : -1;
}

/* A folder's file: its path without the picked folder's own name. */
static int folder_file(upload *u, const chttp_part *p)
{
	const char *slash = strchr(p->filename, '/');
	const char *rel = slash ? slash + 1 : p->filename;
	if (slash && !u->first[0])
		snprintf(u->first, sizeof u->first, "%.*s", (int)(slash - p->filename), p->filename);
	if (path_ok(u, rel) < 0)
		return -1;
	if (slash && strncmp(p->filename, u->first, (size_t)(slash - p->filename)) != 0) {
		snprintf(u->problem, sizeof u->problem, "The files come from more than one folder.");
		return -1;
	}
	if (++u->n_files > BUNDLE_MAX_FILES) {
		snprintf(u->problem, sizeof u->problem, "The folder has more than %d files.",
			 BUNDLE_MAX_FILES);
		return -1;
	}
	if (parents(u->folder, rel) < 0 || write_new(u->folder, rel, p->data, p->n) < 0) {
		snprintf(u->problem, sizeof u->problem, errno == EEXIST
			 ? "The folder holds %.200s twice (or as both a file and a folder)."
			 : "The collector could not write %.200s.", rel);
		return -1;
	}
	return 0;
}

static int each_part(void *ctx, const chttp_part *p)
{
	upload *u = ctx;
	if (!p->is_file && !strcmp(p->name, "note")) {
		snprintf(u->note, sizeof u->note, "%.*s", (int)(p->n < 190 ? p->n : 190),
			 (const char *)p->data);
		return 0;
	}
	if (p->is_file && (!strcmp(p->name, "bundle") || !strcmp(p->name, "package")) &&
	    p->filename[0]) {
		u->bundle_part = *p;
		u->bundle = &u->bundle_part;
		u->package = !strcmp(p->name, "package");
		u->n_bundles++;
		return 0;
	}
	if (p->is_file && !strcmp(p->name, "files") && p->filename[0] && u->folder)
		return folder_file(u, p) < 0 ? 1 : 0;
	return 0;
}

static void refused(web_ctx *x, int status, const char *text)
{
	web_message(x, status, "Upload", text);
}

/* Queues version v for its check and sends the browser to its page. */
static void checking(web_ctx *x, int64_t v)
{
	char loc[48];
	if (web_content_queue(v) < 0)
		mk_log(MK_LOG_ERROR, "content-check-not-queued", "version=%lld", (long long)v);
	snprintf(loc, sizeof loc, "/content/%lld", (long long)v);
	web_redirect(x, loc);
}

/* A rollout action's refusal, as the page says it. */
static void action_failed(web_ctx *x, int rc)
{
	char q[300];
	if (rc == MK_EPERM || rc == MK_EINVAL || rc == MK_EEXIST || rc == MK_ELIMIT) {
		refused(x, rc == MK_EPERM ? 403 : 409, mk_err_msg());
		return;
	}
	mk_log(MK_LOG_ERROR, "content-upload-failed", "msg=%s",
	       mk_log_quote(q, sizeof q, mk_err_msg()));
	refused(x, 500, "The collector could not store the upload; its log says why.");
}

/* A content bundle goes to its check; a package, ready, back to the list. */
static void upload_bundle(web_ctx *x, const chttp_part *p, const char *note, int package)
{
	int64_t v = 0;
	int rc = (package ? rollout_upload_package : rollout_upload)(x->c->rollout, p->data, p->n,
								      note, x->user, x->now, &v);
	if (rc < 0)
		action_failed(x, rc);
	else if (package)
		web_redirect(x, "/content#software");
	else
		checking(x, v);
}

static void upload_folder(web_ctx *x, const uint8_t *body, size_t n, const char *type)
{
	const web_content_opts *o = web_content_conf();
	char dir[PATH_MAX];
	upload u = { 0 };
	int64_t v = 0;
	int rc;
	int k = snprintf(dir, sizeof dir, "%s/.folder-XXXXXX", o->previews);
	if (k < 0 || (size_t)k >= sizeof dir || !mkdtemp(dir)) {
		mk_err(MK_EIO, "cannot make a scratch folder in %s", o->previews);
		web_content_log("content-upload-failed");
		refused(x, 500, "The collector could not make a scratch folder.");
		return;
	}
	u.folder = dir;
	rc = chttp_multipart(type, body, n, each_part, &u);
	if (rc == 0 && u.n_files == 0)
		snprintf(u.problem, sizeof u.problem, "The folder is empty.");
	if (rc < 0)
		snprintf(u.problem, sizeof u.problem, "The upload was malformed: %s", mk_err_msg());
	if (!u.problem[0])
		rc = rollout_pack_folder(x->c->rollout, dir, u.note, x->user, x->now, &v);
	mk_remove_tree(dir);
	if (u.problem[0])
		refused(x, 400, u.problem);
	else if (rc < 0)
		action_failed(x, rc);
	else
		checking(x, v);
}

void web_content_upload(web_ctx *x)
{
	const char *type = creq_header(x->r, "Content-Type");
	size_t n = 0;
	const uint8_t *body = creq_body(x->r, &n);
	upload u = { 0 };
	if (!web_publisher(x)) {
		web_message(x, 403, "Refused", "Only an account with the publisher role may upload "
			    "content.");
		return;
	}
	if (chttp_multipart(type, body, n, each_part, &u) < 0) {
		char text[300];
		snprintf(text, sizeof text, "The upload was malformed: %s", mk_err_msg());
		refused(x, 400, text);
		return;
	}
	if (x->c->rollout && u.package && u.n_bundles == 1 && u.bundle->n > 0)
		return upload_bundle(x, u.bundle, u.note, 1);
	if (!web_content_conf() || !x->c->rollout) {
		refused(x, 503, "This collector cannot check content (no kiosk binary configured), "
			"so it takes no content uploads.");
		return;
	}
	if (u.n_bundles > 1) {
		refused(x, 400, "Upload one bundle at a time.");
	} else if (u.bundle && u.bundle->n == 0) {
		refused(x, 400, "The bundle file is empty.");
	} else if (u.bundle) {
		upload_bundle(x, u.bundle, u.note, u.package);
	} else {
		upload_folder(x, body, n, type);
	}
}
