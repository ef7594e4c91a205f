/* SPDX-License-Identifier: MIT */
/*
 * {name} in content text: the clinic's phone numbers and the like, which
 * belong to one kiosk's configuration, not to the content that a clinic
 * network shares. The load replaces them in every text of every language
 * (pages, questionnaire, strings), so drawing never does, and the text-fit
 * check measures the real number.
 *
 * Only the names the kiosk passes (content_limits.vars) are replaced; every
 * other {word} is left for the screens that fill it later ({n}, {code}).
 * A name the configuration lacks reads as the strings.lua text
 * "contact_ask" ("ask at the front desk") rather than a gap, and is a
 * warning, once per name: a kiosk is never refused its content for it, and
 * --check says which setting to add.
 *
 * A phone number (content_var.ltr) in a right-to-left language is put
 * between two left-to-right marks (U+200E): without them the bidi
 * algorithm takes the spaces between its groups of digits as Arabic and
 * lays the groups out right to left, so "+44 20 7946 0000" read
 * "0000 7946 20 +44" on the Arabic red-flag screen. Its spaces become
 * no-break spaces there, so a narrow screen never splits the number.
 */
#include "content_int.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define LRM "\xe2\x80\x8e" /* U+200E LEFT-TO-RIGHT MARK */

#define NBSP "\xc2\xa0" /* U+00A0 NO-BREAK SPACE */

/* val at out[n], cut at the end of out; the new length. */
static size_t put(char *out, size_t n, size_t cap, const char *val)
{
	size_t k = strlen(val);
	if (n + k >= cap - 1)
		k = cap - 1 - n;
	memcpy(out + n, val, k);
	return n + k;
}

/* The same with each space made a no-break space, so a phone number is
 * never wrapped between its groups (a long Arabic line at 160% put
 * "0999" of "+44 20 7946 0999" on a line of its own). */
static size_t put_unbroken(char *out, size_t n, size_t cap, const char *val)
{
	for (; *val && n + 2 < cap - 1; val++)
		if (*val == ' ')
			memcpy(out + n, NBSP, 2), n += 2;
		else
			out[n++] = *val;
	return n;
}

void content_warn(content *c, cloc at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (c->warnings.n >= CONTENT_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	content_problems_add(&c->warnings, at.file ? at.file : c->dir, at.line, "warning: %s", msg);
}

const content_problems *content_warnings(const content *c)
{
	return &c->warnings;
}

static const content_var *find(const content *c, const char *name, size_t n, int *index)
{
	for (int i = 0; i < c->lim.n_vars; i++)
		if (strlen(c->lim.vars[i].name) == n && !memcmp(c->lim.vars[i].name, name, n))
			return *index = i, &c->lim.vars[i];
	return NULL;
}

/* What {var} reads in language lang. */
static const char *value_of(content *c, cloc at, int lang, const content_var *v, int index)
{
	const char *ask = content_string(&c->model, "contact_ask", lang);
	unsigned bit = index < 32 ? 1u << index : 0;
	if (v->value && v->value[0] == '@') {
		const char *s = content_string(&c->model, v->value + 1, lang);
		if (s != v->value + 1)
			return s;
		if (!(c->vars_warned & bit))
			content_warn(c, at, "{%s}: strings.lua has no '%s' text for %s", v->name,
				     v->value + 1, v->setting ? v->setting : v->name);
	} else if (v->value && v->value[0]) {
		return v->value;
	} else if (!(c->vars_warned & bit)) {
		content_warn(c, at, "{%s} is used, but %s is not set: patients read \"%s\" instead",
			     v->name, v->setting ? v->setting : v->name, ask);
	}
	c->vars_warned |= bit;
	return ask;
}

/* The manifest's review fields, which the about page shows as {reviewed_by}. */
static const char *review_var(const content *c, int lang, const char *name, size_t n)
{
	const content_model *m = &c->model;
	if (n == 11 && !memcmp(name, "reviewed_by", 11))
		return m->reviewed_by.s[lang] ? m->reviewed_by.s[lang] : "";
	if (n == 11 && !memcmp(name, "reviewed_on", 11))
		return m->reviewed_on ? m->reviewed_on : "";
	if (n == 11 && !memcmp(name, "next_review", 11))
		return m->next_review ? m->next_review : "";
	return NULL;
}

const char *content_vars_apply(content *c, cloc at, int lang, const char *s)
{
	char out[4096];
	size_t n = 0;
	int changed = 0;
	if (!s || !strchr(s, '{'))
		return s;
	for (const char *p = s; *p;) {
		if (n >= sizeof out - 1) {
			content_warn(c, at, "a text with {names} is too long to fill in; left as written");
			return s;
		}
		const char *end = *p == '{' ? strchr(p + 1, '}') : NULL;
		int index = -1;
		const content_var *v = end ? find(c, p + 1, (size_t)(end - p - 1), &index) : NULL;
		const char *val = end && !v ? review_var(c, lang, p + 1, (size_t)(end - p - 1)) : NULL;
		if (!v && !val) {
			out[n++] = *p++;
			continue;
		}
		if (v)
			val = value_of(c, at, lang, v, index);
		int mark = v && v->ltr && val == v->value && c->model.rtl[lang] && n + 3 < sizeof out - 1;
		if (mark)
			memcpy(out + n, LRM, 3), n += 3;
		n = mark ? put_unbroken(out, n, sizeof out, val) : put(out, n, sizeof out, val);
		if (mark && n + 3 < sizeof out - 1)
			memcpy(out + n, LRM, 3), n += 3;
		p = end + 1;
		changed = 1;
	}
	if (!changed)
		return s;
	out[n] = 0;
	char *r = content_arena_strdup(c, out, n);
	return r ? r : s;
}
