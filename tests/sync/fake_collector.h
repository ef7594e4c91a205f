/* SPDX-License-Identifier: MIT */
/*
 * A fake collector for the sync worker's tests: a libmicrohttpd server on
 * loopback, in the test's process, that speaks the README's "Collector
 * API" just enough (records batches, photo parts checked against their
 * SHA-256, heartbeats, the bearer token) and records what it received, so
 * a test can compare it with what the kiosk had to send. Like the real
 * collector it stores a UUID once and acknowledges it every time, and
 * keeps a photo record pending until both of its parts are there.
 *
 * Faults are queued: each applies to the next N requests whose path starts
 * with a given prefix (NULL: any), checked in this order: hang (never
 * answer until the fake stops), drop (store the batch, then break off the
 * answer half way), then a status (500, 401...). Every call is thread-safe.
 */
#ifndef MK_FAKE_COLLECTOR_H
#define MK_FAKE_COLLECTOR_H

#include <stddef.h>
#include <stdint.h>

typedef struct fake fake;

enum { FAKE_HANG = 1, FAKE_DROP = 2 }; /* other faults are HTTP statuses */

/* Starts on 127.0.0.1:port (0: any free port); requests must carry
 * "Bearer token". NULL on failure. */
fake *fake_start(const char *token, int port);
/* The same over HTTPS with this certificate and key (PEM text). */
fake *fake_start_tls(const char *token, int port, const char *cert_pem, const char *key_pem);
void fake_stop(fake *f);
int fake_port(fake *f);
/* "http(s)://127.0.0.1:PORT" (the fake's buffer). */
const char *fake_url(fake *f);

/* The next n requests under prefix get `fault`. */
void fake_fault(fake *f, int fault, int n, const char *prefix);
/* Drops every queued fault. */
void fake_clear(fake *f);
/* Records batches whose body is over max bytes get 413 (0: no limit). */
void fake_limit(fake *f, size_t max);
/* Rejects this record for good with reason (NULL reason: stop rejecting). */
void fake_reject(fake *f, const char *uuid, const char *reason);
/* The next n photo parts are answered 200 but not kept. */
void fake_lose_parts(fake *f, int n);

/* ---- What it saw */

/* Records accepted (stored), each counted once. */
int fake_accepted_count(fake *f);
int fake_is_accepted(fake *f, const char *uuid);
/* How many times this UUID came in a batch (any answer). */
int fake_received(fake *f, const char *uuid);
/* How many times this photo part (0 image, 1 thumb) was PUT. */
int fake_puts(fake *f, const char *uuid, int part);
/* The event sequence number of the first PUT of a part / of the first
 * batch carrying uuid (every request gets the next number); 0: never. */
uint64_t fake_first_put(fake *f, const char *uuid, int part);
uint64_t fake_first_post(fake *f, const char *uuid);

/* The i-th records batch: its items, body size, the status answered and
 * when (monotonic ms). Returns 0, or -1 past the end. */
typedef struct {
	int items;
	size_t bytes;
	int status;
	uint64_t at_ms;
	char first[37]; /* UUID of its first item */
	char second[37];
	int content_gets; /* content GETs received before it */
} fake_batch;
int fake_batch_get(fake *f, int i, fake_batch *out);
int fake_batches(fake *f);

/* Heartbeat bodies received with a 200, oldest first; a malloc'd copy or
 * NULL past the end. */
char *fake_heartbeat(fake *f, int i);
int fake_heartbeats(fake *f);
/* Requests being held by a hang fault right now. */
int fake_hanging(fake *f);
/* Every request received. */
int fake_requests(fake *f);

/* ---- Content rollout and screenshots (fake_content.c) */

/* Serves bytes (copied) as bundle version at GET /api/v1/content/N (a
 * Range "bytes=X-" gets 206 with Content-Range, unless norange) and offers
 * it in every heartbeat's answer with sha (NULL: the bytes' own SHA-256)
 * and n as its size. version 0: no offer, nothing served. */
void fake_offer(fake *f, int64_t version, const void *bytes, size_t n, const char *sha);
/* The answer's "content" is this JSON text as it is (a malformed offer);
 * NULL: back to fake_offer's. */
void fake_offer_raw(fake *f, const char *json);
/* Answers a content GET with the whole file (200) whatever its Range. */
void fake_content_norange(fake *f, int on);
/* Sends content slowly: 16 KiB every 10 ms. */
void fake_content_slow(fake *f, int on);
/* The Retry-After (seconds) sent with a 429 fault. */
void fake_retry_after(fake *f, int seconds);
/* Content GETs received, and the i-th one's Range header into out ("":
 * none); -1 past the end. */
int fake_content_gets(fake *f);
int fake_content_range(fake *f, int i, char out[64]);
/* Heartbeats received before the i-th content GET; -1 past the end. */
int fake_content_beats(fake *f, int i);
/* The same for software packages: served at GET /api/v1/package/N and
 * offered as the answer's "software"; how many package GETs came, how
 * many content GETs came before the first, and the last one's Range. */
void fake_offer_package(fake *f, int64_t version, const void *bytes, size_t n, const char *sha);
int fake_package_gets(fake *f);
int fake_package_after(fake *f);
void fake_package_range(fake *f, char out[64]);
/* Asks for a screenshot with this id in every heartbeat's answer until
 * one is PUT under it (NULL: stops asking). */
void fake_ask_screenshot(fake *f, const char *id);
/* Screenshots PUT (any id), and the last one: its id, Content-Type and a
 * malloc'd copy of its body; -1 when none came. */
int fake_screenshots(fake *f);
int fake_screenshot(fake *f, char id[33], char type[64], char **body, size_t *n);

#endif
