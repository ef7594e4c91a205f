/* SPDX-License-Identifier: MIT */
/*
 * Progress photos: what the photo screens do. The camera runs only while
 * its screen is up: each turn of the loop takes the newest frame into one
 * streaming texture (pics_live), with the patient's previous photo of the
 * same area laid faintly over it as a framing guide. "Take photo" counts
 * down 3 seconds, then holds the frame for Keep or Retake; Keep encodes,
 * prepares (upright, bounded, thumbnail, SHA-256) and saves it through
 * track, which encrypts it. Timeline, full view with zoom, and compare
 * (side by side or one over the other with a wipe) read photos back
 * through pics.c. Staff import (import.c) saves files from a folder the
 * same way.
 */
#include "screens.h"
#include "photo.h"
#include "sync.h"
#include <stdlib.h>
#include <string.h>

#define COUNTDOWN_MS 3000
#define DOUBLE_TAP_MS 350

typedef struct {
	photo_cam *cam;
	photo_image still;   /* the frame held for Keep or Retake */
	int have_still;
	uint64_t count_ms;   /* countdown start, 0 when none */
	uint64_t last_tap_ms;
	int last_tap_x, last_tap_y;
} cam_state;

static cam_state cs;
static int cam_missing; /* "Add a photo" found no camera: said before asking */
static int ask_delete;  /* the full view asks "Delete this photo?" */

static void still_drop(void)
{
	if (cs.have_still)
		photo_image_free(&cs.still);
	cs.have_still = 0;
}

void shot_stop(app *a)
{
	(void)a;
	still_drop();
	if (cs.cam)
		photo_cam_close(cs.cam);
	memset(&cs, 0, sizeof cs);
}

/* "test:yuyv:640x480" or "test:mjpeg:WxH" opens the test frame source
 * (tests and demos; ":fail=N" unplugs it after N frames); anything else
 * is a device path, NULL the first. */
static int cam_open(app *a)
{
	const char *dev = a->cfg.camera;
	int w = 1280, h = 720;
	if (dev && !strncmp(dev, "test:", 5)) {
		photo_fmt f = strncmp(dev + 5, "mjpeg", 5) ? PHOTO_FMT_YUYV : PHOTO_FMT_MJPEG;
		const char *size = strchr(dev + 5, ':'), *fail = strstr(dev, ":fail=");
		int rc;
		if (size)
			sscanf(size + 1, "%dx%d", &w, &h);
		rc = photo_cam_open_test(&cs.cam, f, w, h);
#ifdef MK_TESTING
		if (!rc && fail) /* ":fail=N": unplugged after N frames */
			photo_cam_test_fail_after(cs.cam, atoi(fail + 6));
#else
		(void)fail;
#endif
		return rc;
	}
	return photo_cam_open(&cs.cam, dev);
}

void shot_start(app *a)
{
	shot_stop(a);
	if (cam_open(a) != 0) {
		mk_log(MK_LOG_WARN, "camera-missing", "reason=\"%s\"", mk_err_msg());
		scr_say(a, 1, "photo_no_camera");
	}
}

/* One turn of the loop on the camera screen: the newest frame, the
 * countdown. Returns 1 while the preview is live (keep drawing). */
int shot_tick(app *a, uint64_t now)
{
	photo_image img;
	int w, h, rc;
	if (import_tick(a))
		return 1; /* files are being checked: look again next turn */
	if (a->sc.id != SCR_CAMERA || !cs.cam || cs.have_still)
		return 0;
	rc = photo_cam_frame(cs.cam, &img, 5);
	if (rc == MK_EIO) {
		photo_cam_close(cs.cam);
		cs.cam = NULL;
		scr_say(a, 1, "photo_camera_stopped");
		return 0;
	}
	if (rc == 0) {
		SDL_Texture *before = pics_live(a, NULL, &w, &h);
		if (pics_live(a, img.s, &w, &h) != before)
			a->need_layout = 1; /* a new texture: the view must hold it */
		if (cs.count_ms && now >= cs.count_ms + COUNTDOWN_MS) {
			cs.still = img; /* hold it: Keep or Retake */
			cs.have_still = 1;
			cs.count_ms = 0;
			a->need_layout = 1;
		} else {
			photo_image_free(&img);
		}
		a->need_draw = 1;
	}
	if (cs.count_ms)
		a->need_layout = 1; /* the number changes */
	return 1;
}

int shot_countdown(const app *a)
{
	(void)a;
	if (!cs.count_ms)
		return 0;
	int left = (int)((cs.count_ms + COUNTDOWN_MS - mk_now_ms() + 999) / 1000);
	return left < 1 ? 1 : left;
}

int shot_asking_delete(void)
{
	return ask_delete;
}

/* The patient deletes the photo on show, after saying yes: gone from the
 * kiosk at once (files overwritten), and queued for the clinic, which
 * deletes its copy when the request arrives. */
static void delete_photo(app *a)
{
	char uuid[STORE_UUID_LEN + 1];
	int rc;
	ask_delete = 0;
	snprintf(uuid, sizeof uuid, "%s", a->sc.view_uuid);
	rc = track_photo_delete(a->tk, uuid);
	if (rc) {
		scr_say(a, 1, rc == MK_EFULL ? "save_failed_disk" : "photo_not_deleted");
		return;
	}
	pics_forget(a, uuid);
	a->sc.n_pick = 0;
	sync_kick(a->sync);
	scr_go(a, SCR_PHOTOS);
	scr_say(a, 0, "photo_deleted");
}

int shot_camera_missing(void)
{
	return cam_missing;
}

/* "Add a photo": is there a camera at all? Asked before the area, so a
 * patient without one is told at once instead of after choosing. Opening
 * it is the only sure test (a device node may be a card that cannot
 * capture); it is closed again until the camera screen. */
static void cam_probe(app *a)
{
	shot_stop(a);
	cam_missing = cam_open(a) != 0;
	if (cam_missing)
		mk_log(MK_LOG_WARN, "camera-missing", "reason=\"%s\"", mk_err_msg());
	shot_stop(a);
}

int shot_has_camera(void)
{
	return cs.cam != NULL;
}

int shot_has_still(void)
{
	return cs.have_still;
}

/* Encodes, prepares and saves what is in hand (a camera still, or a
 * file's bytes). */
int shot_save_bytes(app *a, const void *bytes, size_t n, const char *source)
{
	photo_prepared pp;
	char uuid[STORE_UUID_LEN + 1];
	int rc = photo_prepare(bytes, n, &pp);
	if (rc)
		return rc;
	track_photo p = { .image = pp.image, .image_len = pp.image_len, .thumb = pp.thumb,
			  .thumb_len = pp.thumb_len, .width = pp.width, .height = pp.height,
			  .sha256 = pp.sha256, .source = source };
	rc = track_photo_add(a->tk, &p, a->sc.photo_area, uuid);
	photo_prepared_free(&pp);
	if (!rc)
		mk_log(MK_LOG_INFO, "photo-saved", "source=%s", source);
	shot_saved(a, rc);
	return rc;
}

void shot_saved(app *a, int rc)
{
	if (!rc)
		sync_kick(a->sync);
	else if (rc == MK_EFULL)
		sync_event(a->sync, "error", "disk-full", "a photo could not be saved");
}

static void keep(app *a)
{
	void *jpg = NULL;
	size_t n = 0;
	int rc = cs.have_still ? photo_image_encode(&cs.still, 92, &jpg, &n) : MK_EINVAL;
	if (!rc)
		rc = shot_save_bytes(a, jpg, n, "camera");
	if (jpg) {
		explicit_bzero(jpg, n);
		free(jpg);
	}
	if (rc) {
		scr_say(a, 1, rc == MK_EFULL ? "save_failed_disk" : "photo_not_saved");
		return;
	}
	shot_stop(a);
	scr_go(a, SCR_PHOTOS);
	scr_say(a, 0, "photo_saved");
}

/* ---- Buttons */

static void pick(app *a, const char *uuid)
{
	scr_state *sc = &a->sc;
	for (int i = 0; i < sc->n_pick; i++)
		if (!strcmp(sc->pick[i], uuid)) { /* tapped again: unpick */
			memmove(sc->pick[i], sc->pick[i + 1], sizeof sc->pick[0] * (size_t)(sc->n_pick - i - 1));
			sc->n_pick--;
			return;
		}
	if (sc->n_pick == 2)
		sc->n_pick = 1; /* the newest two */
	snprintf(sc->pick[sc->n_pick++], sizeof sc->pick[0], "%s", uuid);
}

static void zoom_tap(app *a, int x, int y)
{
	uint64_t now = mk_now_ms();
	if (now - cs.last_tap_ms < DOUBLE_TAP_MS && abs(x - cs.last_tap_x) < 60 && abs(y - cs.last_tap_y) < 60) {
		a->sc.zoom = a->sc.zoom > 1.01f ? 1.0f : 2.5f;
		a->sc.zoom_x = x, a->sc.zoom_y = y;
		cs.last_tap_ms = 0;
	} else {
		cs.last_tap_ms = now;
		cs.last_tap_x = x, cs.last_tap_y = y;
	}
}

void shot_act(app *a, const view_el *e)
{
	scr_state *sc = &a->sc;
	switch (e->arg2) {
	case PH_THUMB:
		if (sc->picking)
			pick(a, e->target);
		else {
			snprintf(sc->view_uuid, sizeof sc->view_uuid, "%s", e->target);
			sc->zoom = 1.0f;
			ask_delete = 0;
			scr_go(a, SCR_PHOTO_VIEW);
		}
		break;
	case PH_ZOOM: zoom_tap(a, sc->tap_x, sc->tap_y); break;
	case PH_FILE: import_tap(a, e->arg); break;
	default: break;
	}
	a->need_layout = 1;
}

void shot_flow(app *a, int f)
{
	switch (f) {
	case F_PHOTO:
		a->sc.photo_area = -1;
		cam_probe(a);
		scr_go(a, SCR_PHOTO_AREA);
		break;
	case F_PHOTO_CAMERA:
		if (a->sc.photo_area >= 0) {
			scr_go(a, SCR_CAMERA);
			shot_start(a);
		}
		break;
	case F_PHOTO_TAKE: cs.count_ms = mk_now_ms(); break;
	case F_PHOTO_RETAKE: still_drop(); break;
	case F_PHOTO_KEEP: keep(a); break;
	case F_PHOTOS: a->sc.picking = 0; a->sc.n_pick = 0; scr_go(a, SCR_PHOTOS); break;
	case F_PHOTO_PICK: a->sc.picking = !a->sc.picking; a->sc.n_pick = 0; break;
	case F_PHOTO_COMPARE: if (a->sc.n_pick == 2) { a->sc.wipe = 0.5f; scr_go(a, SCR_COMPARE); } break;
	case F_PHOTO_SLIDER: a->sc.slider = !a->sc.slider; break;
	case F_PHOTO_DELETE: ask_delete = a->sc.id == SCR_PHOTO_VIEW; break;
	case F_PHOTO_DELETE_NO: ask_delete = 0; break;
	case F_PHOTO_DELETE_YES:
		if (ask_delete && a->sc.id == SCR_PHOTO_VIEW)
			delete_photo(a);
		break;
	default: break;
	}
	a->need_layout = 1;
}

/* A drag on the compare screen moves the wipe; on a zoomed photo, pans. */
int shot_drag(app *a, int x, int dx, int dy)
{
	if (a->sc.id == SCR_COMPARE && a->sc.slider && a->sc.cmp.w > 0) {
		/* The wipe is laid out so that, in either direction, it sits at
		 * this fraction of the picture from its left edge on screen. */
		a->sc.wipe = (float)(x - a->sc.cmp.x) / (float)a->sc.cmp.w;
		a->sc.wipe = a->sc.wipe < 0 ? 0 : a->sc.wipe > 1 ? 1 : a->sc.wipe;
		a->need_layout = 1;
		return 1;
	}
	if (a->sc.id == SCR_PHOTO_VIEW && a->sc.zoom > 1.01f) {
		a->sc.zoom_x -= (int)((float)dx / a->sc.zoom);
		a->sc.zoom_y -= (int)((float)dy / a->sc.zoom);
		a->need_layout = 1;
		return 1;
	}
	return 0;
}

/* Two fingers spreading or closing on the full view zoom it. */
void shot_pinch(app *a, float d_dist, int x, int y)
{
	if (a->sc.id != SCR_PHOTO_VIEW)
		return;
	a->sc.zoom *= 1.0f + d_dist * 4.0f;
	a->sc.zoom = a->sc.zoom < 1.0f ? 1.0f : a->sc.zoom > 5.0f ? 5.0f : a->sc.zoom;
	a->sc.zoom_x = x, a->sc.zoom_y = y;
	a->need_layout = 1;
}
