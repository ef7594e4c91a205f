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
#define WEB_MAX_BODY (64u << 10)

/* Sign-in rate limit: at most this many failures per address or user name
 * in WEB_SIGNIN_WINDOW seconds; then sign-in is refused until it passes. */
#define WEB_SIGNIN_FAILS 5
#define WEB_SIGNIN_WINDOW (15 * 60)
#define WEB_STALE_SECONDS (5 * 60) /* a kiosk not seen this long is marked */

typedef struct {
	char key[64];    /* "ip:ADDR" or "user:NAME" */
	int64_t times[WEB_SIGNIN_FAILS];
	int n;
} web_fail;

typedef struct collector {
	cstore *db;
	int have_keys;             /* the clinic's key pair was given (--key) */
	uint8_t pk[32], sk[32];    /* sk is wiped at exit */
	int insecure_cookies;      /* plain HTTP (tests, a reverse proxy): no Secure flag */
	pthread_mutex_t lock;      /* for the fields below */
	web_fail fails[256];       /* sign-in failures (rate limit) */
	int64_t (*now)(void);      /* time(NULL); tests may replace it */
	char live_version[CSTORE_VERSION]; /* the alerts' version last published (ticker only) */
} collector;

/* The one chttp handler: routes to api_handle or web_handle. */
void collector_handle(void *ctx, const creq *r, cresp *w);
size_t collector_limit(void *ctx, const char *method, const char *path);
/* The server's once-a-second tick while live streams are open (web_live.c). */
void collector_tick(void *ctx, chttp *h);

/* api.c: /api/v1/... */
void api_handle(collector *c, const creq *r, cresp *w);
/* web*.c: the dashboard (every other path). */
void web_handle(collector *c, const creq *r, cresp *w);

#endif
