/* SPDX-License-Identifier: MIT */
/*
 * imgdiff A.png B.png: compares a screenshot with its reference. Fonts and
 * antialiasing may differ by a shade between machines, so a pixel counts as
 * different only when a channel moves by more than 48, and the images match
 * while at most 0.5% of pixels differ. Exit 0 on a match, 1 otherwise.
 *
 * imgdiff --colours FILE MIN: exit 0 when the picture has at least MIN
 * distinct colours (a black or blank screen has one or two).
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load(const char *path)
{
	SDL_Surface *s = IMG_Load(path), *c;
	if (!s) {
		fprintf(stderr, "imgdiff: %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	return c;
}

static int colours(const char *path, long min)
{
	SDL_Surface *s = load(path);
	static unsigned char seen[1 << 21]; /* one bit per 24-bit colour */
	long n = 0;
	if (!s)
		return 1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *p = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < s->w; x++) {
			Uint32 c = p[x] & 0xFFFFFF;
			if (!(seen[c >> 3] & (1 << (c & 7))))
				seen[c >> 3] |= (unsigned char)(1 << (c & 7)), n++;
		}
	}
	printf("%s: %ld colours\n", path, n);
	SDL_FreeSurface(s);
	return n >= min ? 0 : 1;
}

int main(int argc, char **argv)
{
	SDL_Surface *a, *b;
	long diff = 0;
	if (argc == 4 && !strcmp(argv[1], "--colours"))
		return colours(argv[2], atol(argv[3]));
	if (argc != 3)
		return fprintf(stderr, "usage: imgdiff A.png B.png\n"), 2;
	if (!(a = load(argv[1])) || !(b = load(argv[2])))
		return 1;
	if (a->w != b->w || a->h != b->h) {
		fprintf(stderr, "imgdiff: sizes differ: %dx%d vs %dx%d\n", a->w, a->h, b->w, b->h);
		return 1;
	}
	for (int y = 0; y < a->h; y++) {
		const Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch, *pb = (Uint8 *)b->pixels + y * b->pitch;
		for (int x = 0; x < a->w * 4; x += 4) {
			int d = 0;
			for (int c = 0; c < 3; c++)
				d = abs(pa[x + c] - pb[x + c]) > d ? abs(pa[x + c] - pb[x + c]) : d;
			diff += d > 48;
		}
	}
	double pct = 100.0 * (double)diff / ((double)a->w * a->h);
	printf("%s: %.3f%% of pixels differ\n", argv[2], pct);
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	SDL_Quit();
	return pct <= 0.5 ? 0 : 1;
}
