/* SPDX-License-Identifier: MIT */
/*
 * Staff's photo import: the files of the import folder (a USB stick) as a
 * list that holds still. The folder is read once, when the import screen
 * opens, and each file keeps its place until the screen closes: importing
 * a file marks it added instead of removing it, and a tap means the file
 * drawn under the finger (its index in this list), never whatever a
 * re-read folder would put there now.
 *
 * Each file is checked and shrunk to a thumbnail off the event loop, by
 * the same path an import takes (photo_prepare: the header probe's limits,
 * then one bounded decode), on a thread of its own: a stick holds files
 * anyone prepared, and a hostile or huge one must cost the screen nothing.
 * Until its turn a file shows "Checking…"; a bad one shows a placeholder
 * and the reason, and cannot be tapped. The thread touches only the files
 * and its own entries: each entry is published by setting its state last,
 * and the loop reads an entry only once its state is set. The list is
 * shared by the loop and the thread, and the last of the two to let go
 * frees it, so closing never waits for a decode under way.
 *
 * A file is marked already added when the SHA-256 of what it would be
 * kept as matches one of the patient's photos (by content, so a renamed
 * copy is still recognised). Tapping it reads and prepares the file again
 * on a thread (the tile says "Adding…"; one file at a time), and the loop
 * saves it only if it is still the same picture. The thumbnails are the
 * patient's pictures: their bytes are wiped once on screen, their
 * textures overwritten when the list closes (pics_clear, at sign-out).
 */
#include "screens.h"
#include "photo.h"
#include <SDL_atomic.h>
#include <SDL_thread.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMPORT_MAX_FILES 200
#define IMPORT_MAX_BYTES (64u << 20) /* a file bigger than this is no photo of ours */
#define KNOWN_MAX 256                /* the patient's photos compared by hash */

typedef struct {
	char *name;
	SDL_atomic_t state;  /* IMPORT_WAIT until the thread sets it */
	char sha256[65];     /* of the picture as it would be kept */
	const char *why;     /* IMPORT_BAD: a strings.lua key */
	void *thumb;         /* the thread's JPEG thumbnail, until on screen */
	size_t thumb_len;
	SDL_Texture *tex;    /* loop only, from here down */
	int w, h;
	int shown;           /* the loop has taken the thread's result */
	int added, failed;   /* tapped: added, or not (the message says why) */
	SDL_atomic_t job;    /* being added: 1 while prepared on a thread, 2 when done */
	int job_rc;          /* the job's answer, its reason (a strings.lua key) */
	const char *job_why; /* and the picture as it would be kept */
	photo_prepared pp;
} imp_file;

typedef struct {
	char *dir;
	int n;
	imp_file v[IMPORT_MAX_FILES];
	SDL_atomic_t stop, refs, left;
	char (*known)[65];   /* the patient's photos' hashes (loop only) */
	int n_known;
	int adding;          /* the file being added, -1 none (loop only) */
} imp_list;

static imp_list *cur; /* the open list, or NULL */
/* One decode at a time between the checks and an add: a 12 MP picture
 * takes some 80 MiB while it is prepared, and two at once would double
 * the kiosk's peak. Made once, on the loop, and kept. */
static SDL_mutex *decoding;

static int is_picture(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") || !strcasecmp(dot, ".png"));
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const imp_file *)x)->name, ((const imp_file *)y)->name);
}

/* The photo module's reasons, as strings.lua keys. */
static const char *bad_file_reason(const char *msg)
{
	static const char *const map[][2] = {
		{ "empty", "photo_why_empty" }, { "not a JPEG or PNG", "photo_why_kind" },
		{ "cut short", "photo_why_short" }, { "too large", "photo_why_large" },
		{ "changed", "photo_why_changed" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (mk_str_contains(msg, map[i][0]))
			return map[i][1];
	return "photo_why_damaged";
}

/* One file of the import folder, read whole. The folder can change between
 * the list and the tap: the file is opened without following a link and
 * without blocking, and its size is checked on the open file before
 * anything is read. */
static int read_import(const char *path, char **bytes, size_t *len)
{
	struct stat st;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), rc = 0;
	*bytes = NULL;
	*len = 0;
	if (fd < 0)
		return mk_err(MK_EIO, "cannot open the file: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		rc = mk_err(MK_EINVAL, "not a JPEG or PNG file");
	else if (st.st_size <= 0)
		rc = mk_err(MK_EINVAL, "the file is empty");
	else if ((uint64_t)st.st_size > IMPORT_MAX_BYTES)
		rc = mk_err(MK_EINVAL, "the file is too large");
	else if (!(*bytes = malloc((size_t)st.st_size)))
		rc = mk_err(MK_ENOMEM, "out of memory");
	while (!rc && got < (size_t)st.st_size) {
		ssize_t r = read(fd, *bytes + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			rc = mk_err(MK_EIO, "the file was cut short");
		else
			got += (size_t)r;
	}
	close(fd);
	*len = got;
	return rc;
}

/* A file prepared as an import would be; the bytes are wiped. */
static int prepare_file(const char *dir, const char *name, photo_prepared *pp)
{
	char *path = mk_path_join(dir, name), *bytes = NULL;
	size_t len = 0;
	int rc = path ? read_import(path, &bytes, &len) : MK_ENOMEM;
	memset(pp, 0, sizeof *pp);
	if (!rc) {
		int locked = decoding && SDL_LockMutex(decoding) == 0;
		rc = photo_prepare(bytes, len, pp);
		if (locked)
			SDL_UnlockMutex(decoding);
	}
	if (bytes) {
		explicit_bzero(bytes, len);
		free(bytes);
	}
	free(path);
	return rc;
}

static void list_free(imp_list *l)
{
	for (int i = 0; i < l->n; i++) {
		if (l->v[i].thumb) {
			explicit_bzero(l->v[i].thumb, l->v[i].thumb_len);
			free(l->v[i].thumb);
		}
		photo_prepared_free(&l->v[i].pp);
		free(l->v[i].name);
	}
	free(l->known);
	free(l->dir);
	free(l);
}

static void list_release(imp_list *l)
{
	if (SDL_AtomicAdd(&l->refs, -1) == 1)
		list_free(l);
}

static int check_files(void *arg)
{
	imp_list *l = arg;
	uint64_t t0 = mk_mono_ns();
	int n = 0;
	for (int i = 0; i < l->n && !SDL_AtomicGet(&l->stop); i++) {
		imp_file *f = &l->v[i];
		photo_prepared pp;
		if (prepare_file(l->dir, f->name, &pp) == 0 && (f->thumb = malloc(pp.thumb_len))) {
			memcpy(f->thumb, pp.thumb, pp.thumb_len);
			f->thumb_len = pp.thumb_len;
			memcpy(f->sha256, pp.sha256, sizeof f->sha256);
			photo_prepared_free(&pp);
			SDL_AtomicSet(&f->state, IMPORT_READY);
		} else {
			f->why = bad_file_reason(mk_err_msg());
			photo_prepared_free(&pp);
			SDL_AtomicSet(&f->state, IMPORT_BAD);
		}
		SDL_AtomicAdd(&l->left, -1);
		n++;
	}
	/* Counts and time only: the names could say whose photos they are. */
	mk_log(MK_LOG_INFO, "import-checked", "files=%d ms=%.0f", n, (double)(mk_mono_ns() - t0) / 1e6);
	SDL_AtomicSet(&l->left, 0);
	list_release(l);
	return 0;
}

/* Plain files only: a link could lead anywhere on the kiosk, a FIFO or
 * device would hang the read. */
static void list_read(imp_list *l)
{
	DIR *d = opendir(l->dir);
	struct dirent *e;
	struct stat st;
	if (!d)
		return;
	while ((e = readdir(d)) && l->n < IMPORT_MAX_FILES) {
		if (e->d_name[0] == '.' || !is_picture(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		if ((l->v[l->n].name = mk_strdup(e->d_name)))
			l->n++;
	}
	closedir(d);
	qsort(l->v, (size_t)l->n, sizeof l->v[0], by_name);
}

/* The hashes of the patient's photos, to mark files already added. */
static void list_known(app *a, imp_list *l)
{
	store_photo_info *v = calloc(KNOWN_MAX, sizeof *v);
	int n = 0;
	l->known = calloc(KNOWN_MAX, sizeof *l->known);
	if (v && l->known && track_photos(a->tk, -1, v, KNOWN_MAX, &n) == 0)
		for (int i = 0; i < n; i++)
			if (track_photo_sha256(a->tk, v[i].uuid, l->known[l->n_known]) == 0)
				l->n_known++;
	free(v);
}

void import_open(app *a)
{
	SDL_Thread *th;
	import_close(a);
	if (!decoding)
		decoding = SDL_CreateMutex(); /* none: decodes may overlap, nothing worse */
	if (!a->cfg.import_dir || !(cur = calloc(1, sizeof *cur)))
		return;
	cur->dir = mk_strdup(a->cfg.import_dir);
	cur->adding = -1;
	list_read(cur);
	list_known(a, cur);
	SDL_AtomicSet(&cur->left, cur->n);
	SDL_AtomicSet(&cur->refs, 2);
	if ((th = SDL_CreateThread(check_files, "photo-import", cur)))
		SDL_DetachThread(th);
	else
		check_files(cur); /* no thread: check here, bounded by the probe's limits */
}

void import_close(app *a)
{
	(void)a;
	if (!cur)
		return;
	SDL_AtomicSet(&cur->stop, 1);
	for (int i = 0; i < cur->n; i++)
		pics_wipe(cur->v[i].tex);
	list_release(cur);
	cur = NULL;
}

static int known(const imp_list *l, const char *sha)
{
	for (int i = 0; i < l->n_known; i++)
		if (!strcmp(l->known[i], sha))
			return 1;
	return 0;
}

static void finish_add(app *a, imp_file *f);

int import_tick(app *a)
{
	if (!cur)
		return 0;
	if (cur->adding >= 0 && SDL_AtomicGet(&cur->v[cur->adding].job) == 2)
		finish_add(a, &cur->v[cur->adding]);
	for (int i = 0; i < cur->n; i++) {
		imp_file *f = &cur->v[i];
		int st = SDL_AtomicGet(&f->state);
		if (f->shown || st == IMPORT_WAIT)
			continue;
		f->shown = 1;
		a->need_layout = 1;
		if (st != IMPORT_READY)
			continue;
		f->added = known(cur, f->sha256);
		f->tex = pics_decode(a, f->thumb, f->thumb_len, &f->w, &f->h);
		explicit_bzero(f->thumb, f->thumb_len);
		if (!f->tex)
			f->why = "photo_why_damaged";
	}
	return SDL_AtomicGet(&cur->left) > 0 || cur->adding >= 0;
}

int import_busy(void)
{
	return cur && (SDL_AtomicGet(&cur->left) > 0 || cur->adding >= 0);
}

int import_count(void)
{
	return cur ? cur->n : 0;
}

int import_file(int i, import_info *out)
{
	if (!cur || i < 0 || i >= cur->n)
		return MK_ENOTFOUND;
	imp_file *f = &cur->v[i];
	out->name = f->name;
	out->state = f->shown ? SDL_AtomicGet(&f->state) : IMPORT_WAIT;
	if (out->state == IMPORT_READY && !f->tex)
		out->state = IMPORT_BAD;
	out->why = f->why;
	out->added = f->added;
	out->failed = f->failed;
	out->adding = SDL_AtomicGet(&f->job) != 0;
	out->tex = f->tex;
	out->w = f->w, out->h = f->h;
	return 0;
}

typedef struct {
	imp_list *l;
	int i;
} add_job;

/* On its own thread: the tapped file read and prepared again. */
static int prepare_job(void *arg)
{
	add_job *j = arg;
	imp_list *l = j->l;
	imp_file *f = &l->v[j->i];
	free(j);
	f->job_rc = SDL_AtomicGet(&l->stop) ? MK_EINVAL : prepare_file(l->dir, f->name, &f->pp);
	f->job_why = f->job_rc ? bad_file_reason(mk_err_msg()) : NULL;
	SDL_AtomicSet(&f->job, 2);
	list_release(l);
	return 0;
}

/* Back on the loop: saved if it is still the picture shown. */
static void finish_add(app *a, imp_file *f)
{
	char uuid[STORE_UUID_LEN + 1];
	const char *why = f->job_why;
	int rc = f->job_rc;
	cur->adding = -1;
	SDL_AtomicSet(&f->job, 0);
	a->need_layout = 1;
	if (!rc && strcmp(f->pp.sha256, f->sha256))
		rc = MK_EINVAL, why = "photo_why_changed";
	if (!rc) {
		track_photo p = { .image = f->pp.image, .image_len = f->pp.image_len, .thumb = f->pp.thumb,
				  .thumb_len = f->pp.thumb_len, .width = f->pp.width, .height = f->pp.height,
				  .sha256 = f->pp.sha256, .source = "import" };
		rc = track_photo_add(a->tk, &p, a->sc.photo_area, uuid);
		why = rc ? bad_file_reason(mk_err_msg()) : NULL;
	}
	photo_prepared_free(&f->pp);
	f->failed = rc != 0;
	f->added = rc == 0;
	shot_saved(a, rc);
	if (rc) {
		char *m = scr_fill(scr_str(a, rc == MK_EFULL ? "save_failed_disk" : "photo_bad_file"), "{reason}",
				   scr_str(a, why), NULL);
		scr_say_text(a, 1, m);
		free(m);
	} else {
		mk_log(MK_LOG_INFO, "photo-saved", "source=import");
		scr_say(a, 0, "photo_imported");
	}
	/* The tile under the finger says what happened; the message below the
	 * list says it in full, without scrolling the list under the finger. */
	a->sc.msg_seen = 1;
}

void import_tap(app *a, int i)
{
	imp_file *f = cur && i >= 0 && i < cur->n ? &cur->v[i] : NULL;
	add_job *j;
	SDL_Thread *th;
	if (!f || !f->tex || f->added || a->sc.photo_area < 0 || cur->adding >= 0)
		return; /* not ready, bad, added or one being added: the same spot does nothing */
	if (!(j = malloc(sizeof *j)))
		return;
	*j = (add_job){ cur, i };
	f->failed = 0;
	cur->adding = i;
	SDL_AtomicSet(&f->job, 1);
	SDL_AtomicAdd(&cur->refs, 1);
	a->need_layout = 1;
	if ((th = SDL_CreateThread(prepare_job, "photo-add", j)))
		SDL_DetachThread(th);
	else
		prepare_job(j); /* no thread: here, bounded by the probe's limits */
}
