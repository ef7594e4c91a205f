/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector's command line, shared by main.c (parsing, the small
 * subcommands), main_serve.c, main_export.c and main_content.c. Exit codes: 0 done, 1 it
 * failed (the message says why), 2 the command line was wrong.
 */
#ifndef MK_COLLECTOR_MAIN_H
#define MK_COLLECTOR_MAIN_H

#include <stdint.h>

#define MAIN_NAME "mesokiosk-collector"

typedef struct {
	const char *db, *listen, *key, *tls_cert, *tls_key;
	const char *patient, *from, *to, *format, *out;
	const char *time_zone; /* serve: the clinic's zone for the dashboard */
	int insecure_cookies;
	int https_proxy;    /* plain HTTP behind a proxy that serves HTTPS */
	int init;           /* serve --init: may start an empty database */
	const char *kiosk_binary; /* vet: the kiosk to check content with */
	const char *previews;     /* serve: the dashboard's content previews folder */
	const char *config; /* --config FILE */
	char *conf_text;    /* that file, which the settings above point into */
	const char *content_keys; /* public keys content is checked against */
	const char *content_key;  /* the collector's content-signing key */
	const char *note, *as;    /* publish --note, --as USER */
	int publisher;            /* add-user --publisher */
	const char *software_keys; /* public keys software packages are checked against */
	int package;              /* approve, rollout --package: a software package's N */
	const char *pos[3]; /* positional arguments */
	int n_pos;
} main_args;

/* Fills every setting the command line left empty from the file (main_conf.c).
 * 0, 1 when it cannot be read, 2 for a mistake in it (file:line printed). */
int main_config_load(main_args *a, const char *path);

/* Reads the clinic's key pair from key_path (PREFIX.key, 0600) and the
 * PREFIX.pub next to it, and checks that they belong together. 2 for a
 * wrong path, 1 for any other failure (message printed); 0 otherwise. */
int main_read_keys(const char *key_path, uint8_t pk[32], uint8_t sk[32]);

int main_serve(const main_args *a);
int main_export(const main_args *a);
/* Content rollout (main_content.c). */
/* The database and the rollout actions with collector.conf's keys; 0, or
 * 1 after saying why (main_content.c). */
struct cstore;
struct rollout;
int main_content_open(const main_args *a, const char *cmd, struct cstore **cs,
		      struct rollout **ro);
void main_content_close(struct cstore *cs, struct rollout *ro);
int main_approve(const main_args *a);
int main_rollout(const main_args *a);
int main_rollback(const main_args *a);
int main_content(const main_args *a);
/* Prints a UTC time in 17 columns, "-" for none (main_content.c). */
void main_print_time(int64_t t);
/* Prints the stored versions of a kind (a cstore_kind) as a table. */
int main_list_versions(struct cstore *cs, int kind);
int main_user_role(const main_args *a);
/* serve's content checker for the dashboard (main_checker.c): starts it
 * when it can, says why not when it cannot (serve goes on); 0. */
struct collector;
/* The previews folder (collector.conf previews, else "previews" beside an
 * SQLite database) into out: 0, or -1 when there is none to use. */
int main_previews_dir(const main_args *a, char *out, size_t n);
/* The kiosk binary vet runs (kiosk_binary, else the mesokiosk next to this
 * program, else /usr/bin/mesokiosk) into out: 0, or -1 when it cannot run. */
int main_kiosk_bin(const main_args *a, char *out, size_t n);
/* publish's own check and preview, before the bundle is stored
 * (main_publish.c). */
int main_publish(const main_args *a);
/* Software packages (main_software.c): publish-package and the software
 * listing. */
int main_publish_package(const main_args *a);
int main_software(const main_args *a);
int main_checker_start(struct collector *c, const main_args *a);
void main_checker_stop(void);
/* `vet BUNDLE OUT ...` parses its own options (main_vet.c). */
int main_vet(int argc, char **argv);

#endif
