/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-update: the command line. `apply` is what
 * mesokiosk-update.service runs when the app leaves a request; `rollback`
 * and `status` are for IT at the kiosk. Options name the files and tools,
 * so tests (and IT who keep things elsewhere) can point it at a scratch
 * root; the defaults are a real kiosk's.
 */
#include "update.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: mesokiosk-update apply|rollback|status [options]\n"
	"  apply     install the package the kiosk left in DATA/software/request.mkb\n"
	"  rollback  install previous.deb again (the package before the last update)\n"
	"  status    what is installed, what is kept, how the last update went\n"
	"options:\n"
	"  --config FILE   kiosk.conf with software_keys (/etc/mesokiosk/kiosk.conf)\n"
	"  --data DIR      the kiosk's data folder (/var/lib/mesokiosk)\n"
	"  --state DIR     this helper's own folder (/var/lib/mesokiosk-update)\n"
	"  --backups DIR   packages install.sh kept (/var/backups/mesokiosk)\n"
	"  --dpkg CMD      dpkg, as a command line (dpkg)\n"
	"  --dpkg-deb CMD  dpkg-deb (dpkg-deb)\n"
	"  --systemctl CMD systemctl (systemctl)\n"
	"  --wait-s N      seconds a new version has to start (120)\n"
	"  --steady-s N    seconds it must then stay active (30)\n";

void upd_opts_defaults(upd_opts *o)
{
	*o = (upd_opts){ .config = "/etc/mesokiosk/kiosk.conf", .data = "/var/lib/mesokiosk",
			 .state = "/var/lib/mesokiosk-update",
			 .backups = "/var/backups/mesokiosk", .dpkg = "dpkg", .dpkg_deb = "dpkg-deb",
			 .systemctl = "systemctl", .unit = "mesokiosk.service", .wait_s = 120,
			 .steady_s = 30 };
}

static int seconds(const char *s, int *out)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 86400)
		return fprintf(stderr, "mesokiosk-update: seconds must be 0 to 86400, not \"%s\"\n", s), -1;
	*out = (int)v;
	return 0;
}

static int option(upd_opts *o, const char *name, const char *val)
{
	static const struct { const char *name; size_t off; } paths[] = {
		{ "--config", offsetof(upd_opts, config) }, { "--data", offsetof(upd_opts, data) },
		{ "--state", offsetof(upd_opts, state) }, { "--dpkg", offsetof(upd_opts, dpkg) },
		{ "--backups", offsetof(upd_opts, backups) },
		{ "--dpkg-deb", offsetof(upd_opts, dpkg_deb) },
		{ "--systemctl", offsetof(upd_opts, systemctl) },
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		if (!strcmp(name, paths[i].name)) {
			*(const char **)((char *)o + paths[i].off) = val;
			return 0;
		}
	if (!strcmp(name, "--wait-s"))
		return seconds(val, &o->wait_s);
	if (!strcmp(name, "--steady-s"))
		return seconds(val, &o->steady_s);
	return fprintf(stderr, "mesokiosk-update: unknown option %s\n%s", name, usage), -1;
}

int main(int argc, char **argv)
{
	upd_opts o;
	upd_opts_defaults(&o);
	if (argc < 2 || argc % 2 != 0)
		return fputs(usage, stderr), 2;
	for (int i = 2; i + 1 < argc; i += 2)
		if (option(&o, argv[i], argv[i + 1]) != 0)
			return 2;
	if (!strcmp(argv[1], "apply"))
		return upd_apply(&o);
	if (!strcmp(argv[1], "rollback"))
		return upd_rollback(&o);
	if (!strcmp(argv[1], "status"))
		return upd_show(&o);
	return fputs(usage, stderr), 2;
}
