/* SPDX-License-Identifier: MIT */
/*
 * Hostile content: the exact reproductions of the cases that once got past
 * the sandbox (issue 15). Each one must be refused quickly, with a problem
 * at its file and line: before the fixes several never returned at all, so
 * each runs in a child process with a deadline, and a child that does not
 * answer in time is a failure, not a hung test.
 */
#include "content_test.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHIPPED MK_SHIPPED_CONTENT

static void copy_tree(const char *from, const char *to)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp -r '%s/.' '%s/'", from, to);
	CHECK(system(cmd) == 0);
}

/* Loads the shipped content plus pages/99-hostile.lua = src in a child
 * process; returns 1 when the load was refused within `seconds` with a
 * problem containing `want` at pages/99-hostile.lua:line. */
static int refused(const char *name, const char *src, int line, const char *want, int seconds)
{
	char tmpl[] = "/tmp/mk-hostile-XXXXXX";
	char *dir = mk_strdup(mkdtemp(tmpl));
	int ok = 0, status = 0;
	copy_tree(SHIPPED, dir);
	put(dir, "pages/99-hostile.lua", src, strlen(src));
	pid_t pid = fork();
	if (pid == 0) {
		content_problems probs = { 0 };
		content *c = NULL;
		int rc = content_load(&c, dir, NULL, &probs);
		int found = rc == MK_ECONTENT && find_problem(&probs, "/pages/99-hostile.lua", line, want);
		if (!found)
			content_problems_print(&probs, stderr);
		_exit(found ? 0 : 1);
	}
	for (int i = 0; i < seconds * 20; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
			pid = 0;
			break;
		}
		nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
	}
	if (pid) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		printf("  %s: still running after %d s\n", name, seconds);
	}
	CHECK_MSG(ok, "%s: not refused with '%s' at line %d", name, want, line);
	rm_rf(dir);
	free(dir);
	return ok;
}

#define PAGE "page \"hostile\" { title = { en = \"x\", ar = \"x\", fr = \"x\" } }\n"

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	mk_log_set_level(MK_LOG_ERROR);
	/* 1. a __close handler that loops, in a wrapped coroutine: Lua runs it
	 * while unwinding the hook's error, with the hook off */
	refused("close in a coroutine",
		PAGE "coroutine.wrap(function() local x <close> = setmetatable({}, {__close=function() "
		     "while true do end end}) while true do end end)()\n",
		2, "to-be-closed variables (<close>) are not allowed", 5);
	refused("__close in a metatable", PAGE "setmetatable({}, { __close = print })\n", 2,
		"metatables with __close are not allowed", 5);
	/* 2. in gmatch a leading ^ is a plain character, not an anchor */
	refused("gmatch with ^", PAGE "for m in string.rep(\"^\", 1e6):gmatch(\"^.-x\") do end\n", 2,
		"this pattern is too complex", 5);
	/* 3. sorting long equal texts compares them in C, past every deadline */
	refused("sort of long texts", PAGE "local s, t = string.rep(\"x\", 1 << 20), {}\n"
		"for i = 1, 20000 do t[i] = s end\ntable.sort(t)\n", 4, "too much to sort", 5);
	/* 4. one long word, and a letter under a thousand accents */
	char *word = malloc(12000), *marks = malloc(4000);
	snprintf(word, 12000, PAGE "page \"w\" { title = { en = \"x\", ar = \"x\", fr = \"x\" },\n"
		 "  heading { en = \"%.3000s\", ar = \"x\", fr = \"x\" } }\n",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	refused("a long word", word, 3, "has a word of more than 60 letters", 5);
	size_t n = (size_t)snprintf(marks, 4000, PAGE "page \"m\" { title = { en = \"x\", ar = \"x\", "
				    "fr = \"x\" },\n  paragraph { en = \"e");
	for (int i = 0; i < 1000 && n < 3900; i++)
		n += (size_t)snprintf(marks + n, 4000 - n, "\xcc\x81"); /* U+0301 */
	snprintf(marks + n, 4000 - n, "\", ar = \"x\", fr = \"x\" } }\n");
	refused("a letter under many accents", marks, 3, "more than 4 accents or vowel signs", 5);
	free(word);
	free(marks);
	/* 9. control characters: an escape sequence and a NUL in text */
	refused("escape in text", PAGE "page \"e\" { title = { en = \"a\\27[2Jb\", ar = \"x\", fr = \"x\" } }\n",
		2, "holds a control character (code 27", 5);
	refused("NUL in text", PAGE "page \"z\" { title = { en = \"a\\0b\", ar = \"x\", fr = \"x\" } }\n", 2,
		"holds a control character (code 0", 5);
	return check_done();
}
