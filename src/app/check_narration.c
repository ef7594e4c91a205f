/* SPDX-License-Identifier: MIT */
/*
 * --check's look at recorded narration: each recording a paragraph or a
 * page names, in each language it is given for, is opened and decoded
 * in full (narration/), and its length compared with the words it
 * stands for. The loader only made sure the path stays inside the
 * content folder; the kiosk does the same checks (without the full
 * decode) when it plays one, and reads the text instead when they fail,
 * so these are problems for staff, never a silent kiosk.
 */
#include "app.h"
#include "narration.h"

static int text_words(const content_text *t, int lang)
{
	return t->s[lang] ? narr_words(t->s[lang]) : 0;
}

/* Every word the page's blocks show in lang: what Listen would read. */
static int blocks_words(const content_block *b, int n, int lang)
{
	int w = 0;
	for (int i = 0; i < n; i++) {
		w += text_words(&b[i].text, lang) + text_words(&b[i].title, lang) +
		     text_words(&b[i].caption, lang) + text_words(&b[i].alt, lang);
		for (int k = 0; k < b[i].n_items; k++)
			w += text_words(&b[i].items[k], lang);
		for (int k = 0; k < b[i].n_choices; k++)
			w += text_words(&b[i].choices[k].text, lang);
		for (int c = 0; c < 2 && b[i].kind == CONTENT_COLUMNS; c++)
			w += blocks_words(b[i].col[c], b[i].n_col[c], lang);
	}
	return w;
}

static int check_one(const content_model *m, const content_audio *au, int lang, int words,
		     const char *file, int line, content_problems *probs)
{
	long ms;
	if (!au->s[lang] || narr_check(au->s[lang], words, &ms) == 0)
		return 0;
	content_problems_add(probs, file, line, "recording '%s' (%s) %s", au->rel[lang],
			     m->langs[lang], mk_err_msg());
	return 1;
}

static int check_blocks(const content_model *m, const content_block *b, int n,
			content_problems *probs)
{
	int found = 0;
	for (int i = 0; i < n; i++) {
		for (int l = 0; l < m->n_langs; l++)
			found += check_one(m, &b[i].audio, l, text_words(&b[i].text, l), b[i].file,
					   b[i].line, probs);
		for (int c = 0; c < 2 && b[i].kind == CONTENT_COLUMNS; c++)
			found += check_blocks(m, b[i].col[c], b[i].n_col[c], probs);
	}
	return found;
}

int check_narration(const content_model *m, content_problems *probs)
{
	int found = 0;
	for (int p = 0; p < m->n_pages; p++) {
		const content_page *pg = &m->pages[p];
		for (int l = 0; l < m->n_langs; l++)
			found += check_one(m, &pg->audio, l, text_words(&pg->title, l) +
					   blocks_words(pg->blocks, pg->n_blocks, l), pg->file, pg->line,
					   probs);
		found += check_blocks(m, pg->blocks, pg->n_blocks, probs);
	}
	return found;
}
