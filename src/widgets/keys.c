/* SPDX-License-Identifier: MIT */
/*
 * Keys: the PIN pad and the on-screen keyboards. Each keyboard is a table
 * of key strings, row by row, and a key's arg is its index in that table,
 * so wg_osk_key turns a tap back into text by looking at the same table:
 * there is no second list to keep in step.
 *
 * A keyboard or a keypad is an object the patient knows from phones and
 * keyboards, so it is never mirrored: in a right-to-left view every key is
 * placed mirrored inside the widget, and mirroring the whole view puts it
 * back where it is printed. That holds for the Arabic keyboard too, whose
 * ض sits at the top left as on a real one.
 */
#include "widgets.h"
#include <string.h>

#define KEY_DEL "\b"
#define KEY_OK "\n"
#define KEY_MODE "\t"
#define KEY_SPACE " "

/* Interface string, or `fallback` while the content does not have it. */
static const char *str_or(wg *L, const char *key, const char *fallback)
{
	return wg_str(L, key, fallback);
}

/* Where r goes so that mirroring the view brings it back to r. */
static SDL_Rect as_printed(const wg *L, SDL_Rect area, SDL_Rect r)
{
	if (L->rtl)
		r.x = 2 * area.x + area.w - r.x - r.w;
	return r;
}

static int text_w(wg *L, const char *s, int px)
{
	ren_text_style st = { .px = px, .bold = 1, .rtl = L->rtl };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->rn, &st, s, 0, &m);
	return m.w;
}

/* The largest size up to px at which s fits w on one line. */
static int fit_px(wg *L, const char *s, int px, int w)
{
	int floor = wg_px(L, 22, 0);
	while (px > floor && text_w(L, s, px) > w)
		px = px * 9 / 10;
	return px;
}

static int key_pad(wg *L)
{
	return wg_px(L, 12, 0);
}

/* One key: a button with role "key" and its label, placed as printed.
 * kind 0 a plain key, 1 a function key (tinted), 2 the main action
 * (filled). Not lay_button: a key's label gets the whole key but a thin
 * margin, at a size chosen to fit one line, so a narrow key never grows. */
static view_el *key(wg *L, SDL_Rect area, SDL_Rect r, const char *label, int px, int kind,
		    int act, int arg, int label_rtl)
{
	wg_look lk = theme_look(L->th, kind == 2 ? WG_LOOK_PRIMARY : kind == 1 ? WG_LOOK_KEY_FN : WG_LOOK_KEY);
	int pad = kind ? wg_px(L, 20, 0) : key_pad(L), bi = L->vw->n;
	ren_text_metrics m = { 0 };
	ren_text_style st = { .px = fit_px(L, label, px, r.w - 2 * pad), .bold = 1, .align = REN_ALIGN_CENTER,
			      .rtl = label_rtl, .line_pct = 125, .color = lk.label };
	view_el *b = view_add(L->vw, EL_BUTTON, "key"), *t;
	if (!b)
		return NULL;
	ren_text_measure(L->rn, &st, label, r.w - 2 * pad, &m);
	b->r = r = as_printed(L, area, r);
	b->text = label;
	b->act = act;
	b->arg = arg;
	b->fixed = L->fixed;
	b->radius = wg_px(L, 14, 0);
	b->fill = lk.fill;
	b->edge = lk.edge;
	b->edge_w = wg_px(L, lk.edge_w, 0);
	b->shadow = kind == 2 ? wg_px(L, 8, 0) : 0;
	if (!(t = view_add(L->vw, EL_TEXT, "label")))
		return NULL;
	t->text = label;
	t->st = st;
	t->r = (SDL_Rect){ r.x + pad, r.y + (r.h - m.h) / 2, r.w - 2 * pad, m.h };
	t->fixed = L->fixed;
	return &L->vw->v[bi]; /* the array may have moved */
}

/* ---- The PIN pad. */

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int wg_keypad(wg *L, SDL_Rect area, int act, int ok_enabled)
{
	static const char *const digits[10] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	/* A short area (a PIN screen with much text above the pad on a
	 * landscape screen) gets shorter keys, never under 80 px: a target. */
	int gap = wg_px(L, 20, 0), min = wg_px(L, 110, 0), low = wg_px(L, 88, 0) > 80 ? wg_px(L, 88, 0) : 80;
	int kh = area.h > 0 ? clampi((area.h - 3 * gap) / 4, low, wg_px(L, 140, 0)) : wg_px(L, 124, 0);
	int kw = clampi((area.w - 2 * gap) / 3, min, kh * 8 / 5);
	int x0 = area.x + (area.w - (3 * kw + 2 * gap)) / 2, big = wg_px(L, 52, 0);
	int word = wg_px(L, SZ_BUTTON_TEXT, 1);
	for (int i = 0; i < 12; i++) {
		int row = i / 3, col = i % 3;
		SDL_Rect r = { x0 + col * (kw + gap), area.y + row * (kh + gap), kw, kh };
		if (i < 9) {
			key(L, area, r, digits[i + 1], big, 0, act, '1' + i, 0);
		} else if (i == 9) {
			key(L, area, r, str_or(L, "key_delete", "⌫"), word, 1, act, '\b', L->rtl);
		} else if (i == 10) {
			key(L, area, r, digits[0], big, 0, act, '0', 0);
		} else {
			view_el *ok = key(L, area, r, str_or(L, "key_ok", "OK"), word, 2, act, '\n', L->rtl);
			if (ok)
				ok->enabled = ok_enabled;
		}
	}
	return 4 * kh + 3 * gap;
}

/* ---- Keyboards. A NULL ends a row. */

typedef struct {
	const char *const *k;
	int n;
	const char *mode_label; /* the mode key: where it leads */
	int rtl;                /* labels are Arabic */
	int grid;               /* rows start at the same x (else centred) */
} osk_board;

#define BOARD(keys, label, rtl, grid) { keys, (int)(sizeof keys / sizeof keys[0]), label, rtl, grid }

static const char *const en_lower[] = {
	"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", NULL,
	"a", "s", "d", "f", "g", "h", "j", "k", "l", NULL,
	"z", "x", "c", "v", "b", "n", "m", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
static const char *const en_upper[] = {
	"Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", NULL,
	"A", "S", "D", "F", "G", "H", "J", "K", "L", NULL,
	"Z", "X", "C", "V", "B", "N", "M", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
static const char *const en_digits[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", NULL,
	"-", "/", ":", ";", "(", ")", "&", "@", "\"", "+", NULL,
	"?", "!", "'", "#", "%", "*", "=", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
static const char *const fr_lower[] = {
	"é", "è", "à", "ç", "ù", "ê", "â", "î", "ô", "œ", NULL,
	"a", "z", "e", "r", "t", "y", "u", "i", "o", "p", NULL,
	"q", "s", "d", "f", "g", "h", "j", "k", "l", "m", NULL,
	"w", "x", "c", "v", "b", "n", "'", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
static const char *const fr_upper[] = {
	"É", "È", "À", "Ç", "Ù", "Ê", "Â", "Î", "Ô", "Œ", NULL,
	"A", "Z", "E", "R", "T", "Y", "U", "I", "O", "P", NULL,
	"Q", "S", "D", "F", "G", "H", "J", "K", "L", "M", NULL,
	"W", "X", "C", "V", "B", "N", "'", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
static const char *const fr_digits[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", NULL,
	"-", "/", ":", ";", "(", ")", "€", "&", "@", "\"", NULL,
	"?", "!", "'", "#", "%", "*", "+", KEY_DEL, NULL,
	KEY_MODE, ",", KEY_SPACE, ".", KEY_OK, NULL,
};
/* The standard Arabic (101) layout; ذ, on the key left of 1 on a real
 * keyboard, ends the bottom letter row as on phones. Delete sits in the
 * last row so no row is wider than 12 keys: on a 1080 px portrait screen
 * each key stays at least 80 px wide. */
static const char *const ar_letters[] = {
	"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د", NULL,
	"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", NULL,
	"ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ", "ذ", NULL,
	KEY_MODE, "،", KEY_SPACE, ".", KEY_DEL, KEY_OK, NULL,
};
/* Arabic has no case: its second mode adds the hamza forms (the shift
 * layer of a real keyboard) above the same letters, so nothing is lost. */
static const char *const ar_hamza[] = {
	"أ", "إ", "آ", "لأ", "لإ", "لآ", NULL,
	"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د", NULL,
	"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", NULL,
	"ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ", "ذ", NULL,
	KEY_MODE, "،", KEY_SPACE, ".", KEY_DEL, KEY_OK, NULL,
};
static const char *const ar_digits[] = {
	"١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩", "٠", NULL,
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", NULL,
	"؟", "!", ":", "؛", "-", "(", ")", "/", "@", KEY_DEL, NULL,
	KEY_MODE, "،", KEY_SPACE, ".", KEY_OK, NULL,
};
/* The alphabet of the codes on cards (no 0 O 1 I L, as STORE_CODE_ALPHABET),
 * digits then letters in order. */
static const char *const codes[] = {
	"2", "3", "4", "5", "6", "7", "8", "9", KEY_DEL, NULL,
	"A", "B", "C", "D", "E", "F", "G", "H", NULL,
	"J", "K", "M", "N", "P", "Q", "R", "S", NULL,
	"T", "U", "V", "W", "X", "Y", "Z", KEY_OK, NULL,
};

static const osk_board boards[] = {
	BOARD(en_lower, "ABC", 0, 0), BOARD(en_upper, "123", 0, 0), BOARD(en_digits, "abc", 0, 0),
	BOARD(fr_lower, "ABC", 0, 0), BOARD(fr_upper, "123", 0, 0), BOARD(fr_digits, "abc", 0, 0),
	BOARD(ar_letters, "أ إ آ", 1, 0), BOARD(ar_hamza, "١٢٣", 1, 0), BOARD(ar_digits, "أ ب ت", 1, 0),
	BOARD(codes, "", 0, 1),
};

static const osk_board *board_of(const char *lang, int mode, int codes_only)
{
	int base = 0;
	if (codes_only)
		return &boards[9];
	if (lang && !strcmp(lang, "fr"))
		base = 3;
	else if (lang && !strcmp(lang, "ar"))
		base = 6;
	return &boards[base + (mode >= 0 && mode <= 2 ? mode : 0)];
}

const char *wg_osk_key(const char *lang, int mode, int codes_only, int arg)
{
	const osk_board *b = board_of(lang, mode, codes_only);
	if (arg < 0 || arg >= b->n || !b->k[arg])
		return "";
	return b->k[arg];
}

/* Width of a key in tenths of a plain key. */
static int key_units(const char *k)
{
	if (!strcmp(k, KEY_SPACE))
		return 40;
	if (!strcmp(k, KEY_OK))
		return 20;
	if (!strcmp(k, KEY_DEL) || !strcmp(k, KEY_MODE))
		return 15;
	return 10;
}

/* Rows, and the widest row in tenths and in keys (for the gaps). */
static int board_rows(const osk_board *b, int *units, int *keys)
{
	int rows = 0, u = 0, n = 0;
	*units = *keys = 0;
	for (int i = 0; i < b->n; i++) {
		if (b->k[i]) {
			u += key_units(b->k[i]);
			n++;
			continue;
		}
		rows++;
		if (u * 100 + n > *units * 100 + *keys)
			*units = u, *keys = n;
		u = n = 0;
	}
	return rows;
}

static int row_units(const osk_board *b, int i, int *keys)
{
	int u = 0;
	*keys = 0;
	for (; i < b->n && b->k[i]; i++, ++*keys)
		u += key_units(b->k[i]);
	return u;
}

static const char *key_label(wg *L, const osk_board *b, const char *k, int *kind)
{
	*kind = 0;
	if (!strcmp(k, KEY_DEL))
		return *kind = 1, str_or(L, "key_delete", "⌫");
	if (!strcmp(k, KEY_OK))
		return *kind = 2, str_or(L, "key_ok", "OK");
	if (!strcmp(k, KEY_MODE))
		return *kind = 1, b->mode_label;
	if (!strcmp(k, KEY_SPACE))
		return str_or(L, "key_space", "␣");
	return k;
}

/* Lays out one board; unit is a plain key's width, kh the keys' height. */
static void osk_keys(wg *L, SDL_Rect area, const osk_board *b, int unit, int kh, int gap,
		     int board_w, int act)
{
	int y = area.y, i = 0, px = wg_px(L, 40, 1), word = wg_px(L, SZ_BUTTON_TEXT, 1);
	if (px > kh * 2 / 5)
		px = kh * 2 / 5;
	if (word > px)
		word = px;
	/* Every letter at one size, the size the widest fits. */
	for (int j = 0; j < b->n; j++)
		if (b->k[j] && key_units(b->k[j]) == 10)
			px = fit_px(L, b->k[j], px, unit - 2 * key_pad(L));
	while (i < b->n) {
		int nk, u = row_units(b, i, &nk);
		int w = u * unit / 10 + (nk - 1) * gap;
		int x = area.x + (area.w - (b->grid ? board_w : w)) / 2;
		for (; i < b->n && b->k[i]; i++) {
			int kind, kw = key_units(b->k[i]) * unit / 10;
			const char *label = key_label(L, b, b->k[i], &kind);
			/* Function keys speak the interface's language, the
			 * others the keyboard's. */
			int label_rtl = kind && strcmp(b->k[i], KEY_MODE) ? L->rtl : b->rtl;
			key(L, area, (SDL_Rect){ x, y, kw, kh }, label, kind ? word : px, kind, act, i,
			    label_rtl);
			x += kw + gap;
		}
		i++; /* the row's end */
		y += kh + gap;
	}
}

int wg_osk(wg *L, SDL_Rect area, const char *lang, int mode, int codes_only, int act)
{
	const osk_board *b = board_of(lang, mode, codes_only);
	int units, keys, gap = wg_px(L, 8, 0);
	int rows = board_rows(b, &units, &keys);
	int max_unit = wg_px(L, codes_only ? 160 : 140, 0), min_h = wg_px(L, 80, 0);
	int unit = (area.w - (keys - 1) * gap) * 10 / units;
	int kh = area.h > 0 ? (area.h - (rows - 1) * gap) / rows : wg_px(L, 96, 0);
	if (unit > max_unit)
		unit = max_unit;
	kh = clampi(kh, min_h, wg_px(L, codes_only ? 110 : 100, 0));
	osk_keys(L, area, b, unit, kh, gap, units * unit / 10 + (keys - 1) * gap, act);
	return rows * kh + (rows - 1) * gap;
}
