/* SPDX-License-Identifier: MIT */
/*
 * Downloading the content bundle the collector offers (README, "Collector
 * API", kiosk side). The offer comes in a heartbeat's answer: a version,
 * the SHA-256 and the size of the whole file. The worker fetches it with
 * its token into <data>/content-download/N.part, in slices, on its own
 * thread and between outbox rounds: records always go first, a record
 * saved during a download ends the slice in progress (sync_kick), and
 * anything else the worker has to do waits at most one slice
 * (SYNC_DL_SLICE_MS worth of bytes at the rate). One thread and slices rather
 * than a second thread: the worker already owns the connection, the
 * backoff and the stop, and a second transfer would only compete with the
 * records for the same line.
 *
 * A slice resumes from the part's size (Range), so a broken connection or
 * a restart loses nothing already on disk; the rate is libcurl's receive
 * limit (content_rate bytes a second). Only a file of the offered size
 * whose SHA-256 matches becomes N.mkb and is handed to the app, which
 * checks the signature and unpacks it. A mismatch deletes the part and
 * waits for the next offer; after SYNC_DL_BAD in a row the version is
 * given up (an event says so). A version the app rejected is never
 * fetched again: the worker notes it as N.rejected beside the downloads
 * (and one given up as N.bad), so a restart remembers too. At each offer the files of versions no
 * longer offered, or not newer than the one shown, are removed, and a
 * ready bundle the collector no longer offers is withdrawn (a rollback
 * must not let it reach the screen).
 *
 * Software packages (issue 20's last bullet) go the same way, as a second
 * kind with its own row in `kinds`: <data>/software-download/, GET
 * /api/v1/package/N, the heartbeat answer's "software" offer, and "taken"
 * (the highest package installed) where content has "shown". A package
 * waits while a content bundle downloads; the app hands a checked package
 * on to the root helper by renaming it away ("installing"), after which it
 * is not fetched again. Nothing of packages is fetched or reported before
 * the app has said, once, which it took: the worker started a moment
 * before the app could, and a version rolled back must not be fetched again
 * in that moment.
 */
#include "sync_int.h"
#include "bundle.h"
#include "core.h"
#include "crypto.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYNC_DL_RATE (1 << 20) /* bytes a second when content_rate is 0 */
#define SYNC_DL_GONE "the download did not match its SHA-256 3 times"

/* What differs between a content bundle and a software package. */
static const struct {
	const char *dir, *url, *name;  /* folder under data, GET path before N, for the log */
	const char *bad_event;         /* the heartbeat event of a version given up */
	const char *shown_key;         /* the heartbeat's name for sync_side.shown */
	const char *older;             /* why an offer at or below shown is ignored */
	uint64_t max;
	int wait_app;                  /* nothing is fetched or reported before the app speaks */
} kinds[SYNC_KINDS] = {
	[SYNC_K_CONTENT] = { "content-download", "/api/v1/content/", "content", "content-download-bad",
			     "shown", "it is not newer than the version shown", BUNDLE_MAX_BYTES, 0 },
	[SYNC_K_PACKAGE] = { "software-download", "/api/v1/package/", "package", "package-download-bad",
			     "taken", "it is not above the highest package taken",
			     BUNDLE_PACKAGE_MAX_BYTES, 1 },
};

/* What the app said, copied out from under mu. */
typedef struct {
	int64_t shown, ready;
	int64_t held;             /* handed on by the app (a package "installing"); 0: none */
	int spoken;
	int64_t rejected[8];
	int n_rejected;
} ct_view;

static void view(sync_worker *w, const sync_dl *d, ct_view *v)
{
	pthread_mutex_lock(&w->mu);
	const sync_side *sd = &w->ct.side[d->kind];
	v->shown = sd->shown;
	v->ready = sd->ready_version;
	v->held = !strcmp(sd->state, "installing") ? sd->offered : 0;
	v->spoken = sd->spoken;
	v->n_rejected = sd->n_rejected;
	memcpy(v->rejected, sd->rejected, sizeof v->rejected);
	pthread_mutex_unlock(&w->mu);
}

static char *dl_dir(sync_worker *w, const sync_dl *d)
{
	return mk_path_join(w->data_dir, kinds[d->kind].dir);
}

static char *dl_file(sync_worker *w, const sync_dl *d, int64_t version, const char *ext)
{
	return mk_asprintf("%s/%s/%lld.%s", w->data_dir, kinds[d->kind].dir, (long long)version, ext);
}

/* A marker file beside the downloads: N.rejected (the app refused N) or
 * N.bad (N never matched its SHA-256), so that a restart remembers. */
static int marked(sync_worker *w, const sync_dl *d, int64_t version, const char *ext)
{
	char *marker = dl_file(w, d, version, ext);
	int r = marker && mk_is_file(marker);
	free(marker);
	return r;
}

static void mark(sync_worker *w, const sync_dl *d, int64_t version, const char *ext)
{
	char *dir = dl_dir(w, d), *marker = dl_file(w, d, version, ext);
	int fd = dir && marker && mk_mkdir_p(dir, 0700) == 0 && !mk_is_file(marker)
			 ? open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)
			 : -1;
	if (fd >= 0)
		close(fd);
	free(marker);
	free(dir);
}

static int rejected(sync_worker *w, const sync_dl *d, const ct_view *v, int64_t version)
{
	for (int i = 0; i < v->n_rejected; i++)
		if (v->rejected[i] == version)
			return 1;
	return marked(w, d, version, "rejected");
}

static int given_up(sync_worker *w, const sync_dl *d, int64_t version)
{
	return version == d->bad_version || marked(w, d, version, "bad");
}

/* Each rejection the app reported becomes N.rejected, once. */
static void note_rejections(sync_worker *w, const sync_dl *d, const ct_view *v)
{
	for (int i = 0; i < v->n_rejected; i++)
		if (v->rejected[i] > v->shown)
			mark(w, d, v->rejected[i], "rejected");
}

static void withdraw_ready(sync_worker *w, const sync_dl *d, int64_t version)
{
	pthread_mutex_lock(&w->mu);
	sync_side *sd = &w->ct.side[d->kind];
	if (sd->ready_version == version) {
		sd->ready_version = 0;
		sd->ready_path[0] = 0;
	}
	pthread_mutex_unlock(&w->mu);
}

/* Whether N.ext in the download folder is still wanted. */
static int wanted(sync_worker *w, const sync_dl *d, const ct_view *v, int64_t n, const char *ext)
{
	if (!strcmp(ext, "rejected") || !strcmp(ext, "bad"))
		return n > v->shown;
	if (strcmp(ext, "part") && strcmp(ext, "mkb"))
		return 1; /* not ours */
	return n == d->version && n > v->shown && !given_up(w, d, n) && !rejected(w, d, v, n);
}

/* Removes what is no longer wanted, and withdraws a ready bundle that is
 * not the one offered. */
static void tidy(sync_worker *w, const sync_dl *d, const ct_view *v)
{
	char *dir = dl_dir(w, d);
	DIR *dh = dir ? opendir(dir) : NULL;
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		long long n;
		char ext[16];
		if (sscanf(e->d_name, "%lld.%15[a-z]", &n, ext) != 2 || wanted(w, d, v, n, ext))
			continue;
		char *path = mk_path_join(dir, e->d_name);
		if (path && unlink(path) == 0)
			mk_log(MK_LOG_INFO, "sync_download_removed", "file=%s kind=%s", e->d_name,
			       kinds[d->kind].name);
		free(path);
	}
	if (dh)
		closedir(dh);
	free(dir);
	if (v->ready && !wanted(w, d, v, v->ready, "mkb"))
		withdraw_ready(w, d, v->ready);
}

/* NULL when the offer is sound (then in o), else why it is ignored. */
static const char *offer_parse(const json_t *c, int kind, int64_t shown, sync_dl *o)
{
	json_t *v = json_object_get(c, "version"), *n = json_object_get(c, "size");
	const char *sha = json_string_value(json_object_get(c, "sha256"));
	if (!json_is_object(c))
		return "it is not an object";
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return "it has no version";
	if (!json_is_integer(n) || json_integer_value(n) <= 0 ||
	    (uint64_t)json_integer_value(n) > kinds[kind].max)
		return "its size is 0 or over the bundle limit";
	if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdefABCDEF") != 64)
		return "its sha256 is not 64 hex digits";
	if (json_integer_value(v) <= shown)
		return kinds[kind].older;
	o->version = json_integer_value(v);
	o->size = json_integer_value(n);
	for (int i = 0; i < 65; i++)
		o->sha[i] = (char)(sha[i] >= 'A' && sha[i] <= 'F' ? sha[i] - 'A' + 'a' : sha[i]);
	return NULL;
}

static void log_ignored(sync_dl *d, const json_t *c, const char *why)
{
	char key[sizeof d->ignored], q[160];
	snprintf(key, sizeof key, "%lld %s", (long long)json_integer_value(json_object_get(c, "version")),
		 why);
	if (!strcmp(key, d->ignored))
		return; /* said once already */
	snprintf(d->ignored, sizeof d->ignored, "%s", key);
	mk_log(MK_LOG_WARN, "sync_offer_ignored", "version=%lld reason=%s kind=%s",
	       (long long)json_integer_value(json_object_get(c, "version")),
	       mk_log_quote(q, sizeof q, why), kinds[d->kind].name);
}

/* The same version offered as another file (re-signed): what was
 * downloaded of the old one goes. */
static void drop_files(sync_worker *w, sync_dl *d, int64_t version)
{
	char *part = dl_file(w, d, version, "part"), *mkb = dl_file(w, d, version, "mkb");
	withdraw_ready(w, d, version);
	if (part)
		unlink(part);
	if (mkb)
		unlink(mkb);
	free(part);
	free(mkb);
}

void sync_dl_offer(sync_worker *w, int kind, const json_t *c)
{
	sync_dl *d = &w->dl[kind], o;
	const char *why = NULL;
	ct_view v;
	memset(&o, 0, sizeof o);
	view(w, d, &v);
	if (c && !json_is_null(c) && (why = offer_parse(c, kind, v.shown, &o)) != NULL)
		log_ignored(d, c, why);
	if (o.version != d->version || o.size != d->size || strcmp(o.sha, d->sha)) {
		if (o.version == d->version && o.version)
			drop_files(w, d, o.version);
		if (o.version) /* a new offer: the old one's state is history */
			mk_log(MK_LOG_INFO, "sync_offer", "version=%lld size=%lld kind=%s",
			       (long long)o.version, (long long)o.size, kinds[kind].name);
		d->bad = o.version == d->version ? d->bad : 0;
		d->version = o.version;
		d->size = o.size;
		memcpy(d->sha, o.sha, sizeof d->sha);
		d->failures = 0;
		d->at = 0;
	}
	d->need_offer = 0;
	note_rejections(w, d, &v);
	tidy(w, d, &v);
}

static uint64_t next_of(sync_worker *w, sync_dl *d)
{
	ct_view v;
	if (!d->version || d->need_offer || given_up(w, d, d->version))
		return UINT64_MAX;
	view(w, d, &v);
	if ((kinds[d->kind].wait_app && !v.spoken) || d->version <= v.shown || v.ready == d->version ||
	    v.held == d->version || rejected(w, d, &v, d->version))
		return UINT64_MAX;
	return d->at;
}

/* A package waits while a content bundle is on its way (not while it
 * backs off from a failure: a broken content offer must not hold up a
 * fix of the software). */
static int content_busy(sync_worker *w)
{
	return next_of(w, &w->dl[SYNC_K_CONTENT]) != UINT64_MAX && w->dl[SYNC_K_CONTENT].failures == 0;
}

uint64_t sync_dl_next(sync_worker *w)
{
	uint64_t c = next_of(w, &w->dl[SYNC_K_CONTENT]);
	uint64_t p = content_busy(w) ? UINT64_MAX : next_of(w, &w->dl[SYNC_K_PACKAGE]);
	return c < p ? c : p;
}

/* ---- A step */

static void step_failed(sync_worker *w, sync_dl *d, const char *why)
{
	char q[256];
	d->failures++;
	d->at = sync_now_ms() + sync_backoff_ms(d->failures, mk_mono_ns() ^ (uintptr_t)w, w->scale);
	mk_log(MK_LOG_WARN, "sync_download_failed", "version=%lld failures=%d error=%s kind=%s",
	       (long long)d->version, d->failures, mk_log_quote(q, sizeof q, why), kinds[d->kind].name);
}

/* One slice from `from` on. */
static void fetch(sync_worker *w, sync_dl *d, int fd, int64_t from)
{
	int64_t rate = w->o.content_rate > 0 ? w->o.content_rate : SYNC_DL_RATE;
	sync_range r = { .fd = fd, .from = from, .total = d->size, .rate = rate,
			 .slice = rate * SYNC_DL_SLICE_MS / 1000, .yield = &w->kick_now };
	char path[64], why[160];
	int rc;
	uint64_t t0 = sync_now_ms();
	snprintf(path, sizeof path, "%s%lld", kinds[d->kind].url, (long long)d->version);
	rc = sync_http_get_range(w->http, path, &r);
	mk_log(MK_LOG_INFO, "sync_download", "version=%lld from=%lld bytes=%lld status=%ld kind=%s",
	       (long long)d->version, (long long)r.start, (long long)r.written, r.status,
	       kinds[d->kind].name);
	if (rc == 0 && ((r.status == 200 || r.status == 206) || r.cut) && !r.bad_range &&
	    (r.written > 0 || r.cut)) {
		if (r.over)
			mk_log(MK_LOG_WARN, "sync_download_over", "version=%lld size=%lld",
			       (long long)d->version, (long long)d->size);
		d->failures = 0;
		/* The next slice when the rate allows: libcurl holds the rate
		 * within a transfer but may take in a burst what the socket
		 * already holds before it waits, and a slice ends before that
		 * wait, so the pace between slices is kept here. A whole file
		 * is checked at once. */
		d->at = r.start + r.written < d->size ? t0 + (uint64_t)(r.written * 1000 / rate) : 0;
		return;
	}
	if (rc == 0 && (r.status == 429 || r.status == 503)) { /* too many, or too many at once */
		uint64_t wait = r.retry_after >= 0 ? (uint64_t)r.retry_after * 1000u / (uint64_t)w->scale
						  : sync_backoff_ms(++d->failures, mk_mono_ns(), w->scale);
		d->at = sync_now_ms() + wait;
		mk_log(MK_LOG_INFO, "sync_download_later", "version=%lld wait_ms=%llu",
		       (long long)d->version, (unsigned long long)wait);
		return;
	}
	if (rc == 0 && r.status == 404) { /* withdrawn meanwhile: wait for the next offer */
		mk_log(MK_LOG_WARN, "sync_download_gone", "version=%lld", (long long)d->version);
		d->need_offer = 1;
		return;
	}
	if (rc == 0 && r.bad_range && ftruncate(fd, 0) == 0)
		snprintf(why, sizeof why, "the collector's Content-Range does not fit the offer");
	else if (rc == 0 && (r.status == 200 || r.status == 206))
		snprintf(why, sizeof why, "the collector sent no bytes");
	else if (rc == 0)
		snprintf(why, sizeof why, "the collector answered %ld to a download", r.status);
	else
		snprintf(why, sizeof why, "%s", mk_err_msg());
	if (r.written > 0) /* a broken connection after some bytes: resume soon */
		d->failures = 0;
	step_failed(w, d, why);
}

static int hash_fd(int fd, char hex[65])
{
	unsigned char buf[16384];
	mkc_sha256_state st;
	off_t at = 0;
	ssize_t k;
	mkc_sha256_init(&st);
	while ((k = pread(fd, buf, sizeof buf, at)) > 0) {
		mkc_sha256_update(&st, buf, (size_t)k);
		at += k;
	}
	mkc_sha256_final(&st, hex);
	return k < 0 ? -1 : 0;
}

static void mismatch(sync_worker *w, sync_dl *d, const char *part)
{
	char detail[120];
	unlink(part);
	d->bad++;
	d->need_offer = 1;
	mk_log(MK_LOG_WARN, "sync_download_mismatch", "version=%lld in_a_row=%d", (long long)d->version,
	       d->bad);
	if (d->bad < SYNC_DL_BAD)
		return;
	d->bad_version = d->version;
	mark(w, d, d->version, "bad");
	snprintf(detail, sizeof detail, "version %lld: " SYNC_DL_GONE " in a row", (long long)d->version);
	sync_event_add(w, "error", kinds[d->kind].bad_event, detail);
}

static void fsync_dir(const char *file)
{
	char *dir = mk_strdup(file), *slash = dir ? strrchr(dir, '/') : NULL;
	int fd;
	if (slash) {
		*slash = 0;
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(dir);
}

/* The whole file is there (as N.part, or as N.mkb from before a
 * restart): its SHA-256 decides. */
static void finish(sync_worker *w, sync_dl *d, int fd, const char *part)
{
	char hex[65], *mkb = dl_file(w, d, d->version, "mkb");
	if (!mkb || hash_fd(fd, hex) != 0) {
		step_failed(w, d, "cannot read the download back");
	} else if (strcmp(hex, d->sha)) {
		mismatch(w, d, part);
	} else if (fsync(fd) != 0 || (strcmp(part, mkb) && rename(part, mkb) != 0)) {
		step_failed(w, d, strerror(errno));
	} else {
		fsync_dir(mkb);
		d->bad = 0;
		pthread_mutex_lock(&w->mu);
		sync_side *sd = &w->ct.side[d->kind];
		sd->ready_version = d->version;
		snprintf(sd->ready_path, sizeof sd->ready_path, "%s", mkb);
		pthread_mutex_unlock(&w->mu);
		mk_log(MK_LOG_INFO, "sync_content_ready", "version=%lld bytes=%lld kind=%s",
		       (long long)d->version, (long long)d->size, kinds[d->kind].name);
	}
	free(mkb);
}

static void step(sync_worker *w, sync_dl *d)
{
	char *dir = dl_dir(w, d), *part = dl_file(w, d, d->version, "part");
	char *mkb = dl_file(w, d, d->version, "mkb");
	struct stat st;
	int fd = -1;
	if (!dir || !part || mk_mkdir_p(dir, 0700) != 0)
		step_failed(w, d, "cannot make the download folder");
	else if (mkb && (fd = open(mkb, O_RDONLY | O_CLOEXEC)) >= 0)
		finish(w, d, fd, mkb);
	else if ((fd = open(part, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 || fstat(fd, &st) != 0)
		step_failed(w, d, strerror(errno));
	else if (st.st_size > d->size && ftruncate(fd, 0) != 0)
		step_failed(w, d, strerror(errno));
	else if (st.st_size < d->size)
		fetch(w, d, fd, st.st_size);
	else
		finish(w, d, fd, part);
	if (fd >= 0)
		close(fd);
	free(dir);
	free(part);
	free(mkb);
}

void sync_dl_step(sync_worker *w)
{
	uint64_t now = sync_now_ms();
	step(w, next_of(w, &w->dl[SYNC_K_CONTENT]) <= now ? &w->dl[SYNC_K_CONTENT]
							   : &w->dl[SYNC_K_PACKAGE]);
}

/* ---- The heartbeat's "content" and "software" */

json_t *sync_dl_report(sync_worker *w, int kind)
{
	sync_dl *d = &w->dl[kind];
	int64_t shown, offered;
	char state[16], problem[200];
	ct_view v;
	json_t *o;
	view(w, d, &v);
	if (kinds[kind].wait_app && !v.spoken)
		return NULL;
	pthread_mutex_lock(&w->mu);
	shown = w->ct.side[kind].shown;
	offered = w->ct.side[kind].offered;
	memcpy(state, w->ct.side[kind].state, sizeof state);
	memcpy(problem, w->ct.side[kind].problem, sizeof problem);
	pthread_mutex_unlock(&w->mu);
	/* An offer the app has not spoken of yet is the worker's to report. */
	if (d->version > shown && d->version != offered && given_up(w, d, d->version)) {
		snprintf(state, sizeof state, "rejected");
		snprintf(problem, sizeof problem, SYNC_DL_GONE);
		offered = d->version;
	} else if (d->version > shown && d->version != offered && !rejected(w, d, &v, d->version)) {
		snprintf(state, sizeof state, "downloading");
		problem[0] = 0;
		offered = d->version;
	} else if (kind == SYNC_K_PACKAGE && !state[0]) {
		snprintf(state, sizeof state, "current");
	} else if (!state[0]) {
		return NULL;
	}
	if (kind == SYNC_K_PACKAGE && !w->package_version)
		return NULL;
	sync_clean_utf8(problem);
	o = json_pack("{s:I, s:s, s:I, s:s}", kinds[kind].shown_key, (json_int_t)shown, "state", state,
		      "offered", (json_int_t)offered, "problem", problem);
	if (o && kind == SYNC_K_PACKAGE)
		json_object_set_new(o, "running", json_string(w->package_version));
	return o;
}
