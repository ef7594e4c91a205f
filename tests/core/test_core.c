/* SPDX-License-Identifier: MIT */
/* core: UTF-8 decoding, atomic writes, the virtual clock, errors. */
#include "core.h"
#include "../check.h"
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_utf8(void)
{
	uint32_t cp;
	CHECK(mk_utf8_next("A", 1, &cp) == 1 && cp == 'A');
	CHECK(mk_utf8_next("\xd8\xb9", 2, &cp) == 2 && cp == 0x639); /* Arabic ain */
	CHECK(mk_utf8_next("\xc0\x80", 2, &cp) == 0);                 /* overlong */
	CHECK(mk_utf8_next("\xe2\x82", 2, &cp) == 0);                 /* truncated */
	CHECK(mk_utf8_valid("h\xc3\xa9llo", 6));
	CHECK(!mk_utf8_valid("\xff", 1));
	CHECK(mk_str_contains("Side Effects", "effects"));
	CHECK(!mk_str_contains("Side", "sides"));
}

static void test_atomic_write(void)
{
	char dir[] = "/tmp/mkcoreXXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *sub = mk_path_join(dir, "a/b/c");
	CHECK(mk_mkdir_p(sub, 0700) == 0 && mk_is_dir(sub));
	char *f = mk_path_join(sub, "x.txt");
	CHECK(mk_write_atomic(f, "hello", 5) == 0);
	char *buf = NULL;
	size_t n = 0;
	CHECK(mk_read_file(f, &buf, &n) == 0 && n == 5 && strcmp(buf, "hello") == 0);
	free(buf);
	CHECK(mk_read_file("/nonexistent/x", &buf, &n) == MK_ENOTFOUND);
	CHECK(strstr(mk_err_msg(), "/nonexistent/x") != NULL);
	CHECK(mk_write_atomic("/nonexistent/dir/x", "a", 1) == MK_EIO);
	/* A message that wraps the one before it (the usual way to add where
	 * a failure happened) reads whole, not the old message half written
	 * over itself. */
	mk_read_file("/nonexistent/x", &buf, &n);
	mk_err(MK_EIO, "key.pub: cannot read the key: %s", mk_err_msg());
	CHECK_MSG(!strcmp(mk_err_msg(), "key.pub: cannot read the key: /nonexistent/x: No such file "
			  "or directory"), "%s", mk_err_msg());
	unlink(f);
	free(f);
	free(sub);
}

static void test_clock(void)
{
	mk_clock_virtual(1);
	uint64_t t0 = mk_now_ms();
	usleep(20000);
	CHECK(mk_now_ms() == t0);
	mk_clock_advance(90000);
	CHECK(mk_now_ms() == t0 + 90000);
	mk_clock_virtual(0);
	CHECK(mk_now_ms() != t0 + 90000);
}

/* An invariant that fails stops the program with its file and line (in
 * builds with tests; the shipped programs have no MK_ASSERT at all). */
static void test_assert(void)
{
	int fds[2], st = 0;
	char out[256] = { 0 };
	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		MK_ASSERT(1 + 1 == 3);
		_exit(0);
	}
	close(fds[1]);
	CHECK(read(fds[0], out, sizeof out - 1) > 0);
	close(fds[0]);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	CHECK_MSG(strstr(out, "test_core.c:") && strstr(out, "1 + 1 == 3"), "said: %s", out);
	MK_ASSERT(1 + 1 == 2);
}

int main(void)
{
	test_assert();
	test_utf8();
	test_atomic_write();
	test_clock();
	return check_done();
}
