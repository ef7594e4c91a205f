/* SPDX-License-Identifier: MIT */
/*
 * What the fuzz targets share: a scratch folder made once per process
 * (in /dev/shm when there is one, so SQLite's fsyncs and the files a
 * target writes for each input cost nothing) and removed at exit; writing
 * an input to a file there; and FUZZ_CHECK, which aborts with file:line
 * when a target's expectation fails, so libFuzzer and the replay runner
 * both count it as a crash.
 *
 * Each target defines LLVMFuzzerTestOneInput and usually
 * LLVMFuzzerInitialize; built with clang and -fsanitize=fuzzer they are
 * libFuzzer programs, built with anything else replay.c gives them a main
 * that runs saved inputs (tests/fuzz/README.md).
 */
#ifndef MK_FUZZ_H
#define MK_FUZZ_H

#include "core.h"
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Library calls whose own small leaks the kiosk cannot fix go between
 * these, so LeakSanitizer ignores what they allocate (nothing without it). */
#ifndef __has_feature
#define __has_feature(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define FUZZ_LEAKS_IGNORED_BEGIN() __lsan_disable()
#define FUZZ_LEAKS_IGNORED_END() __lsan_enable()
#else
#define FUZZ_LEAKS_IGNORED_BEGIN() ((void)0)
#define FUZZ_LEAKS_IGNORED_END() ((void)0)
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fuzz check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

static char fuzz_dir_path[64];

static int fuzz_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

static void fuzz_dir_remove(void)
{
	if (fuzz_dir_path[0])
		nftw(fuzz_dir_path, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The process's scratch folder, made on first use. */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_path[0]) {
		const char *base = mk_is_dir("/dev/shm") && access("/dev/shm", W_OK) == 0 ? "/dev/shm"
											    : "/tmp";
		snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/mkfuzzXXXXXX", base);
		if (!mkdtemp(fuzz_dir_path)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

/* dir/rel, malloc'd. */
static inline char *fuzz_path(const char *rel)
{
	char *p = mk_path_join(fuzz_dir(), rel);
	if (!p)
		abort();
	return p;
}

/* Writes n bytes to path (replacing it); aborts when it cannot, since a
 * target that silently tests nothing is worse than one that stops. */
static inline void fuzz_write(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	const char *p = data;
	while (fd >= 0 && n > 0) {
		ssize_t k = write(fd, p, n);
		if (k <= 0)
			break;
		p += k;
		n -= (size_t)k;
	}
	if (fd < 0 || n > 0 || close(fd) != 0) {
		perror(path);
		abort();
	}
}

#endif
