/* SPDX-License-Identifier: MIT */
/*
 * Configuration. One file of `key = value` lines (`#` comments), read at
 * start; command-line flags set the same keys afterwards, so a flag always
 * wins. Every setting goes through app_config_set, so the file and the flags
 * accept exactly the same words, and a mistake in either is reported the
 * same way: which file, which line, what was wrong.
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
	c->countdown_s = 15;
	c->text_scale = 100;
	c->check_w = 1920;
	c->check_h = 1080;
	c->staff_idle_s = 120;
	c->pin_len = STORE_PIN_MIN;
	c->retention_days = STORE_RETENTION_DAYS;
	c->collector_timeout_s = 30;
	c->screen_off_from = c->screen_off_to = -1;
}

void app_config_free(app_config *c)
{
	free(c->content_dir);
	free(c->data_dir);
	free(c->config_file);
	free(c->drive);
	free(c->language);
	free(c->theme);
	free(c->clinic_key);
	free(c->staff_pin_hash);
	free(c->camera);
	free(c->import_dir);
	free(c->tpm);
	free(c->collector_url);
	free(c->collector_token);
	free(c->collector_ca);
	free(c->clinic_name);
	free(c->clinic_phone);
	free(c->clinic_hours);
	free(c->out_of_hours_phone);
	free(c->emergency_number);
	memset(c, 0, sizeof *c);
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < lo || n > hi)
		return mk_err(MK_EINVAL, "expected a whole number from %d to %d, got '%s'", lo, hi, v);
	*out = (int)n;
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
		return *out = 1, 0;
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0"))
		return *out = 0, 0;
	return mk_err(MK_EINVAL, "expected true or false, got '%s'", v);
}

/* "WxH", or "" for fullscreen. */
static int parse_size(const char *v, int *w, int *h)
{
	int a, b;
	char extra;
	if (!*v)
		return *w = *h = 0, 0;
	if (sscanf(v, "%dx%d%c", &a, &b, &extra) != 2 || a < 320 || b < 240 || a > 7680 || b > 7680 ||
	    (long)a * b > 7680L * 4320)
		return mk_err(MK_EINVAL, "expected a size like 1280x720, from 320x240 up to 7680x4320 "
			      "(or 4320x7680), got '%s'", v);
	*w = a, *h = b;
	return 0;
}

/* "HH:MM" -> minutes after midnight. */
static int parse_hhmm(const char *v, int *out)
{
	int h, m, n = 0;
	if (sscanf(v, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || h > 23 || m > 59 || h < 0 || m < 0)
		return -1;
	*out = h * 60 + m;
	return 0;
}

/* "22:00-06:00" (may cross midnight), or "" for never. */
static int parse_window(const char *v, int *from, int *to)
{
	char a[16], b[16], extra;
	if (!*v)
		return *from = *to = -1, 0;
	if (sscanf(v, "%15[0-9:] - %15[0-9:]%c", a, b, &extra) != 2 || parse_hhmm(a, from) ||
	    parse_hhmm(b, to) || *from == *to)
		return *from = *to = -1,
		       mk_err(MK_EINVAL, "screen_off must be two different times like 22:00-06:00, "
			      "or empty for never, got '%s'", v);
	return 0;
}

/* A phone number as patients dial it: digits, spaces, + - ( ) and dots. */
static int set_phone(char **dst, const char *key, const char *v)
{
	int digits = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-().", *p))
			return mk_err(MK_EINVAL, "%s must be a phone number (digits, spaces, + - ( ) .), got '%s'",
				      key, v);
	}
	if (*v && (digits < 2 || strlen(v) > 32))
		return mk_err(MK_EINVAL, "%s must be a phone number of 2 to 32 characters, got '%s'", key, v);
	free(*dst);
	*dst = *v ? mk_strdup(v) : NULL;
	return 0;
}

/* Words shown as they are in every language: a name, opening hours. */
static int set_words(char **dst, const char *key, const char *v)
{
	if (strlen(v) > 80 || strpbrk(v, "{}"))
		return mk_err(MK_EINVAL, "%s must be at most 80 characters without { or }, got '%s'", key, v);
	free(*dst);
	*dst = *v ? mk_strdup(v) : NULL;
	return 0;
}

static int set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = *v ? mk_strdup(v) : NULL;
	return 0;
}

/* The collector's address: HTTPS, or plain HTTP only to this machine (a
 * test, or a TLS proxy on the kiosk), so records never cross a network in
 * clear even by a typo. */
static int set_url(char **dst, const char *v)
{
	static const char *const local[] = { "http://127.0.0.1", "http://localhost", "http://[::1]" };
	int ok = !*v || !strncmp(v, "https://", 8);
	for (size_t i = 0; !ok && i < sizeof local / sizeof local[0]; i++) {
		size_t n = strlen(local[i]);
		ok = !strncmp(v, local[i], n) && (v[n] == ':' || v[n] == '/' || !v[n]);
	}
	if (!ok)
		return mk_err(MK_EINVAL, "collector_url must start with https:// (plain http:// only "
			      "to this machine), got '%s'", v);
	return set_str(dst, v);
}

int app_config_set(app_config *c, const char *key, const char *val)
{
	if (!strcmp(key, "content")) {
		if (*val && !mk_is_dir(val))
			return mk_err(MK_ENOTFOUND, "content folder '%s' does not exist or is not a "
				      "folder", val);
		return set_str(&c->content_dir, val);
	}
	if (!strcmp(key, "data"))
		return set_str(&c->data_dir, val);
	if (!strcmp(key, "language"))
		return set_str(&c->language, val);
	if (!strcmp(key, "theme")) {
		if (*val && strcmp(val, "default") && strcmp(val, "high-contrast"))
			return mk_err(MK_EINVAL, "theme must be default or high-contrast, got '%s'", val);
		return set_str(&c->theme, val);
	}
	if (!strcmp(key, "windowed"))
		return parse_size(val, &c->win_w, &c->win_h);
	if (!strcmp(key, "lockdown"))
		return parse_bool(val, &c->lockdown);
	if (!strcmp(key, "idle_seconds"))
		return parse_int(val, 5, 86400, &c->idle_s);
	if (!strcmp(key, "idle_countdown_seconds"))
		return parse_int(val, 1, 600, &c->countdown_s);
	if (!strcmp(key, "text_scale")) {
		int rc = parse_int(val, 100, 160, &c->text_scale);
		if (rc == 0 && c->text_scale != 100 && c->text_scale != 130 && c->text_scale != 160)
			rc = mk_err(MK_EINVAL, "text_scale must be 100, 130 or 160, got '%s'", val);
		return rc;
	}
	if (!strcmp(key, "clinic_public_key"))
		return set_str(&c->clinic_key, val);
	if (!strcmp(key, "staff_pin_hash")) {
		if (*val && strncmp(val, "$argon2id$", 10))
			return mk_err(MK_EINVAL, "staff_pin_hash must be an Argon2id hash made by "
				      "mesokiosk --set-staff-pin, not a PIN");
		return set_str(&c->staff_pin_hash, val);
	}
	if (!strcmp(key, "camera"))
		return set_str(&c->camera, val);
	if (!strcmp(key, "photo_import_folder"))
		return set_str(&c->import_dir, val);
	if (!strcmp(key, "tpm")) {
		if (!*val || strpbrk(val, " \t\"") ||
		    (strcmp(val, "auto") && strcmp(val, "off") && !strchr(val, ':')))
			return mk_err(MK_EINVAL, "tpm must be auto, off or a TCTI like "
				      "device:/dev/tpmrm0, got '%s'", val);
		return set_str(&c->tpm, val);
	}
	if (!strcmp(key, "collector_url"))
		return set_url(&c->collector_url, val);
	if (!strcmp(key, "collector_token")) {
		if (*val && (!strchr(val, '.') || strlen(val) > 120 || strpbrk(val, " \t\"")))
			return mk_err(MK_EINVAL, "collector_token must be the KIOSK-ID.SECRET that "
				      "mesokiosk-collector add-kiosk printed");
		return set_str(&c->collector_token, val);
	}
	if (!strcmp(key, "collector_ca"))
		return set_str(&c->collector_ca, val);
	if (!strcmp(key, "collector_timeout_seconds"))
		return parse_int(val, 2, 300, &c->collector_timeout_s);
	if (!strcmp(key, "kiosk_retention_days"))
		return parse_int(val, 1, 3650, &c->retention_days);
	if (!strcmp(key, "pin_length"))
		return parse_int(val, STORE_PIN_MIN, STORE_PIN_MAX, &c->pin_len);
	if (!strcmp(key, "staff_idle_seconds"))
		return parse_int(val, 10, 3600, &c->staff_idle_s);
	if (!strcmp(key, "rotation")) {
		int r = 0;
		if (parse_int(val, 0, 270, &r) != 0 || r % 90)
			return mk_err(MK_EINVAL, "rotation must be 0, 90, 180 or 270 (degrees "
				      "clockwise), got '%s'", val);
		c->rotation = r;
		return 0;
	}
	if (!strcmp(key, "outputs")) {
		if (strcmp(val, "extend") && strcmp(val, "last"))
			return mk_err(MK_EINVAL, "outputs must be extend or last, got '%s'", val);
		c->outputs_last = !strcmp(val, "last");
		return 0;
	}
	if (!strcmp(key, "clinic_name"))
		return set_words(&c->clinic_name, key, val);
	if (!strcmp(key, "clinic_hours"))
		return set_words(&c->clinic_hours, key, val);
	if (!strcmp(key, "clinic_phone"))
		return set_phone(&c->clinic_phone, key, val);
	if (!strcmp(key, "out_of_hours_phone"))
		return set_phone(&c->out_of_hours_phone, key, val);
	if (!strcmp(key, "emergency_number"))
		return set_phone(&c->emergency_number, key, val);
	if (!strcmp(key, "country")) {
		if (*val && (strlen(val) != 2 || val[0] < 'A' || val[0] > 'Z' || val[1] < 'A' || val[1] > 'Z'))
			return mk_err(MK_EINVAL, "country must be a two-letter code in capitals, like GB, "
				      "FR or AE, got '%s'", val);
		snprintf(c->country, sizeof c->country, "%s", val);
		return 0;
	}
	if (!strcmp(key, "renderer")) {
		static const char *const names[] = { "auto", "gl", "software" };
		for (int i = 0; i < 3; i++)
			if (!strcmp(val, names[i]))
				return c->renderer = i, 0;
		return mk_err(MK_EINVAL, "renderer must be auto, gl or software, got '%s'", val);
	}
	if (!strcmp(key, "screen_off"))
		return parse_window(val, &c->screen_off_from, &c->screen_off_to);
	if (!strcmp(key, "check_width"))
		return parse_int(val, 320, 7680, &c->check_w);
	if (!strcmp(key, "check_height"))
		return parse_int(val, 240, 7680, &c->check_h);
	return mk_err(MK_EINVAL, "unknown setting '%s'", key);
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
	if (rc == 0)
		set_str(&c->config_file, path);
	return rc;
}

int app_content_vars(const app_config *cfg, content_var out[APP_CONTENT_VARS], char regulator[16])
{
	int n = 0;
	regulator[0] = 0;
	if (cfg->country[0])
		snprintf(regulator, 16, "@regulator_%c%c", cfg->country[0] + 32, cfg->country[1] + 32);
	out[n++] = (content_var){ "clinic_name", cfg->clinic_name, "clinic_name in kiosk.conf" };
	out[n++] = (content_var){ "clinic_phone", cfg->clinic_phone, "clinic_phone in kiosk.conf" };
	out[n++] = (content_var){ "clinic_hours", cfg->clinic_hours, "clinic_hours in kiosk.conf" };
	out[n++] = (content_var){ "out_of_hours_phone", cfg->out_of_hours_phone,
				  "out_of_hours_phone in kiosk.conf" };
	out[n++] = (content_var){ "emergency_number", cfg->emergency_number,
				  "emergency_number in kiosk.conf" };
	out[n++] = (content_var){ "regulator", regulator, "country in kiosk.conf" };
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
