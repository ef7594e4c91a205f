/* SPDX-License-Identifier: MIT */
/*
 * The screen router for everything beyond content pages: a patient signs
 * in, sees their course, reports how they feel, sees their progress; staff
 * open their tools with a hidden press in the top-left corner. Each screen
 * is an scr_id, a row in the shell's table (a->screens) and a pair of
 * files here or in src/staff (its view, its flow: signin.c, report.c,
 * photo.c...); this file decides which screen comes next and what a
 * button or a key does there, and hands staff mode's buttons to the
 * table's hooks.
 *
 * The patient's data lives in the track object; scr_sign_out wipes it, the
 * typed text and the caches, so nothing stays for the next person.
 */
#include "screens.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CORNER_HOLD_MS 5000
#define CORNER_STEP_MS 100 /* the ring fills in steps this long */

/* Before the shell gives its table (and in --check, which has none),
 * every screen is the pages' row. */
static const scr_def page_row = { .id = SCR_PAGE, .who = SCR_WHO_PATIENT, .top = 48 };

const scr_def *scr_row(const app *a)
{
	const scr_table *t = a->screens;
	if (!t || (int)a->sc.id < 0 || a->sc.id >= SCR_COUNT)
		return &page_row;
	MK_ASSERT(t->rows[a->sc.id].id == a->sc.id);
	return &t->rows[a->sc.id];
}

int scr_for_staff(const app *a)
{
	return a->sc.staff || scr_row(a)->who != SCR_WHO_PATIENT;
}

const char *scr_str(const app *a, const char *key)
{
	return content_string(a->m, key, a->lang);
}

int64_t scr_now(void)
{
	/* Under the driver the clock is virtual: keep dates and locks on it. */
	if (mk_clock_is_virtual())
		return (int64_t)time(NULL) + (int64_t)(mk_now_ms() / 1000);
	return (int64_t)time(NULL);
}

static void date_in(const app *a, int64_t t, int brief, char out[SCR_DATE_MAX])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	content_date(a->m, a->lang, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, brief, out, SCR_DATE_MAX);
}

void scr_date(const app *a, int64_t t, char out[SCR_DATE_MAX])
{
	date_in(a, t, 0, out);
}

void scr_date_brief(const app *a, int64_t t, char out[SCR_DATE_MAX])
{
	date_in(a, t, 1, out);
}

char *scr_fill(const char *s, ...)
{
	char *out = mk_strdup(s);
	va_list ap;
	va_start(ap, s);
	for (const char *name; out && (name = va_arg(ap, const char *));) {
		const char *val = va_arg(ap, const char *);
		char *at = strstr(out, name);
		if (!at)
			continue;
		char *next = mk_asprintf("%.*s%s%s", (int)(at - out), out, val, at + strlen(name));
		free(out);
		out = next;
	}
	va_end(ap);
	return out;
}

/* New records would be refused: a write met a full disk, or free space is
 * under the store's floor. The flag alone is not enough: a small write (the
 * audit row of a sign-in or of the staff PIN) commits and clears it while
 * reports are still refused for lack of room. */
void scr_say_text(app *a, int bad, const char *s)
{
	snprintf(a->sc.msg, sizeof a->sc.msg, "%s", s ? s : "");
	a->sc.msg_bad = bad;
	a->sc.msg_key = 0;
	a->sc.msg_seen = 0;
	a->need_layout = 1;
}

void scr_say(app *a, int bad, const char *key)
{
	scr_say_text(a, bad, key);
	a->sc.msg_key = 1;
}

void scr_wipe_entry(app *a)
{
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
	explicit_bzero(a->sc.pin1, sizeof a->sc.pin1);
	a->sc.osk_mode = 0;
}

static const scr_def *row_of(const app *a, scr_id id)
{
	const scr_table *t = a->screens;
	return !t || (int)id < 0 || id >= SCR_COUNT ? &page_row : &t->rows[id];
}

/* The one place the "who" column is kept: a hand-over screen is the
 * patient's, and staff mode ends with it. A staff screen after it (enrolment's
 * Done, a reset PIN, photo import) first asks for the staff PIN again, then
 * opens where it was going. Returns the screen to show. */
static scr_id handover_gate(app *a, scr_id id)
{
	scr_id resume = a->sc.resume;
	a->sc.resume = SCR_PAGE;
	if (a->sc.id == SCR_STAFF_PIN && id == SCR_STAFF && a->sc.staff && resume != SCR_PAGE)
		return resume;
	if (row_of(a, a->sc.id)->who == SCR_WHO_HANDOVER && row_of(a, id)->who == SCR_WHO_STAFF) {
		a->sc.staff = 0;
		a->sc.resume = id;
		mk_log(MK_LOG_INFO, "staff-mode", "open=0 reason=%s", "hand-over");
		return SCR_STAFF_PIN;
	}
	return id;
}

void scr_go(app *a, scr_id id)
{
	id = handover_gate(a, id);
	if (a->sc.id == SCR_CAMERA && id != SCR_CAMERA)
		shot_stop(a); /* the camera runs only on its screen */
	if (id != a->sc.id)
		a->sc.msg[0] = 0;
	/* Each screen that takes typing starts empty; the note starts with
	 * what the patient wrote before. */
	if (id != a->sc.id || id == SCR_SIGNIN_PIN)
		scr_wipe_entry(a);
	if (id == SCR_NOTE && a->tk)
		snprintf(a->sc.entry, sizeof a->sc.entry, "%s", track_draft(a->tk)->note);
	a->sc.id = id;
	ui_scroller_reset(&a->scroll, 0);
	a->trans_ms = a->sc.shown_ms = mk_now_ms();
	a->need_layout = 1;
}

/* The TPM that guards patients' keys, or the plain warning that none
 * does: in the log at every start and on the staff screen. */
static void use_tpm(app *a)
{
	const char *want = a->cfg.tpm ? a->cfg.tpm : "auto";
	char q[300];
	store_tpm_info info;
	int rc = store_tpm_use(a->st, want);
	a->tpm_off = NULL;
	if (rc == 0 && store_tpm_state(a->st, &info) == 0 && info.present) {
		mk_log(MK_LOG_INFO, "tpm", "tcti=%s max_tries=%d recovery_s=%d failed=%d locked=%d",
		       mk_log_quote(q, sizeof q, info.name), info.max_tries, info.recovery_s,
		       info.failed_tries, info.locked);
		return;
	}
	a->tpm_off = rc ? "staff_tpm_failed" : "staff_tpm_none";
	mk_log(MK_LOG_WARN, "tpm-off", "reason=%s note=\"records on this kiosk are protected by "
	       "patients' PINs only\"", mk_log_quote(q, sizeof q, rc ? mk_err_msg()
			: !strcmp(want, "off") ? "tpm = off in kiosk.conf" : "no TPM found (/dev/tpmrm0)"));
}

/* Acknowledged records past the retention period leave the kiosk: at
 * start, and after each patient signs out (no one is looking at them). */
static void retire(app *a)
{
	char q[300];
	int n = 0;
	if (store_retain(a->st, (int64_t)time(NULL), a->cfg.retention_days, &n) != 0)
		mk_log(MK_LOG_WARN, "retention-failed", "reason=%s", mk_log_quote(q, sizeof q, mk_err_msg()));
}

int scr_open(app *a)
{
	uint8_t pk[STORE_KEY_BYTES];
	const uint8_t *clinic = NULL;
	int rc = store_open(&a->st, a->cfg.data_dir);
	if (rc)
		return mk_err(rc, "cannot use the data folder: %s", mk_err_msg());
	use_tpm(a);
	retire(a);
	/* Staff read the reason in their language; the log has the detail. */
	a->track_off = NULL;
	if (!a->cfg.clinic_key) {
		a->track_off = "staff_off_no_key";
		mk_log(MK_LOG_WARN, "tracking-off", "reason=\"no clinic_public_key in kiosk.conf\"");
	} else if (store_key_read(a->cfg.clinic_key, pk) != 0) {
		a->track_off = "staff_off_bad_key";
		mk_log(MK_LOG_WARN, "tracking-off", "reason=\"the clinic public key %s cannot be read: %s\"",
		       a->cfg.clinic_key, mk_err_msg());
	} else {
		clinic = pk;
	}
	rc = track_open(&a->tk, a->st, clinic, a->m);
	explicit_bzero(pk, sizeof pk);
	if (a->screens && a->screens->opened)
		a->screens->opened(a); /* staff mode's state from before a restart */
	return rc;
}

void scr_close(app *a)
{
	pics_clear(a);
	track_close(a->tk);
	a->tk = NULL;
	store_close(a->st);
	a->st = NULL;
}

int scr_contrast_on(const app *a)
{
	return a->th == theme_get("high-contrast");
}

void scr_theme_normal(app *a)
{
	a->th = theme_get(a->cfg.theme ? a->cfg.theme : a->m ? a->m->theme : NULL);
}

/* Off goes to the calm default even where the kiosk's own theme is high
 * contrast: the switch always changes what the visitor sees. */
void scr_contrast_toggle(app *a)
{
	a->th = theme_get(scr_contrast_on(a) ? "default" : "high-contrast");
	a->need_layout = 1;
}

void scr_sign_out(app *a)
{
	int was = track_signed_in(a->tk) || a->sc.staff;
	track_sign_out(a->tk);
	scr_wipe_entry(a);
	explicit_bzero(a->sc.code, sizeof a->sc.code);
	explicit_bzero(a->sc.signin_code, sizeof a->sc.signin_code);
	/* Which of their photos were open or picked: not for the next person. */
	explicit_bzero(a->sc.view_uuid, sizeof a->sc.view_uuid);
	explicit_bzero(a->sc.pick, sizeof a->sc.pick);
	a->sc.n_pick = a->sc.picking = 0;
	a->sc.msg[0] = 0;
	a->sc.staff = 0;
	if (a->st)
		store_set_staff(a->st, NULL); /* staff rows name nobody until the next PIN */
	a->sc.id = SCR_PAGE;
	a->scale = 100; /* the next person starts at the usual text size */
	scr_theme_normal(a); /* and the usual contrast */
	view_clear(&a->vw); /* frees (and so drops) the strings shown */
	shot_stop(a);      /* a held camera frame */
	pics_clear(a);      /* and their photos */
	/* Textures of their answers and charts must not outlive them. */
	ren_cache_clear(a->rn);
	a->need_layout = 1;
	if (was) {
		mk_log(MK_LOG_INFO, "signed-out", "screen=pages");
		retire(a);
	}
}

static void back(app *a)
{
	const scr_def *d = scr_row(a);
	if (d->back_fn)
		d->back_fn(a);
	else if (d->back != SCR_PAGE)
		scr_go(a, d->back);
}

const char *scr_back_label(const app *a)
{
	return scr_row(a)->flags & SCR_BACK_BUTTON ? scr_str(a, "back") : NULL;
}

static void flow(app *a, int f)
{
	switch (f) {
	case F_SIGN_IN:
		if (track_signed_in(a->tk))
			scr_go(a, track_needs_consent(a->tk) ? SCR_CONSENT : SCR_COURSE);
		else
			scr_go(a, SCR_SIGNIN_CODE);
		break;
	case F_NEXT:
		if (a->sc.id == SCR_SIGNIN_CODE && strlen(a->sc.entry) == STORE_CODE_LEN) {
			memcpy(a->sc.signin_code, a->sc.entry, sizeof a->sc.signin_code);
			scr_go(a, SCR_SIGNIN_PIN);
		} else if (a->sc.id == SCR_AREAS && track_draft(a->tk)->areas) {
			scr_report_next(a);
		} else if (a->sc.id == SCR_NOTE) {
			snprintf(track_draft(a->tk)->note, TRACK_NOTE_MAX + 1, "%s", a->sc.entry);
			scr_wipe_entry(a);
			scr_go(a, SCR_REVIEW);
		}
		break;
	case F_BACK:
		if (scr_row(a)->who != SCR_WHO_HANDOVER) /* the patient holds the screen */
			back(a);
		break;
	case F_SIGN_OUT: scr_leave(a, F_SIGN_OUT); break;
	case F_LEAVE_KEEP: scr_back_leave(a); break;
	case F_LEAVE_GO: scr_sign_out(a); break;
	case F_COURSE: /* no way round the consent question (e.g. back from Help) */
		scr_go(a, track_needs_consent(a->tk) ? SCR_CONSENT : SCR_COURSE);
		break;
	case F_CONSENT_YES:
		if (track_give_consent(a->tk, scr_now()) == 0)
			scr_go(a, SCR_COURSE);
		else
			scr_say(a, 1, "save_failed");
		break;
	case F_CONSENT_NO: scr_sign_out(a); break;
	case F_REPORT: scr_report_start(a); break;
	case F_PROGRESS: scr_go(a, SCR_PROGRESS); break;
	case F_SKIP_NOTE:
		scr_wipe_entry(a);
		track_draft(a->tk)->note[0] = 0;
		scr_go(a, SCR_REVIEW);
		break;
	case F_CONFIRM: scr_report_confirm(a); break;
	case F_DONE: scr_go(a, SCR_COURSE); break;
	case F_CALL_STAFF: scr_flag_call(a); break;
	case F_PHOTO: case F_PHOTO_CAMERA: case F_PHOTO_TAKE: case F_PHOTO_RETAKE: case F_PHOTO_KEEP:
	case F_PHOTOS: case F_PHOTO_PICK: case F_PHOTO_COMPARE: case F_PHOTO_SLIDER:
	case F_PHOTO_DELETE: case F_PHOTO_DELETE_YES: case F_PHOTO_DELETE_NO:
		shot_flow(a, f);
		break;
	default: /* staff mode's commands */
		if (a->screens && a->screens->flow)
			a->screens->flow(a, f);
		break;
	}
}

/* ---- Keys: the PIN pad, on-screen keyboards and a real keyboard (or a
 * scanner that types like one) all end here. */

static void entry_append(app *a, const char *s, size_t max)
{
	size_t n = strlen(a->sc.entry), k = strlen(s);
	if (n + k <= max && n + k < sizeof a->sc.entry)
		memcpy(a->sc.entry + n, s, k + 1);
}

static void entry_delete(app *a)
{
	size_t n = strlen(a->sc.entry);
	while (n > 0 && ((unsigned char)a->sc.entry[n - 1] & 0xC0) == 0x80)
		n--; /* a whole UTF-8 character */
	if (n > 0)
		n--;
	a->sc.entry[n] = 0;
}

static size_t entry_max(const app *a)
{
	switch (scr_row(a)->entry) {
	case SCR_ENTRY_CODE: return STORE_CODE_LEN;
	/* A patient's PIN may be older than pin_length: any length is taken. */
	case SCR_ENTRY_PIN: return STORE_PIN_MAX;
	case SCR_ENTRY_NEW_PIN: return (size_t)a->cfg.pin_len;
	case SCR_ENTRY_STAFF_PIN: return STAFF_PIN_MAX;
	case SCR_ENTRY_NOTE: return TRACK_NOTE_MAX;
	default: return 0;
	}
}

static int is_code_screen(const app *a)
{
	return scr_row(a)->entry == SCR_ENTRY_CODE;
}

void scr_enter_next(app *a)
{
	flow(a, F_NEXT);
}

static void enter(app *a)
{
	const scr_def *d = scr_row(a);
	if (d->enter)
		d->enter(a);
	else
		a->need_layout = 1;
}

/* One typed character or string from any source, filtered by screen. */
static void type(app *a, const char *s)
{
	size_t max = entry_max(a);
	if (!max)
		return;
	if (is_code_screen(a)) {
		for (; *s; s++) {
			char c = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
			char one[2] = { c, 0 };
			if (c && strchr(STORE_CODE_ALPHABET, c))
				entry_append(a, one, max);
		}
	} else if (max <= STAFF_PIN_MAX) {
		for (; *s; s++)
			if (*s >= '0' && *s <= '9') {
				char one[2] = { *s, 0 };
				entry_append(a, one, max);
			}
	} else {
		entry_append(a, s, max);
	}
	a->sc.msg[0] = 0;
	a->need_layout = 1;
}

static void key(app *a, int arg)
{
	const char *k;
	if (a->sc.id == SCR_NOTE || is_code_screen(a)) {
		const char *lang = is_code_screen(a) ? "en" : a->m->langs[a->lang];
		k = scr_keyboard_key(lang, a->sc.osk_mode, is_code_screen(a), arg);
		if (!k)
			return;
		if (!strcmp(k, "\b"))
			entry_delete(a);
		else if (!strcmp(k, "\n"))
			enter(a);
		else if (!strcmp(k, "\t"))
			a->sc.osk_mode = (a->sc.osk_mode + 1) % 3;
		else
			type(a, k);
		if (a->sc.osk_mode == 1 && strcmp(k, "\t") && strcmp(k, "\b") && strcmp(k, "\n") &&
		    strcmp(k, " ") && !a->m->rtl[a->lang])
			a->sc.osk_mode = 0; /* shift is for one letter (É, Ç too) */
	} else if (arg == '\b') {
		entry_delete(a);
	} else if (arg == '\n') {
		enter(a);
		return;
	} else {
		char one[2] = { (char)arg, 0 };
		type(a, one);
	}
	a->need_layout = 1;
}

int scr_text(app *a, const char *utf8)
{
	if (a->sc.id == SCR_PAGE)
		return 0;
	type(a, utf8);
	return 1;
}

int scr_typing(const app *a)
{
	return a->sc.id != SCR_PAGE && entry_max(a) > 0;
}

int scr_key(app *a, SDL_Keycode k)
{
	if (a->sc.id == SCR_PAGE || !entry_max(a))
		return 0;
	if (k == SDLK_BACKSPACE)
		entry_delete(a);
	else if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
		enter(a);
	else
		return 0;
	a->need_layout = 1;
	return 1;
}

/* ---- Buttons */

void scr_act(app *a, const view_el *e)
{
	switch (e->act) {
	case ACT_FLOW: flow(a, e->arg); break;
	case ACT_KEY: key(a, e->arg); break;
	case ACT_ANSWER: scr_report_answer(a, e->arg); break;
	case ACT_AREA:
		if (e->arg < 0 || e->arg >= CONTENT_AREA_COUNT)
			break;
		if (a->sc.id == SCR_PHOTO_AREA || a->sc.id == SCR_STAFF_IMPORT)
			a->sc.photo_area = e->arg; /* a photo is of one area */
		else
			track_draft(a->tk)->areas ^= 1u << e->arg;
		break;
	case ACT_PHOTO: shot_act(a, e); break;
	case ACT_EDIT:
		a->sc.item = e->arg;
		a->sc.from_review = 1;
		scr_go(a, SCR_ITEM);
		break;
	case ACT_PLAN:
		if (a->screens && a->screens->plan)
			a->screens->plan(a, e->arg);
		break;
	default: break;
	}
	a->need_layout = 1;
}

/* ---- The hidden corner and timers */

void scr_gesture(app *a, int kind, int x, int y)
{
	int corner = (int)(lay_scale(a) * 110.0f);
	if (kind == UI_PRESS && x < corner && y < corner && !a->sc.staff) {
		a->sc.corner_ms = mk_now_ms();
	} else if (kind != UI_PRESS && a->sc.corner_ms) {
		a->sc.corner_ms = 0;
		a->need_layout = 1; /* the ring goes with the finger */
	}
}

/* How far the hold has come: -1 before the ring shows (the first second,
 * so a brush of the corner shows nothing), then 0..100 until it opens. */
int scr_corner_pct(const app *a)
{
	uint64_t now = mk_now_ms(), t = a->sc.corner_ms;
	if (!t || now < t + SCR_CORNER_RING_MS)
		return -1;
	uint64_t in = now - t - SCR_CORNER_RING_MS, span = CORNER_HOLD_MS - SCR_CORNER_RING_MS;
	return in >= span ? 100 : (int)(in * 100 / span);
}

void scr_timers(app *a, uint64_t now)
{
	if ((scr_row(a)->flags & SCR_EVERY_SECOND) && now >= a->sc.send_ms + 1000)
		a->need_layout = 1;
	if (a->sc.corner_ms && now >= a->sc.corner_ms + SCR_CORNER_RING_MS)
		a->need_layout = 1; /* the ring fills */
	if (a->sc.corner_ms && now >= a->sc.corner_ms + CORNER_HOLD_MS) {
		a->sc.corner_ms = 0;
		a->sc.swallow_tap = 1;
		if (track_signed_in(a->tk))
			scr_sign_out(a); /* staff never see a patient's screen */
		a->overlay = OVERLAY_NONE;
		scr_go(a, SCR_STAFF_PIN);
		mk_log(MK_LOG_INFO, "staff-pin-asked", "via=corner");
	}
}

uint64_t scr_next_timer(const app *a)
{
	uint64_t corner = a->sc.corner_ms ? a->sc.corner_ms + CORNER_HOLD_MS : 0;
	if (corner && scr_corner_pct(a) >= 0) { /* the ring's next step */
		uint64_t step = mk_now_ms() + CORNER_STEP_MS;
		corner = step < corner ? step : corner;
	} else if (corner) {
		corner = a->sc.corner_ms + SCR_CORNER_RING_MS;
	}
	uint64_t send = scr_row(a)->flags & SCR_EVERY_SECOND ? a->sc.send_ms + 1000 : 0; /* it moves */
	return !corner || (send && send < corner) ? send : corner;
}

/* Every screen change counts, whatever caused it: an answer that moves on
 * by itself, Next, a timer. A second tap of the same finger belongs to the
 * screen that was there, never to the new one. */
int scr_tap_guarded(const app *a, uint64_t t_ms)
{
	return a->sc.shown_ms && t_ms < a->sc.shown_ms + SCR_TAP_GUARD_MS;
}

int scr_idle_s(const app *a)
{
	return scr_for_staff(a) ? a->cfg.staff_idle_s : a->cfg.idle_s;
}
