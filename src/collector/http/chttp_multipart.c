/* SPDX-License-Identifier: MIT */
/*
 * multipart/form-data (RFC 7578), as browsers send a form with a file
 * input: the dashboard's content upload, one signed bundle or a folder's
 * files. The whole body is already in memory (chttp reads it under the
 * admission's limit), so this is a walk over bytes, not a stream, and it
 * is strict on purpose: anything a browser would not send is refused
 * with a message rather than guessed at.
 *
 *   - the boundary comes from the Content-Type (1-70 characters of the
 *     RFC's set, quoted or not);
 *   - the body starts with the first delimiter (no preamble) and ends with
 *     the closing one, then at most a CRLF;
 *   - each part has at most CHTTP_PART_HEADERS header lines, each under
 *     CHTTP_PART_LINE bytes, among which exactly one Content-Disposition:
 *     form-data with a name and maybe a filename (quoted, no control
 *     bytes; browsers percent-encode quotes and line breaks), and maybe
 *     a Content-Type; any other header is refused;
 *   - at most CHTTP_MAX_PARTS parts.
 *
 * A part's data points into the body: nothing is copied, so a bundle of
 * many megabytes costs no second copy.
 */
#include "chttp.h"
#include "core.h"
#include <string.h>
#include <strings.h>

#define CHTTP_PART_HEADERS 8
#define CHTTP_PART_LINE 1024

/* The RFC 2046 bchars, without the space (which may not end a boundary
 * and no browser puts in one). */
static int bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       strchr("'()+_,-./:=?", c) != NULL;
}

int chttp_multipart_boundary(const char *content_type, char out[CHTTP_BOUNDARY_MAX + 1])
{
	const char *p;
	size_t n = 0;
	int quoted;
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return mk_err(MK_EINVAL, "not a multipart/form-data body");
	p = strcasestr(content_type + 19, "boundary=");
	if (!p)
		return mk_err(MK_EINVAL, "the multipart body has no boundary");
	p += 9;
	quoted = *p == '"';
	p += quoted;
	while (p[n] && bchar((unsigned char)p[n]) && n <= CHTTP_BOUNDARY_MAX)
		n++;
	if (n == 0 || n > CHTTP_BOUNDARY_MAX || (quoted && p[n] != '"') ||
	    (!quoted && p[n] && p[n] != ';'))
		return mk_err(MK_EINVAL, "the multipart boundary is malformed");
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* The first occurrence of needle (k bytes) in hay[0..n), or NULL. */
static const uint8_t *find(const uint8_t *hay, size_t n, const char *needle, size_t k)
{
	return k <= n ? memmem(hay, n, needle, k) : NULL;
}

/* A quoted parameter of the Content-Disposition line: name="..." into out.
 * 1 found, 0 absent, -1 malformed. Matches the whole parameter name, so
 * "name" is not found inside "filename". */
static int param(const char *line, const char *key, char *out, size_t cap)
{
	size_t k = strlen(key), i = 0;
	for (const char *p = line; (p = strstr(p, key)) != NULL; p += k) {
		if (p == line || (p[-1] != ' ' && p[-1] != ';') || p[k] != '=')
			continue;
		p += k + 1;
		if (*p != '"')
			return -1;
		for (p++; *p && *p != '"'; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f || i + 1 >= cap)
				return -1;
			out[i++] = *p;
		}
		out[i] = '\0';
		return *p == '"' ? 1 : -1;
	}
	return 0;
}

static int disposition(const char *v, chttp_part *part)
{
	int rn, rf;
	if (strncasecmp(v, "form-data", 9) != 0 || (v[9] != ';' && v[9] != '\0'))
		return mk_err(MK_EINVAL, "a multipart part is not form-data");
	rn = param(v + 9, "name", part->name, sizeof part->name);
	rf = param(v + 9, "filename", part->filename, sizeof part->filename);
	if (rn != 1 || !part->name[0])
		return mk_err(MK_EINVAL, "a multipart part has no usable name");
	if (rf < 0)
		return mk_err(MK_EINVAL, "a multipart part's file name is malformed or too long");
	part->is_file = rf == 1;
	return 0;
}

/* One header line (without its CRLF) into part; seen counts dispositions. */
static int header_line(const char *line, chttp_part *part, int *seen)
{
	const char *colon = strchr(line, ':'), *v;
	if (!colon)
		return mk_err(MK_EINVAL, "a multipart header line has no colon");
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	if ((size_t)(colon - line) == 19 && !strncasecmp(line, "Content-Disposition", 19)) {
		if ((*seen)++)
			return mk_err(MK_EINVAL, "a multipart part has two Content-Disposition lines");
		return disposition(v, part);
	}
	if ((size_t)(colon - line) == 12 && !strncasecmp(line, "Content-Type", 12)) {
		if (strlen(v) >= sizeof part->type)
			return mk_err(MK_EINVAL, "a multipart part's Content-Type is too long");
		strcpy(part->type, v);
		return 0;
	}
	return mk_err(MK_EINVAL, "a multipart part has a header this server does not take");
}

/* The headers of the part at p (up to end); *after is where its data starts. */
static int part_headers(const uint8_t *p, const uint8_t *end, chttp_part *part,
			const uint8_t **after)
{
	char line[CHTTP_PART_LINE];
	int seen = 0, lines = 0;
	for (;;) {
		const uint8_t *eol = find(p, (size_t)(end - p), "\r\n", 2);
		size_t len;
		if (!eol)
			return mk_err(MK_EINVAL, "a multipart part's headers are cut short");
		len = (size_t)(eol - p);
		if (len == 0)
			break;
		if (len >= sizeof line || ++lines > CHTTP_PART_HEADERS || memchr(p, 0, len))
			return mk_err(MK_EINVAL, "a multipart part's headers are too long or too many");
		memcpy(line, p, len);
		line[len] = '\0';
		if (header_line(line, part, &seen) < 0)
			return MK_EINVAL;
		p = eol + 2;
	}
	if (!seen)
		return mk_err(MK_EINVAL, "a multipart part has no Content-Disposition");
	*after = p + 2;
	return 0;
}

int chttp_multipart(const char *content_type, const uint8_t *body, size_t n,
		    chttp_part_fn fn, void *ctx)
{
	char bnd[CHTTP_BOUNDARY_MAX + 1], delim[CHTTP_BOUNDARY_MAX + 5];
	const uint8_t *p, *end;
	size_t dl;
	int parts = 0, rc;
	if ((rc = chttp_multipart_boundary(content_type, bnd)) < 0)
		return rc;
	if (!body || !n) /* a POST without a body is handed over as NULL, 0 */
		return mk_err(MK_EINVAL, "the multipart body is empty");
	p = body, end = body + n;
	dl = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", bnd);
	/* The first delimiter has no CRLF before it. */
	if (n < dl - 2 || memcmp(p, delim + 2, dl - 2) != 0)
		return mk_err(MK_EINVAL, "the multipart body does not start with its boundary");
	p += dl - 2;
	for (;;) {
		chttp_part part;
		const uint8_t *data, *next;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			p += 2;
			if (p == end || (end - p == 2 && p[0] == '\r' && p[1] == '\n'))
				return 0;
			return mk_err(MK_EINVAL, "the multipart body goes on after its end");
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return mk_err(MK_EINVAL, "a multipart boundary is not followed by a line break");
		if (++parts > CHTTP_MAX_PARTS)
			return mk_err(MK_ELIMIT, "the form has more than %d parts", CHTTP_MAX_PARTS);
		memset(&part, 0, sizeof part);
		if (part_headers(p + 2, end, &part, &data) < 0)
			return MK_EINVAL;
		next = find(data, (size_t)(end - data), delim, dl);
		if (!next)
			return mk_err(MK_EINVAL, "a multipart part is cut short (no closing boundary)");
		part.data = data;
		part.n = (size_t)(next - data);
		if ((rc = fn(ctx, &part)) != 0)
			return rc;
		p = next + dl;
	}
}

typedef struct {
	const char *name;
	char *out;
	size_t cap;
	int rc;
} field_find;

static int field_cb(void *ctx, const chttp_part *part)
{
	field_find *f = ctx;
	if (part->is_file || strcmp(part->name, f->name) != 0)
		return 0;
	if (part->n + 1 > f->cap || memchr(part->data, 0, part->n)) {
		f->rc = mk_err(MK_EINVAL, "form field %s is too long", f->name);
		return 1;
	}
	memcpy(f->out, part->data, part->n);
	f->out[part->n] = '\0';
	f->rc = 0;
	return 1;
}

int chttp_multipart_field(const char *content_type, const uint8_t *body, size_t n,
			  const char *name, char *out, size_t cap)
{
	field_find f = { name, out, cap, MK_ENOTFOUND };
	int rc;
	if (cap)
		out[0] = '\0';
	rc = chttp_multipart(content_type, body, n, field_cb, &f);
	if (rc < 0)
		return rc;
	return f.rc;
}
