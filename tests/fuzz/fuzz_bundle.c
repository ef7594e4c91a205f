/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `bundle`: the input is a content bundle, as a publisher (or
 * anyone who can put a file in a kiosk's way) could make it, taken through
 * bundle_check with unpacking into a new folder. So that mutations get
 * past the signature and into the members and the unpacking, the SIGNATURE
 * member (when there is one of at least 128 bytes) is overwritten with the
 * right signature of whatever the first member holds, made with the key
 * the target trusts; each input also goes once as it is.
 *
 * Besides crashes: a refused bundle leaves nothing in the scratch folder;
 * an accepted one leaves exactly the folder asked for, holding only
 * regular files and folders, as many files as the check counted, inside it.
 */
#include "fuzz.h"
#include "bundle_int.h"
#include "crypto.h"
#include <dirent.h>

static uint8_t seed[32], pk[32];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	memset(seed, 7, sizeof seed);
	mkc_sign_public(pk, seed);
	return 0;
}

/* Signs the first member's bytes into the SIGNATURE member, in place. */
static void resign(uint8_t *b, size_t n)
{
	size_t at = 0, man_at = 0, man_len = 0;
	for (int i = 0; at + TAR_BLOCK <= n; i++) {
		tar_member m;
		if (tar_header_read(b + at, &m) != 0 || m.size > n)
			return;
		size_t data = at + TAR_BLOCK;
		if (i == 0)
			man_at = data, man_len = (size_t)m.size;
		if (i > 0 && !strcmp(m.path, BUNDLE_SIGNATURE) && m.size >= 128 && data + 128 <= n &&
		    man_at + man_len <= n) {
			uint8_t sig[64];
			char hex[129];
			mkc_sign(sig, b + man_at, man_len, seed);
			mkc_hex(hex, sig, 64);
			memcpy(b + data, hex, 128);
			return;
		}
		at = data + (size_t)((m.size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK);
	}
}

static unsigned count_files(const char *dir, int *odd)
{
	DIR *d = opendir(dir);
	unsigned n = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = mk_path_join(dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			n += count_files(p, odd);
		else if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			n++;
		else
			*odd = 1;
		free(p);
	}
	if (d)
		closedir(d);
	return n;
}

static void one(const uint8_t *data, size_t size)
{
	char *path = fuzz_path("in.mkb"), *into = fuzz_path("new");
	const uint8_t (*keys)[32] = (const uint8_t (*)[32])pk;
	bundle_check_opts o = { .keys = keys, .n_keys = 1, .shown = -1, .into = into };
	fuzz_write(path, data, size);
	int rc = bundle_check(path, &o), odd = 0;
	unlink(path);
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "bundle: %s\n", rc ? mk_err_msg() : "accepted");
	unsigned files = count_files(fuzz_dir(), &odd);
	if (rc == 0) {
		FUZZ_CHECK(!odd && files == o.n_files, "accepted: %u files, %u counted, odd %d",
			   files, o.n_files, odd);
		mk_remove_tree(into);
	}
	FUZZ_CHECK(count_files(fuzz_dir(), &odd) == 0 && !odd, "left behind after rc %d: %s", rc,
		   rc ? mk_err_msg() : "");
	free(path);
	free(into);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	one(data, size);
	resign(copy, size);
	one(copy, size);
	free(copy);
	return 0;
}
