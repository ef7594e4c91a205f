/* SPDX-License-Identifier: MIT */
/*
 * sync internals shared by the worker's files: the worker itself (sync.c:
 * thread, loop, backoff, status), its HTTP transport (sync_http.c, the only
 * file that includes curl/curl.h), one round of the outbox (sync_batch.c),
 * the heartbeat (sync_beat.c), and content rollout and software updates:
 * the meeting point with the app (sync_content.c), bundle and package
 * downloads (sync_content_dl.c) and screenshots (sync_shot.c). Fields
 * under "shared" are read by other threads and guarded by mu; the rest
 * belong to the worker thread alone.
 */
#ifndef MK_SYNC_INT_H
#define MK_SYNC_INT_H

#include "sync.h"
#include "store.h"
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define SYNC_IDLE_MS 10000         /* an empty queue is looked at again after this */
#define SYNC_BODY_MAX (4u << 20)   /* bytes of one batch (the collector takes 8 MiB) */
#define SYNC_ANSWER_MAX (1u << 20) /* bytes of an answer we are willing to read */
#define SYNC_PARTS_MAX 256         /* photos whose uploaded parts are remembered */

/* ---- Transport (sync_http.c) */

typedef struct sync_http sync_http;

typedef struct {
	long status;   /* HTTP status */
	char *body;    /* NUL-terminated; may be empty */
	size_t len;
} sync_answer;

/* One connection's settings; stop is polled during every transfer so a
 * request is abandoned within a second of it turning non-zero. */
int sync_http_new(sync_http **out, const sync_opts *o, const atomic_int *stop);
void sync_http_free(sync_http *h);
/* 0 when the collector answered (any status, in a->status; free a with
 * sync_answer_free), MK_EAGAIN with a message when it could not be reached,
 * timed out, broke off the answer or the worker is stopping. */
int sync_http_post(sync_http *h, const char *path, const char *json, size_t n, sync_answer *a);
/* PUTs the file at path (size bytes) with X-Content-SHA256: sha256. */
int sync_http_put_file(sync_http *h, const char *path, const char *file, int64_t size,
		       const char *sha256, sync_answer *a);
/* PUTs n bytes from memory as Content-Type type (a screenshot). */
int sync_http_put_body(sync_http *h, const char *path, const char *type, const void *body,
		       size_t n, sync_answer *a);
void sync_answer_free(sync_answer *a);

/* One slice of a download into fd (the .part file): asks for the bytes
 * from `from` on (a Range header when from > 0) at most rate bytes a
 * second, and stops, without an error, once it has written `slice` bytes.
 * A 206 must start at from and end at total (Content-Range), else nothing
 * is written (bad_range); a 200 starts the file over (start 0); nothing is
 * ever written beyond total (over). The body of any other status is
 * dropped. */
typedef struct {
	int fd;
	int64_t from, total, slice, rate;
	/* what happened */
	long status;
	int64_t start, written;  /* where the bytes written began, and how many */
	int64_t retry_after;     /* seconds, from a 429's Retry-After; -1: none */
	int over, bad_range, cut;
	/* polled during the transfer: non-zero ends the slice early (cut),
	 * so that a record just saved need not wait for it */
	const atomic_int *yield;
} sync_range;
/* 0 when the collector answered (r->status; bytes may have been written
 * before the connection broke: r->written), MK_EAGAIN as for a POST,
 * MK_EIO when the file could not be written. */
int sync_http_get_range(sync_http *h, const char *path, sync_range *r);
/* Wakes a transfer in progress so that it sees the stop flag now (any
 * thread). */
void sync_http_wake(sync_http *h);

/* ---- Content rollout, software updates and screenshots, shared under mu
 * (sync_content.c) */

/* What is downloaded for the app: content bundles and software packages
 * travel the same way (sync_content_dl.c), each in its own folder, from its
 * own URL, with its own offer, state and markers. */
enum { SYNC_K_CONTENT = 0, SYNC_K_PACKAGE = 1, SYNC_KINDS = 2 };

/* One kind's meeting point with the app. */
typedef struct {
	/* the app's (sync_content_state / sync_software_state) */
	int64_t shown, offered;  /* shown: for packages, the highest version taken */
	char state[16], problem[200];
	int spoken;              /* the app has said it once since the start */
	/* the worker's: a downloaded file whose size and SHA-256 matched */
	int64_t ready_version;
	char ready_path[512];
	/* versions the app rejected, newest last (kept for the worker, which
	 * also notes them on disk so that a restart remembers) */
	int64_t rejected[8];
	int n_rejected;
} sync_side;

typedef struct {
	sync_side side[SYNC_KINDS];
	/* the collector's last screenshot request, and the app's answer */
	char shot_id[33];
	int shot_answered;
	unsigned char *shot_png;
	size_t shot_n;
	char shot_refused[120];
} sync_content;

/* ---- Downloads, the worker thread's own (sync_content_dl.c) */

/* One step downloads at most this long at the rate: a record that is not
 * kicked waits for it, and every step is a request the collector counts
 * (30 downloads before it asks a kiosk to slow down). */
#define SYNC_DL_SLICE_MS 5000
#define SYNC_DL_BAD 3             /* SHA-256 mismatches in a row before giving a version up */

typedef struct {
	int kind;                     /* SYNC_K_CONTENT or SYNC_K_PACKAGE, set once */
	int64_t version, size;        /* the collector's offer; version 0: none */
	char sha[65];
	int need_offer;               /* a mismatch waits for the next heartbeat's offer */
	int64_t bad_version;          /* given up after SYNC_DL_BAD mismatches */
	int bad;                      /* mismatches in a row for version */
	int failures;                 /* failed steps in a row */
	uint64_t at;                  /* monotonic ms of the next step; 0: now */
	char ignored[128];            /* the last offer ignored, logged once */
} sync_dl;

/* ---- The worker */

typedef struct {
	char id[STORE_UUID_LEN + 1];
	int64_t at;
	uint64_t seq;
	char level[8], event[32], detail[200];
} sync_ev;

typedef struct {
	char uuid[STORE_UUID_LEN + 1];
	unsigned parts; /* bit 0 image, bit 1 thumb: the collector has them */
} sync_parts;

struct sync_worker {
	/* settings, fixed after sync_start */
	sync_opts o;          /* strings below are the worker's copies */
	char *data_dir, *url, *token, *ca_file, *version, *package_version;
	int scale;            /* times are divided by this (MK_TEST_SYNC_FAST) */
	uint64_t started_ms;  /* mk_mono_ns at start, in ms */

	/* shared, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cond;  /* CLOCK_MONOTONIC */
	int kicked;
	atomic_int kick_now;  /* sync_kick: a download slice yields to the records */
	char content_version[64];
	sync_ev ring[SYNC_EVENTS];
	int ev_start, ev_n;
	uint64_t ev_seq;
	sync_status st;
	uint64_t next_try_at; /* monotonic ms of the next try after a failure; 0: none */
	atomic_int stopping;
	sync_content ct;      /* sync_content.c */

	/* the worker thread's own */
	pthread_t thread;
	int running;
	store *db;
	sync_http *http;
	int failures;         /* failed rounds in a row */
	int batch_max;        /* halved on 413, grows back after a success */
	uint64_t rnd;         /* xorshift state for the jitter */
	sync_parts parts[SYNC_PARTS_MAX];
	int n_parts;
	sync_dl dl[SYNC_KINDS]; /* sync_content_dl.c */
	/* the screenshot PUT's own backoff (sync_shot.c) */
	int shot_failures;
	uint64_t shot_at;
	int shot_ignored;     /* a malformed id was logged */
};

/* Like mk_err, and also notes what kind of problem it is (sync_problem;
 * status with SYNC_SERVER) for this thread; returns code. */
int sync_err(int problem, long status, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The kind of this thread's last sync_err since sync_err_reset, which
 * makes it SYNC_KIOSK: a failure that did not come through sync_err (the
 * store, memory) is the kiosk's own. */
int sync_err_problem(long *status);
void sync_err_reset(void);

/* Monotonic milliseconds. */
uint64_t sync_now_ms(void);

/* Backoff after `failures` failed tries in a row (1 = the first): a
 * uniform draw (rnd) from SYNC_BACKOFF_MIN_MS up to min(MIN * 2^(failures-1),
 * SYNC_BACKOFF_MAX_MS) — "full jitter" above the minimum — divided by
 * scale. Pure, for the tests. */
uint64_t sync_backoff_ms(int failures, uint64_t rnd, int scale);

/* Bytes that are not UTF-8, and control characters, become '?' (text
 * that goes into JSON and may come from anywhere). */
void sync_clean_utf8(char *s);

/* Adds an event (sync.c), also from the worker itself. */
void sync_event_add(sync_worker *w, const char *level, const char *event, const char *detail);

/* ---- One round of the outbox (sync_batch.c) */

enum { SYNC_EMPTY = 1, SYNC_PROGRESS = 2 };

/* Sends one batch: SYNC_EMPTY when nothing waits, SYNC_PROGRESS when
 * something was acknowledged or set aside (or the batch was halved for a
 * 413), else a negative code with the message (for last_error) after
 * noting the try on every item of the batch. *acked receives how many
 * items the collector acknowledged. */
int sync_round(sync_worker *w, int *acked);

/* ---- Heartbeat (sync_beat.c) */

/* Posts one heartbeat with the events not yet delivered; 0 when the
 * collector took it (the events are then dropped), else negative. */
int sync_beat(sync_worker *w);

/* ---- What a heartbeat's answer asks for (sync_content_dl.c, sync_shot.c) */

/* The answer's "content" (kind SYNC_K_CONTENT) or "software" offer (NULL:
 * none): a malformed one is ignored with one log line; old downloads no
 * longer wanted are removed. */
void sync_dl_offer(sync_worker *w, int kind, const json_t *offer);
/* The answer's "screenshot" id (NULL: none wanted any more). */
void sync_shot_offer(sync_worker *w, const json_t *id);
/* When the next download step / screenshot PUT is due (monotonic ms);
 * UINT64_MAX: nothing to do. A package waits while a content bundle
 * downloads. */
uint64_t sync_dl_next(sync_worker *w);
uint64_t sync_shot_next(sync_worker *w);
/* One download slice (at most SYNC_DL_SLICE_MS at the rate, or the
 * SHA-256 check of a whole file), content first; one screenshot PUT. */
void sync_dl_step(sync_worker *w);
void sync_shot_send(sync_worker *w);
/* The heartbeat's "content" object (NULL when the app has said nothing
 * and nothing downloads) or its "software" object (NULL when the kiosk
 * was started without a package version). */
json_t *sync_dl_report(sync_worker *w, int kind);

#endif
