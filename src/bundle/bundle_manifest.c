/* SPDX-License-Identifier: MIT */
/*
 * The manifest: parsed strictly, because it is what the signature covers
 * and everything else is checked against it. One mistake refuses the whole
 * bundle, with the line it is on.
 */
#include "bundle_int.h"
#include "core.h"
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

static int bad(unsigned line, const char *what)
{
	return mk_err(MK_EINVAL, "MANIFEST:%u: %s", line, what);
}

static int is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int add_entry(bundle_manifest *m, char *line, unsigned ln, const bundle_limits *lim)
{
	unsigned long long size;
	int used = 0;
	if (sscanf(line, "file %llu %n", &size, &used) != 1 || !used || strlen(line + used) < 66 ||
	    !is_hex64(line + used) || line[used + 64] != ' ')
		return bad(ln, "expected \"file SIZE SHA256 PATH\"");
	const char *path = line + used + 65, *why = bundle_path_problem(path);
	if (why)
		return mk_err(MK_EINVAL, "MANIFEST:%u: %s: %s", ln, path, why);
	if (strlen(path) > BUNDLE_PATH_MAX || !strcmp(path, BUNDLE_MANIFEST) ||
	    !strcmp(path, BUNDLE_SIGNATURE) || bundle_manifest_find(m, path))
		return mk_err(MK_EINVAL, "MANIFEST:%u: %s: a name listed twice or reserved", ln, path);
	if (m->n >= lim->max_files)
		return mk_err(MK_ELIMIT, "more than %u files (the content limit)", lim->max_files);
	if (size > lim->max_file_bytes)
		return mk_err(MK_ELIMIT, "%s: %llu bytes, more than the limit of %llu for one file", path,
			      size, (unsigned long long)lim->max_file_bytes);
	m->bytes += size;
	if (m->bytes > lim->max_bytes)
		return mk_err(MK_ELIMIT, "more than %llu bytes in all (the content limit)",
			      (unsigned long long)lim->max_bytes);
	bundle_entry *e = realloc(m->e, (m->n + 1) * sizeof *e);
	if (!e)
		return MK_ENOMEM;
	m->e = e;
	e[m->n] = (bundle_entry){ .path = mk_strdup(path), .size = size };
	memcpy(e[m->n].sha, line + used, 64);
	e[m->n].sha[64] = 0;
	return e[m->n++].path ? 0 : MK_ENOMEM;
}

static int parse_line(bundle_manifest *m, char *line, unsigned ln, const bundle_limits *lim)
{
	int fmt = 0, used = 0;
	if (ln == 1) {
		if (sscanf(line, BUNDLE_PACKAGE_MAGIC " %d%n", &fmt, &used) == 1 && !line[used])
			m->kind = BUNDLE_PACKAGE;
		else if (sscanf(line, BUNDLE_MAGIC " %d%n", &fmt, &used) == 1 && !line[used])
			m->kind = BUNDLE_CONTENT;
		else
			return bad(ln, "not a Mesokiosk bundle manifest");
		if (fmt != BUNDLE_FORMAT)
			return mk_err(MK_EINVAL, "bundle format %d; this kiosk reads format %d", fmt,
				      BUNDLE_FORMAT);
		return 0;
	}
	if (ln == 2) {
		if (sscanf(line, "version %lld%n", &m->version, &used) != 1 || line[used] ||
		    m->version < 0)
			return bad(ln, "expected \"version N\"");
		return 0;
	}
	return add_entry(m, line, ln, lim);
}

int bundle_manifest_parse(bundle_manifest *m, const char *text, size_t len,
			  const bundle_limits *lim)
{
	memset(m, 0, sizeof *m);
	m->kind = -1;
	if (memchr(text, 0, len) || !mk_utf8_valid(text, len))
		return bad(1, "not text");
	char *copy = mk_strdup(text), *line = copy;
	int rc = copy ? 0 : MK_ENOMEM;
	unsigned ln = 0;
	while (rc == 0 && line && *line) {
		char *nl = strchr(line, '\n');
		if (!nl) {
			rc = bad(ln + 1, "the last line has no newline");
			break;
		}
		*nl = 0;
		rc = parse_line(m, line, ++ln, lim);
		line = nl + 1;
	}
	if (rc == 0 && ln < 2)
		rc = bad(ln + 1, "the manifest ends before its version");
	free(copy);
	return rc;
}

void bundle_manifest_free(bundle_manifest *m)
{
	for (unsigned i = 0; i < m->n; i++)
		free(m->e[i].path);
	free(m->e);
	memset(m, 0, sizeof *m);
}

bundle_entry *bundle_manifest_find(bundle_manifest *m, const char *path)
{
	for (unsigned i = 0; i < m->n; i++)
		if (!strcmp(m->e[i].path, path))
			return &m->e[i];
	return NULL;
}

const char *bundle_package_name_problem(const char *name)
{
	size_t n = strlen(name);
	if (strncmp(name, "mesokiosk_", 10) || n < 16 || strcmp(name + n - 4, ".deb"))
		return "not a package file name (mesokiosk_VERSION_ARCH.deb)";
	for (const char *c = name; *c; c++)
		if (!(isalnum((unsigned char)*c) || strchr("._+~-", *c)))
			return "a package file name holds only letters, digits and . _ + ~ -";
	return NULL;
}
