/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk --check DIR`: loads the content exactly as the kiosk would,
 * then lays out every page in every language at every text size, at the
 * configured screen size in landscape and portrait, with a measuring
 * renderer, so text that cannot fit its box is caught before a patient
 * sees it. Problems go to
 * stderr as `path:line: message`; exit 1 if there were any.
 */
#include "app.h"
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* Interface strings the kiosk shows; content must give each of them. */
static const char *const needed_strings[] = {
	"back", "home", "text_size", "still_there", "still_there_body", "im_here",
	"start_over", "touch_to_start", "quiz_right", "quiz_wrong", "content_error",
};

/* The patient's and staff's screens: needed once a content folder has a
 * questionnaire, that is, once it is set up for patients on a course. */
static const char *const track_strings[] = {
	"areas_hint", "areas_title", "body_outline", "cancel", "confirm", "consent_body",
	"consent_no", "consent_title", "consent_yes", "course_grade", "course_last", "course_next",
	"course_none", "course_session", "course_title", "disk_full", "done", "enrol_code_body",
	"enrol_code_title", "enrol_pin", "enrol_pin_title", "erase_confirm", "erase_yes",
	"answer_line", "feel_button", "flag_done", "flag_saved", "interval", "key_delete",
	"key_ok", "key_space",
	"next", "no_answer", "note_hint", "note_label", "note_title", "past_reports", "photo_button",
	"leave_body_home", "leave_body_signout", "leave_home", "leave_keep", "leave_signout",
	"leave_title", "pin_again", "pin_again_title", "pin_mismatch", "progress_all_none", "progress_button", "progress_none",
	"progress_title", "question_of", "question_follow_up", "report_line", "report_line_flag", "review_hint",
	"review_title", "save_failed", "save_failed_disk", "saved_body", "saved_title", "session",
	"sessions", "sign_out", "signin_code", "signin_off", "signin_pin", "signin_title",
	"signin_wrong", "skip", "staff_adjust", "staff_alert_emergency", "staff_alert_line",
	"staff_alerts", "staff_choose_plan", "staff_close", "staff_done", "staff_enrol",
	"staff_enrol_go", "staff_erase", "staff_erased", "staff_find", "staff_locked",
	"staff_no_alerts", "staff_not_found", "staff_off", "staff_patient", "staff_pin_locked",
	"staff_pin_title", "staff_pin_unset", "staff_pin_wrong", "staff_queue", "staff_reset",
	"staff_reset_done", "staff_reset_note", "staff_session_done", "staff_start_course",
	"staff_title", "staff_unlock",
	/* progress photos */
	"photos_button", "photo_area_title", "photo_camera_title", "photo_take", "photo_keep",
	"photo_retake", "photo_no_camera", "photo_camera_stopped", "photo_saved",
	"photo_not_saved", "photo_guide", "photo_preview", "photos_title", "photos_none",
	"photo_compare_pick", "photo_compare_hint", "photo_compare", "photo_side_by_side",
	"photo_slider", "photo_zoom_hint", "photo_wipe_hint", "photo_not_read",
	"photo_import_title", "photo_import_pin", "photo_import_hint", "photo_import_none",
	"photo_imported", "photo_bad_file", "photo_needs_consent", "photo_why_empty",
	"photo_why_kind", "photo_why_short", "photo_why_large", "photo_why_damaged",
	/* sending to the clinic */
	"staff_send", "send_title", "send_off", "send_ok", "send_never", "send_error", "send_next",
	"software_error", "software_waiting", "software_installing", "software_installed",
	"software_rolled_back", "software_rejected",
	"send_aside_title", "send_aside_line", "send_retry", "send_retried", "send_off_unset",
	"send_off_start", "send_why_unreachable", "send_why_cert", "send_why_timeout", "send_why_token",
	"send_why_server", "send_why_answer", "send_why_pending", "send_why_kiosk", "send_kind_record",
	"send_kind_photo", "send_kind_erasure", "send_kind_enrolment", "staff_off_no_key",
	"staff_off_bad_key",
	"staff_clock_unsynced", "staff_drawing_gl", "staff_drawing_software",
	"signin_paused", "signin_problem", "signin_left_2", "signin_left_1", "signin_locked", "signin_checking", "signin_code_count",
	"staff_tpm_none", "staff_tpm_failed", "staff_tpm_ok",
	"staff_tpm_locked",
	"contact_ask", "flag_phone_emergency", "flag_phone_clinic", "flag_phone_out_of_hours",
	"staff_session_again_title", "staff_session_again", "staff_session_keep",
	"staff_session_another", "staff_undo", "staff_undone", "send_kind_session_undone",
	"staff_not_locked",
	"photo_no_camera_title", "photo_no_camera_body", "photo_back_course",
	"photo_import_alt", "photo_import_checking", "photo_import_added", "photo_import_unusable",
	"photo_why_changed", "photo_import_failed", "photo_label", "photo_label_first", "send_kind_photo_deletion",
	"photo_delete", "photo_delete_ask", "photo_delete_yes", "photo_delete_no", "photo_deleted",
	"photo_not_deleted", "photo_import_adding",
	"flag_call", "flag_called", "flag_call_failed", "send_kind_call",
	"listen", "listen_stop", "listen_important", "listen_control", "listen_session_done", "listen_session_next", "listen_session_later",
	"listen_choice", "listen_selected", "listen_unavailable", "listen_pin_field",
	"listen_digit", "listen_digit_deleted", "listen_deleted",
	"touch_on", "touch_off", "touch_none", "touch_volume", "touch_quieter", "touch_louder",
};

/* The loader already insists on every key in every language. */
static int check_list(const content_model *m, const char *file, const char *const *keys, size_t n_keys,
		      content_problems *probs)
{
	int n = 0;
	for (size_t i = 0; i < n_keys; i++) {
		if (content_string(m, keys[i], 0) != keys[i])
			continue;
		content_problems_add(probs, file, 0, "missing interface string '%s'", keys[i]);
		n++;
	}
	return n;
}

int check_strings(const content_model *m, const char *dir, content_problems *probs)
{
	int n = 0;
	char *file = mk_path_join(dir, "strings.lua");
	if (m->q.present)
		n += check_list(m, file, track_strings, sizeof track_strings / sizeof track_strings[0], probs);
	for (size_t i = 0; i < sizeof needed_strings / sizeof needed_strings[0]; i++) {
		const char *k = needed_strings[i];
		if (content_string(m, k, 0) == k) {
			content_problems_add(probs, file, 0, "missing interface string '%s'", k);
			n++;
		}
	}
	const char *help = "help";
	if (m->help_page && content_string(m, help, 0) == help) {
		content_problems_add(probs, file, 0, "missing interface string 'help' (the manifest has a help_page)");
		n++;
	}
	free(file);
	return n;
}

/* Pins the picture: read once, bounded, decoded in full (image.c). */
static void check_image(app *a, ren_pins *pins, const char *path, const char *file, int line,
			content_problems *probs)
{
	int w, h;
	if (path && ren_image_pin(a->rn, pins, path, &w, &h) != 0)
		content_problems_add(probs, file, line, "%s", mk_err_msg());
}

static void check_block_images(app *a, ren_pins *pins, const content_block *b, int n,
			       content_problems *probs)
{
	for (int i = 0; i < n; i++) {
		check_image(a, pins, b[i].image, b[i].file, b[i].line, probs);
		for (int c = 0; c < 2 && b[i].kind == CONTENT_COLUMNS; c++)
			check_block_images(a, pins, b[i].col[c], b[i].n_col[c], probs);
	}
}

/* One page in every language and text size at w x h. */
static void check_fit_one(app *a, int page, int w, int h, content_problems *probs)
{
	static const int scales[3] = { 100, 130, 160 };
	a->w = w;
	a->h = h;
	for (int s = 0; s < 3; s++) {
		a->scale = scales[s];
		for (int l = 0; l < a->m->n_langs; l++) {
			a->lang = l;
			scr_check_page(a, page, probs);
		}
	}
}

static void check_fit(app *a, int w, int h, content_problems *probs)
{
	for (int p = 0; p < a->m->n_pages; p++)
		check_fit_one(a, p, w, h, probs);
}

static void checker(app *a, ren *rn, const content_model *m);

int check_fit_at(ren *rn, const content_model *m, int w, int h, int scale, content_problems *probs)
{
	app a;
	int before = probs->n;
	checker(&a, rn, m);
	a.w = w;
	a.h = h;
	a.scale = scale;
	for (int l = 0; l < m->n_langs; l++) {
		a.lang = l;
		for (int p = 0; p < m->n_pages; p++)
			scr_check_page(&a, p, probs);
	}
	view_free(&a.vw);
	return probs->n - before;
}

/* A bare app to lay pages out with, apart from the one on screen. */
static void checker(app *a, ren *rn, const content_model *m)
{
	memset(a, 0, sizeof *a);
	a->rn = rn;
	a->m = m;
	a->th = theme_get(m->theme);
}

int check_fit_page(ren *rn, const content_model *m, int page, int w, int h, content_problems *probs)
{
	app a;
	int before = probs->n;
	checker(&a, rn, m);
	check_fit_one(&a, page, w, h, probs);
	view_free(&a.vw);
	return probs->n - before;
}

int check_loaded(ren *rn, ren_pins *pins, const content_model *m, const char *dir,
		 const int sizes[][2], int n_sizes, content_problems *probs)
{
	app a;
	int before = probs->n;
	checker(&a, rn, m);
	check_strings(m, dir, probs);
	for (int p = 0; p < m->n_pages; p++)
		check_block_images(&a, pins, m->pages[p].blocks, m->pages[p].n_blocks, probs);
	char *file = mk_path_join(dir, "manifest.lua");
	check_image(&a, pins, m->attract_image, file, 0, probs);
	free(file);
	file = mk_path_join(dir, "questionnaire.lua");
	check_image(&a, pins, m->q.body_image, file, 0, probs);
	free(file);
	ren_pins *shown = ren_set_pins(rn, pins); /* the fit sees these pictures */
	for (int z = 0; z < n_sizes; z++)
		check_fit(&a, sizes[z][0], sizes[z][1], probs);
	ren_set_pins(rn, shown);
	view_free(&a.vw);
	return probs->n - before;
}

/* Length of a message up to " at " or " (" (so "... at 100% text size"
 * and "... at 160% text size" count as the same problem). */
static size_t stem(const char *m)
{
	const char *at = strstr(m, " at "), *paren = strstr(m, " (");
	if (paren && (!at || paren < at))
		at = paren;
	return at ? (size_t)(at - m) : strlen(m);
}

/* The same problem at two text sizes or in two languages is one line. */
static void dedupe(content_problems *p)
{
	int out = 0;
	for (int i = 0; i < p->n; i++) {
		int dup = 0;
		for (int j = 0; j < out && !dup; j++)
			dup = p->v[j].line == p->v[i].line && !strcmp(p->v[j].file, p->v[i].file) &&
			      stem(p->v[j].msg) == stem(p->v[i].msg) &&
			      !strncmp(p->v[j].msg, p->v[i].msg, stem(p->v[i].msg));
		if (dup) {
			free(p->v[i].file);
			free(p->v[i].msg);
		} else {
			p->v[out++] = p->v[i];
		}
	}
	p->n = out;
}

/* --check only: every SVG drawn at the largest size a screen of side
 * `side` can show it, in time (the kiosk gives up on one that is not). */
static void prove_images(ren *rn, ren_pins *pins, const content_block *b, int n, int side,
			 content_problems *probs)
{
	for (int i = 0; i < n; i++) {
		if (b[i].image && ren_image_prove(rn, pins, b[i].image, side, side) != 0)
			content_problems_add(probs, b[i].file, b[i].line, "%s", mk_err_msg());
		for (int c = 0; c < 2 && b[i].kind == CONTENT_COLUMNS; c++)
			prove_images(rn, pins, b[i].col[c], b[i].n_col[c], side, probs);
	}
}

/* Content that could be stopped neither by its hook nor by force: say
 * where, and end the check (the stuck thread cannot be waited for). */
static void check_stuck(void *ud, const char *dir, const char *file, int line)
{
	(void)ud;
	if (line > 0)
		fprintf(stderr, "%s:%d: content did not stop, even when stopped by force: is there "
			"a loop that never ends?\n", file, line);
	else
		fprintf(stderr, "%s: content did not stop, even when stopped by force\n", dir);
	_exit(1);
}

/* The configured screen, and the same screen turned a quarter: kiosks
 * stand landscape or portrait. */
int check_run(const app_config *cfg, const char *dir)
{
	content_problems probs = { 0 };
	content *c = NULL;
	ren *rn = NULL;
	const int sizes[2][2] = { { cfg->check_w, cfg->check_h }, { cfg->check_h, cfg->check_w } };
	ren_config rcfg = { 0 };
	ren_pins *pins = ren_pins_new();
	content_var vars[APP_CONTENT_VARS];
	char regulator[16];
	content_limits lim = app_content_limits(cfg, vars, regulator);
	content_on_stuck(check_stuck, NULL);
	int rc = content_load(&c, dir, &lim, &probs);
	if (rc == 0) /* warnings: printed, but not a reason to refuse the content */
		content_problems_print(content_warnings(c), stderr);
	if (rc == 0 && ren_open(&rn, NULL, &rcfg) == 0) {
		const content_model *m = content_model_of(c);
		int side = cfg->check_w > cfg->check_h ? cfg->check_w : cfg->check_h;
		check_narration(m, &probs);
		if (check_loaded(rn, pins, m, dir, sizes, 2, &probs) == 0)
			for (int p = 0; p < m->n_pages; p++)
				prove_images(rn, pins, m->pages[p].blocks, m->pages[p].n_blocks, side, &probs);
		ren_close(rn);
	} else if (rc == 0) {
		content_problems_add(&probs, dir, 0, "cannot measure text: %s", mk_err_msg());
	}
	content_free(c);
	ren_pins_free(pins);
	dedupe(&probs);
	content_problems_print(&probs, stderr);
	rc = probs.n ? 1 : 0;
	content_problems_clear(&probs);
	return rc;
}
