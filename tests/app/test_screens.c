/* SPDX-License-Identifier: MIT */
/*
 * The patient's and staff's screens, each in every language, at every text
 * size, landscape and portrait, with a real signed-in patient: targets at
 * least 80 px, text at least 28 px, nothing off the side of the screen,
 * no two controls on top of each other, right-to-left laid out from the
 * right. Then sign-out: nothing of the patient on screen, the text cache
 * empty and the patient side forgotten.
 */
#include "app.h"
#include "../check.h"
#include "../memscan.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIN "482913"
#define NOTE "ZEBRA-7731 private words"

static char dir[] = "/tmp/mkscreensXXXXXX";
static char code[STORE_CODE_LEN + 1];

static int open_kiosk(app *a)
{
	app_config cfg;
	char *prefix = mk_asprintf("%s/clinic", dir);
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1920, cfg.win_h = 1080;
	cfg.content_dir = MK_DEFAULT_CONTENT;
	cfg.data_dir = mk_asprintf("%s/data", dir);
	cfg.import_dir = MK_PHOTO_FIXTURES;
	CHECK(store_keys_write(prefix) == 0);
	cfg.clinic_key = mk_asprintf("%s.pub", prefix);
	free(prefix);
	int rc = app_open(a, &cfg);
	app_pump(a);
	return rc;
}

/* 48 bytes from the middle of a photo as kept, stored masked so that the
 * needle itself is never in memory until it is searched for. */
static unsigned char photo_probe_masked[48];

/* Two photos imported through the kiosk's own path; the screens that
 * show them get their UUIDs. */
static void photos(app *a)
{
	const char *files[2] = { MK_PHOTO_FIXTURES "/thighs-1.jpg", MK_PHOTO_FIXTURES "/thighs-4.jpg" };
	for (int i = 0; i < 2; i++) {
		char *bytes = NULL;
		size_t n = 0;
		CHECK(mk_read_file(files[i], &bytes, &n) == 0);
		a->sc.photo_area = CONTENT_AREA_THIGHS;
		CHECK_MSG(shot_save_bytes(a, bytes, n, "import") == 0, "%s", mk_err_msg());
		if (i == 0)
			for (int k = 0; k < 48; k++)
				photo_probe_masked[k] = (unsigned char)(bytes[n / 2 + (size_t)k] ^ 0x5A);
		explicit_bzero(bytes, n);
		free(bytes);
	}
	store_photo_info v[4];
	int n = 0;
	CHECK(track_photos(a->tk, -1, v, 4, &n) == 0 && n == 2);
	snprintf(a->sc.view_uuid, sizeof a->sc.view_uuid, "%s", v[0].uuid);
	snprintf(a->sc.pick[0], sizeof a->sc.pick[0], "%s", v[0].uuid);
	snprintf(a->sc.pick[1], sizeof a->sc.pick[1], "%s", v[1].uuid);
	a->sc.n_pick = 2;
	a->sc.zoom = 1.0f;
	a->sc.wipe = 0.5f;
}

/* A patient with a course, consent, two reports and two photos, signed in. */
static void patient(app *a)
{
	int64_t id;
	char uuid[STORE_UUID_LEN + 1];
	int rule;
	CHECK(store_patient_enrol(a->st, PIN, &STORE_PIN_COST_TEST, code, &id) == 0);
	store_course c = { .plan = "thighs-grade2", .grade = 2, .area = "thighs", .sessions_planned = 12,
			   .interval_days = 7, .started_at = 1700000000 };
	CHECK(store_course_start(a->st, id, &c, c.uuid) == 0);
	CHECK(track_sign_in(a->tk, code, PIN, 1700000000) == 0);
	CHECK(track_give_consent(a->tk, 1700000000) == 0);
	for (int r = 0; r < 2; r++) {
		CHECK(store_session_done(a->st, c.uuid, 1700000000 + r * 604800) == 0);
		track_report_begin(a->tk, 0);
		track_draft(a->tk)->areas = 1u << CONTENT_AREA_THIGHS;
		for (int i = track_next_item(a->tk, -1); i >= 0; i = track_next_item(a->tk, i))
			track_draft(a->tk)->scores[i] = 0;
		track_draft(a->tk)->scores[content_item_index(&a->m->q, "pain")] = 1 + r;
		snprintf(track_draft(a->tk)->note, TRACK_NOTE_MAX + 1, "%s", NOTE);
		CHECK(track_report_save(a->tk, &rule, uuid) == 0);
	}
	photos(a);
	/* A report in progress, as on the review screen. */
	track_report_begin(a->tk, 0);
	track_draft(a->tk)->areas = 1u << CONTENT_AREA_THIGHS;
	for (int i = track_next_item(a->tk, -1); i >= 0; i = track_next_item(a->tk, i))
		track_draft(a->tk)->scores[i] = 0;
	snprintf(track_draft(a->tk)->note, TRACK_NOTE_MAX + 1, "%s", NOTE);
}

static int overlap(SDL_Rect p, SDL_Rect q)
{
	return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
}

static int is_control(const view_el *e)
{
	/* Body regions lie over the picture on purpose; the rest must not touch. */
	return e->kind == EL_BUTTON && e->act != ACT_NONE && strcmp(e->role, "area");
}

static void check_screen(app *a, const char *what)
{
	int rtl = a->m->rtl[a->lang], start = 0, texts = 0;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (is_control(e)) {
			CHECK_MSG(e->r.w >= 80 && e->r.h >= 80, "%s: '%s' is %dx%d", what, e->text, e->r.w, e->r.h);
			for (int j = i + 1; j < a->vw.n; j++)
				if (is_control(&a->vw.v[j]) && a->vw.v[j].fixed == e->fixed)
					CHECK_MSG(!overlap(e->r, a->vw.v[j].r), "%s: '%s' overlaps '%s'", what,
						  e->text, a->vw.v[j].text);
		}
		if (e->kind == EL_TEXT || e->kind == EL_BUTTON)
			CHECK_MSG(e->r.x >= 0 && e->r.x + e->r.w <= a->w, "%s: '%.30s' is off the screen", what,
				  e->text);
		if (e->kind == EL_TEXT && !e->fixed && strcmp(e->role, "label")) {
			CHECK_MSG(e->st.px >= 28, "%s: text '%.30s' is %d px", what, e->text, e->st.px);
			if (!strcmp(e->role, "title") || !strcmp(e->role, "text")) {
				texts++;
				start += rtl ? e->r.x + e->r.w > a->w / 2 : e->r.x < a->w / 2;
			}
		}
	}
	CHECK_MSG(start * 10 >= texts * 9, "%s: text not laid out from the %s", what, rtl ? "right" : "left");
}

static const scr_id patient_screens[] = {
	SCR_SIGNIN_CODE, SCR_SIGNIN_PIN, SCR_CONSENT, SCR_COURSE, SCR_AREAS, SCR_ITEM, SCR_NOTE,
	SCR_REVIEW, SCR_FLAG, SCR_SAVED, SCR_PROGRESS, SCR_PHOTO_AREA, SCR_CAMERA, SCR_PHOTOS,
	SCR_PHOTO_VIEW, SCR_COMPARE,
};
static const scr_id staff_screens[] = {
	SCR_STAFF_PIN, SCR_STAFF, SCR_STAFF_PLANS, SCR_STAFF_ADJUST, SCR_ENROL_PIN, SCR_ENROL_CODE,
	SCR_STAFF_FIND, SCR_STAFF_PATIENT, SCR_STAFF_ERASE, SCR_STAFF_RESET, SCR_STAFF_IMPORT_PIN,
	SCR_STAFF_IMPORT, SCR_STAFF_SEND,
};

static void show(app *a, scr_id id, const char *size)
{
	char what[96];
	a->sc.id = id;
	scr_build(a);
	snprintf(what, sizeof what, "screen %d, %s, %s, %d%%", (int)id, a->m->langs[a->lang], size, a->scale);
	check_screen(a, what);
}

static void every_screen(app *a, const char *size)
{
	for (int s = 100; s <= 160; s += 30)
		for (int l = 0; l < a->m->n_langs; l++) {
			a->scale = s;
			a->lang = l;
			for (size_t k = 0; k < sizeof patient_screens / sizeof patient_screens[0]; k++)
				show(a, patient_screens[k], size);
			for (int i = 0; i < a->m->q.n_items; i++) { /* every question */
				a->sc.item = i;
				show(a, SCR_ITEM, size);
			}
			a->sc.slider = 1; /* the compare wipe, besides side by side */
			show(a, SCR_COMPARE, size);
			a->sc.slider = 0;
			for (int r = 0; r < a->m->q.n_rules; r++) { /* every red flag */
				a->sc.rule = r;
				show(a, SCR_FLAG, size);
			}
			a->sc.staff = 1;
			snprintf(a->sc.code, sizeof a->sc.code, "%s", code);
			for (size_t k = 0; k < sizeof staff_screens / sizeof staff_screens[0]; k++)
				show(a, staff_screens[k], size);
			a->sc.staff = 0;
		}
}

/* Two fingers spreading on the full view zoom in around them; closing
 * them comes back to the whole photo, never smaller. */
static void check_pinch(app *a)
{
	int w = 0, h = 0, zoomed = 0;
	a->sc.id = SCR_PHOTO_VIEW;
	a->sc.zoom = 1.0f;
	shot_pinch(a, 0.15f, a->w / 2, a->h / 2);
	CHECK(a->sc.zoom > 1.4f);
	scr_build(a);
	for (int i = 0; i < a->vw.n; i++)
		if (a->vw.v[i].kind == EL_PHOTO && a->vw.v[i].tex) {
			SDL_QueryTexture(a->vw.v[i].tex, NULL, NULL, &w, &h);
			zoomed = a->vw.v[i].src.w > 0 && a->vw.v[i].src.w < w && a->vw.v[i].src.h < h;
		}
	CHECK_MSG(zoomed, "a pinch shows a part of the photo");
	for (int i = 0; i < 20; i++)
		shot_pinch(a, -0.2f, a->w / 2, a->h / 2);
	CHECK(a->sc.zoom == 1.0f);
}

static void resize(app *a, int w, int h)
{
	SDL_SetWindowSize(a->loop->win, w, h);
	app_pump(a);
	SDL_GetRendererOutputSize(a->sdl, &a->w, &a->h);
}

/* The import folder is a stick anyone may have prepared: a link to a file
 * elsewhere on the kiosk and a FIFO (whose read would hang the kiosk) are
 * not offered, and a huge file is refused before it is read. */
static void check_import_folder(app *a)
{
	char *usb = mk_asprintf("%s/usb", dir), *p;
	char *saved = a->cfg.import_dir;
	import_info f;
	int fd;
	CHECK(mkdir(usb, 0700) == 0);
	p = mk_asprintf("%s/a-link.jpg", usb);
	CHECK(symlink(MK_PHOTO_FIXTURES "/thighs-1.jpg", p) == 0);
	free(p);
	p = mk_asprintf("%s/b-fifo.jpg", usb);
	CHECK(mkfifo(p, 0600) == 0);
	free(p);
	p = mk_asprintf("%s/c-huge.jpg", usb); /* sparse: no disk used */
	CHECK((fd = open(p, O_WRONLY | O_CREAT, 0600)) >= 0 && ftruncate(fd, 1ll << 32) == 0);
	close(fd);
	free(p);
	a->cfg.import_dir = usb;
	import_open(a);
	for (int i = 0; i < 30000 && import_busy(); i++)
		SDL_Delay(1);
	import_tick(a);
	CHECK_MSG(import_count() == 1 && import_file(0, &f) == 0 && !strcmp(f.name, "c-huge.jpg"),
		  "import list: %d files", import_count());
	CHECK_MSG(f.state == IMPORT_BAD && f.why && !strcmp(f.why, "photo_why_large"), "a 4 GiB file: state %d",
		  f.state);
	a->sc.id = SCR_STAFF_IMPORT;
	a->sc.photo_area = CONTENT_AREA_THIGHS;
	view_el e = { .act = ACT_PHOTO, .arg = 0, .arg2 = PH_FILE };
	int before = 0, after = 0;
	store_photo_info v[8];
	CHECK(track_photos(a->tk, -1, v, 8, &before) == 0);
	shot_act(a, &e);
	CHECK(track_photos(a->tk, -1, v, 8, &after) == 0);
	CHECK_MSG(after == before, "a 4 GiB file was imported: %s", a->sc.msg);
	import_close(a);
	a->cfg.import_dir = saved;
	a->sc.msg[0] = 0;
	p = mk_asprintf("rm -rf '%s'", usb);
	CHECK(system(p) == 0);
	free(p);
	free(usb);
}

/* Staff read the set-aside list in their own language: the kind of item
 * is theirs; the collector's reason is shown as it came. */
static void check_set_aside(app *a)
{
	store_outbox_item it[1];
	int n = 0;
	CHECK(store_outbox_next(a->st, 1, it, &n) == 0 && n == 1);
	CHECK(store_outbox_set_aside(a->st, it[0].uuid, "malformed: no course") == 0);
	a->sc.staff = 1;
	for (int l = 0; l < a->m->n_langs; l++) {
		a->lang = l;
		a->sc.id = SCR_STAFF_SEND;
		a->need_layout = 1;
		app_pump(a);
		const char *kind = scr_str(a, !strcmp(it[0].kind, "photo") ? "send_kind_photo"
					      : !strcmp(it[0].kind, "enrolment") ? "send_kind_enrolment"
					      : "send_kind_record");
		CHECK_MSG(tree_has_text(a, kind) && tree_has_text(a, "malformed: no course"),
			  "%s: the set-aside %s is not listed as '%s'", a->m->langs[l], it[0].kind, kind);
		CHECK_MSG(tree_has_text(a, scr_str(a, "send_off_unset")), "%s: no reason for not sending",
			  a->m->langs[l]);
	}
	int moved = 0;
	CHECK(store_outbox_retry_aside(a->st, &moved) == 0 && moved == 1);
	a->sc.staff = 0;
	a->lang = 0;
}

static void check_signed_out(app *a)
{
	ren_stats st;
	a->sc.id = SCR_PROGRESS;
	a->need_layout = 1;
	app_pump(a);
	CHECK(tree_has_text(a, "Pain"));
	scr_sign_out(a);
	app_pump(a);
	ren_get_stats(a->rn, &st);
	CHECK(a->sc.id == SCR_PAGE && !track_signed_in(a->tk));
	CHECK(!tree_has_text(a, code) && !tree_has_text(a, "ZEBRA-7731") && !tree_has_text(a, "My progress"));
	for (int i = 0; i < a->vw.n; i++)
		CHECK_MSG(!a->vw.v[i].text || !strstr(a->vw.v[i].text, "ZEBRA"), "note still in the view");
	CHECK(track_draft(a->tk)->note[0] == 0);
	/* The note was typed, saved, decrypted for the review and drawn: after
	 * sign-out no copy is left in memory, freed or not. The marker is
	 * built at run time so the search cannot find this file's literal. */
	char marker[32];
	snprintf(marker, sizeof marker, "%s-%d", "ZEBRA", 7731);
	CHECK_MSG(memory_holds(marker) == 0, "the note is still in memory after sign-out (%d copies)",
		  memory_holds(marker));
	/* The photo was decrypted for the timeline, the full view and the
	 * compare screens: none of its bytes are left either. */
	char piece[48];
	for (int k = 0; k < 48; k++)
		piece[k] = (char)(photo_probe_masked[k] ^ 0x5A);
	CHECK_MSG(memory_holds_n(piece, sizeof piece) == 0, "a photo's bytes are still in memory after sign-out");
	/* Only what the page after sign-out drew is cached, nothing before. */
	CHECK_MSG(st.text_cache_bytes < (2u << 20), "text cache after sign-out: %zu bytes", st.text_cache_bytes);
}

int main(void)
{
	app a;
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	CHECK(mkdtemp(dir) != NULL);
	CHECK(open_kiosk(&a) == 0);
	CHECK(a.m->q.present && track_enabled(a.tk));
	patient(&a);
	every_screen(&a, "1920x1080");
	check_pinch(&a);
	resize(&a, 1080, 1920);
	every_screen(&a, "1080x1920");
	resize(&a, 1920, 1080);
	a.scale = 100;
	a.lang = 0;
	check_import_folder(&a);
	check_set_aside(&a);
	check_signed_out(&a);
	char *key = a.cfg.clinic_key, *data = a.cfg.data_dir;
	a.cfg.import_dir = NULL; /* not ours to free */
	app_close(&a);
	free(key);
	free(data);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	return check_done();
}
