/* SPDX-License-Identifier: MIT */
/*
 * A dozen lines of test harness: CHECK records a failure with file:line and
 * carries on, so one run shows every broken expectation; the test's main
 * returns check_done(), which prints "N passed, N failed".
 */
#ifndef MK_CHECK_H
#define MK_CHECK_H
#include <stdio.h>

static int check_pass, check_fail;

#define CHECK(cond) do { \
	if (cond) { check_pass++; } else { check_fail++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_MSG(cond, ...) do { \
	if (cond) { check_pass++; } else { check_fail++; \
	fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_pass, check_fail);
	return check_fail ? 1 : 0;
}
#endif
