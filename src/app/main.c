/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk: command line. Settings come from the configuration file first
 * (--config FILE, or the default path), then from flags, so a flag always
 * wins; both go through the same setter and fail the same way.
 */
#include "app.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const char usage[] =
	"usage: mesokiosk [options]\n"
	"       mesokiosk --check DIR\n"
	"       mesokiosk keygen PREFIX   (clinic key pair: PREFIX.pub, PREFIX.key)\n"
	"       mesokiosk keygen --content|--software PREFIX   (signing key pair)\n"
	"       mesokiosk bundle DIR OUT --key PREFIX.key [--version N]\n"
	"       mesokiosk bundle-package mesokiosk_V_ARCH.deb OUT --key PREFIX.key [--version N]\n"
	"       mesokiosk bundle-check FILE [--package] [--keys A.pub,B.pub] [--shown N]\n"
	"                              [--into NEWDIR]\n"
	"       mesokiosk sheet DIR OUT.png   (contact sheet of a preview's shots)\n"
	"       mesokiosk sheet-diff PREV DIR   (DIR's shots against PREV's)\n"
	"       mesokiosk --set-staff-pin [NAME] [--config FILE]\n"
	"       mesokiosk session [options]   (the kiosk's session: cage running\n"
	"                                      mesokiosk --lockdown [options])\n"
	"\n"
	"  --windowed WxH     run in a window instead of fullscreen\n"
	"  --headless         no display: SDL's dummy video driver, software renderer\n"
	"  --drive SCRIPT     run a UI driver script (with --headless) and exit\n"
	"  --lockdown         Ctrl+Q does not quit (for a real kiosk)\n"
	"  --content DIR      content folder (default: the shipped assets/content)\n"
	"  --data DIR         data folder (default: $XDG_DATA_HOME/mesokiosk)\n"
	"  --camera DEV       camera for progress photos (default: the first /dev/video*)\n"
	"  --config FILE      configuration file (default: /etc/mesokiosk/kiosk.conf,\n"
	"                     else $XDG_CONFIG_HOME/mesokiosk/kiosk.conf)\n"
	"  --check DIR        check content: print problems as file:line: message\n"
	"  --set-staff-pin    ask for the staff PIN and store its Argon2id hash in the\n"
	"                     configuration file (staff_pin_hash); with NAME, that\n"
	"                     member of staff's own PIN (staff_pin_hash.NAME), whose\n"
	"                     name the audit log then gives for what they do\n"
	"  --version          print the version\n";

/* Flags that map to a configuration key: "--flag" -> "key". */
static const char *const flag_keys[][2] = {
	{ "--content", "content" }, { "--data", "data" }, { "--windowed", "windowed" },
	{ "--lang", "language" }, { "--theme", "theme" }, { "--text-scale", "text_scale" },
	{ "--idle", "idle_seconds" }, { "--camera", "camera" },
};

static int apply_flags(app_config *cfg, int argc, char **argv, const char **check)
{
	for (int i = 1; i < argc; i++) {
		const char *f = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int known = 0;
		if (!strcmp(f, "--headless")) {
			cfg->headless = 1;
			continue;
		}
		if (!strcmp(f, "--lockdown")) {
			cfg->lockdown = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr, "mesokiosk: %s needs a value\n%s", f, usage);
			return 2;
		}
		if (!strcmp(f, "--config")) {
			i++;
			continue;
		}
		if (!strcmp(f, "--drive")) {
			free(cfg->drive);
			cfg->drive = mk_strdup(v);
			i++;
			continue;
		}
		if (!strcmp(f, "--check")) {
			*check = v;
			i++;
			continue;
		}
		for (size_t k = 0; k < sizeof flag_keys / sizeof flag_keys[0]; k++) {
			if (strcmp(f, flag_keys[k][0]))
				continue;
			known = 1;
			if (app_config_set(cfg, flag_keys[k][1], v) != 0) {
				fprintf(stderr, "mesokiosk: %s: %s\n", f, mk_err_msg());
				return 2;
			}
			if (!strcmp(f, "--content"))
				cfg->content_from = "flag";
		}
		if (!known) {
			fprintf(stderr, "mesokiosk: unknown option '%s'\n%s", f, usage);
			return 2;
		}
		i++;
	}
	return 0;
}

static int load_config(app_config *cfg, int argc, char **argv)
{
	const char *path = NULL;
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--config"))
			path = argv[i + 1];
	if (!path)
		path = app_config_default_path();
	if (path && app_config_load(cfg, path) != 0) {
		fprintf(stderr, "mesokiosk: %s\n", mk_err_msg());
		return 2;
	}
	return 0;
}

/* On a real kiosk (--lockdown with a display), a problem at start is shown
 * on the screen as well as logged: never a black screen. */
static int kiosk_mode(int argc, char **argv)
{
	int lockdown = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--headless") || !strcmp(argv[i], "--drive") ||
		    !strcmp(argv[i], "--check"))
			return 0;
		lockdown |= !strcmp(argv[i], "--lockdown");
	}
	return lockdown;
}

static int start_failed(int argc, char **argv, int rc)
{
	char msg[1024];
	if (!kiosk_mode(argc, argv))
		return rc;
	snprintf(msg, sizeof msg, "%s", mk_err_msg());
	return fatal_screen_run(msg) == 0 ? 0 : rc;
}

static uint64_t t_start;

static int cmp_float(const void *x, const void *y)
{
	float a = *(const float *)x, b = *(const float *)y;
	return (a > b) - (a < b);
}

/* The p-th percentile of v[0..n) (sorts v); 0 when empty. */
static double pctl(float *v, int n, int p)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_float);
	return v[(n - 1) * p / 100];
}

/* Where the start went, as milliseconds since the process began: SDL up,
 * the window (and the renderer) open, fonts ready, content loaded, the
 * store open, and the first frame presented (layout and drawing). */
static void first_frame_log(const app *a)
{
	double ms[5];
	for (int i = 0; i < 5; i++)
		ms[i] = a->loop->t_open[i] ? (double)(a->loop->t_open[i] - t_start) / 1e6 : 0;
	mk_log(MK_LOG_INFO, "first-frame", "ms=%.1f sdl=%.1f window=%.1f fonts=%.1f content=%.1f "
	       "store=%.1f present=%s", (double)(a->loop->first_frame_ns - t_start) / 1e6, ms[0], ms[1],
	       ms[2], ms[3], ms[4], a->cfg.present);
}

static int run(app_config *cfg)
{
	app a;
	int rc;
	char q[300];
	if (cfg->drive)
		mk_clock_virtual(1);
	present_choose(cfg);
	mk_log(MK_LOG_INFO, "start", "version=%s content=%s content_from=%s config=%s present=%s "
	       "gpu_driver=%s why=\"%s\"", MK_VERSION, mk_log_quote(q, sizeof q, cfg->content_dir),
	       cfg->content_from, cfg->config_file ? cfg->config_file : "none", cfg->present,
	       cfg->present_driver[0] ? cfg->present_driver : "-", cfg->present_why);
	if ((rc = app_open(&a, cfg)) != 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", mk_err_msg());
		fprintf(stderr, "mesokiosk: %s\n", msg);
		mk_log(MK_LOG_ERROR, "start-failed", "error=%s", mk_log_quote(q, sizeof q, msg));
		app_close(&a);
		mk_err(MK_EINVAL, "%s", msg);
		return -1;
	}
	app_pump(&a);
	first_frame_log(&a);
	rc = cfg->drive ? drive_run(&a, cfg->drive) : app_run(&a);
	struct rusage ru;
	float taps[256], frames[1024];
	int n_tap = a.loop->n_tap, nt = n_tap < 256 ? n_tap : 256, nf = a.loop->n_frame_ms;
	memcpy(taps, a.loop->tap_ms, sizeof taps);
	memcpy(frames, a.loop->frame_ms, sizeof frames);
	app_close(&a);
	getrusage(RUSAGE_SELF, &ru);
	mk_log(MK_LOG_INFO, "stop", "status=%d max_rss_kb=%ld taps=%d tap_to_present_p50_ms=%.1f "
	       "tap_to_present_max_ms=%.1f frames=%d frame_p99_ms=%.2f", rc, ru.ru_maxrss, n_tap,
	       pctl(taps, nt, 50), pctl(taps, nt, 100), nf, pctl(frames, nf, 99));
	return rc;
}

int main(int argc, char **argv)
{
	app_config cfg;
	const char *check = NULL;
	int rc;
	t_start = mk_mono_ns();
	if ((rc = app_bundle_main(argc, argv)) >= 0)
		return rc; /* before --version: `bundle` takes one */
	if ((rc = app_sheet_main(argc, argv)) >= 0)
		return rc;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return fputs(usage, stdout), 0;
		if (!strcmp(argv[i], "--version"))
			return puts("mesokiosk " MK_VERSION "\npackage " MK_PACKAGE_VERSION), 0;
	}
	if (argc == 3 && !strcmp(argv[1], "keygen")) {
		if (store_keys_write(argv[2]) != 0)
			return fprintf(stderr, "mesokiosk: %s\n", mk_err_msg()), 1;
		printf("wrote %s.pub (give it to every kiosk) and %s.key (private: only the collector)\n",
		       argv[2], argv[2]);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--set-staff-pin"))
			continue;
		const char *path = NULL, *name = NULL;
		for (int j = 1; j + 1 < argc; j++)
			if (!strcmp(argv[j], "--config"))
				path = argv[j + 1];
		if (i + 1 < argc && strncmp(argv[i + 1], "--", 2))
			name = argv[i + 1];
		if (app_set_staff_pin(path, name) != 0)
			return fprintf(stderr, "mesokiosk: %s\n", mk_err_msg()), 1;
		return 0;
	}
	app_config_defaults(&cfg);
	if (argc >= 2 && !strcmp(argv[1], "session")) {
		/* A bad setting is the app's to show; the session starts upright. */
		if (load_config(&cfg, argc, argv) != 0) {
			app_config_free(&cfg);
			app_config_defaults(&cfg);
		}
		rc = session_run(&cfg, argc, argv);
		app_config_free(&cfg);
		return rc;
	}
	if ((rc = load_config(&cfg, argc, argv)) != 0 || (rc = apply_flags(&cfg, argc, argv, &check)) != 0) {
		app_config_free(&cfg);
		return start_failed(argc, argv, rc);
	}
	app_config_default_content(&cfg);
	rc = check ? check_run(&cfg, check) : run(&cfg);
	if (rc < 0)
		rc = start_failed(argc, argv, 1);
	app_config_free(&cfg);
	return rc;
}
