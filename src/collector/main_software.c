/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector's software package commands: `publish-package
 * BUNDLE --as USER` stores a package bundle (mesokiosk bundle-package)
 * once its signature checks against software_keys (rollout_upload_package;
 * nothing of the package is run here, so there is no vetting), and
 * `software` lists the package versions and what each kiosk says of its
 * software. approve and rollout take a package's N with --package
 * (main_content.c). There is no rollback command: the collector holds no
 * software-signing key, so a fleet goes back when the publisher re-signs
 * the previous .deb as the next N.
 */
#include "collector.h"
#include "core.h"
#include "cstore_content.h"
#include "main_int.h"
#include "rollout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failed(const char *cmd)
{
	fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, cmd, mk_err_msg());
	return 1;
}

int main_publish_package(const main_args *a)
{
	cstore *cs;
	rollout *ro;
	char *bytes = NULL;
	size_t n = 0;
	int64_t v = 0;
	cstore_bundle b;
	if (a->n_pos != 1 || !a->as) {
		fprintf(stderr, "%s: publish-package: expected a BUNDLE file and --as USER (see %s"
			" --help)\n", MAIN_NAME, MAIN_NAME);
		return 2;
	}
	if (mk_read_regular(a->pos[0], CSTORE_PACKAGE_MAX, &bytes, &n) != 0)
		return failed("publish-package");
	if (main_content_open(a, "publish-package", &cs, &ro)) {
		free(bytes);
		return 1;
	}
	int rc = rollout_upload_package(ro, (const uint8_t *)bytes, n, a->note, a->as,
					(int64_t)time(NULL), &v);
	free(bytes);
	if (rc)
		rc = failed("publish-package");
	else if (cstore_bundle_get(cs, CSTORE_PACKAGE, v, &b) == 0)
		printf("package version %lld (Debian version %s) is stored and ready: another"
		       " publisher approves it with `approve %lld --package --as NAME`\n",
		       (long long)v, b.deb, (long long)v);
	main_content_close(cs, ro);
	return rc;
}

static int list_kiosks(cstore *cs)
{
	enum { MAX = 500 };
	cstore_kiosk_software *k = calloc(MAX, sizeof *k);
	int n = 0, rc = k ? cstore_kiosk_softwares(cs, k, MAX, &n) : MK_ENOMEM;
	if (!rc)
		printf("\n%-16s %-12s %-7s %-24s %-6s %-12s %-8s %-17s %s\n", "KIOSK", "GROUP",
		       "TARGET", "RUNNING", "TAKEN", "STATE", "OFFERED", "SAID (UTC)", "PROBLEM");
	for (int i = 0; !rc && i < n; i++) {
		printf("%-16s %-12s %-7lld %-24s %-6lld %-12s %-8lld ", k[i].kiosk,
		       k[i].group[0] ? k[i].group : "-", (long long)k[i].target,
		       k[i].running[0] ? k[i].running : "-", (long long)k[i].taken,
		       k[i].state[0] ? k[i].state : "-", (long long)k[i].offered);
		main_print_time(k[i].at);
		printf(" %s\n", k[i].problem);
	}
	free(k);
	return rc;
}

int main_software(const main_args *a)
{
	cstore *cs;
	if (a->n_pos != 0) {
		fprintf(stderr, "%s: software: takes no arguments (see %s --help)\n", MAIN_NAME,
			MAIN_NAME);
		return 2;
	}
	if (cstore_open(&cs, a->db) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		return 1;
	}
	int rc = main_list_versions(cs, CSTORE_PACKAGE);
	if (!rc)
		rc = list_kiosks(cs);
	cstore_close(cs);
	return rc ? failed("software") : 0;
}
