/* SPDX-License-Identifier: MIT */
/*
 * The fake collector's insides, shared by its server (fake_collector.c:
 * connections, faults, what tests read) and its routes (fake_routes.c:
 * what a records batch, a photo part and a heartbeat do to its memory).
 */
#ifndef MK_FAKE_INT_H
#define MK_FAKE_INT_H

#include "fake_collector.h"
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#define SLOTS 65536
#define BODY_MAX (64u << 20)

typedef struct {
	char uuid[37];
	int received, accepted, puts[2];
	char sha[2][65];
	uint64_t first_put[2], first_post;
} slot;

typedef struct {
	int fault, n;
	char prefix[64];
} fault_t;

struct fake {
	struct MHD_Daemon *d;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int releasing, port, hanging, requests, lose_parts;
	char auth[200], url[64];
	slot *slots;
	fault_t faults[16];
	int n_faults;
	size_t limit;
	struct { char uuid[37], reason[100]; } rejects[16];
	int n_rejects;
	fake_batch *batches;
	int n_batches;
	char **beats;
	int n_beats;
	uint64_t seq;
	/* content rollout (fake_content.c) */
	int64_t offer_version;
	char offer_sha[65], *offer_raw;
	unsigned char *bundle;
	size_t bundle_n;
	int norange, retry_after, slow;
	char (*ranges)[64];
	int *get_beats;
	int n_gets;
	/* software packages: the same, at GET /api/v1/package/N */
	int64_t pkg_version;
	char pkg_sha[65];
	unsigned char *pkg;
	size_t pkg_n;
	int n_pkg_gets, pkg_after; /* content GETs before the first package GET */
	char pkg_range[64];        /* the last package GET's Range */
	char shot_ask[33], shot_id[33], shot_type[64];
	char *shot_body;
	size_t shot_n;
	int n_shots;
};

typedef struct {
	char *buf;
	size_t n, cap;
} req;

/* The slot of uuid (added when add), under the lock; NULL when full. */
slot *fake_find(fake *f, const char *uuid, int add);
/* Notes a records batch (its items, size and answer), under the lock. */
void fake_log_batch(fake *f, json_t *records, size_t bytes, int status);
/* The routes: a status, and for records the answer's body (malloc'd). */
int fake_records(fake *f, const req *r, uint64_t seq, char **answer);
int fake_photo(fake *f, struct MHD_Connection *c, const char *url, const req *r, uint64_t seq);
int fake_heartbeat_in(fake *f, const req *r);
/* The heartbeat's answer (malloc'd): ok, and the offer and screenshot. */
char *fake_beat_answer(fake *f);
/* GET /api/v1/content/N or /api/v1/package/N (fault: FAKE_DROP breaks it
 * half way). */
enum MHD_Result fake_content_get(fake *f, struct MHD_Connection *c, const char *url, int fault);
/* PUT /api/v1/screenshot/ID. */
int fake_screenshot_in(fake *f, struct MHD_Connection *c, const char *url, const req *r);
/* A 429 or 503 with the Retry-After set by the test. */
enum MHD_Result fake_reply_later(fake *f, struct MHD_Connection *c, int status);
/* Frees what fake_content.c holds. */
void fake_content_free(fake *f);

#endif
