/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `config`: the input is a kiosk.conf, read by
 * app_config_load (mk_conf_parse, then app_config_set for every line)
 * exactly as the kiosk reads it at start. Beyond not crashing, a refused
 * file must say where (the message starts with "path:"), and an accepted
 * one must hold only values the kiosk can use: the ranges the parsers
 * promise, a collector reached over HTTPS (plain HTTP only to this
 * machine), phone numbers of digits and + - ( ) . and spaces, and the
 * {name} values content receives (app_content_vars).
 */
#include "fuzz.h"
#include "app.h"

static char *conf_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	conf_path = fuzz_path("kiosk.conf");
	return 0;
}

static int is_local_http(const char *u)
{
	static const char *const local[] = { "http://127.0.0.1", "http://localhost", "http://[::1]" };
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++) {
		size_t n = strlen(local[i]);
		if (!strncmp(u, local[i], n) && (u[n] == ':' || u[n] == '/' || !u[n]))
			return 1;
	}
	return 0;
}

static void check_phone(const char *p)
{
	FUZZ_CHECK(!p || (*p && strlen(p) <= 32 && strspn(p, "0123456789 +-().") == strlen(p)),
		   "phone '%s'", p);
}

static void check_accepted(const app_config *c)
{
	content_var vars[APP_CONTENT_VARS];
	char regulator[16];
	FUZZ_CHECK(c->text_scale == 100 || c->text_scale == 130 || c->text_scale == 160, "%d",
		   c->text_scale);
	FUZZ_CHECK(c->rotation >= 0 && c->rotation <= 270 && c->rotation % 90 == 0, "%d", c->rotation);
	FUZZ_CHECK((c->win_w == 0 && c->win_h == 0) ||
		   (c->win_w >= 320 && c->win_h >= 240 && (long)c->win_w * c->win_h <= 7680L * 4320),
		   "%dx%d", c->win_w, c->win_h);
	FUZZ_CHECK(c->idle_s >= 5 && c->countdown_s >= 1 && c->staff_idle_s >= 10, "idle");
	FUZZ_CHECK(c->collector_timeout_s >= 2 && c->collector_timeout_s <= 300, "timeout");
	FUZZ_CHECK(c->check_w >= 320 && c->check_h >= 240, "%dx%d", c->check_w, c->check_h);
	FUZZ_CHECK((c->screen_off_from == -1 && c->screen_off_to == -1) ||
		   (c->screen_off_from >= 0 && c->screen_off_from < 1440 && c->screen_off_to >= 0 &&
		    c->screen_off_to < 1440 && c->screen_off_from != c->screen_off_to),
		   "%d-%d", c->screen_off_from, c->screen_off_to);
	FUZZ_CHECK(!c->collector_url || !strncmp(c->collector_url, "https://", 8) ||
		   is_local_http(c->collector_url), "url '%s'", c->collector_url);
	FUZZ_CHECK(!c->collector_token || (strchr(c->collector_token, '.') &&
					    !strpbrk(c->collector_token, " \t\"")),
		   "token '%s'", c->collector_token);
	FUZZ_CHECK(!c->staff_pin_hash || !strncmp(c->staff_pin_hash, "$argon2id$", 10), "pin hash");
	check_phone(c->clinic_phone);
	check_phone(c->out_of_hours_phone);
	check_phone(c->emergency_number);
	FUZZ_CHECK(!c->country[0] || (strlen(c->country) == 2 && c->country[0] >= 'A' &&
				      c->country[0] <= 'Z' && c->country[1] >= 'A' && c->country[1] <= 'Z'),
		   "country '%s'", c->country);
	int n = app_content_vars(c, vars, regulator);
	FUZZ_CHECK(n > 0 && n <= APP_CONTENT_VARS, "%d vars", n);
	for (int i = 0; i < n; i++)
		FUZZ_CHECK(!vars[i].value || !strpbrk(vars[i].value, "{}"), "%s = '%s'", vars[i].name,
			   vars[i].value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	app_config c;
	fuzz_write(conf_path, data, size);
	app_config_defaults(&c);
	int rc = app_config_load(&c, conf_path);
	if (rc == 0) {
		check_accepted(&c);
		FUZZ_CHECK(c.config_file && !strcmp(c.config_file, conf_path), "config_file");
	} else {
		const char *msg = mk_err_msg();
		FUZZ_CHECK(!strncmp(msg, conf_path, strlen(conf_path)) && msg[strlen(conf_path)] == ':',
			   "message without the file: %s", msg);
	}
	app_config_free(&c);
	return 0;
}
