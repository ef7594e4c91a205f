/* SPDX-License-Identifier: MIT */
/*
 * Checking a bundle: the first pass. It reads every header and every byte
 * but writes nothing. A damaged header or an early end stops it at once
 * (nothing after can be trusted to be where it says); any other problem
 * is remembered, the first one only, and the walk goes on to the end, so
 * the reason given follows a fixed order: truncated or damaged, then
 * unsigned, then signed by a key not trusted, and only then what is wrong
 * inside (a path, a link, a size, a hash, a limit, a version). A refusal
 * for a bad file in a bundle nobody trusted would name the wrong problem.
 */
#include "bundle_int.h"
#include "core.h"
#include "crypto.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	bundle_check_opts *o;
	bundle_manifest man;
	int have_man;
	char *man_text;
	size_t man_len;
	char *sig;
	int problem;
	char why[512];
	unsigned members;
} pass;

static void note(pass *p, int rc, const char *fmt, const char *a, const char *b)
{
	if (p->problem)
		return;
	p->problem = rc;
	snprintf(p->why, sizeof p->why, fmt, a, b);
}

static void note_err(pass *p, int rc)
{
	note(p, rc, "%s%s", mk_err_msg(), "");
}

int bundle_data_copy(FILE *f, uint64_t size, char sha[65], int fd)
{
	uint8_t buf[16384];
	mkc_sha256_state st;
	uint64_t total = size + (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK, done = 0;
	mkc_sha256_init(&st);
	while (done < total) {
		size_t want = total - done < sizeof buf ? (size_t)(total - done) : sizeof buf;
		size_t got = fread(buf, 1, want, f);
		size_t data = done >= size ? 0 : (size - done < got ? (size_t)(size - done) : got);
		mkc_sha256_update(&st, buf, data);
		if (fd >= 0 && data && write(fd, buf, data) != (ssize_t)data)
			return mk_err(MK_EIO, "cannot write the unpacked file");
		done += got;
		if (got < want)
			return ferror(f) ? mk_err(MK_EIO, "cannot read the bundle") : 1;
	}
	mkc_sha256_final(&st, sha);
	return 0;
}

int bundle_data_read(FILE *f, uint64_t size, size_t max, char **out)
{
	uint64_t total = size + (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK;
	if (size > max)
		return mk_err(MK_ELIMIT, "a member is longer than %zu bytes", max);
	char *b = malloc((size_t)total + 1);
	if (!b)
		return MK_ENOMEM;
	if (fread(b, 1, (size_t)total, f) != total)
		return free(b), 1;
	b[size] = 0;
	*out = b;
	return 0;
}

static int on_manifest(pass *p, FILE *f, const tar_member *m)
{
	int rc = bundle_data_read(f, m->size, BUNDLE_MAX_MANIFEST, &p->man_text);
	if (rc)
		return rc;
	p->man_len = (size_t)m->size;
	rc = bundle_manifest_parse(&p->man, p->man_text, p->man_len, &p->o->lim);
	p->have_man = rc == 0;
	if (rc)
		note_err(p, rc);
	return 0;
}

static int on_file(pass *p, FILE *f, const tar_member *m)
{
	char sha[65];
	int rc = bundle_data_copy(f, m->size, sha, -1);
	if (rc || !p->have_man)
		return rc;
	bundle_entry *e = bundle_manifest_find(&p->man, m->path);
	if (!e)
		note(p, MK_EINVAL, "%s: a file not in the manifest", m->path, "");
	else if (e->seen++)
		note(p, MK_EINVAL, "%s: in the bundle twice", m->path, "");
	else if (e->size != m->size)
		note(p, MK_EINVAL, "%s: its size differs from the manifest", m->path, "");
	else if (strcmp(e->sha, sha))
		note(p, MK_EINVAL, "%s: its SHA-256 differs from the manifest", m->path, "");
	return 0;
}

/* One member after its header: 0 to go on, 1 truncated, < 0 stop. */
static int on_member(pass *p, FILE *f, const tar_member *m)
{
	const char *why = bundle_path_problem(m->path);
	if (p->members++ == 0) {
		if (strcmp(m->path, BUNDLE_MANIFEST) || m->type != '0')
			return mk_err(MK_EINVAL, "the first member is not the MANIFEST: not a "
				      "Mesokiosk bundle");
		return on_manifest(p, f, m);
	}
	if (!strcmp(m->path, BUNDLE_SIGNATURE) && m->type == '0')
		return bundle_data_read(f, m->size, 256, &p->sig);
	if (why)
		note(p, MK_EINVAL, "%s: %s", m->path, why);
	else if (m->type == '5')
		return m->size ? (note(p, MK_EINVAL, "%s: %s", m->path, "a folder with data"), 0) : 0;
	else if (m->type != '0')
		note(p, MK_EINVAL, "%s: %s, refused (only files and folders)", m->path,
		     tar_type_name(m->type));
	return m->type == '0' ? on_file(p, f, m) : bundle_data_copy(f, m->size, (char[65]){ 0 }, -1);
}

/* The first zero block was read: the second must follow, whole, or the
 * bundle was cut short (the signature may be what is missing). */
static int end_blocks(pass *p, FILE *f, uint8_t blk[TAR_BLOCK])
{
	tar_member m;
	if (fread(blk, 1, TAR_BLOCK, f) != TAR_BLOCK || tar_header_read(blk, &m) != 1)
		return mk_err(MK_EINVAL, "the bundle is truncated (its end blocks are missing)");
	return p->members ? 0 : mk_err(MK_EINVAL, "the bundle is empty");
}

/* Walks the archive: 0 at its end, or the code that stopped it. */
static int walk(pass *p, FILE *f)
{
	uint8_t blk[TAR_BLOCK];
	for (;;) {
		tar_member m;
		if (fread(blk, 1, TAR_BLOCK, f) != TAR_BLOCK)
			return mk_err(MK_EINVAL, "the bundle is truncated (it ends inside a member "
				      "or before its end blocks)");
		int rc = tar_header_read(blk, &m);
		if (rc == 1)
			return end_blocks(p, f, blk);
		if (rc == 0 && p->sig)
			rc = mk_err(MK_EINVAL, "%s: a member after the SIGNATURE", m.path);
		if (rc == 0)
			rc = on_member(p, f, &m);
		if (rc == 1)
			return mk_err(MK_EINVAL, "the bundle is truncated (it ends inside %s)", m.path);
		if (rc)
			return rc;
	}
}

static int check_signature(pass *p)
{
	uint8_t sig[MKC_SIGN_BYTES];
	if (!p->sig)
		return mk_err(MK_EPERM, "the bundle is not signed (no SIGNATURE member)");
	if (mkc_unhex(sig, sizeof sig, mk_trim(p->sig)) != 0)
		return mk_err(MK_EPERM, "the bundle's SIGNATURE is not a signature");
	for (int i = 0; i < p->o->n_keys; i++)
		if (mkc_sign_verify(sig, p->man_text, p->man_len, p->o->keys[i]) == 0)
			return p->o->key_index = i, 0;
	return mk_err(MK_EPERM, "the bundle is signed by a key not in %s "
		      "(or its manifest was changed after signing)",
		      p->o->kind == BUNDLE_PACKAGE ? "software_keys" : "content_keys");
}

/* Content is never taken for a package, nor a package for content; a
 * package is one Debian package file and nothing else. */
static int check_kind(pass *p)
{
	if (p->man.kind >= 0 && p->man.kind != p->o->kind)
		return mk_err(MK_EINVAL, p->o->kind == BUNDLE_PACKAGE ?
			      "content, not a software package" : "a software package, not content");
	if (p->problem || p->o->kind != BUNDLE_PACKAGE)
		return 0;
	const char *why = p->man.n == 1 ? bundle_package_name_problem(p->man.e[0].path) :
			  "a package bundle holds exactly one file, the .deb";
	if (why)
		return mk_err(MK_EINVAL, "%s%s%s", p->man.n == 1 ? p->man.e[0].path : "",
			      p->man.n == 1 ? ": " : "", why);
	snprintf(p->o->package, sizeof p->o->package, "%s", p->man.e[0].path);
	return 0;
}

static int check_manifest(pass *p)
{
	int rc = check_kind(p);
	if (rc)
		return rc;
	if (p->problem)
		return mk_err(p->problem, "%s", p->why);
	for (unsigned i = 0; i < p->man.n; i++)
		if (!p->man.e[i].seen)
			return mk_err(MK_EINVAL, "%s: in the manifest but not in the bundle",
				      p->man.e[i].path);
	if (p->o->shown >= 0 && p->man.version < p->o->shown)
		return mk_err(MK_EPERM, "version %lld is older than version %lld, shown now",
			      p->man.version, p->o->shown);
	p->o->version = p->man.version;
	p->o->n_files = p->man.n;
	p->o->n_bytes = p->man.bytes;
	return 0;
}

static void limits_default(bundle_limits *l, int kind)
{
	int pkg = kind == BUNDLE_PACKAGE;
	if (!l->max_files)
		l->max_files = pkg ? 1 : BUNDLE_MAX_FILES;
	if (!l->max_file_bytes)
		l->max_file_bytes = pkg ? BUNDLE_PACKAGE_MAX_BYTES : BUNDLE_MAX_FILE_BYTES;
	if (!l->max_bytes)
		l->max_bytes = pkg ? BUNDLE_PACKAGE_MAX_BYTES : BUNDLE_MAX_BYTES;
}

/* A file larger than any bundle within the limits could be (every file
 * at its size, a header and padding each, the manifest, the signature,
 * the end) is refused before it is read. */
static int size_ok(FILE *f, const bundle_limits *l)
{
	struct stat st;
	uint64_t most = l->max_bytes + (uint64_t)(l->max_files + 4) * 2 * TAR_BLOCK +
			BUNDLE_MAX_MANIFEST + 4 * TAR_BLOCK;
	if (fstat(fileno(f), &st) != 0)
		return mk_err(MK_EIO, "cannot read the bundle");
	if (!S_ISREG(st.st_mode))
		return mk_err(MK_EINVAL, "not a regular file");
	if ((uint64_t)st.st_size > most)
		return mk_err(MK_ELIMIT, "%lld bytes, more than a bundle within the content limits "
			      "can be", (long long)st.st_size);
	return 0;
}

static int first_pass(pass *p, FILE *f)
{
	int rc = size_ok(f, &p->o->lim);
	if (rc == 0)
		rc = walk(p, f);
	if (rc == 0)
		rc = check_signature(p);
	return rc ? rc : check_manifest(p);
}

int bundle_check(const char *path, bundle_check_opts *o)
{
	pass p = { .o = o, .man.kind = -1 };
	limits_default(&o->lim, o->kind);
	o->key_index = -1;
	o->package[0] = 0;
	if (o->into && (mk_is_dir(o->into) || mk_is_file(o->into)))
		return mk_err(MK_EEXIST, "%s already exists: a bundle is unpacked only into a new "
			      "folder", o->into);
	FILE *f = fopen(path, "rb");
	int rc = f ? first_pass(&p, f) : mk_err(MK_ENOTFOUND, "%s: cannot open the bundle", path);
	if (rc == 0 && o->into && fseek(f, 0, SEEK_SET) == 0)
		rc = bundle_unpack(f, o->into, &p.man);
	if (rc && f)
		rc = mk_err(rc, "%s: refused: %s", path, mk_err_msg());
	if (f)
		fclose(f);
	bundle_manifest_free(&p.man);
	free(p.man_text);
	free(p.sig);
	return rc;
}

int bundle_keys_read(const char *list, uint8_t keys[][32], int *n)
{
	char *copy = mk_strdup(list ? list : ""), *save = NULL;
	int rc = copy ? 0 : MK_ENOMEM;
	*n = 0;
	for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; rc == 0 && t;
	     t = strtok_r(NULL, ",", &save)) {
		if (*n >= BUNDLE_MAX_KEYS)
			rc = mk_err(MK_ELIMIT, "more than %d content keys", BUNDLE_MAX_KEYS);
		else if ((rc = mkc_key_read(mk_trim(t), keys[*n])) == 0)
			(*n)++;
	}
	if (rc == 0 && *n == 0)
		rc = mk_err(MK_EINVAL, "no content keys: list the publishers' .pub files");
	free(copy);
	return rc;
}
