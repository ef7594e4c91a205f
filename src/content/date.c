/* SPDX-License-Identifier: MIT */
/*
 * content_date: a calendar date written the way a language writes it,
 * "6 December 2026", "6 décembre 2026", "6 ديسمبر 2026", or briefly where
 * room is short ("6 Dec 2026", "6 déc. 2026"), from the content's own
 * strings (month_1 .. month_12, month_short_1 .. month_short_12,
 * date_format, date_day_one) so staff can
 * change a month's name or the order like any other word on the kiosk.
 * Every date a patient or staff member reads goes through here, never
 * through strftime, whose month names follow the machine's locale, not the
 * language on screen.
 *
 * Digits are the ones the content writes its numbers with ("8 من 8 أحرف"):
 * Western digits in every language. Content without the month names gets
 * the date as digits, day first (06/12/2026), as before.
 */
#include "content.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

/* Appends s to out (of n) at *o, cut short at a character boundary. */
static void put(char *out, size_t n, size_t *o, const char *s, size_t len)
{
	if (*o + len >= n) {
		len = n - 1 - *o;
		while (len && (s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = 0;
}

/* A string of the content, or NULL when it has none by that key. */
static const char *word(const content_model *m, const char *key, int lang)
{
	const char *s = content_string(m, key, lang);
	return strcmp(s, key) ? s : NULL;
}

int content_date(const content_model *m, int lang, int year, int month, int day, int brief,
		 char *out, size_t n)
{
	char key[24], d[16], y[16];
	const char *fmt = word(m, "date_format", lang), *mon = NULL, *one;
	size_t o = 0;
	if (!out || !n)
		return MK_EINVAL;
	out[0] = 0;
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return mk_err(MK_EINVAL, "no such date: %d-%d-%d", year, month, day);
	if (brief) {
		snprintf(key, sizeof key, "month_short_%d", month);
		mon = word(m, key, lang);
	}
	snprintf(key, sizeof key, "month_%d", month);
	if (!mon)
		mon = word(m, key, lang);
	if (!fmt || !mon) {
		snprintf(out, n, "%02d/%02d/%04d", day, month, year);
		return 0;
	}
	one = word(m, "date_day_one", lang);
	snprintf(d, sizeof d, "%d", day);
	snprintf(y, sizeof y, "%d", year);
	for (const char *p = fmt; *p;) {
		const char *val = NULL;
		size_t skip = 0;
		if (!strncmp(p, "{day}", 5))
			val = day == 1 && one ? one : d, skip = 5;
		else if (!strncmp(p, "{month}", 7))
			val = mon, skip = 7;
		else if (!strncmp(p, "{year}", 6))
			val = y, skip = 6;
		if (val) {
			put(out, n, &o, val, strlen(val));
			p += skip;
		} else {
			put(out, n, &o, p, 1);
			p++;
		}
	}
	return 0;
}
