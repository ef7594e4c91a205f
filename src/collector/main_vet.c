/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk-collector vet BUNDLE OUT [--prev DIR] [--keys A.pub,B.pub]
 * [--kiosk-bin PATH] [--config FILE] [--time-limit S] [--mem-limit MIB]`:
 * what the dashboard does with an uploaded bundle, for IT and for tests.
 * It checks the bundle with the kiosk's own binary (vet_check) and prints
 * every problem as file:line: message; when there are none it renders the
 * preview into OUT (vet_preview) and says what it wrote. Exit 0 clean, 1
 * problems or a failure (said), 2 a wrong command line. Its options are
 * its own (none of the other subcommands takes them), so it parses them
 * here and only reads kiosk_binary from the configuration.
 */
#include "core.h"
#include "main_int.h"
#include "vet.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *pos[2], *prev, *keys, *bin, *config, *time, *mem;
	int n_pos;
} vet_args;

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: vet: ", MAIN_NAME);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see %s --help)\n", MAIN_NAME);
	return 2;
}

static int parse(int argc, char **argv, vet_args *v)
{
	static const char *const names[] = { "--prev", "--keys", "--kiosk-bin", "--config",
		"--time-limit", "--mem-limit" };
	const char **slots[] = { &v->prev, &v->keys, &v->bin, &v->config, &v->time, &v->mem };
	memset(v, 0, sizeof *v);
	for (int i = 2; i < argc; i++) {
		size_t k = 0;
		if (argv[i][0] != '-') {
			if (v->n_pos == 2)
				return usage_error("unexpected argument %s", argv[i]);
			v->pos[v->n_pos++] = argv[i];
			continue;
		}
		while (k < sizeof names / sizeof names[0] && strcmp(names[k], argv[i]))
			k++;
		if (k == sizeof names / sizeof names[0])
			return usage_error("unknown option %s", argv[i]);
		if (i + 1 >= argc || !argv[i + 1][0])
			return usage_error("%s needs a value", argv[i]);
		*slots[k] = argv[++i];
	}
	if (v->n_pos != 2)
		return usage_error("%s", "expected a BUNDLE and an OUT folder");
	return 0;
}

static int positive(const char *s, const char *what, long long *out)
{
	char *end = NULL;
	long long n = s ? strtoll(s, &end, 10) : 0;
	if (s && (!*s || *end || n <= 0 || n > 1000000))
		return usage_error(what, s);
	*out = n;
	return 0;
}

static void print_list(const vet_problem *p, int n)
{
	for (int i = 0; i < n; i++) {
		const char *f = p[i].file[0] ? p[i].file : "bundle";
		if (p[i].line > 0)
			printf("%s:%d: %s\n", f, p[i].line, p[i].msg);
		else
			printf("%s: %s\n", f, p[i].msg);
	}
}

static int run(const vet_opts *o, const vet_args *v)
{
	vet_result r;
	int rc = vet_check(o, v->pos[0], &r);
	if (rc)
		return fprintf(stderr, "%s: vet: %s\n", MAIN_NAME, mk_err_msg()), 1;
	print_list(r.problems, r.n_problems);
	print_list(r.warnings, r.n_warnings);
	if (r.refused)
		printf("bundle refused: ");
	else
		printf("bundle version %lld: ", r.version);
	printf("%d problem%s, %d warning%s\n", r.n_problems, r.n_problems == 1 ? "" : "s",
	       r.n_warnings, r.n_warnings == 1 ? "" : "s");
	printf("sandbox: network %s, writes %s\n", r.net_isolated ? "none" : "shared (not isolated here)",
	       r.fs_confined ? "only in its scratch folder" : "not confined here");
	if (r.n_problems) {
		vet_result_free(&r);
		puts("no preview: the kiosks would refuse this content; fix the problems first");
		return 1;
	}
	vet_result_free(&r);
	if ((rc = vet_preview(o, v->pos[0], v->prev, v->pos[1], &r)) != 0)
		return fprintf(stderr, "%s: vet: preview: %s\n", MAIN_NAME, mk_err_msg()), 1;
	printf("preview: %d pages, %d pictures in %s (%.1f s, the kiosk's peak memory %.1f MiB), "
	       "contact sheet %s/sheet.png\n", r.n_pages, r.n_shots, v->pos[1], r.seconds,
	       (double)r.child_rss_kb / 1024, v->pos[1]);
	if (v->prev)
		printf("changed since %s: %d picture%s (%s/changed.txt, %s/diff-*.png)\n", v->prev,
		       r.n_changed, r.n_changed == 1 ? "" : "s", v->pos[1], v->pos[1]);
	vet_result_free(&r);
	return 0;
}

int main_vet(int argc, char **argv)
{
	vet_args v;
	main_args a;
	long long secs = 0, mib = 0;
	char def[4096];
	int rc = parse(argc, argv, &v);
	if (rc)
		return rc;
	if (positive(v.time, "--time-limit wants seconds, not '%s'", &secs) ||
	    positive(v.mem, "--mem-limit wants MiB, not '%s'", &mib))
		return 2;
	memset(&a, 0, sizeof a);
	if (v.config && (rc = main_config_load(&a, v.config)) != 0)
		return rc;
	vet_opts o = { .kiosk_bin = v.bin ? v.bin : a.kiosk_binary ? a.kiosk_binary
						 : vet_kiosk_default(def, sizeof def),
		       .keys = v.keys, .time_limit_s = (int)secs, .mem_limit = mib << 20 };
	rc = run(&o, &v);
	free(a.conf_text);
	return rc;
}
