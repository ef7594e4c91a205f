/* SPDX-License-Identifier: MIT */
/*
 * Small inline SVG charts of one symptom over a course: x is the session a
 * report followed (0 = before the first), y the score 0 to 4 on the
 * question's own scale. A point per report joined by a line in report
 * order, a grid line per answer the scale has, and a <title> per point so
 * hovering (or a screen reader) gives the exact answer, in the patient's
 * words when the kiosk sent them. Colours come from the stylesheet's
 * classes, not style attributes, so the page's CSP needs no inline styles.
 *
 * The dashboard has no copy of the kiosk's questionnaire, so the axis is
 * named from the answers themselves: the scale of the kiosk's content
 * (in English, the words the kiosk sends) that every answer's words fit,
 * so a Yes/No question is drawn on No and Yes and the duration scale in
 * its own words; a scale of the clinic's own gets the words its answers
 * had, and an older kiosk's bare scores keep the numbers 0 to 4.
 */
#include "web.h"

#include <string.h>

#define W 300 /* every chart the same size, so a row of them lines up */
#define H 138
#define T 10
#define B 104
#define LEVELS 5

typedef struct {
	int n;
	int score[LEVELS];
	const char *word[LEVELS];
} scale;

/* The kiosk's scales (assets/content/questionnaire.lua), English words. */
static const scale known[] = {
	{ 2, { 0, 4 }, { "No", "Yes" } },
	{ 5, { 0, 1, 2, 3, 4 }, { "None", "Mild", "Moderate", "Severe", "Very severe" } },
	{ 5, { 0, 1, 2, 3, 4 },
	  { "Less than a day", "1 to 2 days", "3 to 6 days", "1 to 2 weeks", "More than 2 weeks" } },
	{ 5, { 0, 1, 2, 3, 4 },
	  { "Never", "Rarely", "Occasionally", "Frequently", "Almost constantly" } },
	{ 5, { 0, 1, 2, 3, 4 }, { "Not at all", "A little bit", "Somewhat", "Quite a bit", "Very much" } },
};
static const char *const numbers[LEVELS] = { "0", "1", "2", "3", "4" };

typedef struct {
	scale s;
	int left, width; /* the plot's left edge and width */
	int x_max;
} geometry;

static int clamp(int score)
{
	return score < 0 ? 0 : score > 4 ? 4 : score;
}

static int has_word(const web_point *p)
{
	return p->word && *p->word;
}

/* 1 when every point is an answer on s (its words, where it has them). */
static int fits(const scale *s, const web_point *p, int n)
{
	for (int i = 0; i < n; i++) {
		int k = 0;
		while (k < s->n && (s->score[k] != p[i].score ||
				    (has_word(&p[i]) && strcmp(s->word[k], p[i].word) != 0)))
			k++;
		if (k == s->n)
			return 0;
	}
	return 1;
}

/* The scale whose words the points' answers are in. */
static scale scale_of(const web_point *p, int n)
{
	scale own = { 0 };
	int words = 0;
	for (int i = 0; i < n; i++)
		words |= has_word(&p[i]);
	for (size_t k = 0; words && k < sizeof known / sizeof known[0]; k++)
		if (fits(&known[k], p, n))
			return known[k];
	/* A scale of the clinic's own (or bare scores): 0 to 4, each level
	 * named by an answer's words where one had them. */
	own.n = LEVELS;
	for (int s = 0; s < LEVELS; s++) {
		own.score[s] = s;
		own.word[s] = numbers[s];
	}
	for (int i = 0; i < n; i++)
		if (has_word(&p[i]))
			own.word[clamp(p[i].score)] = p[i].word;
	return own;
}

static double px(const geometry *g, int session)
{
	return g->left + (double)g->width * session / (g->x_max > 0 ? g->x_max : 1);
}

static double py(int score)
{
	return B - (double)(B - T) * clamp(score) / 4;
}

static void axes(wbuf *b, const geometry *g)
{
	int step = g->x_max <= 10 ? 1 : (g->x_max + 9) / 10;
	for (int k = 0; k < g->s.n; k++) {
		double y = py(g->s.score[k]);
		wb_fmt(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			  "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
		       g->left, g->left + g->width, y, y, g->left - 8, y + 4);
		wb_esc(b, g->s.word[k]);
		wb_raw(b, "</text>");
	}
	for (int x = 0; x <= g->x_max; x += step)
		wb_fmt(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
		       px(g, x), B + 15, x);
	wb_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">session</text>",
	       g->left + g->width / 2, H - 2);
}

/* Room on the left for the longest label (12px text, about 6.6px a letter). */
static geometry measure(const web_point *p, int n, int x_max)
{
	geometry g = { scale_of(p, n), 34, 0, x_max < 1 ? 1 : x_max };
	for (int k = 0; k < g.s.n; k++) {
		int need = 14 + (int)(6.6 * (double)strlen(g.s.word[k]));
		if (need > g.left)
			g.left = need < 140 ? need : 140;
	}
	g.width = W - 12 - g.left;
	return g;
}

static void label(wbuf *b, const char *name, const geometry *g, int n)
{
	wb_esc(b, name);
	wb_fmt(b, ": %d report%s, answers from ", n, n == 1 ? "" : "s");
	wb_esc(b, g->s.word[0]);
	wb_raw(b, " to ");
	wb_esc(b, g->s.word[g->s.n - 1]);
	wb_raw(b, " by session");
}

void web_chart(wbuf *b, const char *name, const web_point *p, int n, int x_max)
{
	geometry g = measure(p, n, x_max);
	wb_raw(b, "<figure class=\"chart\"><h3>");
	wb_esc(b, name);
	wb_fmt(b, "</h3><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		  "role=\"img\" aria-label=\"", W, H);
	label(b, name, &g, n);
	wb_raw(b, "\">");
	axes(b, &g);
	if (n > 1) {
		wb_raw(b, "<polyline class=\"line\" points=\"");
		for (int i = 0; i < n; i++)
			wb_fmt(b, "%s%.1f,%.1f", i ? " " : "", px(&g, p[i].session), py(p[i].score));
		wb_raw(b, "\"/>");
	}
	for (int i = 0; i < n; i++) {
		wb_fmt(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\"><title>Session %d: ",
		       px(&g, p[i].session), py(p[i].score), p[i].session);
		if (has_word(&p[i])) {
			wb_esc(b, p[i].word); /* "Yes", "3 to 6 days": what the patient chose */
			wb_raw(b, "</title></circle>");
		} else {
			wb_esc(b, web_score_word(p[i].score));
			wb_fmt(b, " (%d)</title></circle>", p[i].score);
		}
	}
	wb_raw(b, "</svg></figure>\n");
}
