/* SPDX-License-Identifier: MIT */
/*
 * Content loading at start and hot reload. A watcher thread blocks on
 * inotify for the content folder (and its subfolders), waits until saves
 * have been quiet for 50 ms (editors write in several steps), then wakes
 * the main loop with an SDL event. The main loop loads the folder into a
 * new content object on the side; only a clean load replaces what is
 * shown, and the patient stays on the same page if it still exists. A bad
 * change leaves the last good content on screen, logs every problem, and
 * shows staff a small badge with the first one.
 *
 * Two folders can be shown: the configured one (edit), which staff may
 * edit in place and which is the only one watched, and an unpacked signed
 * bundle (rollout.c), switched to with reload_switch. live is the one on
 * screen. With content_keys set and local_edits off, a change saved to
 * the configured folder is refused with a badge instead of shown.
 */
#include "app.h"
#include "guard.h"
#include "sync.h"
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

Uint32 reload_event_type;

enum { TRIAL_MS = 10000, QUIET_MS = 50, GUARD_MAX_TRIES = 2 };

typedef struct {
	SDL_Thread *thread;
	SDL_sem *wake;
	int ino, stop;
	char *live;       /* the folder the content on screen is loaded from */
	char *edit;       /* the configured content folder: watched for edits */
	uint64_t fp;      /* fingerprint of what is shown, from live */
	uint64_t edit_fp; /* fingerprint of edit when last looked at */
	int edit_refused; /* an edit of edit is refused (local_edits off) and still there */
	int on_trial;
	uint64_t trial_ms;
	int rearm;        /* watcher: the watched folder went away */
	char *shown;      /* folder the content on screen came from */
	/* The first load, on a thread while SDL starts (reload_prefetch). */
	SDL_Thread *pre;
	content *pre_c;
	content_problems pre_probs;
	int pre_rc, pre_crashed;
	uint64_t pre_ns;
	/* The copy of shown content kept as the last good one is made after
	 * the frame it is shown in, not before: copying the folder is the
	 * slowest part of a load (20 ms), and nobody waits for it. */
	int snap_due;
	uint64_t snap_fp;
	/* A callback of the content shown hung or ran over its budget: set it
	 * aside at the next turn of the loop, not inside the tap. */
	int aside_due;
	char aside_why[200];
} reload_state;

static void watch_tree(int ino, const char *dir)
{
	DIR *d;
	struct dirent *de;
	inotify_add_watch(ino, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
					    IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB);
	if (!(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		char *p = mk_path_join(dir, de->d_name);
		if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) /* links not followed */
			watch_tree(ino, p);
		free(p);
	}
	closedir(d);
}

/* Reads pending inotify events; returns 1 if any arrived. */
static int drain(reload_state *rs)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t n = read(rs->ino, buf, sizeof buf);
	if (n <= 0)
		return 0;
	for (char *p = buf; p < buf + n;) {
		struct inotify_event *ev = (struct inotify_event *)p;
		if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
			watch_tree(rs->ino, rs->edit); /* re-adding a watch is harmless */
		if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
			rs->rearm = 1; /* the folder was replaced (mv, rsync): watch anew */
		p += sizeof *ev + ev->len;
	}
	return 1;
}

static int watcher(void *ud)
{
	reload_state *rs = ud;
	struct pollfd pf[2] = { { rs->ino, POLLIN, 0 }, { rs->stop, POLLIN, 0 } };
	for (;;) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return 0;
		if (pf[1].revents)
			return 0;
		if (!(pf[0].revents & POLLIN) || !drain(rs))
			continue;
		/* Debounce: wait for QUIET_MS without events. */
		while (poll(pf, 2, QUIET_MS) > 0 && !pf[1].revents)
			drain(rs);
		if (pf[1].revents)
			return 0;
		if (rs->rearm) {
			/* Give the new folder a moment to appear, then watch it. */
			for (int i = 0; i < 50 && !mk_is_dir(rs->edit); i++)
				SDL_Delay(100);
			watch_tree(rs->ino, rs->edit);
			rs->rearm = 0;
		}
		SDL_Event ev = { .type = reload_event_type };
		SDL_PushEvent(&ev);
		SDL_SemPost(rs->wake);
	}
}

/* Each problem as one log line whose `problem` reads `path:line: message`,
 * the same words --check prints. */
static void log_problems(const content_problems *p)
{
	char q[900];
	for (int i = 0; i < p->n; i++) {
		char *line = p->v[i].line ? mk_asprintf("%s:%d: %s", p->v[i].file, p->v[i].line, p->v[i].msg)
					  : mk_asprintf("%s: %s", p->v[i].file, p->v[i].msg);
		mk_log(MK_LOG_WARN, "content-problem", "problem=%s", mk_log_quote(q, sizeof q, line));
		free(line);
	}
}

static void set_badge(app *a, const content_problems *p, const char *why)
{
	if (p && p->n > 0) {
		const content_problem *f = &p->v[0];
		const reload_state *rs = a->loop->reload;
		const char *rel = f->file, *dir = rs && rs->live ? rs->live : a->cfg.content_dir;
		size_t n = strlen(dir);
		if (strncmp(rel, dir, n) || rel[n] != '/')
			dir = a->cfg.content_dir, n = strlen(dir); /* an edit while a bundle shows */
		if (!strncmp(rel, dir, n) && rel[n] == '/')
			rel += n + 1;
		if (f->line)
			snprintf(a->badge, sizeof a->badge, "%s:%d: %s", rel, f->line, f->msg);
		else
			snprintf(a->badge, sizeof a->badge, "%s: %s", rel, f->msg);
	} else {
		snprintf(a->badge, sizeof a->badge, "%s", why);
	}
	if (a->badge[0])
		sync_event(a->sync, "warn", p ? "content-rejected" : "crash-recovered", a->badge);
	a->need_layout = 1;
}

/* Loads dir and checks it as --check does, except for text fit (see
 * reload_now and reload_fit_step); on problems logs them and returns
 * non-zero. */
static int load_dir(app *a, const char *dir, content **out, ren_pins **pins,
		    content_problems *probs)
{
	uint64_t t0 = mk_mono_ns();
	content_var vars[APP_CONTENT_VARS];
	char regulator[16];
	content_limits lim = app_content_limits(&a->cfg, vars, regulator);
	int rc = content_load(out, dir, &lim, probs);
	*pins = rc == 0 ? ren_pins_new() : NULL;
	if (rc == 0 && (!*pins || check_loaded(a->rn, *pins, content_model_of(*out), dir, NULL, 0,
					       probs) > 0)) {
		content_free(*out);
		ren_pins_free(*pins);
		*out = NULL;
		*pins = NULL;
		rc = MK_ECONTENT;
	}
	double ms = (double)(mk_mono_ns() - t0) / 1e6;
	if (rc == 0) {
		const content_model *m = content_model_of(*out);
		char q[300];
		mk_log(MK_LOG_INFO, "content-loaded", "dir=%s version=%s pages=%d langs=%d ms=%.1f mem_kib=%zu",
		       mk_log_quote(q, sizeof q, dir), m->version ? m->version : "", m->n_pages,
		       m->n_langs, ms, content_mem_used(*out) >> 10);
	} else {
		log_problems(probs);
		mk_log(MK_LOG_WARN, "content-rejected", "problems=%d ms=%.1f", probs->n, ms);
	}
	return rc;
}

int app_content_swap(app *a, content *c, ren_pins *pins)
{
	const content_model *nm = content_model_of(c);
	char page_id[128] = "", lang[16] = "";
	int same = 0;
	if (a->m) {
		snprintf(page_id, sizeof page_id, "%s", a->m->pages[a->page].id);
		snprintf(lang, sizeof lang, "%s", a->m->langs[a->lang]);
	}
	int p = content_page_index(nm, page_id), l = content_lang_index(nm, lang);
	same = p >= 0;
	if (p < 0)
		p = content_page_index(nm, nm->start), a->n_history = 0;
	a->lang = l >= 0 ? l : (a->cfg.language && content_lang_index(nm, a->cfg.language) >= 0
				       ? content_lang_index(nm, a->cfg.language) : 0);
	if (!a->cfg.theme && !scr_contrast_on(a)) /* the visitor's switch stays as they set it */
		a->th = theme_get(nm->theme);
	/* History holds page indices: map them to the new model by id. */
	int kept = 0;
	for (int i = 0; a->m && i < a->n_history; i++) {
		int np = content_page_index(nm, a->m->pages[a->history[i]].id);
		if (np >= 0)
			a->history[kept++] = np;
	}
	a->n_history = kept;
	content *old = a->ct;
	const content_problems *w = content_warnings(c);
	for (int i = 0; i < w->n; i++) {
		char q[600];
		mk_log(MK_LOG_WARN, "content-warning", "problem=%s",
		       mk_log_quote(q, sizeof q, w->v[i].msg));
	}
	/* A replaced picture keeps its path: drop every cached texture, and
	 * draw from the bytes this content's check pinned. */
	ren_cache_clear(a->rn);
	ren_set_pins(a->rn, pins);
	ren_pins_free(a->loop->pins);
	a->loop->pins = pins;
	a->ct = c;
	a->m = nm;
	send_content(a);
	if (a->tk)
		track_set_model(a->tk, nm);
	if (a->sc.id == SCR_ITEM && a->sc.item >= nm->q.n_items)
		a->sc.id = SCR_COURSE; /* the question on screen was removed */
	a->page = p;
	if (!same) {
		memset(a->quiz_sel, 0, sizeof a->quiz_sel);
		ui_scroller_reset(&a->scroll, 0);
	}
	view_clear(&a->vw); /* the view points into the old model */
	scr_build(a);
	content_free(old);
	a->need_layout = 1;
	a->loop->fit_next = 0;
	content_problems_clear(&a->loop->fit_probs);
	return 0;
}

/* Text fit at every text size takes too long to hold back the screen, so
 * after content is shown (a change was already checked at the largest
 * size) the rest is looked at a page per idle turn of the loop and
 * reported to staff, without taking the pages away from patients. */
int reload_fit_step(app *a)
{
	if (a->loop->fit_next < 0 || !a->m)
		return 0;
	if (a->loop->fit_next < a->m->n_pages) {
		check_fit_page(a->rn, a->m, a->loop->fit_next++, a->w, a->h, &a->loop->fit_probs);
		return 1;
	}
	a->loop->fit_next = -1;
	if (a->loop->fit_probs.n) {
		log_problems(&a->loop->fit_probs);
		mk_log(MK_LOG_WARN, "content-fit", "problems=%d", a->loop->fit_probs.n);
		if (!a->badge[0])
			set_badge(a, &a->loop->fit_probs, "");
	}
	content_problems_clear(&a->loop->fit_probs);
	return 0;
}

static reload_state *state(app *a)
{
	if (!a->loop->reload) {
		reload_state *rs = calloc(1, sizeof(reload_state));
		if (rs)
			rs->ino = rs->stop = -1;
		a->loop->reload = rs;
	}
	return a->loop->reload;
}

static void set_shown(app *a, const char *dir)
{
	reload_state *rs = a->loop->reload;
	free(rs->shown);
	rs->shown = mk_strdup(dir);
}

/* Content that crashed the kiosk twice, or whose callback hung. */
static int set_aside_before(app *a, const char *dir)
{
	return guard_crashed_before(a->cfg.data_dir, guard_fingerprint(dir)) >= GUARD_MAX_TRIES;
}

/* The fallbacks, in order: the last good snapshot, then shipped content;
 * never one that was set aside (the snapshot may be that same content). */
static int load_fallback(app *a, content **out, ren_pins **pins)
{
	char *snap = guard_snapshot_dir(a->cfg.data_dir);
	const char *shipped[2] = { MK_INSTALLED_CONTENT, MK_DEFAULT_CONTENT };
	const char *prev = rollout_prev_dir(a);
	content_problems probs = { 0 };
	int rc = -1;
	if (prev && mk_is_dir(prev) && !set_aside_before(a, prev)) {
		rc = load_dir(a, prev, out, pins, &probs); /* the bundle shown before this one */
		content_problems_clear(&probs);
		if (rc == 0)
			set_shown(a, prev);
	}
	if (rc != 0 && snap && mk_is_dir(snap) && !set_aside_before(a, snap)) {
		rc = load_dir(a, snap, out, pins, &probs);
		content_problems_clear(&probs);
		if (rc == 0)
			set_shown(a, snap);
	}
	for (int i = 0; rc != 0 && i < 2; i++) {
		if (!mk_is_dir(shipped[i]) || !strcmp(shipped[i], a->cfg.content_dir) ||
		    set_aside_before(a, shipped[i]))
			continue;
		rc = load_dir(a, shipped[i], out, pins, &probs);
		content_problems_clear(&probs);
		if (rc == 0)
			set_shown(a, shipped[i]);
	}
	free(snap);
	return rc;
}

/* The first load's Lua part needs no window: it runs while the main thread
 * starts SDL, which on a kiosk means waiting for cage to start Xwayland
 * (60 ms of the start). The crash guard's trial begins before it, as for
 * any load; checking the loaded content against fonts and images waits for
 * the renderer (reload_initial). */
static int prefetch_run(void *p)
{
	app *a = p;
	reload_state *rs = a->loop->reload;
	uint64_t t0 = mk_mono_ns();
	rs->pre_crashed = guard_crashed_before(a->cfg.data_dir, rs->fp) >= GUARD_MAX_TRIES;
	if (!rs->pre_crashed) {
		guard_trial_begin(a->cfg.data_dir, rs->fp);
		content_var vars[APP_CONTENT_VARS];
		char regulator[16];
		content_limits lim = app_content_limits(&a->cfg, vars, regulator);
		rs->pre_rc = content_load(&rs->pre_c, rs->live, &lim, &rs->pre_probs);
	}
	rs->pre_ns = mk_mono_ns() - t0;
	return 0;
}

/* From the content watchdog's thread: content that could not be stopped,
 * even by force, holds the main thread. Set it aside and let systemd
 * start the kiosk again, which then shows the last good content. */
static void on_stuck(void *ud, const char *dir, const char *file, int line)
{
	app *a = ud;
	uint64_t fp = guard_fingerprint(dir);
	(void)file;
	guard_set_aside(a->cfg.data_dir, fp, GUARD_MAX_TRIES);
	mk_log(MK_LOG_ERROR, "content-stuck", "fingerprint=%016llx line=%d action=restart",
	       (unsigned long long)fp, line);
	_exit(75);
}

int reload_prefetch(app *a)
{
	reload_state *rs = state(a);
	if (!rs)
		return MK_ENOMEM;
	content_on_stuck(on_stuck, a);
	const char *bundle = rollout_start_dir(a);
	rs->live = mk_strdup(bundle ? bundle : a->cfg.content_dir);
	rs->edit = mk_strdup(a->cfg.content_dir);
	rs->fp = guard_fingerprint(rs->live);
	/* Only a bundle on screen makes this a second walk (a few ms). */
	rs->edit_fp = bundle ? guard_fingerprint(rs->edit) : rs->fp;
	rs->pre = SDL_CreateThread(prefetch_run, "mk-content", a);
	if (!rs->pre)
		prefetch_run(a); /* no thread: the same work, in line */
	return 0;
}

/* The prefetched load, checked like any other (load_dir). */
static int prefetch_take(app *a, content **out, ren_pins **pins, content_problems *probs)
{
	reload_state *rs = a->loop->reload;
	int rc = rs->pre_rc;
	char q[300];
	*out = rs->pre_c;
	*probs = rs->pre_probs;
	rs->pre_c = NULL;
	memset(&rs->pre_probs, 0, sizeof rs->pre_probs);
	*pins = rc == 0 ? ren_pins_new() : NULL;
	if (rc == 0 && (!*pins || check_loaded(a->rn, *pins, content_model_of(*out), rs->live, NULL,
					       0, probs) > 0)) {
		content_free(*out);
		ren_pins_free(*pins);
		*out = NULL;
		*pins = NULL;
		rc = MK_ECONTENT;
	}
	if (rc == 0) {
		const content_model *m = content_model_of(*out);
		mk_log(MK_LOG_INFO, "content-loaded", "dir=%s version=%s pages=%d langs=%d load_ms=%.1f "
		       "mem_kib=%zu", mk_log_quote(q, sizeof q, rs->live), m->version ? m->version : "",
		       m->n_pages, m->n_langs, (double)rs->pre_ns / 1e6, content_mem_used(*out) >> 10);
	} else {
		log_problems(probs);
		mk_log(MK_LOG_WARN, "content-rejected", "problems=%d", probs->n);
	}
	return rc;
}

int reload_initial(app *a)
{
	reload_state *rs = state(a);
	content_problems probs = { 0 };
	content *c = NULL;
	ren_pins *pins = NULL;
	int rc;
	if (!rs)
		return MK_ENOMEM;
	if (!rs->live)
		reload_prefetch(a);
	if (rs->pre)
		SDL_WaitThread(rs->pre, NULL);
	rs->pre = NULL;
	if (rs->pre_crashed) {
		mk_log(MK_LOG_ERROR, "content-crashed", "fingerprint=%016llx action=skipped",
		       (unsigned long long)rs->fp);
		set_badge(a, NULL, "this content stopped the kiosk last time; showing the last good content");
		rc = -1;
	} else {
		rc = prefetch_take(a, &c, &pins, &probs);
		if (rc == 0) {
			rs->on_trial = 1;
			rs->trial_ms = mk_now_ms();
			set_shown(a, rs->live);
			rs->snap_due = 1, rs->snap_fp = rs->fp;
		} else {
			guard_trial_end(a->cfg.data_dir);
			set_badge(a, &probs, "");
		}
	}
	if (rc != 0 && (rc = load_fallback(a, &c, &pins)) != 0) {
		if (probs.n)
			rc = mk_err(MK_ECONTENT, "no content could be loaded; first problem: %s:%d: %s",
				    probs.v[0].file, probs.v[0].line, probs.v[0].msg);
		else
			rc = mk_err(MK_ECONTENT, "no content could be loaded from %s", rs->live);
	}
	content_problems_clear(&probs);
	if (rc == 0)
		app_content_swap(a, c, pins);
	return rc;
}

/* Loads dir on the side as a change is loaded: clean only when the text
 * also fits at the largest text size on this screen (what fits there fits
 * smaller); the rest is checked in the background after (reload_fit_step). */
static int load_change(app *a, const char *dir, content **c, ren_pins **pins,
		       content_problems *probs)
{
	int rc = load_dir(a, dir, c, pins, probs);
	if (rc == 0) {
		ren_pins *shown = ren_set_pins(a->rn, *pins); /* the fit sees the new pictures */
		int n = check_fit_at(a->rn, content_model_of(*c), a->w, a->h, 160, probs);
		ren_set_pins(a->rn, shown);
		if (n > 0) {
			log_problems(probs);
			mk_log(MK_LOG_WARN, "content-rejected", "problems=%d", probs->n);
			content_free(*c);
			ren_pins_free(*pins);
			*c = NULL, *pins = NULL;
			rc = MK_ECONTENT;
		}
	}
	return rc;
}

/* Puts content loaded from dir (fingerprint fp) on screen, on trial. */
static void show_change(app *a, const char *dir, uint64_t fp, content *c, ren_pins *pins)
{
	reload_state *rs = a->loop->reload;
	if (rs->live != dir) {
		free(rs->live);
		rs->live = mk_strdup(dir);
	}
	rs->fp = fp;
	rs->on_trial = 1;
	rs->trial_ms = mk_now_ms();
	set_shown(a, dir);
	rs->snap_due = 1, rs->snap_fp = fp;
	a->badge[0] = 0;
	app_content_swap(a, c, pins);
	mk_log(MK_LOG_INFO, "content-reloaded", "page=%s", a->m->pages[a->page].id);
	a->loop->announce_content = 1;
}

/* An edit of the configured folder that local_edits does not allow: the
 * content on screen stays, staff are told why and how to allow it. */
static int refuse_edit(app *a)
{
	reload_state *rs = a->loop->reload;
	char q[300];
	rs->edit_refused = 1;
	mk_log(MK_LOG_WARN, "content-edit-refused", "dir=%s reason=local-edits-off",
	       mk_log_quote(q, sizeof q, rs->edit));
	set_badge(a, NULL, "local edits are off on this kiosk (content_keys is set): publish a signed "
		  "bundle, or set local_edits = on in kiosk.conf");
	return MK_EPERM;
}

int reload_now(app *a)
{
	reload_state *rs = state(a);
	content_problems probs = { 0 };
	content *c = NULL;
	ren_pins *pins = NULL;
	uint64_t fp = guard_fingerprint(rs->edit);
	if (fp == rs->edit_fp)
		return 0; /* a save that changed nothing */
	rs->edit_fp = fp;
	if (!rollout_edits_allowed(a))
		return refuse_edit(a);
	rs->edit_refused = 0;
	if (fp == rs->fp && !strcmp(rs->live, rs->edit))
		return 0; /* back to what is shown */
	guard_trial_begin(a->cfg.data_dir, fp);
	if (load_change(a, rs->edit, &c, &pins, &probs) != 0) {
		guard_trial_end(a->cfg.data_dir);
		set_badge(a, &probs, "");
		content_problems_clear(&probs);
		return MK_ECONTENT;
	}
	show_change(a, rs->edit, fp, c, pins);
	rollout_local_shown(a);
	return 0;
}

int reload_switch(app *a, const char *dir, char *why, size_t cap)
{
	reload_state *rs = state(a);
	content_problems probs = { 0 };
	content *c = NULL;
	ren_pins *pins = NULL;
	uint64_t fp = guard_fingerprint(dir);
	if (!rs)
		return MK_ENOMEM;
	guard_trial_begin(a->cfg.data_dir, fp);
	if (load_change(a, dir, &c, &pins, &probs) != 0) {
		guard_trial_end(a->cfg.data_dir);
		const content_problem *f = probs.n ? &probs.v[0] : NULL;
		const char *rel = f ? f->file : "";
		size_t n = strlen(dir);
		if (!strncmp(rel, dir, n) && rel[n] == '/')
			rel += n + 1;
		if (f && f->line)
			snprintf(why, cap, "%s:%d: %s", rel, f->line, f->msg);
		else
			snprintf(why, cap, "%s%s%s", rel, f ? ": " : "", f ? f->msg : "the content did not load");
		content_problems_clear(&probs);
		return MK_ECONTENT;
	}
	show_change(a, dir, fp, c, pins);
	return 0;
}

/* Idle reset: the same content in a fresh Lua state, so nothing a
 * callback kept can reach the next visitor. A failure keeps what is shown. */
void reload_fresh(app *a)
{
	reload_state *rs = a->loop->reload;
	content_problems probs = { 0 };
	content *c = NULL;
	ren_pins *pins = NULL;
	char *snap = NULL;
	const char *dir = rs ? rs->shown : NULL;
	if (dir && rs->edit_refused && !strcmp(dir, rs->edit)) {
		/* The folder holds an edit that was refused: the fresh state
		 * comes from the copy of what is shown, or not at all. */
		snap = guard_snapshot_dir(a->cfg.data_dir);
		dir = snap && guard_fingerprint(snap) == rs->fp ? snap : NULL;
	}
	if (dir && load_dir(a, dir, &c, &pins, &probs) == 0)
		app_content_swap(a, c, pins);
	content_problems_clear(&probs);
	free(snap);
}

void reload_set_aside(app *a, const char *why)
{
	reload_state *rs = a->loop->reload;
	if (!rs || !rs->shown || rs->aside_due)
		return;
	size_t n = strlen(rs->shown);
	if (!strncmp(why, rs->shown, n) && why[n] == '/')
		why += n + 1; /* staff know which folder: file:line is enough */
	rs->aside_due = 1;
	snprintf(rs->aside_why, sizeof rs->aside_why, "%s", why);
}

/* The content on screen misbehaved in a callback: it is marked as if it
 * had crashed the kiosk twice (so no restart and no snapshot brings it
 * back until staff change it), and the last good content replaces it. */
static void set_aside(app *a, reload_state *rs)
{
	content *c = NULL;
	uint64_t fp = guard_fingerprint(rs->shown);
	char *was = mk_strdup(rs->shown);
	rs->aside_due = 0;
	guard_set_aside(a->cfg.data_dir, fp, GUARD_MAX_TRIES);
	if (rs->snap_fp == fp)
		rs->snap_due = 0;
	rs->on_trial = 0;
	ren_pins *pins = NULL;
	int rc = load_fallback(a, &c, &pins);
	mk_log(MK_LOG_ERROR, "content-set-aside", "fingerprint=%016llx fallback=%s",
	       (unsigned long long)fp, rc == 0 ? "yes" : "none");
	if (rc == 0)
		app_content_swap(a, c, pins);
	if (rc == 0 && rs->shown && strcmp(rs->live, rs->shown)) {
		free(rs->live); /* what shows now; edits are still looked for in edit */
		rs->live = mk_strdup(rs->shown);
	}
	rollout_set_aside(a, was, rs->aside_why);
	free(was);
	char why[256];
	snprintf(why, sizeof why, "%.180s; %s", rs->aside_why, rc == 0
		 ? "showing the last good content" : "no other content to show");
	set_badge(a, NULL, why);
}

void reload_tick(app *a)
{
	reload_state *rs = a->loop->reload;
	if (rs && rs->aside_due)
		set_aside(a, rs);
	if (rs && rs->snap_due && a->loop->ready_sent) {
		rs->snap_due = 0;
		guard_snapshot(a->cfg.data_dir, rs->live, rs->snap_fp);
	}
	if (!rs || !rs->on_trial || !a->loop->ready_sent || mk_now_ms() < rs->trial_ms + TRIAL_MS)
		return;
	rs->on_trial = 0;
	guard_promote(a->cfg.data_dir);
	guard_trial_end(a->cfg.data_dir);
}

int reload_start(app *a)
{
	reload_state *rs = state(a);
	if (!reload_event_type)
		reload_event_type = SDL_RegisterEvents(1);
	rs->wake = SDL_CreateSemaphore(0);
	rs->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	rs->stop = eventfd(0, EFD_CLOEXEC);
	if (rs->ino < 0 || rs->stop < 0 || !rs->wake) {
		mk_log(MK_LOG_WARN, "reload-off", "reason=no-inotify");
		return 0;
	}
	watch_tree(rs->ino, rs->edit);
	rs->thread = SDL_CreateThread(watcher, "content-watch", rs);
	return 0;
}

void reload_stop(app *a)
{
	reload_state *rs = a->loop->reload;
	if (!rs)
		return;
	if (rs->pre) /* app_open failed before it took the first load */
		SDL_WaitThread(rs->pre, NULL);
	rs->pre = NULL;
	content_free(rs->pre_c);
	rs->pre_c = NULL;
	content_problems_clear(&rs->pre_probs);
	/* A clean exit is not a crash: the content on trial did no harm. */
	if (rs->on_trial)
		guard_trial_end(a->cfg.data_dir);
	if (rs->thread) {
		uint64_t one = 1;
		if (write(rs->stop, &one, sizeof one) < 0)
			mk_log(MK_LOG_WARN, "reload-stop", "error=write");
		SDL_WaitThread(rs->thread, NULL);
	}
	if (rs->ino >= 0)
		close(rs->ino);
	if (rs->stop >= 0)
		close(rs->stop);
	if (rs->wake)
		SDL_DestroySemaphore(rs->wake);
	free(rs->live);
	free(rs->edit);
	free(rs->shown);
	free(rs);
	a->loop->reload = NULL;
}

void app_wait(app *a, int ms)
{
	reload_state *rs = a->loop->reload;
	SDL_Event ev;
	if (a->cfg.headless) {
		/* The dummy video driver cannot sleep on events; only our own
		 * threads can wake a headless kiosk. */
		if (rs && rs->wake)
			SDL_SemWaitTimeout(rs->wake, (Uint32)ms);
		else
			SDL_Delay((Uint32)ms);
		return;
	}
	if (SDL_WaitEventTimeout(&ev, ms))
		app_handle_event(a, &ev);
}
