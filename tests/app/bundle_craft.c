/* SPDX-License-Identifier: MIT */
/*
 * bundle_craft KEY OUT VERSION outside|link: a bundle that `mesokiosk
 * bundle` would never pack, signed with a real publisher's key, so the
 * kiosk's tests can offer it and see it refused for what it holds rather
 * than for its signature: a file listed and stored as "../evil.lua"
 * (outside the folder), or a link. tests/bundle crafts every other case.
 */
#include "bundle_int.h"
#include "core.h"
#include "crypto.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(FILE *f, const char *name, char type, const char *data)
{
	size_t n = strlen(data);
	tar_header_write(f, name, type, n);
	fwrite(data, 1, n, f);
	tar_pad_write(f, n);
}

int main(int argc, char **argv)
{
	uint8_t seed[32], sig[64];
	char man[1024], sha[65], hex[130];
	const char *data = "return {}\n";
	if (argc != 5 || (strcmp(argv[4], "outside") && strcmp(argv[4], "link")))
		return fputs("usage: bundle_craft KEY OUT VERSION outside|link\n", stderr), 2;
	if (mkc_key_read_secret(argv[1], seed) != 0)
		return fprintf(stderr, "bundle_craft: %s\n", mk_err_msg()), 1;
	int outside = !strcmp(argv[4], "outside");
	const char *name = outside ? "../evil.lua" : "pages/link.lua";
	mkc_sha256_hex(data, strlen(data), sha);
	snprintf(man, sizeof man, "mesokiosk-bundle 1\nversion %s\nfile %zu %s %s\n", argv[3],
		 strlen(data), sha, name);
	FILE *f = fopen(argv[2], "wb");
	if (!f)
		return perror(argv[2]), 1;
	put(f, BUNDLE_MANIFEST, '0', man);
	put(f, name, outside ? '0' : '2', outside ? data : "");
	mkc_sign(sig, man, strlen(man), seed);
	mkc_hex(hex, sig, sizeof sig);
	strcat(hex, "\n");
	put(f, BUNDLE_SIGNATURE, '0', hex);
	tar_end_write(f);
	return fclose(f) == 0 ? 0 : 1;
}
