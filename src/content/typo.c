/* SPDX-License-Identifier: MIT */
/*
 * French typography, checked in every French text of the content, so a
 * clinical review's fixes stay fixed when staff edit a page: a no-break
 * space (narrow U+202F or normal U+00A0) before ? ! ; and a colon that ends
 * a phrase, inside « », and one apostrophe, the typographic ’. A colon in
 * 9:00 or https:// is not punctuation and is left alone. A mistake is a
 * problem at the text's file:line with the words around it, like any other
 * content mistake: --check prints it and a live kiosk keeps the last good
 * content.
 */
#include "content_int.h"
#include <stdio.h>
#include <string.h>

#define NBSP "\xc2\xa0"       /* U+00A0 */
#define NNBSP "\xe2\x80\xaf"  /* U+202F */

/* 1 when the bytes ending just before p are a no-break space. */
static int nbsp_before(const char *s, const char *p)
{
	return (p - s >= 2 && !memcmp(p - 2, NBSP, 2)) || (p - s >= 3 && !memcmp(p - 3, NNBSP, 3));
}

static int nbsp_at(const char *p)
{
	return !strncmp(p, NBSP, 2) || !strncmp(p, NNBSP, 3);
}

/* The words around p, for the message. */
static void around(const char *s, const char *p, char *out, size_t n)
{
	const char *a = p - s > 24 ? p - 24 : s;
	while (a > s && (*a & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
		a--;
	snprintf(out, n, "%.40s", a);
	for (size_t i = strlen(out); i > 0 && (out[i - 1] & 0xC0) == 0x80; i--)
		out[i - 1] = 0; /* nor cut one at the end */
	for (size_t i = strlen(out); i > 0 && (out[i - 1] & 0xE0) == 0xC0; i--)
		out[i - 1] = 0;
}

void content_check_french(content *c, cloc at, const char *what, const char *s)
{
	char ctx[64];
	for (const char *p = s; p && *p; p++) {
		const char *why = NULL;
		if (*p == '\'') {
			why = "use the French apostrophe \xe2\x80\x99, not '";
		} else if (*p == '?' || *p == '!' || *p == ';' ||
			   (*p == ':' && (p[1] == ' ' || !p[1] || p[1] == '\n'))) {
			int after_mark = p > s && strchr("?!", p[-1]);
			if (p > s && !after_mark && !nbsp_before(s, p))
				why = p[-1] == ' ' ? "the space before this mark must be a no-break space "
						     "(U+202F or U+00A0)"
						   : "put a no-break space (U+202F or U+00A0) before ? ! ; and :";
		} else if (!strncmp(p, "\xc2\xab", 2) && !nbsp_at(p + 2)) {
			why = "put a no-break space after \xc2\xab";
		} else if (!strncmp(p, "\xc2\xbb", 2) && !nbsp_before(s, p)) {
			why = "put a no-break space before \xc2\xbb";
		}
		if (!why)
			continue;
		around(s, p, ctx, sizeof ctx);
		content_report(c, at, "French typography in %s: %s (\"%s\")", what, why, ctx);
		return; /* one per text: the fix is the same everywhere in it */
	}
}
