/* SPDX-License-Identifier: MIT */
/*
 * Small inline SVG charts of one symptom over a course: x is the session a
 * report followed (0 = before the first), y the score 0 (none) to 4 (very
 * severe). A point per report joined by a line in report order, a grid
 * line per score, and a <title> per point so hovering (or a screen reader)
 * gives the exact answer, in the patient's words when the kiosk sent them. Colours come from the stylesheet's classes, not
 * style attributes, so the page's CSP needs no inline styles.
 */
#include "web.h"

#define W 260
#define H 138
#define L 34  /* plot area */
#define R 248
#define T 10
#define B 104

static double px(int session, int x_max)
{
	return L + (double)(R - L) * session / (x_max > 0 ? x_max : 1);
}

static double py(int score)
{
	score = score < 0 ? 0 : score > 4 ? 4 : score;
	return B - (double)(B - T) * score / 4;
}

static void axes(wbuf *b, int x_max)
{
	int step = x_max <= 10 ? 1 : (x_max + 9) / 10;
	for (int s = 0; s <= 4; s++)
		wb_fmt(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			  "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>",
		       L, R, py(s), py(s), L - 8, py(s) + 4, s);
	for (int x = 0; x <= x_max; x += step)
		wb_fmt(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
		       px(x, x_max), B + 15, x);
	wb_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">session</text>",
	       (L + R) / 2, H - 2);
}

void web_chart(wbuf *b, const char *name, const web_point *p, int n, int x_max)
{
	if (x_max < 1)
		x_max = 1;
	wb_raw(b, "<figure class=\"chart\"><h3>");
	wb_esc(b, name);
	wb_fmt(b, "</h3><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		  "role=\"img\" aria-label=\"", W, H);
	wb_esc(b, name);
	wb_fmt(b, ": %d report%s, scores 0 to 4 by session\">", n, n == 1 ? "" : "s");
	axes(b, x_max);
	if (n > 1) {
		wb_raw(b, "<polyline class=\"line\" points=\"");
		for (int i = 0; i < n; i++)
			wb_fmt(b, "%s%.1f,%.1f", i ? " " : "", px(p[i].session, x_max),
			       py(p[i].score));
		wb_raw(b, "\"/>");
	}
	for (int i = 0; i < n; i++) {
		wb_fmt(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\"><title>Session %d: ",
		       px(p[i].session, x_max), py(p[i].score), p[i].session);
		if (p[i].word && *p[i].word) {
			wb_esc(b, p[i].word); /* "Yes", "3 to 6 days": what the patient chose */
			wb_raw(b, "</title></circle>");
		} else {
			wb_esc(b, web_score_word(p[i].score));
			wb_fmt(b, " (%d)</title></circle>", p[i].score);
		}
	}
	wb_raw(b, "</svg></figure>\n");
}
