/* SPDX-License-Identifier: MIT */
/*
 * Every kiosk.conf setting, as one table (the shape of Redis's
 * static_configs): a row names the key, the kind of value, where it goes
 * in app_config and its bounds; the few keys whose words need more than a
 * kind's check have a function of their own. app_config_set looks the key
 * up, so the file and the command-line flags accept exactly the same words
 * and report a mistake the same way; app_config_free frees what the rows
 * say is text. Adding a setting is one row (and its field in app.h).
 */
#include "app.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1"))
		return *out = 1, 0;
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0"))
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

/* ---- Keys whose words need more than their kind's check */

static int set_content(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (*val && !mk_is_dir(val))
		return mk_err(MK_ENOTFOUND, "content folder '%s' does not exist or is not a folder", val);
	return set_str(&c->content_dir, val);
}

static int set_theme(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (*val && strcmp(val, "default") && strcmp(val, "high-contrast"))
		return mk_err(MK_EINVAL, "theme must be default or high-contrast, got '%s'", val);
	return set_str(&c->theme, val);
}

static int set_windowed(app_config *c, const char *key, const char *val)
{
	(void)key;
	return parse_size(val, &c->win_w, &c->win_h);
}

static int set_text_scale(app_config *c, const char *key, const char *val)
{
	int rc = parse_int(val, 100, 160, &c->text_scale);
	(void)key;
	if (rc == 0 && c->text_scale != 100 && c->text_scale != 130 && c->text_scale != 160)
		rc = mk_err(MK_EINVAL, "text_scale must be 100, 130 or 160, got '%s'", val);
	return rc;
}

static int set_staff_pin_hash(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (*val && strncmp(val, "$argon2id$", 10))
		return mk_err(MK_EINVAL, "staff_pin_hash must be an Argon2id hash made by "
			      "mesokiosk --set-staff-pin, not a PIN");
	return set_str(&c->staff_pin_hash, val);
}

/* staff_pin_hash.NAME = HASH: NAME's own PIN; set again, it replaces it. */
static int set_named_pin(app_config *c, const char *name, const char *val)
{
	int i = 0;
	if (store_staff_name_ok(name) != 0)
		return mk_err(MK_EINVAL, "staff_pin_hash.%s: %s", name, mk_err_msg());
	while (i < c->n_staff_pins && strcmp(c->staff_pins[i].name, name))
		i++;
	if (i == APP_STAFF_PINS)
		return mk_err(MK_EINVAL, "at most %d named staff PINs", APP_STAFF_PINS);
	if (strncmp(val, "$argon2id$", 10))
		return mk_err(MK_EINVAL, "staff_pin_hash.%s must be an Argon2id hash made by "
			      "mesokiosk --set-staff-pin %s, not a PIN", name, name);
	set_str(&c->staff_pins[i].hash, val);
	snprintf(c->staff_pins[i].name, sizeof c->staff_pins[i].name, "%s", name);
	if (i == c->n_staff_pins)
		c->n_staff_pins++;
	return 0;
}

static int set_tpm(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (!*val || strpbrk(val, " \t\"") || (strcmp(val, "auto") && strcmp(val, "off") && !strchr(val, ':')))
		return mk_err(MK_EINVAL, "tpm must be auto, off or a TCTI like device:/dev/tpmrm0, "
			      "got '%s'", val);
	return set_str(&c->tpm, val);
}

static int set_token(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (*val && (!strchr(val, '.') || strlen(val) > 120 || strpbrk(val, " \t\"")))
		return mk_err(MK_EINVAL, "collector_token must be the KIOSK-ID.SECRET that "
			      "mesokiosk-collector add-kiosk printed");
	return set_str(&c->collector_token, val);
}

static int set_rotation(app_config *c, const char *key, const char *val)
{
	int r = 0;
	(void)key;
	if (parse_int(val, 0, 270, &r) != 0 || r % 90)
		return mk_err(MK_EINVAL, "rotation must be 0, 90, 180 or 270 (degrees clockwise), "
			      "got '%s'", val);
	c->rotation = r;
	return 0;
}

static int set_outputs(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (strcmp(val, "extend") && strcmp(val, "last"))
		return mk_err(MK_EINVAL, "outputs must be extend or last, got '%s'", val);
	c->outputs_last = !strcmp(val, "last");
	return 0;
}

static int set_country(app_config *c, const char *key, const char *val)
{
	(void)key;
	if (*val && (strlen(val) != 2 || val[0] < 'A' || val[0] > 'Z' || val[1] < 'A' || val[1] > 'Z'))
		return mk_err(MK_EINVAL, "country must be a two-letter code in capitals, like GB, "
			      "FR or AE, got '%s'", val);
	snprintf(c->country, sizeof c->country, "%s", val);
	return 0;
}

static int set_renderer(app_config *c, const char *key, const char *val)
{
	static const char *const names[] = { "auto", "gl", "software" };
	(void)key;
	for (int i = 0; i < 3; i++)
		if (!strcmp(val, names[i]))
			return c->renderer = i, 0;
	return mk_err(MK_EINVAL, "renderer must be auto, gl or software, got '%s'", val);
}

static int set_screen_off(app_config *c, const char *key, const char *val)
{
	(void)key;
	return parse_window(val, &c->screen_off_from, &c->screen_off_to);
}

/* ---- The table */

typedef enum {
	K_TEXT,  /* any words (char *) */
	K_INT,   /* a whole number from lo to hi (int) */
	K_BOOL,  /* true or false (int) */
	K_PHONE, /* a phone number as patients dial it (char *) */
	K_WORDS, /* a name or opening hours, shown as they are (char *) */
	K_URL,   /* the collector's address (char *) */
	K_FN,    /* its own function; `off` is a char * it sets, or NONE */
} key_kind;

#define NONE ((size_t)-1)
#define F(field) offsetof(app_config, field)

static const struct key_row {
	const char *name;
	key_kind kind;
	size_t off;
	int lo, hi;
	int (*fn)(app_config *c, const char *key, const char *val);
} KEYS[] = {
	{ "content", K_FN, F(content_dir), 0, 0, set_content },
	{ "data", K_TEXT, F(data_dir), 0, 0, NULL },
	{ "language", K_TEXT, F(language), 0, 0, NULL },
	{ "theme", K_FN, F(theme), 0, 0, set_theme },
	{ "windowed", K_FN, NONE, 0, 0, set_windowed },
	{ "lockdown", K_BOOL, F(lockdown), 0, 0, NULL },
	{ "idle_seconds", K_INT, F(idle_s), 5, 86400, NULL },
	{ "idle_countdown_seconds", K_INT, F(countdown_s), 20, 600, NULL }, /* WCAG 2.2.1 */
	{ "text_scale", K_FN, NONE, 0, 0, set_text_scale },
	{ "clinic_public_key", K_TEXT, F(clinic_key), 0, 0, NULL },
	{ "content_keys", K_TEXT, F(content_keys), 0, 0, NULL },
	{ "software_keys", K_TEXT, F(software_keys), 0, 0, NULL },
	{ "local_edits", K_BOOL, F(local_edits), 0, 0, NULL },
	{ "heartbeat_s", K_INT, F(heartbeat_s), 1, 3600, NULL },
	{ "content_rate_kbps", K_INT, F(content_rate_kbps), 8, 1048576, NULL },
	{ "staff_pin_hash", K_FN, F(staff_pin_hash), 0, 0, set_staff_pin_hash },
	{ "camera", K_TEXT, F(camera), 0, 0, NULL },
	{ "photo_import_folder", K_TEXT, F(import_dir), 0, 0, NULL },
	{ "tpm", K_FN, F(tpm), 0, 0, set_tpm },
	{ "collector_url", K_URL, F(collector_url), 0, 0, NULL },
	{ "collector_token", K_FN, F(collector_token), 0, 0, set_token },
	{ "collector_ca", K_TEXT, F(collector_ca), 0, 0, NULL },
	{ "collector_timeout_seconds", K_INT, F(collector_timeout_s), 2, 300, NULL },
	{ "kiosk_retention_days", K_INT, F(retention_days), 1, 3650, NULL },
	{ "pin_length", K_INT, F(pin_len), STORE_PIN_MIN, STORE_PIN_MAX, NULL },
	{ "staff_idle_seconds", K_INT, F(staff_idle_s), 10, 3600, NULL },
	{ "rotation", K_FN, NONE, 0, 0, set_rotation },
	{ "outputs", K_FN, NONE, 0, 0, set_outputs },
	{ "clinic_name", K_WORDS, F(clinic_name), 0, 0, NULL },
	{ "clinic_hours", K_WORDS, F(clinic_hours), 0, 0, NULL },
	{ "clinic_phone", K_PHONE, F(clinic_phone), 0, 0, NULL },
	{ "out_of_hours_phone", K_PHONE, F(out_of_hours_phone), 0, 0, NULL },
	{ "emergency_number", K_PHONE, F(emergency_number), 0, 0, NULL },
	{ "country", K_FN, NONE, 0, 0, set_country },
	{ "renderer", K_FN, NONE, 0, 0, set_renderer },
	{ "screen_off", K_FN, NONE, 0, 0, set_screen_off },
	{ "sound", K_BOOL, F(sound), 0, 0, NULL },
	{ "sound_volume", K_INT, F(sound_volume), 0, 100, NULL },
	{ "speech", K_BOOL, F(speech), 0, 0, NULL },
	{ "speech_rate", K_INT, F(speech_rate), SPEECH_WPM_MIN, SPEECH_WPM_MAX, NULL },
	{ "speech_volume", K_INT, F(speech_volume), 0, 100, NULL },
	{ "audio_device", K_TEXT, F(audio_device), 0, 0, NULL },
	{ "check_width", K_INT, F(check_w), 320, 7680, NULL },
	{ "check_height", K_INT, F(check_h), 240, 7680, NULL },
};

#define N_KEYS (sizeof KEYS / sizeof KEYS[0])

static char **text_at(app_config *c, size_t off) { return (char **)((char *)c + off); }
static int *int_at(app_config *c, size_t off) { return (int *)(void *)((char *)c + off); }

int app_config_set(app_config *c, const char *key, const char *val)
{
	if (!strncmp(key, "staff_pin_hash.", 15))
		return set_named_pin(c, key + 15, val);
	for (size_t i = 0; i < N_KEYS; i++) {
		const struct key_row *k = &KEYS[i];
		if (strcmp(key, k->name))
			continue;
		switch (k->kind) {
		case K_TEXT: return set_str(text_at(c, k->off), val);
		case K_INT: return parse_int(val, k->lo, k->hi, int_at(c, k->off));
		case K_BOOL: return parse_bool(val, int_at(c, k->off));
		case K_PHONE: return set_phone(text_at(c, k->off), key, val);
		case K_WORDS: return set_words(text_at(c, k->off), key, val);
		case K_URL: return set_url(text_at(c, k->off), val);
		case K_FN: return k->fn(c, key, val);
		}
	}
	return mk_err(MK_EINVAL, "unknown setting '%s'", key);
}

void app_config_free(app_config *c)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (KEYS[i].off != NONE && KEYS[i].kind != K_INT && KEYS[i].kind != K_BOOL)
			free(*text_at(c, KEYS[i].off));
	for (int i = 0; i < c->n_staff_pins; i++)
		free(c->staff_pins[i].hash);
	free(c->config_file); /* set by app_config_load and the flags, not a key */
	free(c->drive);
	memset(c, 0, sizeof *c);
}
