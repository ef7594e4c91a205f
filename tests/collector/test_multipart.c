/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's multipart/form-data reader (chttp_multipart.c), on
 * bodies as Chromium and Firefox send them for the Content page's upload:
 * a signed bundle with the form's token, a folder's files with their
 * relative paths, and the bodies a careless or hostile client might send
 * instead (no boundary, a preamble, a part cut short, a header no browser
 * sends, a name hidden in "filename", too many parts), each refused with
 * a message that says what was wrong.
 */
#include "../check.h"
#include "chttp.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define CT "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"
#define B "------WebKitFormBoundary7MA4YWxk"

typedef struct {
	chttp_part p[8];
	int n;
} got;

static int collect(void *ctx, const chttp_part *part)
{
	got *g = ctx;
	if (g->n < 8)
		g->p[g->n] = *part;
	g->n++;
	return 0;
}

static int walk(const char *type, const char *body, size_t n, got *g)
{
	memset(g, 0, sizeof *g);
	return chttp_multipart(type, (const uint8_t *)body, n, collect, g);
}

static int refused(const char *type, const char *body, const char *words)
{
	got g;
	int rc = walk(type, body, strlen(body), &g);
	if (rc == 0)
		return 0;
	if (words && !strstr(mk_err_msg(), words)) {
		fprintf(stderr, "message '%s' lacks '%s'\n", mk_err_msg(), words);
		return 0;
	}
	return 1;
}

static void test_bundle_upload(void)
{
	/* The bytes of a bundle may hold CR, LF, NUL and dashes. */
	static const char body[] =
		B "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
		"abc123\r\n"
		B "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
		"New aftercare page\r\n"
		B "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"guide.mkb\""
		"\r\nContent-Type: application/octet-stream\r\n\r\n"
		"ustar\0\r\n--not-the-boundary\r\n\0end\r\n"
		B "--\r\n";
	got g;
	char v[16];
	CHECK(walk(CT, body, sizeof body - 1, &g) == 0 && g.n == 3);
	CHECK(!strcmp(g.p[0].name, "csrf") && !g.p[0].is_file && g.p[0].n == 6 &&
	      !memcmp(g.p[0].data, "abc123", 6));
	CHECK(!strcmp(g.p[2].name, "bundle") && g.p[2].is_file &&
	      !strcmp(g.p[2].filename, "guide.mkb") &&
	      !strcmp(g.p[2].type, "application/octet-stream"));
	CHECK(g.p[2].n == 32 && !memcmp(g.p[2].data + 29, "end", 3));
	CHECK(chttp_multipart_field(CT, (const uint8_t *)body, sizeof body - 1, "note", v,
				    sizeof v) == MK_EINVAL);
	CHECK(chttp_multipart_field(CT, (const uint8_t *)body, sizeof body - 1, "csrf", v,
				    sizeof v) == 0 && !strcmp(v, "abc123"));
	/* A file input is not a plain field of the same name. */
	CHECK(chttp_multipart_field(CT, (const uint8_t *)body, sizeof body - 1, "bundle", v,
				    sizeof v) == MK_ENOTFOUND);
}

static void test_folder_upload(void)
{
	static const char body[] =
		"--xyz\r\nContent-Disposition: form-data; name=\"files\"; "
		"filename=\"guide/pages/10-what.lua\"\r\nContent-Type: text/x-lua\r\n\r\n"
		"return { id = \"what\" }\n\r\n"
		"--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n\r\n\r\n"
		"--xyz--";
	got g;
	CHECK(walk("multipart/form-data; boundary=\"xyz\"", body, sizeof body - 1, &g) == 0);
	CHECK(g.n == 2 && !strcmp(g.p[0].filename, "guide/pages/10-what.lua"));
	CHECK(g.p[0].n == strlen("return { id = \"what\" }\n"));
	/* An empty file input still says it is a file, with no name and no bytes. */
	CHECK(g.p[1].is_file && g.p[1].filename[0] == '\0' && g.p[1].n == 0);
}

static void test_refusals(void)
{
	char *many;
	size_t at = 0;
	CHECK(refused("application/x-www-form-urlencoded", "a=b", "not a multipart"));
	CHECK(refused("multipart/form-data", "--x\r\n", "no boundary"));
	CHECK(refused("multipart/form-data; boundary=", "--\r\n", "malformed"));
	/* A POST with no body at all (the server hands it over as NULL, 0):
	 * refused, not arithmetic on a null pointer (found by fuzz_http). */
	got g0;
	memset(&g0, 0, sizeof g0);
	CHECK(chttp_multipart("multipart/form-data; boundary=x", NULL, 0, collect, &g0) == MK_EINVAL &&
	      strstr(mk_err_msg(), "empty") && g0.n == 0);
	CHECK(refused("multipart/form-data; boundary=a b", "--a b\r\n", "malformed"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "hello\r\n--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x--",
		      "does not start"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv", "cut short"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n", "cut short"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Evil: 1\r\n\r\nv\r\n--x--",
		      "header"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--x--",
		      "not form-data"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--x--",
		      "no usable name"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; name=\"a\"; filename=\"b\r\n\r\nv\r\n--x--",
		      "file name"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Type: text/plain\r\n\r\nv\r\n--x--", "no Content-Disposition"));
	CHECK(refused("multipart/form-data; boundary=x",
		      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x--junk",
		      "after its end"));
	/* One part over the limit. */
	many = malloc((CHTTP_MAX_PARTS + 1) * 64 + 16);
	for (int i = 0; i <= CHTTP_MAX_PARTS; i++)
		at += (size_t)sprintf(many + at,
				      "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n\r\n");
	strcpy(many + at, "--x--");
	CHECK(refused("multipart/form-data; boundary=x", many, "more than"));
	free(many);
}

int main(void)
{
	test_bundle_upload();
	test_folder_upload();
	test_refusals();
	return check_done();
}
