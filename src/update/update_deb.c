/* SPDX-License-Identifier: MIT */
/*
 * The Debian side of an update: what a .deb says it is (dpkg-deb --field),
 * what is installed (dpkg --status), installing (dpkg -i), and the sign of
 * life of the version installed. A signed bundle only proves who published
 * it; the control fields are checked against the name it travelled under
 * and this machine, so a publisher's slip (another package, another
 * architecture, a renamed file) is refused before dpkg sees it.
 */
#include "update_int.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int field(const upd_opts *o, const char *deb, const char *name, char *val, size_t n)
{
	char out[1024];
	const char *args[] = { "--field", deb, name, NULL };
	int rc = upd_run(o->dpkg_deb, args, out, sizeof out);
	if (rc != 0)
		return mk_err(MK_EINVAL, "dpkg-deb cannot read the package: %s",
			      upd_last_line(out, val, n));
	snprintf(val, n, "%s", mk_trim(out));
	return 0;
}

int upd_deb_version(const upd_opts *o, const char *deb, char *ver, size_t n)
{
	return field(o, deb, "Version", ver, n);
}

/* mesokiosk_VERSION_ARCH.deb, already checked for its shape. */
static void name_parts(const char *name, char *ver, char *arch, size_t n)
{
	const char *v = strchr(name, '_') + 1, *a = strrchr(name, '_');
	snprintf(ver, n, "%.*s", (int)(a - v), v);
	snprintf(arch, n, "%.*s", (int)(strlen(a + 1) - strlen(".deb")), a + 1);
}

int upd_deb_check(const upd_opts *o, const char *deb, const char *name)
{
	char pkg[UPD_VERSION_MAX], ver[UPD_VERSION_MAX], arch[UPD_VERSION_MAX], out[256];
	char nver[UPD_VERSION_MAX], narch[UPD_VERSION_MAX], here[UPD_VERSION_MAX];
	const char *args[] = { "--print-architecture", NULL };
	int rc = field(o, deb, "Package", pkg, sizeof pkg);
	if (!rc)
		rc = field(o, deb, "Version", ver, sizeof ver);
	if (!rc)
		rc = field(o, deb, "Architecture", arch, sizeof arch);
	if (rc)
		return rc;
	if (upd_run(o->dpkg, args, out, sizeof out) != 0)
		return mk_err(MK_EIO, "dpkg --print-architecture failed: %s",
			      upd_last_line(out, here, sizeof here));
	snprintf(here, sizeof here, "%s", mk_trim(out));
	name_parts(name, nver, narch, sizeof nver);
	if (strcmp(pkg, "mesokiosk"))
		return mk_err(MK_EINVAL, "the package is \"%s\", not mesokiosk", pkg);
	if (strcmp(arch, here) || strcmp(narch, here))
		return mk_err(MK_EINVAL, "the package is for %s, this kiosk is %s", arch, here);
	if (strcmp(ver, nver))
		return mk_err(MK_EINVAL, "the file is named for version %s but the package is %s",
			      nver, ver);
	return 0;
}

void upd_installed(const upd_opts *o, char *ver, size_t n)
{
	char out[8192], *v;
	const char *args[] = { "--status", "mesokiosk", NULL };
	ver[0] = 0;
	if (upd_run(o->dpkg, args, out, sizeof out) != 0 ||
	    !strstr(out, "\nStatus: install ok installed\n") || !(v = strstr(out, "\nVersion: ")))
		return;
	v += strlen("\nVersion: ");
	snprintf(ver, n, "%.*s", (int)strcspn(v, "\n"), v);
}

int upd_install(const upd_opts *o, const char *deb, char *why, size_t n)
{
	char out[4096], last[256];
	const char *args[] = { "--install", deb, NULL };
	int rc = upd_run(o->dpkg, args, out, sizeof out);
	if (rc == 0)
		return 0;
	snprintf(why, n, "dpkg could not install it (exit %d): %s", rc,
		 upd_last_line(out, last, sizeof last));
	return -1;
}

static int unit_active(const upd_opts *o, char *state, size_t n)
{
	char out[256];
	const char *args[] = { "is-active", o->unit, NULL };
	int rc = upd_run(o->systemctl, args, out, sizeof out);
	snprintf(state, n, "%s", *mk_trim(out) ? mk_trim(out) : "unknown");
	return rc == 0 && !strcmp(state, "active");
}

static double since_s(uint64_t t0)
{
	return (double)(mk_mono_ns() - t0) / 1e9;
}

int upd_alive(const upd_opts *o, int sfd, const char *ver, char *why, size_t n)
{
	char started[UPD_VERSION_MAX], state[64];
	uint64_t t0 = mk_mono_ns();
	while (upd_read_at(sfd, "started", started, sizeof started) != 0 || strcmp(started, ver)) {
		if (since_s(t0) >= o->wait_s) {
			snprintf(why, n, "version %s did not start within %d s", ver, o->wait_s);
			return -1;
		}
		sleep(1);
	}
	upd_say("version %s started; watching %s for %d s", ver, o->unit, o->steady_s);
	t0 = mk_mono_ns();
	for (;;) {
		if (!unit_active(o, state, sizeof state)) {
			snprintf(why, n, "%s was %s %.0f s after version %s started", o->unit, state,
				 since_s(t0), ver);
			return -1;
		}
		if (since_s(t0) >= o->steady_s)
			return 0;
		sleep(1);
	}
}
