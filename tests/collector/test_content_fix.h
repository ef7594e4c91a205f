/* SPDX-License-Identifier: MIT */
/*
 * What the content rollout tests share: a scratch folder with a publisher's
 * content-signing key (pub.key / pub.pub), the collector's own (col.key /
 * col.pub), a stranger's (other.key), a software publisher's (sw.key /
 * sw.pub, software_keys), small content folders packed into signed
 * bundles as a publisher would with `mesokiosk bundle`, and stand-in
 * Debian packages packed as with `mesokiosk bundle-package`.
 */
#ifndef MK_TEST_CONTENT_FIX_H
#define MK_TEST_CONTENT_FIX_H

#include "bundle.h"
#include "core.h"
#include "crypto.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	char dir[64];
	char keys[256];  /* content_keys: pub.pub,col.pub */
	char key[128];   /* content_key: col.key */
	char swkeys[128]; /* software_keys: sw.pub */
} tfix;

static inline int tfix_path(const tfix *f, char *out, size_t n, const char *name)
{
	return snprintf(out, n, "%s/%s", f->dir, name) < (int)n ? 0 : -1;
}

static inline int tfix_make(tfix *f)
{
	char p[128];
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/mkcontentXXXXXX");
	if (!mkdtemp(f->dir) || mkc_init() != 0)
		return -1;
	const char *names[] = { "pub", "col", "other", "sw" };
	for (int i = 0; i < 4; i++) {
		tfix_path(f, p, sizeof p, names[i]);
		if (mkc_sign_keys_write(p) != 0)
			return fprintf(stderr, "keys: %s\n", mk_err_msg()), -1;
	}
	snprintf(f->keys, sizeof f->keys, "%s/pub.pub,%s/col.pub", f->dir, f->dir);
	snprintf(f->key, sizeof f->key, "%s/col.key", f->dir);
	snprintf(f->swkeys, sizeof f->swkeys, "%s/sw.pub", f->dir);
	return 0;
}

/* A stand-in mesokiosk_DEB_amd64.deb (the collector never opens one)
 * packed as package version with key (sw, pub, ...): the bytes (malloc'd)
 * into *bytes, *n. */
static inline int tfix_package(const tfix *f, const char *deb, long long version,
			       const char *key, uint8_t **bytes, size_t *n)
{
	char dir[160], file[256], out[160], kp[160], body[64];
	uint8_t seed[32];
	char *text = NULL;
	snprintf(dir, sizeof dir, "%s/deb-%lld", f->dir, version);
	snprintf(file, sizeof file, "%s/mesokiosk_%s_amd64.deb", dir, deb);
	snprintf(out, sizeof out, "%s/package-%lld.mkb", f->dir, version);
	snprintf(kp, sizeof kp, "%s/%s.key", f->dir, key);
	snprintf(body, sizeof body, "!<arch>\ndebian-binary %s\n", deb);
	if ((mkdir(dir, 0700) != 0 && !mk_is_dir(dir)) ||
	    mk_write_atomic(file, body, strlen(body)) != 0 ||
	    mkc_key_read_secret(kp, seed) != 0 || bundle_pack_package(file, out, version, seed) != 0)
		return fprintf(stderr, "pack: %s\n", mk_err_msg()), -1;
	if (mk_read_file(out, &text, n) != 0)
		return -1;
	*bytes = (uint8_t *)text;
	return 0;
}

/* A content folder NAME with one file, main.lua, holding text. */
static inline int tfix_folder(const tfix *f, const char *name, const char *text)
{
	char p[160];
	snprintf(p, sizeof p, "%s/%s", f->dir, name);
	if (mkdir(p, 0700) != 0)
		return -1;
	snprintf(p, sizeof p, "%s/%s/main.lua", f->dir, name);
	return mk_write_atomic(p, text, strlen(text));
}

/* Folder name packed as version with key (pub, col or other): the bytes
 * (malloc'd) into *bytes, *n. */
static inline int tfix_bundle(const tfix *f, const char *name, long long version,
			      const char *key, uint8_t **bytes, size_t *n)
{
	char dir[160], out[160], kp[160];
	uint8_t seed[32];
	char *text = NULL;
	snprintf(dir, sizeof dir, "%s/%s", f->dir, name);
	snprintf(out, sizeof out, "%s/%s-%lld.mkb", f->dir, name, version);
	snprintf(kp, sizeof kp, "%s/%s.key", f->dir, key);
	if (mkc_key_read_secret(kp, seed) != 0 || bundle_pack(dir, out, version, seed) != 0)
		return fprintf(stderr, "pack: %s\n", mk_err_msg()), -1;
	if (mk_read_file(out, &text, n) != 0)
		return -1;
	*bytes = (uint8_t *)text;
	return 0;
}

/* The main.lua that the bundle bytes hold (unpacked with the kiosk's own
 * check, trusting pub and col), into out; -1 when it does not unpack. */
static inline int tfix_main_lua(const tfix *f, const uint8_t *bytes, size_t n, char *out,
				size_t max)
{
	static int seq;
	char file[160], into[160], lua[200], *text = NULL;
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	size_t len = 0;
	bundle_check_opts o = { .shown = -1 };
	snprintf(file, sizeof file, "%s/check-%d.mkb", f->dir, seq);
	snprintf(into, sizeof into, "%s/unpacked-%d", f->dir, seq++);
	if (mk_write_atomic(file, bytes, n) != 0 || bundle_keys_read(f->keys, keys, &o.n_keys) != 0)
		return -1;
	o.keys = (const uint8_t (*)[32])keys;
	o.into = into;
	if (bundle_check(file, &o) != 0)
		return fprintf(stderr, "unpack: %s\n", mk_err_msg()), -1;
	snprintf(lua, sizeof lua, "%s/main.lua", into);
	if (mk_read_file(lua, &text, &len) != 0)
		return -1;
	snprintf(out, max, "%s", text);
	free(text);
	return 0;
}

static inline void tfix_done(tfix *f)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
}

#endif
