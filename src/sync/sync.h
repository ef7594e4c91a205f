/* SPDX-License-Identifier: MIT */
/*
 * sync: the kiosk's outbox worker. Its own thread and its own store
 * connection drain the outbox to the clinic's collector over HTTPS
 * (libcurl), highest priority first (alerts, then erasures, then records),
 * in batches (README, "Collector API"). An item leaves the outbox only when
 * the collector has acknowledged its UUID; a permanent rejection is set
 * aside with its reason (shown in staff mode) instead of blocking the
 * queue; photos go first as two PUTs of their encrypted files, then their
 * record. Failures back off exponentially with jitter, from 1 s to 5 min,
 * forever. A heartbeat goes at start and every heartbeat_s (a minute) with
 * the kiosk's health and recent operational events, never patient data;
 * its answer may offer a content bundle or a software package (downloaded
 * between outbox rounds) or ask for a screenshot.
 *
 * Only sync/ includes curl/curl.h. Calls return 0 or a negative MK_E*.
 */
#ifndef MK_SYNC_H
#define MK_SYNC_H

#include <stddef.h>
#include <stdint.h>

#define SYNC_BATCH 50             /* items per POST (the collector takes 100) */
#define SYNC_BACKOFF_MIN_MS 1000
#define SYNC_BACKOFF_MAX_MS (5 * 60 * 1000)
#define SYNC_HEARTBEAT_MS (60 * 1000)
#define SYNC_EVENTS 64            /* recent events kept for the heartbeat */

typedef struct sync_worker sync_worker;

typedef struct {
	const char *data_dir;        /* the store's folder (a second connection) */
	const char *url;             /* collector base URL, "https://host:port" */
	const char *token;           /* "KIOSK-ID.SECRET" */
	const char *ca_file;         /* PEM; NULL or "": the system's CAs */
	const char *version;         /* the kiosk's version */
	int timeout_s;               /* per request; 0: 30 */
	int heartbeat_s;             /* between heartbeats; 0: 60 (SYNC_HEARTBEAT_MS) */
	int64_t content_rate;        /* bundle and package download, bytes a second; 0: 1 MiB */
	const char *package_version; /* the running Debian package's version, for the
					heartbeat's "software"; NULL: not said */
} sync_opts;

/* Test hook: with MK_TEST_SYNC_FAST=1 in the environment when sync_start
 * runs, every wait of the worker (backoff, heartbeat period, the idle
 * look at an empty queue) is divided by 100; request time-outs are not.
 * Never set it on a kiosk. */

/* Starts the worker thread. Nothing is sent until sync_start returns; a
 * missing url or token is MK_EINVAL (the kiosk then runs without sync and
 * says so in staff mode). */
int sync_start(sync_worker **out, const sync_opts *o);
/* Stops the thread (finishing or abandoning the request in flight within a
 * second) and frees everything. NULL is fine. */
void sync_stop(sync_worker *w);
/* Wakes the worker now (a record was just saved): no waiting out a backoff
 * that was caused by an empty queue. */
void sync_kick(sync_worker *w);
/* The content version for the next heartbeat (after a reload). */
void sync_set_content_version(sync_worker *w, const char *version);
/* Queues an operational event for the next heartbeat: level "info",
 * "warn" or "error"; event lower-case words joined by '-'; detail short,
 * never patient data. Keeps the newest SYNC_EVENTS. */
void sync_event(sync_worker *w, const char *level, const char *event, const char *detail);

/* ---- Content rollout and remote screenshots (issue 20; the wire is in
 * README, "Collector API": the heartbeat's "content" and "screenshot").
 * The worker downloads the bundle the collector offers into
 * <data>/content-download/ (resumable, at most content_rate bytes a
 * second), checks its size and SHA-256 against the offer, and only then
 * makes it ready; it never checks the signature or unpacks: the app does,
 * with its content_keys. */

/* 1 and the ready bundle's version and path when one waits (the same one
 * until sync_content_state names it in `offered`), else 0. */
int sync_content_ready(sync_worker *w, int64_t *version, char *path, size_t cap);
/* What the kiosk shows and what it did with the last offer, for the next
 * heartbeat: shown is the bundle version on screen (0: content not from a
 * bundle); state "showing", "pending", "downloading", "waiting" (checked,
 * waiting for the attract screen) or "rejected" (with problem, the first
 * one, never patient data); offered the version that state is about (0:
 * none). A rejected version is never downloaded again. */
void sync_content_state(sync_worker *w, int64_t shown, const char *state, int64_t offered,
			const char *problem);
/* ---- Software updates (issue 20; README, "Collector API": the
 * heartbeat's "software"). The package bundle the collector offers goes
 * the same way into <data>/software-download/ (after any content bundle),
 * and is handed to the app, which checks it with its software_keys. */

/* 1 and the ready package's version and path when one waits (the same one
 * until sync_software_state names it in `offered`), else 0. */
int sync_package_ready(sync_worker *w, int64_t *version, char *path, size_t cap);
/* What became of packages, for the next heartbeat: taken the highest
 * version installed through updates (0: none); state "current",
 * "downloading", "waiting", "installing", "installed", "rejected" or
 * "rolled-back" (problem says why, never patient data); offered the
 * version the state is about (0: none). A version rejected or rolled back
 * is never downloaded again. */
void sync_software_state(sync_worker *w, int64_t taken, const char *state, int64_t offered,
			 const char *problem);

/* 1 and the request's id (32 hex digits) when the collector asked for a
 * screenshot that is not answered yet. */
int sync_screenshot_wanted(sync_worker *w, char id[33]);
/* Answers a screenshot request: the PNG (copied), or png NULL and the
 * reason the kiosk refused ("a patient is signed in"). Sent by the worker. */
void sync_screenshot_answer(sync_worker *w, const char *id, const void *png, size_t n,
			    const char *refused);

/* What the last problem was, so that staff mode can say it in the staff's
 * language; last_error keeps the detail, in English, for IT and the log. */
typedef enum {
	SYNC_OK = 0,
	SYNC_UNREACHABLE,            /* no connection: network, address, refused */
	SYNC_CERT,                   /* TLS: the collector's certificate is not trusted */
	SYNC_TIMEOUT,                /* the collector did not answer in time */
	SYNC_TOKEN,                  /* 401: this kiosk's token is wrong or revoked */
	SYNC_SERVER,                 /* an error status from the collector (http_status) */
	SYNC_ANSWER,                 /* an answer that was not understood */
	SYNC_PENDING,                /* the collector still waits for photo files */
	SYNC_KIOSK,                  /* this kiosk's own: memory, a file, its store */
} sync_problem;

typedef struct {
	int configured;              /* url and token set */
	int waiting, set_aside;      /* outbox counts */
	int64_t last_success;        /* Unix time of the last acknowledged upload; 0: never */
	int64_t last_attempt;
	char last_error[200];        /* "" after a success */
	int problem;                 /* sync_problem of last_error; SYNC_OK when "" */
	long http_status;            /* with SYNC_SERVER: the status the collector answered */
	int64_t next_try_ms;         /* ms until the next try (0: now / idle) */
	uint64_t sent;               /* items acknowledged since start */
} sync_status;

/* A consistent copy of the worker's state, for staff mode. */
void sync_get_status(sync_worker *w, sync_status *out);

/* 1 when the system clock is synchronised (network time), else 0
 * (timesync.c): every record carries the time it was made, so staff are
 * told when it is not; sync_clock_log says which at start. */
int sync_clock_synced(void);
void sync_clock_log(void);

#endif
