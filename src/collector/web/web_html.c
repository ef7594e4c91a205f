/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's HTML builder: a growing buffer that wipes every copy it
 * leaves behind (pages carry symptoms and notes), one escaping function
 * for text and attribute values, one for URL components, and the frame of
 * every page (head, stylesheet link, top navigation).
 *
 * There is deliberately no way to put a string into a page unescaped
 * except wb_raw, which only ever receives this program's own literals.
 */
#include "web.h"
#include "core.h"
#include "crypto.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int wb_grow(wbuf *b, size_t more)
{
	size_t cap;
	char *s;
	if (b->failed)
		return -1;
	if (b->n + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more + 1)
		cap *= 2;
	/* Not realloc: the old block is wiped before it is given back. */
	s = malloc(cap);
	if (!s) {
		b->failed = 1;
		return -1;
	}
	if (b->s) {
		memcpy(s, b->s, b->n);
		mkc_wipe(b->s, b->cap);
		free(b->s);
	}
	b->s = s;
	b->cap = cap;
	b->s[b->n] = '\0';
	return 0;
}

void wb_bytes(wbuf *b, const void *p, size_t n)
{
	if (wb_grow(b, n) < 0)
		return;
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void wb_raw(wbuf *b, const char *s)
{
	wb_bytes(b, s, strlen(s));
}

void wb_fmt(wbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int k;
	va_start(ap, fmt);
	k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof tmp) {
		b->failed = 1; /* formats are short and never carry text */
		return;
	}
	wb_bytes(b, tmp, (size_t)k);
}

/* The one escaping function: & < > " ' become entities, control bytes other
 * than tab and newline are dropped, and so is invalid UTF-8 (a broken
 * sequence cannot swallow the quote after it). Safe in text and in quoted
 * attribute values. */
void wb_escn(wbuf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t cp;
		size_t k;
		if (ch < 0x80) {
			switch (ch) {
			case '&': wb_raw(b, "&amp;"); break;
			case '<': wb_raw(b, "&lt;"); break;
			case '>': wb_raw(b, "&gt;"); break;
			case '"': wb_raw(b, "&quot;"); break;
			case '\'': wb_raw(b, "&#39;"); break;
			default:
				if (ch >= 0x20 || ch == '\t' || ch == '\n')
					wb_bytes(b, &s[i], 1);
			}
			i++;
			continue;
		}
		k = mk_utf8_next(s + i, n - i, &cp);
		if (k == 0) {
			wb_raw(b, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
		} else {
			wb_bytes(b, s + i, k);
			i += k;
		}
	}
}

void wb_esc(wbuf *b, const char *s)
{
	if (s)
		wb_escn(b, s, strlen(s));
}

void wb_url(wbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
			wb_bytes(b, s, 1);
		} else {
			char e[3] = { '%', hex[ch >> 4], hex[ch & 15] };
			wb_bytes(b, e, 3);
		}
	}
}

void wb_free(wbuf *b)
{
	if (b->s) {
		mkc_wipe(b->s, b->cap);
		free(b->s);
	}
	memset(b, 0, sizeof *b);
}

static ssize_t wb_file_write(void *cookie, const char *p, size_t n)
{
	wbuf *b = cookie;
	wb_bytes(b, p, n);
	return b->failed ? -1 : (ssize_t)n;
}

FILE *wb_file(wbuf *b)
{
	cookie_io_functions_t io = { .write = wb_file_write };
	return fopencookie(b, "w", io);
}

/* ---- The frame of every page */

static const struct {
	const char *id, *href, *label;
} nav[] = {
	{ "alerts", "/alerts", "Alerts" },
	{ "patients", "/patients", "Patients" },
	{ "kiosks", "/kiosks", "Kiosks" },
	{ "content", "/content", "Content" },
	{ "export", "/export", "Export" },
	{ "audit", "/audit", "Audit" },
};

void web_csrf_field(wbuf *b, const web_ctx *x)
{
	wb_raw(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	wb_esc(b, x->csrf);
	wb_raw(b, "\">");
}

void web_page_begin(wbuf *b, const web_ctx *x, const char *title, const char *active)
{
	wb_raw(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		  "<title>");
	wb_esc(b, title);
	wb_raw(b, " · Mesokiosk</title>");
	/* A meta refresh, not a script: the dashboard's CSP allows none. It
	 * names the page's path: Chromium does not reload a page whose address
	 * has a fragment (/content#screenshots) for a refresh without one. */
	if (x->refresh > 0) {
		wb_fmt(b, "<meta http-equiv=\"refresh\" content=\"%d; url=", x->refresh);
		wb_esc(b, x->r ? creq_path(x->r) : "/");
		wb_raw(b, "\">");
	}
	wb_raw(b, "<link rel=\"stylesheet\" href=\"/style.css\">"
		  "<link rel=\"icon\" href=\"data:,\">"
		  "</head><body>\n<header class=\"top\"><span class=\"brand\">Mesokiosk</span>");
	if (x->user[0]) {
		wb_raw(b, "<nav aria-label=\"Main\">");
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			int on = active && strcmp(active, nav[i].id) == 0;
			wb_fmt(b, "<a href=\"%s\"%s>%s</a>", nav[i].href,
			       on ? " aria-current=\"page\"" : "", nav[i].label);
		}
		wb_raw(b, "</nav><form class=\"signout\" method=\"post\" action=\"/signout\">");
		web_csrf_field(b, x);
		wb_raw(b, "<button type=\"submit\">Sign out ");
		wb_esc(b, x->user);
		wb_raw(b, "</button></form>");
	}
	wb_raw(b, "</header>\n<main>\n<h1>");
	wb_esc(b, title);
	wb_raw(b, "</h1>\n");
}

/* The clinic's time zone (serve --time-zone): "" until set, and then the
 * process's TZ, which tzset read once before any thread used it, so
 * localtime_r is safe on the server's threads. */
static char tz_name[65];

void web_page_end(wbuf *b)
{
	wb_raw(b, "\n</main>\n<footer>Times are ");
	if (tz_name[0]) {
		wb_raw(b, "in the clinic's time zone, ");
		wb_esc(b, tz_name);
	} else {
		wb_raw(b, "UTC");
	}
	wb_raw(b, ". Patient data: handle with care.</footer></body></html>\n");
}

void web_send(web_ctx *x, wbuf *b, int status)
{
	if (b->failed) {
		wb_free(b);
		cresp_text(x->w, 500, NULL, "Out of memory\n");
		return;
	}
	cresp_take(x->w, status, "text/html; charset=utf-8", (uint8_t *)b->s, b->n);
	memset(b, 0, sizeof *b);
}

void web_message(web_ctx *x, int status, const char *title, const char *text)
{
	wbuf b = { 0 };
	web_page_begin(&b, x, title, NULL);
	wb_raw(&b, "<p class=\"message\">");
	wb_esc(&b, text);
	wb_raw(&b, "</p>");
	if (!x->user[0])
		wb_raw(&b, "<p><a href=\"/signin\">Sign in</a></p>");
	web_page_end(&b);
	web_send(x, &b, status);
}

void web_redirect(web_ctx *x, const char *location)
{
	cresp_header(x->w, "Location", location);
	cresp_text(x->w, 303, NULL, "See other\n");
}

/* ---- Words and numbers */

int web_time_zone_set(const char *zone)
{
	char path[160];
	struct stat st;
	if (!zone || !*zone || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 64 ||
	    strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") !=
		    strlen(zone))
		return mk_err(MK_EINVAL, "time zone '%s': expected a name like Europe/Paris", zone);
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return mk_err(MK_EINVAL, "time zone '%s' is not known to this system (see "
			      "/usr/share/zoneinfo; install tzdata)", zone);
	setenv("TZ", zone, 1);
	tzset();
	snprintf(tz_name, sizeof tz_name, "%s", zone);
	return 0;
}

static int to_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;
	return tz_name[0] ? localtime_r(&tt, tm) != NULL : gmtime_r(&tt, tm) != NULL;
}

void web_time(char out[32], int64_t t)
{
	struct tm tm;
	if (t <= 0 || !to_tm(t, &tm)) {
		snprintf(out, 32, "never");
		return;
	}
	strftime(out, 32, tz_name[0] ? "%Y-%m-%d %H:%M %Z" : "%Y-%m-%d %H:%M UTC", &tm);
}

void web_date(char out[16], int64_t t)
{
	struct tm tm;
	if (!to_tm(t, &tm)) {
		snprintf(out, 16, "?");
		return;
	}
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* "YYYY-MM-DD" (UTC midnight) into *t; "" or NULL leaves *t as is. */
int web_parse_day(const char *s, int64_t *t)
{
	struct tm tm = { 0 };
	int y, m, d;
	char end;
	if (!s || !*s)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1970 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return MK_EINVAL;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*t = (int64_t)timegm(&tm);
	return 0;
}

void web_span(char out[32], int64_t s)
{
	if (s < 0)
		s = 0;
	if (s < 120)
		snprintf(out, 32, "%lld seconds", (long long)s);
	else if (s < 2 * 3600)
		snprintf(out, 32, "%lld minutes", (long long)(s / 60));
	else if (s < 2 * 86400)
		snprintf(out, 32, "%lld hours", (long long)(s / 3600));
	else
		snprintf(out, 32, "%lld days", (long long)(s / 86400));
}

void web_size(char out[32], int64_t bytes)
{
	static const char *unit[] = { "bytes", "KB", "MB", "GB", "TB" };
	double v = (double)bytes;
	int u = 0;
	if (bytes < 0) {
		snprintf(out, 32, "unknown");
		return;
	}
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	if (u == 0)
		snprintf(out, 32, "%lld bytes", (long long)bytes);
	else
		snprintf(out, 32, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

const char *web_score_word(int score)
{
	static const char *w[] = { "none", "mild", "moderate", "severe", "very severe" };
	return score >= 0 && score <= 4 ? w[score] : "not answered";
}

const char *web_area_name(int area)
{
	static const char *a[] = { "Thighs", "Buttocks", "Abdomen", "Arms", "Other" };
	return area >= 0 && area <= 4 ? a[area] : "Other";
}

void web_item_name(char *out, size_t n, const char *id)
{
	size_t i;
	if (n == 0)
		return;
	for (i = 0; id[i] && i + 1 < n; i++) {
		char ch = id[i] == '-' || id[i] == '_' ? ' ' : id[i];
		out[i] = i == 0 && ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
	}
	out[i] = '\0';
}
