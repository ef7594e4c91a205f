/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector: the command line. One subcommand per job (README,
 * "The clinic's collector"); every option is checked against the
 * subcommand's list before anything is opened, so a typo never half-runs a
 * command. keygen is the kiosk's own (mkc_keys_write); add-kiosk prints
 * the only copy of a kiosk's token; add-user reads the password like the
 * kiosk's --set-staff-pin reads the staff PIN: twice on a terminal with
 * echo off, or one line from a pipe for scripts. serve and export live in
 * main_serve.c and main_export.c.
 */
#include "collector.h"
#include "core.h"
#include "cstore_content.h"
#include "main_int.h"
#include <jansson.h>
#include <malloc.h>
#include "crypto.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: " MAIN_NAME " keygen PREFIX\n"
	"       " MAIN_NAME " init [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " add-kiosk [LABEL] [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " add-user NAME [--publisher] [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " user-role NAME staff|publisher [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " kiosk-group KIOSK-ID [GROUP] [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " serve [--config FILE] [--listen ADDR:PORT] [--db DB] [--key FILE.key]\n"
	"                           [--tls-cert PEM --tls-key PEM] [--https-proxy]\n"
	"                           [--insecure-cookies] [--init] [--time-zone ZONE]\n"
	"       " MAIN_NAME " export --key FILE.key [--db DB] [--patient CODE]\n"
	"                           [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format fhir|csv [--out FILE]\n"
	"       " MAIN_NAME " publish BUNDLE [--note TEXT] --as USER [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " approve N [--package] --as USER [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " rollout N kiosk ID|group G|all [--package] [--as USER] [--db DB]\n"
	"                           [--config FILE]\n"
	"       " MAIN_NAME " rollback --as USER [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " content [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " publish-package BUNDLE [--note TEXT] --as USER [--db DB]\n"
	"                           [--config FILE]\n"
	"       " MAIN_NAME " software [--db DB] [--config FILE]\n"
	"       " MAIN_NAME " vet BUNDLE OUT [--keys A.pub,B.pub] [--prev DIR] [--kiosk-bin PATH]\n"
	"                           [--config FILE] [--time-limit S] [--mem-limit MIB]\n"
	"\n"
	"  keygen PREFIX       the clinic key pair: PREFIX.pub for every kiosk, PREFIX.key\n"
	"                      (mode 0600) for the collector only; never overwrites\n"
	"  add-kiosk [LABEL]   a new kiosk: prints its id and token (collector_token)\n"
	"  add-user NAME       a dashboard account; asks for the password (8 to 200 bytes);\n"
	"                      --publisher: it may upload, approve and roll out content\n"
	"  user-role NAME R    makes the account staff or publisher\n"
	"  kiosk-group ID [G]  puts the kiosk in group G (none: in no group); the kiosks\n"
	"                      of a group share their patients, others only see their own\n"
	"  serve               the kiosk API and the dashboard, until SIGINT or SIGTERM\n"
	"  export              records opened with the clinic's key, as FHIR R4 or CSV\n"
	"  publish BUNDLE      stores a content bundle (mesokiosk bundle) after its checks\n"
	"                      (signature against content_keys, form, version above every\n"
	"                      stored one, the content's own checks and the preview with\n"
	"                      kiosk_binary into previews): ready for approval, or problems\n"
	"  approve N           a second publisher approves version N (never its uploader)\n"
	"  rollout N ...       rolls approved version N out to one kiosk, a group or all;\n"
	"                      stages only widen\n"
	"  rollback            the content of the approved version before the one rolled\n"
	"                      out last, signed with content_key as the newest version,\n"
	"                      approved and rolled out where that one was\n"
	"  content             lists content versions and what each kiosk shows\n"
	"  publish-package BUNDLE  stores a software package bundle (mesokiosk\n"
	"                      bundle-package) after checking its signature against\n"
	"                      software_keys; approve and rollout take it with --package\n"
	"                      (there is no rollback: re-sign the previous .deb as N+1)\n"
	"  software            lists package versions and each kiosk's software state\n"
	"  vet BUNDLE OUT      checks a content bundle with the kiosk's own binary in a\n"
	"                      sandbox (problems as file:line: message), then previews\n"
	"                      every page into OUT: PNGs, sheet.png, and with --prev the\n"
	"                      pages changed since that preview (changed.txt, diff-*.png)\n"
	"\n"
	"  --config FILE       settings as `key = value` lines: db, listen, key, tls_cert,\n"
	"                      tls_key, https_proxy, insecure_cookies, time_zone,\n"
	"                      content_keys (the public keys kiosks trust, comma-separated),\n"
	"                      content_key (the collector's content-signing key, for\n"
	"                      rollback), kiosk_binary (the mesokiosk that checks and\n"
	"                      previews content), previews (the folder for the dashboard's\n"
	"                      previews; default: beside an SQLite database),\n"
	"                      software_keys (the public keys packages are signed with)\n"
	"                      (an option given here wins)\n"
	"  --db DB             an SQLite file or a postgresql:// URI (default collector.db)\n"
	"  --listen ADDR:PORT  where to listen, [ADDR]:PORT for IPv6 (default 127.0.0.1:8443)\n"
	"  --key FILE.key      the clinic's private key (PREFIX.pub must be next to it);\n"
	"                      without it the dashboard cannot open records\n"
	"  --tls-cert PEM      serve HTTPS with this certificate (and --tls-key PEM);\n"
	"                      without them plain HTTP, whose cookies lack the Secure\n"
	"                      flag unless --https-proxy\n"
	"  --https-proxy       plain HTTP here for a proxy on this host that serves\n"
	"                      HTTPS to browsers: cookies keep the Secure flag\n"
	"  --insecure-cookies  never the Secure flag on cookies, even with --tls-cert\n"
	"                      (tests only)\n"
	"  --init              serve may start an empty database where there is none\n"
	"                      (add-kiosk creates one too); without it serve refuses\n"
	"  --time-zone ZONE    the clinic's time zone for the dashboard's times, e.g.\n"
	"                      Europe/Paris (default UTC; exports stay in UTC)\n"
	"  --patient CODE      export one patient (code or UUID); default every patient\n"
	"  --from, --to        export records created from the first day to the last,\n"
	"                      both included (UTC)\n"
	"  --format fhir|csv   an HL7 FHIR R4 transaction Bundle, or CSV\n"
	"  --out FILE          write there (mode 0600) instead of standard output\n"
	"  --as USER           the publisher who acts (audited)\n"
	"  --note TEXT         publish: a few words on what changed\n"
	"  --package           approve, rollout: N is a software package's version\n"
	"  --help, --version\n";

static int bad_args(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad_args(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: %s%s", MAIN_NAME, cmd ? cmd : "", cmd ? ": " : "");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (see %s --help)\n", MAIN_NAME);
	va_end(ap);
	return 2;
}

static const char **opt_slot(main_args *a, const char *name)
{
	static const char *const names[] = { "--db", "--listen", "--key", "--tls-cert",
		"--tls-key", "--patient", "--from", "--to", "--format", "--out", "--config",
		"--time-zone", "--as", "--note" };
	const char **slots[] = { &a->db, &a->listen, &a->key, &a->tls_cert, &a->tls_key,
		&a->patient, &a->from, &a->to, &a->format, &a->out, &a->config, &a->time_zone,
		&a->as, &a->note };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i], name))
			return slots[i];
	return NULL;
}

/* Fills a from argv[2..]: only the options named in allowed (" --db --key ")
 * and at most max_pos positional arguments. 0, or 2 with a message. */
static int parse_args(int argc, char **argv, const char *allowed, int max_pos, main_args *a)
{
	const char *cmd = argv[1];
	char key[40];
	memset(a, 0, sizeof *a);
	for (int i = 2; i < argc; i++) {
		const char *f = argv[i], **slot;
		if (f[0] != '-' || !f[1]) {
			if (a->n_pos >= max_pos)
				return bad_args(cmd, "unexpected argument %s", f);
			a->pos[a->n_pos++] = f;
			continue;
		}
		snprintf(key, sizeof key, " %s ", f);
		if (strlen(f) > 30 || !strstr(allowed, key))
			return bad_args(cmd, "unknown option %s", f);
		if (!strcmp(f, "--insecure-cookies")) {
			a->insecure_cookies = 1;
			continue;
		}
		if (!strcmp(f, "--https-proxy")) {
			a->https_proxy = 1;
			continue;
		}
		if (!strcmp(f, "--init")) {
			a->init = 1;
			continue;
		}
		if (!strcmp(f, "--publisher")) {
			a->publisher = 1;
			continue;
		}
		if (!strcmp(f, "--package")) {
			a->package = 1;
			continue;
		}
		if (i + 1 >= argc || !argv[i + 1][0])
			return bad_args(cmd, "%s needs a value", f);
		slot = opt_slot(a, f);
		if (*slot)
			return bad_args(cmd, "%s given twice", f);
		*slot = argv[++i];
	}
	if (a->config) {
		int rc = main_config_load(a, a->config);
		if (rc)
			return rc;
	}
	if (!a->db)
		a->db = "collector.db";
	return 0;
}

int main_read_keys(const char *key_path, uint8_t pk[32], uint8_t sk[32])
{
	size_t n = strlen(key_path);
	struct stat st;
	if (n < 5 || strcmp(key_path + n - 4, ".key"))
		return bad_args(NULL, "--key %s: expected PREFIX.key, as keygen wrote it", key_path);
	if (stat(key_path, &st) != 0)
		return fprintf(stderr, "%s: %s: no such key file\n", MAIN_NAME, key_path), 1;
	/* The private key first: one that other users can read stops here. */
	char *pub = mk_asprintf("%.*s.pub", (int)(n - 4), key_path);
	int rc = pub ? mkc_key_read_secret(key_path, sk) : MK_ENOMEM;
	if (rc == MK_EPERM) {
		free(pub);
		return fprintf(stderr, "%s: %s; not starting\n", MAIN_NAME, mk_err_msg()), 1;
	}
	if (rc == 0)
		rc = mkc_key_read(pub, pk);
	if (rc == 0 && mkc_keypair_check(pk, sk) != 0)
		rc = mk_err(MK_EINVAL, "%s does not belong to %s", pub, key_path);
	free(pub);
	if (rc) {
		mkc_wipe(sk, 32);
		fprintf(stderr, "%s: %s\n", MAIN_NAME, mk_err_msg());
		return 1;
	}
	return 0;
}

static int open_db(const char *spec, cstore **cs)
{
	if (cstore_open(cs, spec) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, spec, mk_err_msg());
		return 1;
	}
	return 0;
}

static int cmd_keygen(const main_args *a)
{
	if (a->n_pos != 1)
		return bad_args("keygen", "expected one PREFIX");
	if (mkc_keys_write(a->pos[0]) != 0)
		return fprintf(stderr, "%s: %s\n", MAIN_NAME, mk_err_msg()), 1;
	printf("wrote %s.pub (give it to every kiosk) and %s.key (private: only the collector)\n",
	       a->pos[0], a->pos[0]);
	return 0;
}

static int cmd_add_kiosk(const main_args *a)
{
	char id[CSTORE_ID], token[CSTORE_TOKEN];
	cstore *cs;
	int rc;
	if (open_db(a->db, &cs))
		return 1;
	rc = cstore_kiosk_add(cs, a->n_pos ? a->pos[0] : NULL, id, token);
	if (rc == 0)
		cstore_audit(cs, "cli", "kiosk-add", id, "", (int64_t)time(NULL));
	cstore_close(cs);
	if (rc)
		return fprintf(stderr, "%s: %s\n", MAIN_NAME, mk_err_msg()), 1;
	printf("kiosk id: %s\ntoken: %s\n", id, token);
	printf("Put the token in that kiosk's kiosk.conf as collector_token = TOKEN.\n"
	       "It is shown only this once: the collector keeps only a hash of it.\n");
	mkc_wipe(token, sizeof token);
	return 0;
}

/* `init`: the empty database, made once (the package does it on a first
 * install); one that is there already is left as it is. serve never makes
 * one without --init, so a database deleted later does not come back
 * empty unnoticed. */
static int cmd_init(const main_args *a)
{
	cstore *cs;
	if (open_db(a->db, &cs))
		return 1;
	cstore_close(cs);
	printf("the collector's database is ready: %s\n", a->db);
	return 0;
}

static int cmd_kiosk_group(const main_args *a)
{
	const char *group = a->n_pos > 1 ? a->pos[1] : "";
	cstore *cs;
	if (a->n_pos < 1)
		return bad_args("kiosk-group", "expected a KIOSK-ID and a GROUP (none: no group)");
	if (open_db(a->db, &cs))
		return 1;
	int rc = cstore_kiosk_set_group(cs, a->pos[0], group);
	if (rc == 0)
		cstore_audit(cs, "cli", "kiosk-group", a->pos[0], group, (int64_t)time(NULL));
	cstore_close(cs);
	if (rc)
		return fprintf(stderr, "%s: kiosk-group: %s\n", MAIN_NAME, mk_err_msg()), 1;
	if (group[0])
		printf("kiosk %s is in group %s: it shares patients with the group's kiosks\n",
		       a->pos[0], group);
	else
		printf("kiosk %s is in no group: it writes only for its own patients\n", a->pos[0]);
	return 0;
}

static int ask_password(char pw[256])
{
	char again[256];
	if (mk_read_secret("Password (8 to 200 bytes): ", pw, 256) != 0 || !pw[0])
		return fprintf(stderr, "%s: add-user: no password given\n", MAIN_NAME), 1;
	if (!isatty(STDIN_FILENO))
		return 0;
	int same = mk_read_secret("The same password again: ", again, sizeof again) == 0 &&
		   !strcmp(pw, again);
	mkc_wipe(again, sizeof again);
	if (!same)
		return fprintf(stderr, "%s: add-user: the two passwords were not the same; "
			"nothing was changed\n", MAIN_NAME), 1;
	return 0;
}

/* "NAME: ROLE" for the audit's detail. */
static const char *detail_role(const char *name, const char *role)
{
	static char buf[120];
	snprintf(buf, sizeof buf, "%s: %s", name, role);
	return buf;
}

static int cmd_add_user(const main_args *a)
{
	char pw[256] = { 0 };
	cstore *cs;
	int rc;
	if (a->n_pos != 1)
		return bad_args("add-user", "expected one NAME");
	if (open_db(a->db, &cs))
		return 1;
	if (ask_password(pw) != 0) {
		cstore_close(cs);
		return 1;
	}
	rc = cstore_user_add(cs, a->pos[0], pw);
	mkc_wipe(pw, sizeof pw);
	if (rc == 0)
		cstore_audit(cs, "cli", "user-add", "", a->pos[0], (int64_t)time(NULL));
	if (rc == 0 && a->publisher && (rc = cstore_user_set_role(cs, a->pos[0], "publisher")) == 0)
		rc = cstore_audit(cs, "cli", "user-role", "", detail_role(a->pos[0], "publisher"),
				  (int64_t)time(NULL));
	cstore_close(cs);
	if (rc == MK_EEXIST)
		return fprintf(stderr, "%s: add-user: %s already exists\n", MAIN_NAME, a->pos[0]), 1;
	if (rc)
		return fprintf(stderr, "%s: add-user: %s\n", MAIN_NAME, mk_err_msg()), 1;
	printf("user %s can now sign in to the dashboard%s\n", a->pos[0],
	       a->publisher ? " and publish content" : "");
	return 0;
}

/* jansson keeps its own copies of every decrypted string it parses (the
 * dashboard's pages, exports): it wipes them when it frees. Set once for
 * the whole program before any thread starts, as jansson requires. */
static void wipe_free(void *p)
{
	if (p) {
		mkc_wipe(p, malloc_usable_size(p));
		free(p);
	}
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name, *allowed;
		int max_pos;
		int (*run)(const main_args *a);
	} cmds[] = {
		{ "keygen", " ", 1, cmd_keygen },
		{ "init", " --db --config ", 0, cmd_init },
		{ "add-kiosk", " --db --config ", 1, cmd_add_kiosk },
		{ "add-user", " --db --config --publisher ", 1, cmd_add_user },
		{ "user-role", " --db --config ", 2, main_user_role },
		{ "kiosk-group", " --db --config ", 2, cmd_kiosk_group },
		{ "serve", " --listen --db --key --tls-cert --tls-key --insecure-cookies --https-proxy --init"
			   " --config --time-zone ",
		  0, main_serve },
		{ "export", " --key --db --patient --from --to --format --out --config ", 0,
		  main_export },
		{ "publish", " --db --config --note --as ", 1, main_publish },
		{ "approve", " --db --config --as --package ", 1, main_approve },
		{ "rollout", " --db --config --as --package ", 3, main_rollout },
		{ "rollback", " --db --config --as ", 0, main_rollback },
		{ "content", " --db --config ", 0, main_content },
		{ "publish-package", " --db --config --note --as ", 1, main_publish_package },
		{ "software", " --db --config ", 0, main_software },
	};
	main_args a;
	json_set_alloc_funcs(malloc, wipe_free);
	if (argc < 2)
		return fputs(usage, stderr), 2;
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return fputs(usage, stdout), 0;
	if (!strcmp(argv[1], "--version"))
		return puts(MAIN_NAME " " COLLECTOR_VERSION), 0;
	if (!strcmp(argv[1], "vet"))
		return main_vet(argc, argv);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(argv[1], cmds[i].name))
			continue;
		for (int j = 2; j < argc; j++)
			if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h"))
				return fputs(usage, stdout), 0;
		int rc = parse_args(argc, argv, cmds[i].allowed, cmds[i].max_pos, &a);
		if (rc == 0)
			rc = cmds[i].run(&a);
		free(a.conf_text);
		return rc;
	}
	return bad_args(NULL, "unknown command %s", argv[1]);
}
