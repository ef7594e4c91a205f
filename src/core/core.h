/* SPDX-License-Identifier: MIT */
/*
 * core: the few things every module needs and none should write twice —
 * error codes with a readable message, structured logging, clocks (a real
 * monotonic one and a virtual one for tests), small file helpers (read whole
 * file, atomic write, mkdir -p) and UTF-8 helpers.
 *
 * libc only: core builds and tests without SDL, Lua or a display.
 */
#ifndef MK_CORE_H
#define MK_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/* ---- Error codes: functions return 0 or one of these; the message is
 * readable afterwards with mk_err_msg() (per thread). */
enum {
	MK_OK = 0,
	MK_ENOMEM = -1,    /* out of memory */
	MK_EIO = -2,       /* a file or device failed */
	MK_EINVAL = -3,    /* bad argument or bad input */
	MK_ENOTFOUND = -4, /* no such file, page, font ... */
	MK_ECONTENT = -5,  /* content has problems (see the problem list) */
	MK_ELIMIT = -6,    /* a time or memory budget ran out */
	MK_ESDL = -7,      /* SDL or one of its libraries failed */
	MK_EFULL = -8,     /* the disk is full: nothing new was written */
	MK_EEXIST = -9,    /* already there (a unique key) */
	MK_EAGAIN = -10,   /* not now: try again later (network, a peer busy) */
	MK_EPERM = -11,    /* not allowed: a wrong token, password or key */
};

/* An internal invariant: something no input can make false, only a bug.
 * In builds with tests (MK_TESTING) a false one logs file:line and aborts,
 * so a test finds the bug where it is; in the programs shipped it is
 * compiled out, and the code after it copes as it can. */
#ifdef MK_TESTING
#define MK_ASSERT(x) ((x) ? (void)0 : mk_assert_failed(#x, __FILE__, __LINE__))
#else
#define MK_ASSERT(x) ((void)0)
#endif
void mk_assert_failed(const char *what, const char *file, int line) __attribute__((noreturn));

/* Sets this thread's message and returns code, so `return mk_err(...)`. */
int mk_err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *mk_err_msg(void);

/* ---- Logging: one event a line on stderr, `key=value` pairs, so journald
 * and grep both read it. Never pass patient data. `kv` is a printf format
 * that produces the rest of the line, e.g. "pages=%d ms=%.1f". */
typedef enum { MK_LOG_DEBUG, MK_LOG_INFO, MK_LOG_WARN, MK_LOG_ERROR } mk_log_level;
void mk_log(mk_log_level lvl, const char *event, const char *kv, ...)
	__attribute__((format(printf, 3, 4)));
void mk_log_set_level(mk_log_level min);
/* Quote a value for a log line: spaces and quotes escaped, result in buf. */
const char *mk_log_quote(char *buf, size_t n, const char *s);

/* ---- Clocks. mk_now_ms() is what the app uses for timeouts and animation;
 * in a test it is virtual and only moves with mk_clock_advance(). Budgets
 * for content always use real clocks (mk_thread_cpu_ns, mk_mono_ns). */
uint64_t mk_mono_ns(void);
/* CPU time the calling thread has used: what content's budgets count, so
 * a machine busy with something else does not make content "too slow". */
uint64_t mk_thread_cpu_ns(void);
uint64_t mk_now_ms(void);
void mk_clock_virtual(int on);
void mk_clock_advance(uint64_t ms);
int mk_clock_is_virtual(void);
/* Seconds since the epoch (time of day: the nightly screen-off window). With
 * the virtual clock, the time last set by mk_clock_set_wall moved on by the
 * virtual clock since; the real time until one is set. */
int64_t mk_wall_s(void);
void mk_clock_set_wall(int64_t s);

/* ---- Files. */
/* Reads a whole file; *out is NUL-terminated and owned by the caller. */
int mk_read_file(const char *path, char **out, size_t *len);
/* Reads a file staff put in place (content, pictures) without trusting
 * what is at the path: a link, a FIFO, a device or a folder is refused
 * (opened with O_NOFOLLOW | O_NONBLOCK, then checked to be a regular
 * file), and so is one larger than max bytes. MK_ENOTFOUND, MK_EINVAL
 * (with a message saying which) or MK_EIO. out is NUL-terminated. */
int mk_read_regular(const char *path, size_t max, char **out, size_t *len);
/* Writes via temp file + fsync + rename + fsync of the folder. */
int mk_write_atomic(const char *path, const void *buf, size_t len);
int mk_mkdir_p(const char *path, int mode);
int mk_is_dir(const char *path);
/* Removes path and, when it is a folder, everything in it; a link is
 * removed itself, never what it points at. Whatever cannot be removed
 * stays, silently. */
void mk_remove_tree(const char *path);
/* Reads one line from standard input into buf (n bytes, newline removed):
 * from a terminal after prompt with echo off (a PIN, a password), or
 * silently from a pipe. 0, or -1 at end of input. */
int mk_read_secret(const char *prompt, char *buf, size_t n);
int mk_is_file(const char *path);
/* Joins a and b with one '/', caller frees. */
char *mk_path_join(const char *a, const char *b);

/* ---- Configuration files: `key = value` lines, `#` comments. Reads path
 * into *text (the caller frees it, even on failure; values point into it)
 * and calls set for each setting in order; stops at the first mistake, with
 * the message "path:line: what set said". */
int mk_conf_parse(const char *path, char **text, int (*set)(void *ctx, const char *key, const char *val),
		  void *ctx);

/* ---- Strings and UTF-8. */
char *mk_strdup(const char *s);
char *mk_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Decodes one code point at s (len bytes left); returns bytes used, 0 on
 * malformed input (then *cp = U+FFFD). */
size_t mk_utf8_next(const char *s, size_t len, uint32_t *cp);
int mk_utf8_valid(const char *s, size_t len);
/* Strips white space at both ends in place; returns the new start. */
char *mk_trim(char *s);
/* Case-insensitive "contains" for ASCII letters; other bytes compared as is. */
int mk_str_contains(const char *hay, const char *needle);

#endif
