/* SPDX-License-Identifier: MIT */
/*
 * The collector's shared state and its request routing: the API for kiosks
 * (api.c, /api/v1/...), the clinicians' dashboard (web*.c, everything else)
 * and exports (export.c, fhir.c, csv.c). main.c parses the subcommands.
 */
#ifndef MK_COLLECTOR_H
#define MK_COLLECTOR_H

#include "chttp.h"
#include "cstore.h"
#include <pthread.h>

#define COLLECTOR_VERSION "0.1.0"

/* API limits (README, "Collector API"). */
#define API_MAX_BODY (8u << 20)
#define API_MAX_BATCH 100
#define API_MAX_PHOTO (48u << 20)
#define API_MAX_SHOT (8u << 20)  /* a remote screenshot's PNG */
/* Content downloads (GET /api/v1/content/N) one kiosk may start before
 * each next one waits 1 s, 2, 4 ... up to API_CONTENT_MAX_WAIT (429 with
 * Retry-After); a kiosk that asked nothing for API_CONTENT_FORGET starts
 * afresh. A kiosk resumes a download cut short, so a few dozen are plenty. */
#define API_CONTENT_FREE 30
#define API_CONTENT_MAX_WAIT (10 * 60)
#define API_CONTENT_FORGET (10 * 60)
#define WEB_MAX_BODY (64u << 10)
/* The Content page's upload (a bundle is at most 64 MiB; a folder's files
 * as multipart take a little more). */
#define WEB_UPLOAD_MAX_BODY (72u << 20)

/* Sign-in throttles (cstore_throttle.c, in the database): an account may
 * fail WEB_SIGNIN_USER_FREE times and an address (a clinic's staff share
 * one behind NAT) WEB_SIGNIN_IP_FREE times before each next attempt waits
 * 1 s, then 2, 4 ... up to WEB_SIGNIN_MAX_WAIT after the last failure; a
 * key with no failure for WEB_SIGNIN_FORGET starts afresh. */
#define WEB_SIGNIN_USER_FREE 5
#define WEB_SIGNIN_IP_FREE 30
#define WEB_SIGNIN_MAX_WAIT (15 * 60)
#define WEB_SIGNIN_FORGET (60 * 60)
#define WEB_STALE_SECONDS (5 * 60) /* a kiosk not seen this long is marked */

typedef struct collector {
	cstore *db;
	int have_keys;             /* the clinic's key pair was given (--key) */
	uint8_t pk[32], sk[32];    /* sk is wiped at exit */
	int insecure_cookies;      /* no Secure flag: plain HTTP without --https-proxy, tests */
	pthread_mutex_t lock;      /* for state shared by the server's threads */
	int64_t (*now)(void);      /* time(NULL); tests may replace it */
	char live_version[CSTORE_VERSION]; /* the alerts' version last published (ticker only) */
	struct rollout *rollout;   /* content actions (rollout/rollout.h); NULL: none */
} collector;

/* The one chttp handler: routes to api_handle or web_handle. */
void collector_handle(void *ctx, const creq *r, cresp *w);
/* The admission, on a request's headers: a kiosk by its token, a signed-in
 * user by the session cookie; anyone else is a stranger (small bodies,
 * no share of the server's memory). */
void collector_admit(void *ctx, const creq *r, chttp_admission *a);
/* The server's once-a-second tick while live streams are open (web_live.c). */
void collector_tick(void *ctx, chttp *h);

/* api.c: /api/v1/... */
void api_handle(collector *c, const creq *r, cresp *w);
/* 0 and the kiosk's id when r carries a kiosk's right token. */
int api_admit(collector *c, const creq *r, char id[CSTORE_ID]);
/* web*.c: the dashboard (every other path). */
void web_handle(collector *c, const creq *r, cresp *w);

#endif
