/* SPDX-License-Identifier: MIT */
/*
 * Configuration. One file of `key = value` lines (`#` comments), read at
 * start; command-line flags set the same keys afterwards, so a flag always
 * wins. Every setting goes through app_config_set (config_keys.c, one
 * table row a key), so the file and the flags accept exactly the same
 * words, and a mistake in either is reported the same way: which file,
 * which line, what was wrong.
 */
#include "app.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void app_config_defaults(app_config *c)
{
	memset(c, 0, sizeof *c);
	c->idle_s = 90;
	c->countdown_s = 20; /* WCAG 2.2.1: at least 20 s to ask for more time */
	c->text_scale = 100;
	c->check_w = 1920;
	c->check_h = 1080;
	c->staff_idle_s = 120;
	c->pin_len = STORE_PIN_MIN;
	c->retention_days = STORE_RETENTION_DAYS;
	c->collector_timeout_s = 30;
	c->screen_off_from = c->screen_off_to = -1;
	c->sound = 1;
	c->sound_volume = 70;
	c->speech = 1;
	c->speech_rate = SPEECH_WPM_DEFAULT;
	c->speech_volume = 70; /* the tones' level: neither startles nor is lost in the room */
	c->local_edits = -1;   /* off once content_keys names a publisher */
	c->heartbeat_s = 60;
	c->content_rate_kbps = 1024;
}

static int set_one(void *c, const char *key, const char *val)
{
	return app_config_set(c, key, val);
}

int app_config_load(app_config *c, const char *path)
{
	char *text = NULL;
	int rc = mk_conf_parse(path, &text, set_one, c);
	free(text);
	if (rc == 0) {
		free(c->config_file);
		c->config_file = mk_strdup(path);
	}
	return rc;
}

int app_content_vars(const app_config *cfg, content_var out[APP_CONTENT_VARS], char regulator[16])
{
	int n = 0;
	regulator[0] = 0;
	if (cfg->country[0])
		snprintf(regulator, 16, "@regulator_%c%c", cfg->country[0] + 32, cfg->country[1] + 32);
	out[n++] = (content_var){ "clinic_name", cfg->clinic_name, "clinic_name in kiosk.conf", 0 };
	out[n++] = (content_var){ "clinic_phone", cfg->clinic_phone, "clinic_phone in kiosk.conf", 1 };
	out[n++] = (content_var){ "clinic_hours", cfg->clinic_hours, "clinic_hours in kiosk.conf", 0 };
	out[n++] = (content_var){ "out_of_hours_phone", cfg->out_of_hours_phone,
				  "out_of_hours_phone in kiosk.conf", 1 };
	out[n++] = (content_var){ "emergency_number", cfg->emergency_number,
				  "emergency_number in kiosk.conf", 1 };
	out[n++] = (content_var){ "regulator", regulator, "country in kiosk.conf", 0 };
	return n;
}

content_limits app_content_limits(const app_config *cfg, content_var vars[APP_CONTENT_VARS],
				  char regulator[16])
{
	content_limits lim = { 0 };
	lim.vars = vars;
	lim.n_vars = app_content_vars(cfg, vars, regulator);
	return lim;
}

/* The folder the running binary is in, or "" (then the built-in prefix). */
static void exe_dir(char *buf, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", buf, n - 1);
	char *slash;
	buf[len > 0 ? len : 0] = 0;
	if ((slash = strrchr(buf, '/')))
		*slash = 0;
	else
		buf[0] = 0;
}

void app_config_default_content(app_config *c)
{
	char dir[2048], *installed;
	size_t nb = strlen(MK_BUILD_DIR);
	if (c->content_dir) {
		if (!c->content_from)
			c->content_from = "config";
		return;
	}
	exe_dir(dir, sizeof dir);
	/* Run from the build tree (a developer, scripts/run, the tests): the
	 * checkout's content, which is what they are editing. Anywhere else
	 * the checkout is none of the kiosk's business. */
	if (strlen(dir) >= nb && !memcmp(dir, MK_BUILD_DIR, nb) && (dir[nb] == '/' || !dir[nb]) &&
	    mk_is_dir(MK_DEFAULT_CONTENT)) {
		c->content_dir = mk_strdup(MK_DEFAULT_CONTENT);
		c->content_from = "checkout";
		return;
	}
	installed = *dir ? mk_asprintf("%s/../share/mesokiosk/content", dir) : NULL;
	c->content_dir = installed ? realpath(installed, NULL) : NULL;
	free(installed);
	if (!c->content_dir)
		c->content_dir = mk_strdup(MK_INSTALLED_CONTENT);
	c->content_from = "installed";
}

const char *app_config_user_path(void)
{
	static char buf[1024];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, sizeof buf, "%s/mesokiosk/kiosk.conf", xdg);
	else if (home && *home)
		snprintf(buf, sizeof buf, "%s/.config/mesokiosk/kiosk.conf", home);
	else
		return NULL;
	return buf;
}

const char *app_config_default_path(void)
{
	const char *user;
	if (mk_is_file("/etc/mesokiosk/kiosk.conf"))
		return "/etc/mesokiosk/kiosk.conf";
	user = app_config_user_path();
	return user && mk_is_file(user) ? user : NULL;
}
