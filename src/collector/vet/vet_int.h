/* SPDX-License-Identifier: MIT */
/*
 * Inside vet: one run of the kiosk binary in its sandbox (vet_child.c,
 * vet_jail.c) and reading what it printed (vet_parse.c).
 */
#ifndef MK_VET_INT_H
#define MK_VET_INT_H

#include "vet.h"
#include <stddef.h>
#include <stdint.h>

#define VET_OUT_MAX (256u << 10) /* what is kept of a child's output */
#define VET_FILE_MAX (64ll << 20) /* RLIMIT_FSIZE: no file it writes is larger */
#define VET_FILES_OPEN 512        /* RLIMIT_NOFILE */

typedef struct {
	const char *bin;          /* the kiosk binary */
	const char *const *args;  /* its arguments after argv[0], NULL-terminated */
	const char *dir;          /* the scratch folder: its cwd, HOME, and the only
				   * place it may write where Landlock is there */
	int time_limit_s;
	int64_t mem_limit;
} vet_run_opts;

typedef struct {
	int exit_code;      /* its exit status */
	char *out;          /* stdout and stderr, NUL-terminated, at most VET_OUT_MAX */
	size_t n_out;
	long max_rss_kb;    /* the child's peak resident memory */
	double seconds;     /* wall time */
	int net_isolated;   /* it ran in a network namespace of its own */
	int fs_confined;    /* Landlock kept its writes inside dir */
} vet_run_result;

/* Runs the binary and waits for it: 0 when it exited by itself (whatever
 * its status: r->exit_code), MK_ELIMIT when a limit ended it (the message
 * names the limit), MK_EIO / MK_ENOMEM when it could not be started.
 * r->out holds what it printed in every case; free with vet_run_free. */
int vet_run(const vet_run_opts *o, vet_run_result *r);
void vet_run_free(vet_run_result *r);

/* In the forked child, before exec (vet_jail.c): a network namespace of
 * its own where user namespaces allow one (uid_map and gid_map are the
 * prepared "ID ID 1" lines), then Landlock confining writes to dir. Only
 * system calls: the collector may have threads. The two flags say what
 * held; failing either never stops the child. */
typedef struct {
	char uid_map[32], gid_map[32];
} vet_jail_prep;
void vet_jail_prepare(vet_jail_prep *p);
void vet_jail_enter(const vet_jail_prep *p, const char *dir, int *net, int *fs);

/* One vet_check or vet_preview: the scratch folder and the paths given
 * to the children, made absolute (they run in the scratch folder, and
 * exec the binary from there). */
typedef struct {
	vet_run_opts run;
	char dir[4096];          /* scratch */
	char bundle[4096];
	char bin[4096];          /* the kiosk binary */
	char *keys;              /* comma-separated */
} vet_job;

/* Makes the scratch folder from the mkdtemp template tmpl (with an empty
 * kiosk.conf, so no kiosk.conf of the host is read) and checks the
 * inputs; vet_job_close removes the folder. */
int vet_job_open(vet_job *j, const vet_opts *o, const char *bundle, const char *tmpl);
void vet_job_close(vet_job *j);
/* One child with args (vet_run); notes the sandbox's walls in r. */
int vet_job_run(vet_job *j, const char *const *args, vet_run_result *rr, vet_result *r);
/* bundle-check --into content: 0 with r->version; 1 when the bundle was
 * refused (the reason added to r->problems); MK_E* when it did not run. */
int vet_unpack(vet_job *j, vet_result *r);
/* The first line a child printed that is not a log line. */
void vet_first_words(const char *out, char *buf, size_t cap);

/* The problems in a child's output: `path:line: message` lines (path
 * made relative to the content folder `prefix`), in *errors or, for
 * "warning: ..." messages, in *warnings. 0 or MK_ENOMEM. */
int vet_parse_problems(const char *out, const char *prefix, vet_result *r);
int vet_problem_add(vet_problem **v, int *n, const char *file, int line, const char *msg);

#endif
