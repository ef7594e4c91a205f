/* SPDX-License-Identifier: MIT */
/*
 * The main a fuzz target gets when it is not built for libFuzzer (gcc, the
 * normal test build): runs LLVMFuzzerInitialize once, then every input
 * named on the command line, or every file in a named folder (sorted, so a
 * failure is easy to repeat), each through LLVMFuzzerTestOneInput in one
 * process, as libFuzzer's -runs=0 would. Each input is handed over in a
 * buffer of exactly its size so AddressSanitizer sees a read past its end.
 *
 * A crash or a failed FUZZ_CHECK aborts the run (the test fails with the
 * input's name printed just before). Finding no input at all is a failure
 * too: a replay of nothing would pass without testing anything.
 */
#include "fuzz.h"
#include <dirent.h>
#include <errno.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	char *buf = NULL, *exact;
	size_t n = 0;
	if (mk_read_file(path, &buf, &n) != 0) {
		fprintf(stderr, "replay: %s\n", mk_err_msg());
		return -1;
	}
	/* mk_read_file adds a NUL; the target must not count on it. */
	exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
	LLVMFuzzerTestOneInput((const uint8_t *)exact, n);
	free(exact);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_dir(const char *dir, int *count)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name), rc = 0;
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *p = mk_path_join(dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && p && mk_is_file(p)) {
			if (run_file(p) != 0)
				rc = -1;
			else
				(*count)++;
		}
		free(p);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int count = 0, rc = 0;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (mk_is_dir(argv[i]))
			rc |= run_dir(argv[i], &count);
		else if (run_file(argv[i]) == 0)
			count++;
		else
			rc = -1;
	}
	printf("%d inputs replayed\n", count);
	return rc == 0 && count > 0 ? 0 : 1;
}
