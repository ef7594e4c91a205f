/* SPDX-License-Identifier: MIT */
/*
 * Fonts: fontconfig finds the files once at open, SDL_ttf opens a face at
 * a pixel size on first use. The chain is Noto Sans, Noto Sans Arabic,
 * DejaVu Sans, then whatever fontconfig calls "sans-serif", so any text
 * staff type finds some glyphs; each code point goes to the first face
 * that has it (Arabic script tries the Arabic face first).
 *
 * The named faces only count when fontconfig returns that family: its
 * "best match" for a missing Noto would be some other font, which the
 * last link of the chain already covers. A bold face that fontconfig
 * cannot find in bold is emboldened by SDL_ttf instead.
 *
 * Open fonts are kept in a short most-recent-first list: the UI uses a
 * handful of sizes, so a list beats a hash table here.
 */
#include "render_int.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FONT_OPEN_MAX 16

/* Rens holding fontconfig: the last to close calls FcFini, so a closed
 * kiosk leaves no fontconfig memory behind for leak checkers to flag.
 * render runs on the main thread only. */
static int fc_users;

struct ren_font {
	ren_font *next;
	int face, bold, px;
	TTF_Font *font;
};

static const char *const face_family[FACE_N] = {
	"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", "sans-serif",
};

static int has_family(FcPattern *m, const char *family)
{
	FcChar8 *fam;
	for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		if (strcasecmp((const char *)fam, family) == 0)
			return 1;
	return 0;
}

/* Fills path/index/synth_bold for one face and weight; 0 when found. */
static int fc_find(ren_fonts *f, int face, int bold)
{
	const char *family = face_family[face];
	FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
				      FC_WEIGHT, FcTypeInteger,
				      bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR,
				      FC_SLANT, FcTypeInteger, FC_SLANT_ROMAN, (char *)0);
	if (!p)
		return -1;
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult res;
	FcPattern *m = FcFontMatch(NULL, p, &res);
	FcPatternDestroy(p);
	if (!m)
		return -1;
	FcChar8 *file;
	int idx = 0, weight = FC_WEIGHT_REGULAR, rc = -1;
	int named = face != FACE_SANS;
	if ((!named || has_family(m, family)) &&
	    FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		FcPatternGetInteger(m, FC_INDEX, 0, &idx);
		FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
		f->path[face][bold] = mk_strdup((const char *)file);
		f->index[face][bold] = idx;
		f->synth_bold[face][bold] = bold && weight < FC_WEIGHT_DEMIBOLD;
		rc = f->path[face][bold] ? 0 : -1;
	}
	FcPatternDestroy(m);
	return rc;
}

int font_init(ren_fonts *f)
{
	int found = 0;
	if (!FcInit())
		return mk_err(MK_ENOTFOUND, "fontconfig failed to initialise");
	f->fc_ref = 1;
	fc_users++;
	for (int face = 0; face < FACE_N; face++)
		for (int bold = 0; bold < 2; bold++)
			found += fc_find(f, face, bold) == 0;
	for (int face = 0; face < FACE_N; face++)
		if (!f->path[face][0] || !f->path[face][1])
			mk_log(MK_LOG_WARN, "font_missing", "family=\"%s\"", face_family[face]);
	if (!found)
		return mk_err(MK_ENOTFOUND, "no usable font found through fontconfig");
	return 0;
}

void font_fini(ren_fonts *f)
{
	while (f->open) {
		ren_font *n = f->open;
		f->open = n->next;
		TTF_CloseFont(n->font);
		free(n);
	}
	for (int face = 0; face < FACE_N; face++)
		for (int bold = 0; bold < 2; bold++) {
			free(f->path[face][bold]);
			if (f->data[face][bold])
				munmap(f->data[face][bold], f->size[face][bold]);
		}
	if (f->fc_ref && --fc_users == 0)
		FcFini();
	memset(f, 0, sizeof *f);
}

static void close_oldest(ren_fonts *f)
{
	ren_font **pp = &f->open;
	while ((*pp)->next)
		pp = &(*pp)->next;
	TTF_CloseFont((*pp)->font);
	free(*pp);
	*pp = NULL;
	f->nopen--;
}

static int font_map(const char *path, char **data, size_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *p = MAP_FAILED;
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (fd >= 0)
		close(fd);
	if (p == MAP_FAILED)
		return mk_err(MK_EIO, "%s: cannot read the font", path);
	*data = p;
	*size = (size_t)st.st_size;
	return 0;
}

static TTF_Font *font_open(ren_fonts *f, int face, int bold, int px)
{
	const char *path = f->path[face][bold];
	if (!path)
		return NULL;
	/* SDL_ttf reading a file streams every glyph through seek + read; from
	 * a mapping, measuring a whole guide takes a fraction of the time, and
	 * only the pages of glyphs actually used are ever read into memory. */
	if (!f->data[face][bold] && font_map(path, &f->data[face][bold], &f->size[face][bold]) != 0)
		return NULL;
	ren_font *n = malloc(sizeof *n);
	if (!n)
		return NULL;
	SDL_RWops *rw = SDL_RWFromConstMem(f->data[face][bold], (int)f->size[face][bold]);
	n->font = rw ? TTF_OpenFontIndexRW(rw, 1, px, f->index[face][bold]) : NULL;
	if (!n->font) {
		mk_log(MK_LOG_WARN, "font_open_failed", "px=%d err=\"%s\"", px, TTF_GetError());
		free(n);
		return NULL;
	}
	TTF_SetFontHinting(n->font, TTF_HINTING_LIGHT);
	if (f->synth_bold[face][bold])
		TTF_SetFontStyle(n->font, TTF_STYLE_BOLD);
	n->face = face, n->bold = bold, n->px = px;
	if (f->nopen >= FONT_OPEN_MAX)
		close_oldest(f);
	n->next = f->open;
	f->open = n;
	f->nopen++;
	return n->font;
}

TTF_Font *font_get(ren_fonts *f, int face, int bold, int px)
{
	bold = !!bold;
	for (ren_font **pp = &f->open; *pp; pp = &(*pp)->next) {
		ren_font *n = *pp;
		if (n->face == face && n->bold == bold && n->px == px) {
			*pp = n->next; /* move to front */
			n->next = f->open;
			f->open = n;
			return n->font;
		}
	}
	return font_open(f, face, bold, px);
}

int font_pick(ren_fonts *f, uint32_t cp, int arabic_first, int bold, int px)
{
	static const int latin_chain[] = { FACE_LATIN, FACE_ARABIC, FACE_DEJAVU, FACE_SANS };
	static const int arabic_chain[] = { FACE_ARABIC, FACE_LATIN, FACE_DEJAVU, FACE_SANS };
	const int *chain = arabic_first ? arabic_chain : latin_chain;
	for (int i = 0; i < FACE_N; i++) {
		TTF_Font *font = font_get(f, chain[i], bold, px);
		if (font && TTF_GlyphIsProvided32(font, cp))
			return chain[i];
	}
	/* Nobody has it: the first face draws its "missing glyph" box. */
	for (int i = 0; i < FACE_N; i++)
		if (f->path[chain[i]][!!bold])
			return chain[i];
	return font_primary(f, bold);
}

int font_primary(const ren_fonts *f, int bold)
{
	for (int face = 0; face < FACE_N; face++)
		if (f->path[face][!!bold])
			return face;
	return FACE_LATIN;
}
