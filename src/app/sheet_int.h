/* SPDX-License-Identifier: MIT */
/*
 * What `mesokiosk sheet` and `mesokiosk sheet-diff` share (sheet.c,
 * sheet_diff.c): the list of a preview's shots and reading one back. The
 * pictures are the content's drawn pages, so they are read only here, in
 * the kiosk's process that the collector runs in its sandbox.
 */
#ifndef MK_SHEET_INT_H
#define MK_SHEET_INT_H

#include <SDL.h>

#define SHEET_MAX_SHOTS 2048

/* The shots in dir (<lang>-<tag>-<NN>.png), sorted by name: *names holds
 * *n strings, freed with sheet_list_free. 0 or MK_E* with the message. */
int sheet_list(const char *dir, char ***names, int *n);
void sheet_list_free(char **names, int n);

/* A shot read back as ARGB8888; NULL with the message when the file is
 * missing, too large or not a PNG the kiosk could have written. */
SDL_Surface *sheet_load(const char *dir, const char *name);

/* The page id behind a shot's number, from dir/pages.txt ("" if none). */
void sheet_page_id(const char *dir, const char *name, char *out, size_t cap);

/* Writes a surface as a PNG; 0 or MK_EIO with the message. */
int sheet_save(SDL_Surface *s, const char *path);

int sheet_diff_main(const char *prev, const char *dir);

#endif
