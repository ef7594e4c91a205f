/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk sheet DIR OUT.png`: the contact sheet of a preview (the
 * shots `shots` wrote into DIR), one row of small pages per language and
 * orientation, each labelled with its number and page id in the kiosk's
 * own fonts (a long page by its first screenful); pages that sheet-diff
 * found changed are framed in magenta.
 * `mesokiosk sheet-diff PREV DIR` is in sheet_diff.c.
 *
 * The collector never decodes what content drew: it runs these in the
 * same sandboxed child as the rendering, so the sheet is drawn here, on a
 * software renderer over a plain surface (no window, no GPU). Thumbnails
 * are box-filtered by hand: SDL's software scaling picks nearest pixels,
 * which turns small text into noise.
 */
#include "app.h"
#include "sheet_int.h"
#include <SDL_image.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define THUMB 256   /* a thumbnail's longer side */
#define COLS 8
#define CELL (THUMB + 16)
#define LABEL 26
#define HEAD 40

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* <lang>-<tag>-<NN>.png with a-z, 0-9 and '-' before the number. */
static int is_shot(const char *n)
{
	size_t len = strlen(n);
	const char *dash = strrchr(n, '-');
	if (len < 9 || len > 80 || strcmp(n + len - 4, ".png") || !dash || dash == n)
		return 0;
	if (!strncmp(n, "diff-", 5))
		return 0;
	size_t pre = (size_t)(dash - n), digits = len - 4 - pre - 1;
	for (size_t i = 0; i < pre; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-", n[i]))
			return 0;
	return digits >= 2 && digits <= 4 && strspn(dash + 1, "0123456789") == digits;
}

int sheet_list(const char *dir, char ***names, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = calloc(SHEET_MAX_SHOTS, sizeof *v);
	*names = NULL;
	*n = 0;
	if (!d || !v) {
		if (d)
			closedir(d);
		free(v);
		return mk_err(d ? MK_ENOMEM : MK_ENOTFOUND, "%s: cannot list the shots", dir);
	}
	while ((e = readdir(d)) && *n < SHEET_MAX_SHOTS)
		if (is_shot(e->d_name) && !(v[*n] = mk_strdup(e->d_name)))
			break;
		else if (is_shot(e->d_name))
			(*n)++;
	closedir(d);
	qsort(v, (size_t)*n, sizeof *v, cmp_name);
	*names = v;
	return 0;
}

void sheet_list_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

SDL_Surface *sheet_load(const char *dir, const char *name)
{
	char *path = mk_path_join(dir, name);
	struct stat st;
	SDL_Surface *s = NULL, *c = NULL;
	if (!path || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
		mk_err(MK_EINVAL, "%s: not a shot the kiosk wrote", name);
	} else if (!(s = IMG_Load(path))) {
		mk_err(MK_EINVAL, "%s: cannot be read: %s", name, IMG_GetError());
	} else if (s->w > 8192 || s->h > 8192) {
		mk_err(MK_ELIMIT, "%s: %dx%d is larger than any screen", name, s->w, s->h);
	} else if (!(c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0))) {
		mk_err(MK_ENOMEM, "%s: %s", name, SDL_GetError());
	}
	SDL_FreeSurface(s);
	free(path);
	return c;
}

void sheet_page_id(const char *dir, const char *name, char *out, size_t cap)
{
	char *path = mk_path_join(dir, "pages.txt"), *text = NULL, *line;
	const char *dash = strrchr(name, '-');
	int want = dash ? atoi(dash + 1) : 0;
	out[0] = 0;
	if (path && mk_read_regular(path, 1 << 20, &text, NULL) == 0)
		for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
			if (atoi(line) == want && strchr(line, ' ')) {
				snprintf(out, cap, "%s", strchr(line, ' ') + 1);
				break;
			}
	free(text);
	free(path);
}

int sheet_save(SDL_Surface *s, const char *path)
{
	if (IMG_SavePNG(s, path) != 0)
		return mk_err(MK_EIO, "%s: cannot be written: %s", path, IMG_GetError());
	return 0;
}

/* The mean of each box of source pixels: a w x h thumbnail of s. */
static Uint32 box_mean(SDL_Surface *s, int x0, int y0, int x1, int y1)
{
	uint64_t r = 0, g = 0, b = 0, k = 0;
	for (int y = y0; y < (y1 > y0 ? y1 : y0 + 1); y++)
		for (int x = x0; x < (x1 > x0 ? x1 : x0 + 1); x++, k++) {
			Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
			r += (p >> 16) & 255, g += (p >> 8) & 255, b += p & 255;
		}
	return 0xff000000u | (Uint32)(r / k) << 16 | (Uint32)(g / k) << 8 | (Uint32)(b / k);
}

/* A w x h thumbnail of the top src_h rows of s. */
static SDL_Surface *thumb(SDL_Surface *s, int src_h, int w, int h)
{
	SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!t)
		return NULL;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			((Uint32 *)((Uint8 *)t->pixels + y * t->pitch))[x] =
				box_mean(s, x * s->w / w, y * src_h / h, (x + 1) * s->w / w,
					 (y + 1) * src_h / h);
	return t;
}

/* The group of a shot: its name up to the last '-' ("en-land"). */
static size_t group_len(const char *name)
{
	return (size_t)(strrchr(name, '-') - name);
}

typedef struct {
	SDL_Renderer *r;
	ren *rn;
	const char *dir;
	char *changed; /* changed.txt, or NULL */
} sheet;

static void label(sheet *sh, const char *s, int x, int y, int px, int w)
{
	ren_text_style st = { .px = px, .color = { 30, 30, 30, 255 }, .align = REN_ALIGN_START };
	ren_text_draw(sh->rn, &st, s, x, y, w);
}

static int was_changed(const sheet *sh, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = sh->changed; p && (p = strstr(p, name)); p += n)
		if ((p == sh->changed || p[-1] == '\n') && (p[n] == ' ' || p[n] == '\n'))
			return 1;
	return 0;
}

/* One shot in its cell at (x, y). */
static void draw_cell(sheet *sh, const char *name, int x, int y)
{
	char id[80], text[120];
	SDL_Surface *s = sheet_load(sh->dir, name), *t = NULL;
	const char *dash = strrchr(name, '-');
	int w = THUMB, h = THUMB, src_h = 0;
	if (s) { /* a long page shows its first screenful */
		src_h = strstr(name, "-port-") ? s->w * 16 / 9 : s->w * 9 / 16;
		src_h = src_h < s->h ? src_h : s->h;
		if (s->w >= src_h)
			h = THUMB * src_h / s->w;
		else
			w = THUMB * s->w / src_h;
	}
	if (s && (t = thumb(s, src_h, w, h))) {
		SDL_Texture *tx = SDL_CreateTextureFromSurface(sh->r, t);
		SDL_Rect dst = { x, y, w, h };
		if (was_changed(sh, name)) {
			SDL_Rect frame = { x - 5, y - 5, w + 10, h + 10 };
			SDL_SetRenderDrawColor(sh->r, 255, 0, 255, 255);
			SDL_RenderFillRect(sh->r, &frame);
		}
		SDL_RenderCopy(sh->r, tx, NULL, &dst);
		SDL_DestroyTexture(tx);
	} else {
		SDL_Rect box = { x, y, THUMB, THUMB * 9 / 16 };
		SDL_SetRenderDrawColor(sh->r, 200, 200, 200, 255);
		SDL_RenderFillRect(sh->r, &box);
		h = box.h;
	}
	sheet_page_id(sh->dir, name, id, sizeof id);
	snprintf(text, sizeof text, "%.*s %s", (int)strcspn(dash + 1, "."), dash + 1, id);
	label(sh, text, x, y + h + 6, 15, THUMB);
	SDL_FreeSurface(t);
	SDL_FreeSurface(s);
}

/* The height of a group's rows: landscape or portrait thumbnails. */
static int row_h(const char *name)
{
	return strstr(name, "-port-") ? THUMB + LABEL + 24 : THUMB * 9 / 16 + LABEL + 24;
}

static int new_group(char **v, int i)
{
	return i == 0 || group_len(v[i]) != group_len(v[i - 1]) ||
	       strncmp(v[i], v[i - 1], group_len(v[i]));
}

/* "en-land-01.png" -> "en · landscape". */
static void heading(const char *name, char *out, size_t cap)
{
	size_t n = group_len(name), lang = strcspn(name, "-");
	const char *tag = lang < n ? name + lang + 1 : "";
	int tag_n = lang < n ? (int)(n - lang - 1) : 0;
	if (tag_n == 4 && !strncmp(tag, "land", 4))
		tag = "landscape", tag_n = 9;
	else if (tag_n == 4 && !strncmp(tag, "port", 4))
		tag = "portrait", tag_n = 8;
	snprintf(out, cap, "%.*s \xc2\xb7 %.*s", (int)lang, name, tag_n, tag);
}

/* The most shots in one group, up to COLS: the sheet's columns. */
static int columns(char **v, int n)
{
	int most = 1, run = 0;
	for (int i = 0; i < n; i++) {
		run = new_group(v, i) ? 1 : run + 1;
		most = run > most ? run : most;
	}
	return most < COLS ? most : COLS;
}

/* Lays the shots out, groups under a heading, COLS to a row, and draws
 * them when sh->r is set; returns the sheet's height. */
static int layout(sheet *sh, char **v, int n)
{
	int y = 16, col = 0;
	for (int i = 0; i < n; i++, col++) {
		if (i > 0 && (new_group(v, i) || col == COLS)) {
			y += row_h(v[i - 1]);
			col = 0;
		}
		if (new_group(v, i)) {
			char head[96];
			heading(v[i], head, sizeof head);
			if (sh->r)
				label(sh, head, 16, y + 8, 22, columns(v, n) * CELL);
			y += HEAD;
		}
		if (sh->r)
			draw_cell(sh, v[i], 16 + col * CELL, y);
	}
	return y + row_h(v[n - 1]) + 16;
}

static int sheet_main(const char *dir, const char *out)
{
	char **v;
	int n, rc;
	sheet sh = { .dir = dir };
	if ((rc = sheet_list(dir, &v, &n)) != 0)
		return rc;
	if (n == 0) {
		sheet_list_free(v, n);
		return mk_err(MK_ENOTFOUND, "%s: no shots to put on a sheet", dir);
	}
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 32 + columns(v, n) * CELL, layout(&sh, v, n), 32,
							SDL_PIXELFORMAT_ARGB8888);
	char *changed = mk_path_join(dir, "changed.txt");
	if (changed && mk_read_regular(changed, 1 << 20, &sh.changed, NULL) != 0)
		sh.changed = NULL;
	free(changed);
	rc = !s ? mk_err(MK_ENOMEM, "sheet: %s", SDL_GetError()) : 0;
	if (rc == 0 && !(sh.r = SDL_CreateSoftwareRenderer(s)))
		rc = mk_err(MK_ESDL, "sheet: %s", SDL_GetError());
	if (rc == 0 && (rc = ren_open(&sh.rn, sh.r, NULL)) == 0) {
		SDL_SetRenderDrawColor(sh.r, 255, 255, 255, 255);
		SDL_RenderClear(sh.r);
		layout(&sh, v, n);
		SDL_RenderPresent(sh.r);
		rc = sheet_save(s, out);
		ren_close(sh.rn);
	}
	if (sh.r)
		SDL_DestroyRenderer(sh.r);
	SDL_FreeSurface(s);
	free(sh.changed);
	sheet_list_free(v, n);
	return rc;
}

int app_sheet_main(int argc, char **argv)
{
	int rc;
	if (argc < 2 || (strcmp(argv[1], "sheet") && strcmp(argv[1], "sheet-diff")))
		return -1;
	if (argc != 4)
		return fputs("usage: mesokiosk sheet DIR OUT.png\n"
			     "       mesokiosk sheet-diff PREV DIR\n", stderr), 2;
	rc = !strcmp(argv[1], "sheet") ? sheet_main(argv[2], argv[3]) : sheet_diff_main(argv[2], argv[3]);
	if (rc < 0)
		fprintf(stderr, "mesokiosk: %s: %s\n", argv[1], mk_err_msg());
	return rc < 0 ? 1 : 0;
}
