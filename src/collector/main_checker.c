/* SPDX-License-Identifier: MIT */
/*
 * serve's content checker: the dashboard's background worker
 * (web_content_vet.c) given vet's calls, the kiosk binary to run
 * (collector.conf kiosk_binary, else the mesokiosk next to this program,
 * else /usr/bin/mesokiosk) and the folder for previews (collector.conf
 * previews, else a folder "previews" beside an SQLite database; a
 * PostgreSQL collector has no folder of its own, so it needs the setting).
 *
 * A collector that cannot check content still serves everything else: it
 * says why at start and in its log, and the Content page takes no
 * uploads. The dashboard reaches vet only through these pointers, so the
 * web room links without the sandbox.
 */
#include "collector.h"
#include "core.h"
#include "main_int.h"
#include "vet.h"
#include "web_content.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The previews folder into out: 0, or -1 when there is none to use. */
static int previews_dir(const main_args *a, char *out, size_t n)
{
	const char *db = a->db ? a->db : "collector.db";
	const char *slash;
	if (a->previews && *a->previews)
		return snprintf(out, n, "%s", a->previews) < (int)n ? 0 : -1;
	if (strstr(db, "://") || !strncmp(db, "postgres", 8))
		return -1;
	slash = strrchr(db, '/');
	if (!slash)
		return snprintf(out, n, "previews") < (int)n ? 0 : -1;
	return snprintf(out, n, "%.*s/previews", (int)(slash - db), db) < (int)n ? 0 : -1;
}

int main_checker_start(collector *c, const main_args *a)
{
	static web_content_opts o; /* read by the worker for the server's life */
	char q[300];
	memset(&o, 0, sizeof o);
	if (previews_dir(a, o.previews, sizeof o.previews) < 0) {
		fprintf(stderr, "%s: no previews folder (collector.conf previews = DIR, needed with "
			"PostgreSQL): the dashboard takes no content uploads\n", MAIN_NAME);
		mk_log(MK_LOG_WARN, "content-checker-off", "reason=no-previews-folder");
		return 0;
	}
	if (a->kiosk_binary)
		snprintf(o.kiosk_bin, sizeof o.kiosk_bin, "%s", a->kiosk_binary);
	else
		vet_kiosk_default(o.kiosk_bin, sizeof o.kiosk_bin);
	if (access(o.kiosk_bin, X_OK) != 0) {
		fprintf(stderr, "%s: %s is not a program this collector can run (collector.conf "
			"kiosk_binary): the dashboard takes no content uploads\n", MAIN_NAME,
			o.kiosk_bin);
		mk_log(MK_LOG_WARN, "content-checker-off", "reason=no-kiosk-binary");
		return 0;
	}
	o.check = vet_check;
	o.preview = vet_preview;
	o.result_free = vet_result_free;
	if (web_content_start(c, &o) != 0) {
		fprintf(stderr, "%s: the content checker did not start: %s\n", MAIN_NAME,
			mk_err_msg());
		mk_log(MK_LOG_WARN, "content-checker-off", "msg=%s",
		       mk_log_quote(q, sizeof q, mk_err_msg()));
	}
	return 0;
}

void main_checker_stop(void)
{
	web_content_stop();
}
