/* SPDX-License-Identifier: MIT */
/* What the content tests share: content folders made on the fly, and
 * finding a problem by file, line and words. */
#ifndef MK_CONTENT_TEST_H
#define MK_CONTENT_TEST_H

#include "check.h"
#include "content.h"
#include "core.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

static inline void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes dir/rel (making its folders). */
static inline void put(const char *dir, const char *rel, const char *text, size_t len)
{
	char *p = mk_path_join(dir, rel);
	char *d = mk_strdup(p);
	*strrchr(d, '/') = 0;
	mk_mkdir_p(d, 0755);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(p);
	free(d);
}

static inline const content_problem *find_problem(const content_problems *p, const char *file_suffix,
						  int line, const char *text)
{
	for (int i = 0; i < p->n; i++) {
		size_t fl = strlen(p->v[i].file), sl = strlen(file_suffix);
		if (fl >= sl && strcmp(p->v[i].file + fl - sl, file_suffix) == 0 &&
		    p->v[i].line == line && strstr(p->v[i].msg, text))
			return &p->v[i];
	}
	return NULL;
}

#define EXPECT_PROBLEM(probs, suffix, line, text) do { \
	const content_problem *pr_ = find_problem(probs, suffix, line, text); \
	CHECK_MSG(pr_ != NULL, "no problem %s:%d: ...%s...", suffix, line, text); \
	if (!pr_) content_problems_print(probs, stderr); \
} while (0)

#endif
