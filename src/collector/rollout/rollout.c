/* SPDX-License-Identifier: MIT */
/*
 * Content rollout's actions (rollout.h): upload, a folder packed into a
 * bundle, approval and stages. rollout_back.c holds the rollback.
 *
 * The collector checks an uploaded bundle with the kiosk's own code
 * (bundle_check, on a copy in a scratch folder), against the same keys
 * kiosks trust, so a bundle that a kiosk would refuse for its signature or
 * its form never gets as far as approval. What the content says (its Lua,
 * its pages) is vet's work, in a sandboxed child: nothing here loads it.
 *
 * The collector's own signing key (content_key) is only for what it signs
 * itself: a folder's files and rollbacks. Its public key must be among
 * content_keys, or kiosks would refuse what it signs; that is said when
 * it is used, not at start, so a collector that never signs need not hold
 * one.
 */
#define _XOPEN_SOURCE 700
#include "rollout_int.h"
#include "core.h"
#include "crypto.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Static_assert(CSTORE_BUNDLE_MAX == BUNDLE_MAX_BYTES, "the store keeps any bundle a kiosk takes");
_Static_assert(CSTORE_PACKAGE_MAX == BUNDLE_PACKAGE_MAX_BYTES, "and any package");

static int read_keys(rollout *ro, const rollout_opts *o)
{
	int rc = 0;
	if (o->keys && *o->keys && (rc = bundle_keys_read(o->keys, ro->keys, &ro->n_keys)) != 0)
		return mk_err(rc, "content_keys: %s", mk_err_msg());
	if (o->software_keys && *o->software_keys &&
	    (rc = bundle_keys_read(o->software_keys, ro->sw_keys, &ro->n_sw)) != 0)
		return mk_err(rc, "software_keys: %s", mk_err_msg());
	if (!o->key || !*o->key)
		return 0;
	if ((rc = mkc_key_read_secret(o->key, ro->seed)) != 0)
		return mk_err(rc, "content_key: %s", mk_err_msg());
	ro->have_seed = 1;
	if ((rc = mkc_sign_public(ro->keys[ro->n_keys], ro->seed)) != 0)
		return rc;
	for (int i = 0; i < ro->n_keys; i++)
		if (!memcmp(ro->keys[i], ro->keys[ro->n_keys], 32))
			ro->own_listed = 1;
	return 0;
}

int rollout_new(rollout **out, cstore *db, const rollout_opts *o)
{
	rollout *ro = calloc(1, sizeof *ro);
	const char *tmp = o && o->tmp ? o->tmp : getenv("TMPDIR");
	static const rollout_opts none = { NULL, NULL, NULL, NULL };
	*out = NULL;
	if (!o)
		o = &none;
	if (!ro)
		return mk_err(MK_ENOMEM, "out of memory");
	ro->db = db;
	ro->keys_text = mk_strdup(o->keys ? o->keys : "");
	ro->tmp = mk_strdup(tmp && *tmp ? tmp : "/tmp");
	int rc = ro->keys_text && ro->tmp ? read_keys(ro, o) : mk_err(MK_ENOMEM, "out of memory");
	if (rc) {
		rollout_free(ro);
		return rc;
	}
	*out = ro;
	return 0;
}

void rollout_free(rollout *ro)
{
	if (!ro)
		return;
	mkc_wipe(ro->seed, sizeof ro->seed);
	free(ro->keys_text);
	free(ro->tmp);
	free(ro);
}

const char *rollout_keys(const rollout *ro)
{
	return ro->keys_text;
}

int ro_scratch(const rollout *ro, char **dir)
{
	*dir = mk_asprintf("%s/mkrollout.XXXXXX", ro->tmp);
	if (!*dir)
		return mk_err(MK_ENOMEM, "out of memory");
	if (!mkdtemp(*dir)) {
		int rc = mk_err(MK_EIO, "cannot make a scratch folder in %s", ro->tmp);
		free(*dir);
		*dir = NULL;
		return rc;
	}
	return 0;
}

void ro_scratch_end(char *dir)
{
	if (dir)
		mk_remove_tree(dir);
	free(dir);
}

int ro_publisher(rollout *ro, const char *user)
{
	char role[16];
	if (!user)
		return 0;
	int rc = cstore_user_role(ro->db, user, role);
	if (rc == MK_ENOTFOUND || (!rc && strcmp(role, "publisher")))
		return mk_err(MK_EPERM, "%s is not a publisher: only a publisher may upload, approve,"
			      " roll out or roll back content", user);
	return rc;
}

const char *ro_actor(const char *user)
{
	return user ? user : "cli";
}

int ro_check(const rollout *ro, cstore_kind kind, const char *path, int with_own,
	     const char *into, bundle_check_opts *o)
{
	int pkg = kind == CSTORE_PACKAGE;
	int n = pkg ? ro->n_sw : ro->n_keys + (with_own && ro->have_seed && !ro->own_listed);
	memset(o, 0, sizeof *o);
	o->keys = (const uint8_t (*)[32])(pkg ? ro->sw_keys : ro->keys);
	o->n_keys = n;
	o->shown = -1;
	o->into = into;
	o->kind = pkg ? BUNDLE_PACKAGE : BUNDLE_CONTENT;
	if (n == 0)
		return mk_err(MK_EINVAL, "no %s in collector.conf: the collector cannot check a"
			      " bundle's signature (list the public keys kiosks trust)",
			      pkg ? "software_keys" : "content_keys");
	return bundle_check(path, o);
}

int ro_read(const char *path, uint8_t **bytes, size_t *n)
{
	char *text = NULL;
	int rc = mk_read_regular(path, BUNDLE_PACKAGE_MAX_BYTES, &text, n);
	*bytes = (uint8_t *)text;
	return rc;
}

int ro_newest(rollout *ro, int64_t *v)
{
	cstore_bundle b;
	int n = 0, rc = cstore_bundles(ro->db, CSTORE_CONTENT, &b, 1, &n);
	*v = !rc && n ? b.version : 0;
	return rc;
}

/* The Debian version in a package's file name, mesokiosk_VERSION_ARCH.deb. */
static void deb_version(const char *file, char *out, size_t size)
{
	const char *from = strchr(file, '_'), *to = strrchr(file, '_');
	int len = from && to > from ? (int)(to - from - 1) : 0;
	snprintf(out, size, "%.*s", len, from ? from + 1 : "");
}

/* The checked file at path, stored as "checking" (a package: "ready")
 * under user. */
static int store(rollout *ro, cstore_kind kind, const char *path, const bundle_check_opts *o,
		 const char *note, const char *user, int64_t now)
{
	cstore_bundle b;
	uint8_t *bytes = NULL;
	size_t n = 0;
	int rc = ro_read(path, &bytes, &n);
	if (rc)
		return rc;
	memset(&b, 0, sizeof b);
	b.kind = kind;
	b.version = o->version;
	if (kind == CSTORE_PACKAGE)
		deb_version(o->package, b.deb, sizeof b.deb);
	mkc_sha256_hex(bytes, n, b.sha256);
	b.size = (int64_t)n;
	snprintf(b.note, sizeof b.note, "%s", note ? note : "");
	while (b.note[0] && !mk_utf8_valid(b.note, strlen(b.note)))
		b.note[strlen(b.note) - 1] = 0; /* cut inside a character */
	snprintf(b.uploaded_by, sizeof b.uploaded_by, "%s", ro_actor(user));
	rc = cstore_bundle_add(ro->db, &b, bytes, n, now);
	free(bytes);
	if (rc)
		return rc;
	char subject[24], detail[120];
	snprintf(subject, sizeof subject, "%lld", (long long)b.version);
	if (kind == CSTORE_PACKAGE)
		snprintf(detail, sizeof detail, "version %lld, package %s, %lld bytes",
			 (long long)b.version, b.deb, (long long)b.size);
	else
		snprintf(detail, sizeof detail, "version %lld, %u files, %lld bytes",
			 (long long)b.version, o->n_files, (long long)b.size);
	return cstore_audit(ro->db, ro_actor(user), kind == CSTORE_PACKAGE ? "package-upload"
		: "content-upload", subject, detail, now);
}

static int upload(rollout *ro, cstore_kind kind, const uint8_t *bytes, size_t n,
		  const char *note, const char *user, int64_t now, int64_t *version)
{
	bundle_check_opts o;
	char *dir = NULL, *path = NULL;
	unsigned long long most = kind == CSTORE_PACKAGE ? BUNDLE_PACKAGE_MAX_BYTES : BUNDLE_MAX_BYTES;
	*version = 0;
	if (!bytes || n == 0 || n > most)
		return mk_err(MK_ELIMIT, "a %s bundle has 1 byte to %llu MiB",
			      cstore_kind_name(kind), most >> 20);
	int rc = ro_publisher(ro, user);
	if (!rc && !user)
		rc = mk_err(MK_EINVAL, "an upload names the user who made it");
	if (!rc)
		rc = ro_scratch(ro, &dir);
	if (!rc && !(path = mk_path_join(dir, "upload.mkb")))
		rc = mk_err(MK_ENOMEM, "out of memory");
	if (!rc)
		rc = mk_write_atomic(path, bytes, n);
	if (!rc && (rc = ro_check(ro, kind, path, 0, NULL, &o)) != 0)
		rc = mk_err(rc, "the bundle is refused: %s", mk_err_msg());
	if (!rc && (rc = store(ro, kind, path, &o, note, user, now)) == 0)
		*version = o.version;
	free(path);
	ro_scratch_end(dir);
	return rc;
}

int rollout_upload(rollout *ro, const uint8_t *bytes, size_t n, const char *note,
		   const char *user, int64_t now, int64_t *version)
{
	return upload(ro, CSTORE_CONTENT, bytes, n, note, user, now, version);
}

int rollout_upload_package(rollout *ro, const uint8_t *bytes, size_t n, const char *note,
			   const char *user, int64_t now, int64_t *version)
{
	return upload(ro, CSTORE_PACKAGE, bytes, n, note, user, now, version);
}

int rollout_pack_folder(rollout *ro, const char *dir, const char *note, const char *user,
			int64_t now, int64_t *version)
{
	bundle_check_opts o;
	char *tmp = NULL, *path = NULL;
	int64_t newest = 0;
	*version = 0;
	int rc = ro_publisher(ro, user);
	if (!rc && !user)
		rc = mk_err(MK_EINVAL, "an upload names the user who made it");
	if (!rc && !ro->have_seed)
		rc = mk_err(MK_EINVAL, "bundling a folder needs the collector's content-signing key:"
			    " set content_key = /path/content.key in collector.conf");
	if (!rc && !ro->own_listed)
		rc = mk_err(MK_EINVAL, "the public key of content_key is not among content_keys:"
			    " kiosks would refuse what the collector signs");
	if (!rc)
		rc = ro_newest(ro, &newest);
	if (!rc)
		rc = ro_scratch(ro, &tmp);
	if (!rc && !(path = mk_path_join(tmp, "folder.mkb")))
		rc = mk_err(MK_ENOMEM, "out of memory");
	if (!rc)
		rc = bundle_pack(dir, path, newest + 1, ro->seed);
	if (!rc)
		rc = ro_check(ro, CSTORE_CONTENT, path, 1, NULL, &o);
	if (!rc && (rc = store(ro, CSTORE_CONTENT, path, &o, note, user, now)) == 0)
		*version = o.version;
	free(path);
	ro_scratch_end(tmp);
	return rc;
}

int rollout_approve(rollout *ro, cstore_kind kind, int64_t version, const char *user, int64_t now)
{
	char subject[24];
	if (!user)
		return mk_err(MK_EPERM, "approving names the publisher who approves");
	int rc = cstore_bundle_approve(ro->db, kind, version, user, now);
	if (rc)
		return rc;
	snprintf(subject, sizeof subject, "%lld", (long long)version);
	return cstore_audit(ro->db, user, kind == CSTORE_PACKAGE ? "package-approve"
		: "content-approve", subject, "", now);
}

int rollout_stage(rollout *ro, cstore_kind kind, int64_t version, const char *stage,
		  const char *target, const char *user, int64_t now)
{
	char subject[24], detail[120];
	int rc = ro_publisher(ro, user);
	if (!rc)
		rc = cstore_bundle_rollout(ro->db, kind, version, stage, target, now);
	if (rc)
		return rc;
	snprintf(subject, sizeof subject, "%lld", (long long)version);
	snprintf(detail, sizeof detail, "to %s%s%s", stage, target && *target ? " " : "",
		 target ? target : "");
	return cstore_audit(ro->db, ro_actor(user), kind == CSTORE_PACKAGE ? "package-rollout"
		: "content-rollout", subject, detail, now);
}
