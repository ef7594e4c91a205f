/* SPDX-License-Identifier: MIT */
/*
 * Content bundles as a kiosk would meet them. Each bad bundle is crafted
 * here member by member (a link, a device, a path with "..", a file the
 * manifest does not list, ...) and signed or not as the case needs; each
 * must be refused with words that name the problem, and leave nothing
 * beside the folder it was to be unpacked into. The shipped content makes
 * the round trip: packed, checked with two trusted keys, unpacked, and the
 * unpacked folder passes `mesokiosk --check`.
 */
#include "check.h"
#include "bundle_int.h"
#include "core.h"
#include "crypto.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[256];
static uint8_t seed1[32], seed2[32], seed3[32], pk1[32], pk2[32], pk3[32];

typedef struct {
	const char *name;
	char type;
	const char *data;
} member;

/* "file SIZE SHA PATH\n" for data, appended to buf. */
static void man_line(char *buf, const char *path, const char *data)
{
	char sha[65];
	mkc_sha256_hex(data, strlen(data), sha);
	sprintf(buf + strlen(buf), "file %zu %s %s\n", strlen(data), sha, path);
}

static void put(FILE *f, const char *name, char type, const char *data)
{
	size_t n = strlen(data);
	tar_header_write(f, name, type, n);
	fwrite(data, 1, n, f);
	tar_pad_write(f, n);
}

/* A bundle with this manifest and these members, signed with seed (NULL:
 * no SIGNATURE member). */
static char *craft(const char *manifest, const member *m, int n, const uint8_t *seed)
{
	static int count;
	char *path = mk_asprintf("%s/b%d.mkb", tmp, count++);
	FILE *f = fopen(path, "wb");
	put(f, BUNDLE_MANIFEST, '0', manifest);
	for (int i = 0; i < n; i++)
		put(f, m[i].name, m[i].type ? m[i].type : '0', m[i].data);
	if (seed) {
		uint8_t sig[64];
		char hex[130];
		mkc_sign(sig, manifest, strlen(manifest), seed);
		mkc_hex(hex, sig, 64);
		strcat(hex, "\n");
		put(f, BUNDLE_SIGNATURE, '0', hex);
	}
	tar_end_write(f);
	fclose(f);
	return path;
}

/* Nothing named new* beside the target folder. */
static int left_behind(void)
{
	DIR *d = opendir(tmp);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += !strncmp(e->d_name, "new", 3) || !strcmp(e->d_name, "evil.lua");
	closedir(d);
	return n;
}

static int check_bundle(const char *path, long long shown, const bundle_limits *lim, int into)
{
	const uint8_t keys[2][32];
	memcpy((void *)keys[0], pk1, 32);
	memcpy((void *)keys[1], pk2, 32);
	char *dir = mk_asprintf("%s/new", tmp);
	bundle_check_opts o = { .keys = keys, .n_keys = 2, .shown = shown, .into = into ? dir : NULL };
	if (lim)
		o.lim = *lim;
	int rc = bundle_check(path, &o);
	free(dir);
	return rc;
}

/* The bundle is refused with words containing `why`, and leaves nothing. */
static void refused(const char *label, char *path, long long shown, const bundle_limits *lim,
		    const char *why)
{
	int rc = check_bundle(path, shown, lim, 1);
	CHECK_MSG(rc != 0, "%s: accepted", label);
	CHECK_MSG(strstr(mk_err_msg(), why), "%s: said \"%s\", wanted \"%s\"", label, mk_err_msg(), why);
	CHECK_MSG(left_behind() == 0, "%s: something was left beside the folder", label);
	free(path);
}

static const char *GOOD = "return { id = 'home' }\n", *OTHER = "return { id = 'away' }\n";

static char *good_manifest(char *buf, long long version)
{
	sprintf(buf, "mesokiosk-bundle 1\nversion %lld\n", version);
	man_line(buf, "pages/home.lua", GOOD);
	return buf;
}

static void test_signature(void)
{
	char man[4096];
	member m[] = { { "pages/home.lua", 0, GOOD } };
	good_manifest(man, 2);
	refused("unsigned", craft(man, m, 1, NULL), -1, NULL, "not signed");
	refused("another key", craft(man, m, 1, seed3), -1, NULL, "key not in content_keys");
	/* a manifest changed after signing: the signature no longer matches */
	char *path = craft(man, m, 1, seed1);
	FILE *f = fopen(path, "r+b");
	fseek(f, TAR_BLOCK + 27, SEEK_SET); /* "version 2" -> "version 9" */
	fputc('9', f);
	fclose(f);
	refused("changed manifest", path, -1, NULL, "key not in content_keys");
}

static void test_truncated(void)
{
	char man[4096];
	member m[] = { { "pages/home.lua", 0, GOOD } };
	char *path = craft(good_manifest(man, 2), m, 1, seed1);
	struct stat st;
	stat(path, &st);
	CHECK(check_bundle(path, -1, NULL, 0) == 0);
	long cuts[] = { st.st_size - 1, st.st_size - 1024, 3 * TAR_BLOCK + 7, TAR_BLOCK + 100 };
	for (int i = 0; i < 4; i++) {
		char *cut = mk_asprintf("%s/cut%d.mkb", tmp, i);
		char *data = NULL;
		size_t n = 0;
		mk_read_file(path, &data, &n);
		mk_write_atomic(cut, data, (size_t)cuts[i]);
		free(data);
		refused("truncated", cut, -1, NULL, "truncated");
	}
	free(path);
}

/* A member listed in a signed manifest, but one a kiosk must never write. */
static void refused_member(const char *label, const char *name, char type, const char *why)
{
	char man[4096];
	member m[] = { { "pages/home.lua", 0, GOOD }, { name, type, type == '0' ? OTHER : "" } };
	good_manifest(man, 2);
	if (type == '0')
		man_line(man, name, OTHER);
	refused(label, craft(man, m, 2, seed1), -1, NULL, why);
}

static void test_members(void)
{
	refused_member("dot-dot", "../evil.lua", '0', "outside the folder");
	refused_member("dot-dot inside", "pages/../../evil.lua", '0', "outside the folder");
	refused_member("absolute", "/tmp/evil.lua", '0', "absolute path");
	refused_member("symlink", "pages/link.lua", '2', "symbolic link");
	refused_member("hard link", "pages/hard.lua", '1', "hard link");
	refused_member("char device", "pages/tty", '3', "character device");
	refused_member("block device", "pages/sda", '4', "block device");
	refused_member("fifo", "pages/fifo", '6', "FIFO");
}

static void test_against_manifest(void)
{
	char man[4096];
	good_manifest(man, 2);
	member longer[] = { { "pages/home.lua", 0, "return { id = 'home' } \n" } };
	refused("size", craft(man, longer, 1, seed1), -1, NULL, "size differs");
	member changed[] = { { "pages/home.lua", 0, "return { id = 'HOME' }\n" } };
	refused("sha", craft(man, changed, 1, seed1), -1, NULL, "SHA-256 differs");
	member extra[] = { { "pages/home.lua", 0, GOOD }, { "pages/extra.lua", 0, OTHER } };
	refused("not listed", craft(man, extra, 2, seed1), -1, NULL, "not in the manifest");
	member twice[] = { { "pages/home.lua", 0, GOOD }, { "pages/home.lua", 0, GOOD } };
	refused("twice", craft(man, twice, 2, seed1), -1, NULL, "twice");
	man_line(man, "pages/missing.lua", OTHER);
	member missing[] = { { "pages/home.lua", 0, GOOD } };
	refused("missing", craft(man, missing, 1, seed1), -1, NULL, "not in the bundle");
}

static void test_limits_and_version(void)
{
	char man[4096];
	member m[] = { { "pages/home.lua", 0, GOOD }, { "pages/b.lua", 0, OTHER },
		       { "pages/c.lua", 0, OTHER } };
	good_manifest(man, 4);
	man_line(man, "pages/b.lua", OTHER);
	man_line(man, "pages/c.lua", OTHER);
	bundle_limits files = { .max_files = 2 }, bytes = { .max_bytes = 50 },
		      one = { .max_file_bytes = 10 };
	refused("files", craft(man, m, 3, seed1), -1, &files, "more than 2 files");
	refused("bytes", craft(man, m, 3, seed1), -1, &bytes, "more than 50 bytes in all");
	refused("one file", craft(man, m, 3, seed1), -1, &one, "more than the limit of 10");
	refused("older", craft(man, m, 3, seed1), 5, NULL, "version 4 is older than version 5");
	bundle_limits tiny = { .max_files = 1, .max_bytes = 1 };
	char *big = craft(man, m, 3, seed1), *data = NULL;
	size_t n = 0;
	mk_read_file(big, &data, &n);
	data = realloc(data, n + 300 * TAR_BLOCK); /* zero blocks after the end */
	memset(data + n, 0, 300 * TAR_BLOCK);
	mk_write_atomic(big, data, n + 300 * TAR_BLOCK);
	free(data);
	refused("bundle size", big, -1, &tiny, "more than a bundle within the content limits");
	char *same = craft(man, m, 3, seed1);
	CHECK(check_bundle(same, 4, NULL, 0) == 0);
	free(same);
}

/* The folder asked for exists (the live content, say): refused, untouched. */
static void test_live_folder(void)
{
	char man[4096], *live = mk_asprintf("%s/new", tmp), *keep = mk_path_join(live, "keep.lua");
	member m[] = { { "pages/home.lua", 0, GOOD } };
	char *path = craft(good_manifest(man, 2), m, 1, seed1);
	mk_mkdir_p(live, 0755);
	mk_write_atomic(keep, "x", 1);
	CHECK(check_bundle(path, -1, NULL, 1) == MK_EEXIST);
	CHECK(strstr(mk_err_msg(), "only into a new folder"));
	CHECK(mk_is_file(keep));
	char *home = mk_path_join(live, "pages");
	CHECK(!mk_is_dir(home));
	mk_remove_tree(live);
	free(home);
	free(keep);
	free(live);
	free(path);
}

/* A publisher moves from key 1 to key 2: kiosks trusting both take either;
 * once key 1 leaves content_keys, its bundles are refused. */
static void test_rotation(void)
{
	char man[4096];
	member m[] = { { "pages/home.lua", 0, GOOD } };
	char *old = craft(good_manifest(man, 2), m, 1, seed1), *new = craft(man, m, 1, seed2);
	const uint8_t (*both)[32] = (const uint8_t (*)[32])(uint8_t[2][32]){ { 0 } };
	memcpy((void *)both[0], pk1, 32);
	memcpy((void *)both[1], pk2, 32);
	bundle_check_opts o = { .keys = both, .n_keys = 2, .shown = -1 };
	CHECK(bundle_check(old, &o) == 0 && o.key_index == 0);
	CHECK(bundle_check(new, &o) == 0 && o.key_index == 1);
	bundle_check_opts only2 = { .keys = both + 1, .n_keys = 1, .shown = -1 };
	CHECK(bundle_check(new, &only2) == 0);
	CHECK(bundle_check(old, &only2) == MK_EPERM);
	CHECK(strstr(mk_err_msg(), "key not in content_keys"));
	free(old);
	free(new);
}

static int run(const char *cmd)
{
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* The shipped content: packed by the CLI with a new key, checked and
 * unpacked with two keys in content_keys, loaded by --check, and the same
 * bytes as the source. */
static void test_round_trip(void)
{
	char *cmd = mk_asprintf(
		"cd %s && %s keygen --content pub1 >/dev/null && %s keygen --content pub2 >/dev/null"
		" && printf 'content_keys = pub2.pub, pub1.pub\\n' > kiosk.conf"
		" && %s bundle %s content.mkb --key pub1.key --version 7 >/dev/null"
		" && %s bundle-check content.mkb --config kiosk.conf --shown 6 --into unpacked"
		" && %s --check unpacked 2>/dev/null && diff -r %s unpacked",
		tmp, MESOKIOSK, MESOKIOSK, MESOKIOSK, CONTENT_DIR, MESOKIOSK, MESOKIOSK, CONTENT_DIR);
	CHECK(run(cmd) == 0);
	free(cmd);
	char *key = mk_path_join(tmp, "pub1.key");
	struct stat st;
	CHECK(stat(key, &st) == 0 && (st.st_mode & 0777) == 0600);
	free(key);
	cmd = mk_asprintf("cd %s && %s bundle-check content.mkb --keys pub2.pub 2>&1 | "
			  "grep -q 'key not in content_keys'", tmp, MESOKIOSK);
	CHECK(run(cmd) == 0);
	free(cmd);
}

/* Packing refuses what a kiosk would refuse, and a publisher's mistakes,
 * with words, and writes no bundle. */
static void test_pack_refusals(void)
{
	char *cmd = mk_asprintf(
		"cd %s && mkdir -p linked/pages && printf 'x' > linked/pages/a.lua"
		" && ln -s /etc/passwd linked/pages/b.lua && %s keygen --content p >/dev/null"
		" && ! %s bundle linked linked.mkb --key p.key 2> err1 && grep -q 'a link' err1"
		" && test ! -e linked.mkb"
		" && ! %s bundle %s pub.mkb --key p.pub 2> err2 && grep -q 'chmod 600' err2"
		" && test ! -e pub.mkb"
		" && %s bundle %s ok.mkb --key p.key --version 3 >/dev/null"
		" && { %s bundle-check ok.mkb --keys p.pub --shown three 2> err3; test $? = 2; }"
		" && grep -q 'a number' err3"
		" && { %s bundle-check ok.mkb --keys p.pub --shown 4 2> err4; test $? = 1; }"
		" && grep -q 'version 3 is older than version 4' err4",
		tmp, MESOKIOSK, MESOKIOSK, MESOKIOSK, CONTENT_DIR, MESOKIOSK, CONTENT_DIR, MESOKIOSK,
		MESOKIOSK);
	CHECK(run(cmd) == 0);
	free(cmd);
}

static int check_kind(const char *path, int kind, bundle_check_opts *o)
{
	const uint8_t keys[1][32];
	memcpy((void *)keys[0], pk1, 32);
	*o = (bundle_check_opts){ .keys = keys, .n_keys = 1, .shown = -1, .kind = kind };
	return bundle_check(path, o);
}

/* A software package travels as a bundle of its own kind: one .deb, never
 * taken for content nor content for it. */
static void test_packages(void)
{
	bundle_check_opts o;
	char *deb = mk_asprintf("%s/mesokiosk_0.2.0+5.gabc_amd64.deb", tmp);
	char *out = mk_asprintf("%s/pkg.mkb", tmp), *content = mk_asprintf("%s/c.mkb", tmp);
	CHECK(mk_write_atomic(deb, "!<arch>\ndebian-binary\n", 22) == 0);
	CHECK(bundle_pack_package(deb, out, 4, seed1) == 0);
	CHECK(check_kind(out, BUNDLE_PACKAGE, &o) == 0 && o.version == 4);
	CHECK_MSG(!strcmp(o.package, "mesokiosk_0.2.0+5.gabc_amd64.deb"), "package %s", o.package);
	CHECK(check_kind(out, BUNDLE_CONTENT, &o) != 0);
	CHECK_MSG(strstr(mk_err_msg(), "a software package, not content"), "%s", mk_err_msg());
	CHECK(bundle_pack(CONTENT_DIR, content, 4, seed1) == 0);
	CHECK(check_kind(content, BUNDLE_PACKAGE, &o) != 0);
	CHECK_MSG(strstr(mk_err_msg(), "content, not a software package"), "%s", mk_err_msg());
	char man[4096];
	member two[] = { { "mesokiosk_1_amd64.deb", 0, GOOD }, { "run.sh", 0, OTHER } };
	sprintf(man, "mesokiosk-package 1\nversion 5\n");
	man_line(man, "mesokiosk_1_amd64.deb", GOOD);
	man_line(man, "run.sh", OTHER);
	char *p = craft(man, two, 2, seed1);
	CHECK(check_kind(p, BUNDLE_PACKAGE, &o) != 0);
	CHECK_MSG(strstr(mk_err_msg(), "more than 1"), "%s", mk_err_msg());
	free(p);
	sprintf(man, "mesokiosk-package 1\nversion 5\n");
	man_line(man, "evil.sh", GOOD);
	member one[] = { { "evil.sh", 0, GOOD } };
	p = craft(man, one, 1, seed1);
	CHECK(check_kind(p, BUNDLE_PACKAGE, &o) != 0);
	CHECK_MSG(strstr(mk_err_msg(), "evil.sh: not a package file name"), "%s", mk_err_msg());
	free(p);
	p = mk_asprintf("%s/other.deb", tmp);
	CHECK(mk_write_atomic(p, "x", 1) == 0);
	CHECK(bundle_pack_package(p, out, 6, seed1) != 0);
	CHECK_MSG(strstr(mk_err_msg(), "not a package file name"), "%s", mk_err_msg());
	CHECK(check_kind(out, BUNDLE_PACKAGE, &o) == 0 && o.version == 4); /* out untouched */
	free(p);
	free(deb);
	free(out);
	free(content);
}

int main(void)
{
	snprintf(tmp, sizeof tmp, "%s/bundleXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(tmp) != NULL);
	mkc_random(seed1, 32);
	mkc_random(seed2, 32);
	mkc_random(seed3, 32);
	mkc_sign_public(pk1, seed1);
	mkc_sign_public(pk2, seed2);
	mkc_sign_public(pk3, seed3);
	test_signature();
	test_truncated();
	test_members();
	test_against_manifest();
	test_limits_and_version();
	test_live_folder();
	test_rotation();
	test_round_trip();
	test_pack_refusals();
	test_packages();
	mk_remove_tree(tmp);
	return check_done();
}
