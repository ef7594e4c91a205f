/* SPDX-License-Identifier: MIT */
/*
 * Reading a request and building an answer, for handlers that never see
 * libmicrohttpd. Headers, query arguments and cookies come straight from
 * the connection (already decoded by the library); form fields are decoded
 * here from the body because the dashboard's forms are small and a parser
 * of twenty lines is easier to trust than a streaming post processor.
 * Bodies may hold a password (the sign-in form), so every body is wiped
 * before it is freed.
 */
#include "chttp_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void chttp_body_free(void *p, size_t n)
{
	if (p) {
		explicit_bzero(p, n);
		free(p);
	}
}

const char *creq_method(const creq *r)
{
	return r->method;
}

const char *creq_path(const creq *r)
{
	return r->path;
}

const char *creq_ip(const creq *r)
{
	return r->ip;
}

const char *creq_holder(const creq *r)
{
	return r->holder;
}

const char *creq_header(const creq *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *creq_arg(const creq *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *creq_cookie(const creq *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const uint8_t *creq_body(const creq *r, size_t *n)
{
	static const uint8_t empty[1] = { 0 };
	if (n)
		*n = r->len;
	return r->body ? r->body : empty;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into out (cap bytes with
 * the NUL); the decoded length, or -1 when it does not fit. */
static long url_decode(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			c = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
			i += 2;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = (char)c;
	}
	if (cap)
		out[o] = 0;
	return (long)o;
}

int creq_form(const creq *r, const char *name, char *out, size_t n)
{
	const char *p = (const char *)r->body, *end = p ? p + r->len : NULL;
	const char *type = r->conn ? creq_header(r, "Content-Type") : NULL;
	char key[64];
	if (n)
		out[0] = 0;
	if (type && !strncasecmp(type, "multipart/form-data", 19))
		return chttp_multipart_field(type, r->body, r->len, name, out, n);
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *kend = eq ? eq : stop;
		if (url_decode(p, (size_t)(kend - p), key, sizeof key) >= 0 && !strcmp(key, name)) {
			const char *v = eq ? eq + 1 : stop;
			if (url_decode(v, (size_t)(stop - v), out, n) < 0) {
				if (n)
					explicit_bzero(out, n);
				return mk_err(MK_EINVAL, "form field %s is too long", name);
			}
			return 0;
		}
		p = stop + 1;
	}
	return MK_ENOTFOUND;
}

int cresp_text(cresp *w, int status, const char *type, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	uint8_t *copy = malloc(n + 1);
	if (!copy)
		return mk_err(MK_ENOMEM, "out of memory for an answer");
	memcpy(copy, text ? text : "", n + 1);
	cresp_take(w, status, type, copy, n);
	return 0;
}

void cresp_take(cresp *w, int status, const char *type, uint8_t *body, size_t len)
{
	if (w->body)
		chttp_body_free(w->body, w->len);
	w->status = status;
	w->type = type;
	w->body = body;
	w->len = len;
}

int cresp_header(cresp *w, const char *name, const char *value)
{
	if (w->n_headers >= (int)(sizeof w->headers / sizeof w->headers[0]))
		return mk_err(MK_ELIMIT, "too many headers in one answer");
	if (strlen(name) >= sizeof w->headers[0][0] || strlen(value) >= sizeof w->headers[0][1])
		return mk_err(MK_EINVAL, "header %s is too long", name);
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
		return mk_err(MK_EINVAL, "header %s has a line break", name);
	strcpy(w->headers[w->n_headers][0], name);
	strcpy(w->headers[w->n_headers][1], value);
	w->n_headers++;
	return 0;
}

int cresp_stream(cresp *w, const char *first)
{
	int rc = cresp_text(w, 200, "text/event-stream; charset=utf-8", first ? first : "");
	if (rc == 0) {
		w->stream = 1;
		rc = cresp_header(w, "X-Accel-Buffering", "no"); /* a proxy must not hold events */
	}
	return rc;
}
