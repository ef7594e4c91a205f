/* SPDX-License-Identifier: MIT */
/*
 * Configuration and theme: a mistake in kiosk.conf is reported with its
 * file and line, a flag overrides the file, and both themes keep text
 * readable (WCAG contrast 4.5:1 default, 7:1 high contrast).
 */
#include "app.h"
#include "../check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *write_tmp(const char *text)
{
	char *path = mk_strdup("/tmp/mkconfXXXXXX");
	int fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_config(void)
{
	app_config c;
	char *ok = write_tmp("# kiosk\n\nidle_seconds = 45\nwindowed = 1280x720 # a comment\n"
			     "theme = high-contrast\nlockdown = yes\n");
	app_config_defaults(&c);
	CHECK(c.idle_s == 90 && c.countdown_s == 20 && c.text_scale == 100);
	CHECK(app_config_load(&c, ok) == 0);
	CHECK(c.idle_s == 45 && c.win_w == 1280 && c.win_h == 720 && c.lockdown == 1);
	CHECK(c.theme && !strcmp(c.theme, "high-contrast"));
	/* A flag (applied after the file) wins. */
	CHECK(app_config_set(&c, "idle_seconds", "120") == 0 && c.idle_s == 120);
	app_config_free(&c);

	char *bad = write_tmp("idle_seconds = 30\n\n# x\ncolour = blue\n");
	char expect[256];
	app_config_defaults(&c);
	CHECK(app_config_load(&c, bad) == MK_EINVAL);
	snprintf(expect, sizeof expect, "%s:4: unknown setting 'colour'", bad);
	CHECK_MSG(!strcmp(mk_err_msg(), expect), "got '%s'", mk_err_msg());
	app_config_free(&c);

	char *bad2 = write_tmp("text_scale = 120\n");
	app_config_defaults(&c);
	CHECK(app_config_load(&c, bad2) == MK_EINVAL && strstr(mk_err_msg(), ":1: text_scale must be"));
	CHECK(app_config_set(&c, "windowed", "big") == MK_EINVAL);
	/* 16384x16384 took 6.6 s to a first frame: at most 7680x4320, either way up */
	CHECK(app_config_set(&c, "windowed", "16384x16384") == MK_EINVAL);
	CHECK(app_config_set(&c, "windowed", "7680x7680") == MK_EINVAL);
	CHECK(app_config_set(&c, "windowed", "4320x7680") == 0 && c.win_w == 4320);
	CHECK(app_config_set(&c, "idle_seconds", "-3") == MK_EINVAL);
	char *bad3 = write_tmp("just words\n");
	CHECK(app_config_load(&c, bad3) == MK_EINVAL && strstr(mk_err_msg(), ":1: expected 'key = value'"));
	CHECK(app_config_load(&c, "/nonexistent/kiosk.conf") != 0);
	app_config_free(&c);
	unlink(ok), unlink(bad), unlink(bad2), unlink(bad3);
	free(ok), free(bad), free(bad2), free(bad3);
}

/* The screen's settings (rotation, outputs, the nightly screen-off window)
 * and the content folder: good values are taken, a wrong one names the
 * file and line and says what is accepted. */
static void test_screen_settings(void)
{
	app_config c;
	char *ok = write_tmp("rotation = 270\noutputs = last\nscreen_off = 22:30-06:15\ncontent = /tmp\n");
	app_config_defaults(&c);
	CHECK(c.rotation == 0 && c.outputs_last == 0 && c.screen_off_from == -1);
	CHECK(app_config_load(&c, ok) == 0);
	CHECK(c.rotation == 270 && c.outputs_last == 1);
	CHECK(c.screen_off_from == 22 * 60 + 30 && c.screen_off_to == 6 * 60 + 15);
	CHECK(c.content_dir && !strcmp(c.content_dir, "/tmp"));
	CHECK(app_config_set(&c, "screen_off", "") == 0 && c.screen_off_from == -1);
	CHECK(app_config_set(&c, "screen_off", "08:00-09:00") == 0 && c.screen_off_to == 9 * 60);
	/* Sound: on at 70 unless kiosk.conf says otherwise; 0..100. */
	CHECK(c.sound == 1 && c.sound_volume == 70);
	CHECK(app_config_set(&c, "sound", "false") == 0 && c.sound == 0);
	CHECK(app_config_set(&c, "sound_volume", "0") == 0 && c.sound_volume == 0);
	CHECK(app_config_set(&c, "sound_volume", "101") != 0 && strstr(mk_err_msg(), "0 to 100"));
	/* Listen: on by default, `speech = off` turns it off, the rate in espeak-ng's range. */
	CHECK(c.speech == 1 && c.speech_rate == 160);
	CHECK(app_config_set(&c, "speech", "off") == 0 && c.speech == 0);
	CHECK(app_config_set(&c, "speech", "on") == 0 && c.speech == 1);
	CHECK(app_config_set(&c, "speech_rate", "200") == 0 && c.speech_rate == 200);
	CHECK(app_config_set(&c, "speech_rate", "60") != 0 && strstr(mk_err_msg(), "80 to 450"));
	/* The speech's own volume (70 unless set, 0..100) and the output
	 * device by name (none: the system's default). */
	CHECK(c.speech_volume == 70 && c.audio_device == NULL);
	CHECK(app_config_set(&c, "speech_volume", "100") == 0 && c.speech_volume == 100);
	CHECK(app_config_set(&c, "speech_volume", "0") == 0 && c.speech_volume == 0);
	CHECK(app_config_set(&c, "speech_volume", "-1") != 0 && strstr(mk_err_msg(), "0 to 100"));
	CHECK(app_config_set(&c, "speech_volume", "loud") != 0 && strstr(mk_err_msg(), "0 to 100"));
	CHECK(app_config_set(&c, "audio_device", "USB Audio Device Analog Stereo") == 0 &&
	      c.audio_device && !strcmp(c.audio_device, "USB Audio Device Analog Stereo"));
	CHECK(app_config_set(&c, "audio_device", "") == 0 && c.audio_device == NULL);
	app_config_free(&c);
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{ "rotation = 45", ":2: rotation must be 0, 90, 180 or 270" },
		{ "rotation = -90", ":2: rotation must be 0, 90, 180 or 270" },
		{ "rotation =", ":2: rotation must be 0, 90, 180 or 270" },
		{ "outputs = mirror", ":2: outputs must be extend or last" },
		{ "screen_off = 22:00", ":2: screen_off must be two different times like 22:00-06:00" },
		{ "screen_off = 25:00-06:00", ":2: screen_off must be" },
		{ "screen_off = 22:00-22:00", ":2: screen_off must be" },
		{ "screen_off = 10pm-6am", ":2: screen_off must be" },
		{ "content = /nonexistent/content", ":2: content folder '/nonexistent/content' does not exist" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[200];
		snprintf(text, sizeof text, "# the screen\n%s\n", bad[i].line);
		char *path = write_tmp(text);
		app_config_defaults(&c);
		CHECK_MSG(app_config_load(&c, path) != 0 && strstr(mk_err_msg(), path) &&
				  strstr(mk_err_msg(), bad[i].msg),
			  "'%s' gave '%s'", bad[i].line, mk_err_msg());
		CHECK(c.rotation == 0 && c.screen_off_from == -1); /* nothing half-set */
		app_config_free(&c);
		unlink(path);
		free(path);
	}
	unlink(ok);
	free(ok);
}

static void test_theme(const char *name, double min)
{
	const theme *t = theme_get(name);
	CHECK(!strcmp(t->name, name));
	/* Every pair of text and what it is drawn on. */
	const SDL_Color pairs[][2] = {
		{ t->text, t->bg }, { t->text, t->surface }, { t->muted, t->bg },
		{ t->on_primary, t->primary }, { t->primary, t->surface }, { t->text, t->info_bg },
		{ t->text, t->warn_bg }, { t->text, t->danger_bg }, { t->on_primary, t->danger_edge },
		{ t->text, t->bar }, { t->primary, t->bar },
		/* warnings and errors written in their colour on the page */
		{ t->danger_edge, t->bg }, { t->warn_edge, t->bg }, { t->right, t->surface }, { t->wrong, t->surface },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		CHECK_MSG(theme_contrast(pairs[i][0], pairs[i][1]) >= min, "%s pair %zu: %.2f < %.1f", name, i,
			  theme_contrast(pairs[i][0], pairs[i][1]), min);
	/* The keyboard's focus ring (issue 19): 3:1 against its halo (bg)
	 * and whatever a control may sit on (WCAG 1.4.11). */
	const SDL_Color around[] = { t->bg, t->surface, t->bar, t->info_bg, t->warn_bg, t->danger_bg,
				     t->off_bg };
	for (size_t i = 0; i < sizeof around / sizeof around[0]; i++)
		CHECK_MSG(theme_contrast(t->focus, around[i]) >= 3.0, "%s focus ring on background %zu: %.2f < 3",
			  name, i, theme_contrast(t->focus, around[i]));
}

/* Each member of staff's own PIN: mesokiosk --set-staff-pin NAME adds
 * staff_pin_hash.NAME beside the unnamed one (kept), the kiosk reads both,
 * and a name that is not a plain handle, or a PIN where a hash belongs,
 * is refused with its file and line. */
/* mesokiosk --set-staff-pin [NAME] with the PIN from a pipe, as scripts do. */
static int set_pin(const char *conf, const char *name, const char *pin)
{
	int fds[2], in = dup(STDIN_FILENO), rc;
	CHECK(pipe(fds) == 0 && write(fds[1], pin, strlen(pin)) == (ssize_t)strlen(pin));
	close(fds[1]);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	rc = app_set_staff_pin(conf, name);
	dup2(in, STDIN_FILENO);
	close(in);
	return rc;
}

static void test_staff_pins(void)
{
	app_config c;
	char *conf = write_tmp("staff_pin_hash = $argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA\n");
	CHECK_MSG(set_pin(conf, "omar", "4321\n") == 0, "%s", mk_err_msg());
	/* Two people with one PIN could not be told apart: refused. */
	CHECK(set_pin(conf, "nadia", "4321\n") == MK_EEXIST);
	CHECK(strstr(mk_err_msg(), "another member of staff") != NULL);
	CHECK_MSG(set_pin(conf, "omar", "4321\n") == 0, "%s", mk_err_msg()); /* their own, again */
	app_config_defaults(&c);
	CHECK_MSG(app_config_load(&c, conf) == 0, "%s", mk_err_msg());
	CHECK(c.staff_pin_hash && !strncmp(c.staff_pin_hash, "$argon2id$", 10));
	CHECK(c.n_staff_pins == 1 && !strcmp(c.staff_pins[0].name, "omar"));
	CHECK(c.n_staff_pins == 1 && store_secret_verify(c.staff_pins[0].hash, "4321") == 0);
	CHECK(c.n_staff_pins == 1 && store_secret_verify(c.staff_pins[0].hash, "1234") != 0);
	app_config_free(&c);
	/* A bad name is refused before any PIN is asked. */
	CHECK(app_set_staff_pin(conf, "Omar Khalil") == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "lower-case letters") != NULL);
	char *bad = write_tmp("staff_pin_hash.wzu8fwsq = $argon2id$x\n");
	app_config_defaults(&c);
	CHECK(app_config_load(&c, bad) == MK_EINVAL && strstr(mk_err_msg(), ":1: staff_pin_hash.wzu8fwsq"));
	CHECK(strstr(mk_err_msg(), "patient code") != NULL);
	CHECK(app_config_set(&c, "staff_pin_hash.nadia", "1234") == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "--set-staff-pin nadia") != NULL);
	CHECK(app_config_set(&c, "staff_pin_hash.nadia", "$argon2id$a") == 0);
	CHECK(app_config_set(&c, "staff_pin_hash.nadia", "$argon2id$b") == 0); /* replaced */
	CHECK(c.n_staff_pins == 1 && !strcmp(c.staff_pins[0].hash, "$argon2id$b"));
	app_config_free(&c);
	unlink(conf), unlink(bad);
	free(conf), free(bad);
}

/* Every control look (theme_look, what wg_button and the keys draw),
 * against each background a control sits on: its edge, or its fill when it
 * has no edge, at 3:1 (WCAG 1.4.11); its label on its fill at the theme's
 * text minimum. The keypad's key edges were 2.7:1 and a greyed primary
 * button 1.4:1. */
static void test_looks(const char *name, double text_min)
{
	static const char *const kinds[] = { "primary", "secondary", "key", "function key", "disabled" };
	const theme *t = theme_get(name);
	const SDL_Color around[] = { t->bg, t->surface, t->bar, t->info_bg };
	for (int k = 0; k < WG_LOOK_N; k++) {
		wg_look lk = theme_look(t, (wg_look_kind)k);
		SDL_Color seen = lk.edge_w > 0 ? lk.edge : lk.fill;
		CHECK_MSG(theme_contrast(lk.label, lk.fill) >= text_min, "%s %s label: %.2f < %.1f", name, kinds[k],
			  theme_contrast(lk.label, lk.fill), text_min);
		for (size_t b = 0; b < sizeof around / sizeof around[0]; b++)
			CHECK_MSG(theme_contrast(seen, around[b]) >= 3.0, "%s %s on background %zu: %.2f < 3", name,
				  kinds[k], b, theme_contrast(seen, around[b]));
	}
	/* Disabled is a look of its own, not the enabled one. */
	wg_look off = theme_look(t, WG_LOOK_OFF), sec = theme_look(t, WG_LOOK_SECONDARY);
	CHECK(memcmp(&off.fill, &sec.fill, sizeof off.fill) || memcmp(&off.label, &sec.label, sizeof off.label));
}

int main(void)
{
	test_staff_pins();
	test_screen_settings();
	test_config();
	test_theme("default", 4.5);
	test_theme("high-contrast", 7.0);
	test_looks("default", 4.5);
	test_looks("high-contrast", 7.0);
	CHECK(!strcmp(theme_get("nonsense")->name, "default"));
	return check_done();
}
