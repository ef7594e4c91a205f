/* SPDX-License-Identifier: MIT */
/*
 * Content rollout on the kiosk API (README, "Collector API", "Collector
 * side"): what a heartbeat says of a kiosk's content and what its answer
 * offers, and GET /api/v1/content/N, the bundle file of an approved
 * version. GET /api/v1/package/N, a software package's bundle, is the same
 * code with the other kind (api_software.c has the heartbeat's part).
 *
 * The offer is the version cstore_kiosk_target says the kiosk should show,
 * made while the kiosk shows another, except one it ever said it rejected
 * (cstore_kiosk_rejected), even once it says "showing" its old version
 * again: offering that again would only have it download, refuse and say
 * so on every heartbeat. A newer rollout (a rollback is one) is offered
 * anew.
 *
 * A download may be resumed (Range: bytes=X- gives 206 and the rest), and
 * is read from the database a slice at a time while it is sent
 * (cresp_download), so a kiosk on a slow line holds a slice, not the
 * bundle. One kiosk may start only so many downloads of each kind
 * (API_CONTENT_*, cstore_throttle in the database, so collectors sharing
 * one agree) before it is told 429 and when to come back.
 */
#include "api_int.h"
#include "cstore_content.h"
#include "core.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLICE ((size_t)256 << 10)

int api_content_parse(json_t *v, const char *kiosk, api_content_said *said)
{
	memset(said, 0, sizeof *said);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v) || api_whole(v, "shown", &said->shown) ||
	    api_whole(v, "offered", &said->offered) ||
	    api_str(json_object_get(v, "state"), said->state, sizeof said->state, 0) ||
	    api_str(json_object_get(v, "problem"), said->problem, sizeof said->problem, 1) ||
	    (strcmp(said->state, "showing") && strcmp(said->state, "pending") &&
	     strcmp(said->state, "downloading") && strcmp(said->state, "waiting") &&
	     strcmp(said->state, "rejected"))) {
		mk_log(MK_LOG_WARN, "api-heartbeat-content-skipped", "kiosk=%s", kiosk);
		memset(said, 0, sizeof *said);
		return 0;
	}
	return 1;
}

int api_content_answer(collector *c, const char *kiosk, const api_content_said *said,
		       json_t *answer)
{
	cstore_bundle b;
	char shot[33];
	int64_t rejected = 0;
	int rc = said ? cstore_kiosk_target(c->db, CSTORE_CONTENT, kiosk, &b) : 0;
	if (rc == 1 && cstore_kiosk_rejected(c->db, kiosk, &rejected) != 0)
		rc = -1;
	if (rc == 1 && b.version != said->shown && b.version != rejected)
		json_object_set_new(answer, "content",
				    json_pack("{s:I, s:s, s:I}", "version", (json_int_t)b.version,
					      "sha256", b.sha256, "size", (json_int_t)b.size));
	if (rc >= 0 && (rc = cstore_shot_pending(c->db, kiosk, shot)) == 1)
		json_object_set_new(answer, "screenshot", json_string(shot));
	if (rc < 0)
		mk_log(MK_LOG_ERROR, "api-content-failed", "kiosk=%s rc=%d", kiosk, rc);
	return rc < 0 ? -1 : 0;
}

/* "bytes=X-" or "bytes=X-Y" of a file of size bytes into [*from, *to];
 * 0, or -1 when it asks for nothing the file has (416). */
static int range(const char *h, int64_t size, int64_t *from, int64_t *to)
{
	char *end;
	*from = 0;
	*to = size - 1;
	if (!h)
		return 0;
	if (strncmp(h, "bytes=", 6) || h[6] < '0' || h[6] > '9')
		return -1;
	errno = 0;
	long long x = strtoll(h + 6, &end, 10), y = size - 1;
	if (errno || *end != '-')
		return -1;
	if (end[1]) {
		const char *ys = end + 1;
		if (*ys < '0' || *ys > '9')
			return -1;
		y = strtoll(ys, &end, 10);
		if (errno || *end)
			return -1;
	}
	if (x >= size || y < x)
		return -1;
	*from = x;
	*to = y < size - 1 ? y : size - 1;
	return 0;
}

typedef struct {
	cstore *db;
	cstore_kind kind;
	int64_t version, from, len;
} slice_job;

/* Writes the bundle's bytes [from, from + len) to out, a slice at a time. */
static int send_slices(void *arg, FILE *out)
{
	slice_job *j = arg;
	uint8_t *buf = malloc(SLICE);
	int64_t done = 0;
	int rc = buf ? 0 : mk_err(MK_ENOMEM, "out of memory");
	while (!rc && done < j->len) {
		size_t want = j->len - done < (int64_t)SLICE ? (size_t)(j->len - done) : SLICE, got = 0;
		rc = cstore_bundle_read(j->db, j->kind, j->version, j->from + done, buf, want, &got);
		if (!rc && got != want)
			rc = mk_err(MK_EIO, "%s version %" PRId64 " is shorter than stored",
				    cstore_kind_name(j->kind), j->version);
		if (!rc && fwrite(buf, 1, got, out) != got)
			rc = mk_err(MK_EIO, "the kiosk went away");
		done += (int64_t)got;
	}
	free(buf);
	return rc;
}

/* 0 when kiosk may start a download now; else answers w (429, or 500). */
static int admitted(collector *c, cstore_kind kind, const char *kiosk, cresp *w)
{
	char key[CSTORE_ID + 16], after[24];
	const char *keys[1] = { key };
	cstore_throttle rule = { API_CONTENT_FREE, API_CONTENT_MAX_WAIT, API_CONTENT_FORGET };
	int64_t wait = 0;
	snprintf(key, sizeof key, "%s:%s", cstore_kind_name(kind), kiosk);
	int rc = cstore_throttle_claim(c->db, keys, &rule, 1, c->now(), &wait);
	if (rc) {
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
		api_error(w, 500, "the collector cannot serve content right now");
		return -1;
	}
	if (wait <= 0)
		return 0;
	snprintf(after, sizeof after, "%" PRId64, wait);
	cresp_header(w, "Retry-After", after);
	api_error(w, 429, kind == CSTORE_PACKAGE ? "too many package downloads from this kiosk:"
		  " try again after Retry-After seconds" : "too many content downloads from this"
		  " kiosk: try again after Retry-After seconds");
	return -1;
}

static int version_of(const char *s, int64_t *v)
{
	size_t n = strspn(s, "0123456789");
	if (n == 0 || n > 18 || s[n] || s[0] == '0')
		return -1;
	*v = strtoll(s, NULL, 10);
	return 0;
}

/* The answer of [from, to] of b: a plain body within a slice, else made
 * while it is sent. */
static void send_range(collector *c, const creq *r, cresp *w, const cstore_bundle *b,
		       int status, int64_t from, int64_t to)
{
	slice_job *j = malloc(sizeof *j);
	int rc = j ? 0 : MK_ENOMEM;
	if (j)
		*j = (slice_job){ c->db, b->kind, b->version, from, to - from + 1 };
	if (!rc)
		rc = cresp_download(r, w, status, "application/octet-stream", send_slices, j, free);
	if (rc == MK_EAGAIN) {
		cresp_header(w, "Retry-After", "30");
		return api_error(w, 503, "the collector is serving as many downloads as it can:"
				 " try again after Retry-After seconds");
	}
	if (rc) {
		mk_log(MK_LOG_ERROR, "api-content-failed", "kind=%s version=%" PRId64 " rc=%d",
		       cstore_kind_name(b->kind), b->version, rc);
		api_error(w, 500, "the collector could not read this version");
	}
}

void api_content(collector *c, cstore_kind kind, const char *kiosk, const char *vtext,
		 const creq *r, cresp *w)
{
	cstore_bundle b;
	int64_t version = 0, from, to;
	char cr[96];
	if (version_of(vtext, &version) != 0)
		return api_error(w, 404, kind == CSTORE_PACKAGE ? "no such package version"
							      : "no such content version");
	if (admitted(c, kind, kiosk, w) != 0)
		return;
	int rc = cstore_bundle_get(c->db, kind, version, &b);
	if (rc && rc != MK_ENOTFOUND) {
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
		return api_error(w, 500, "the collector could not read this version");
	}
	/* A package is served once rolled out: before, nobody was meant to
	 * install it, even if approved. */
	if (rc || strcmp(b.state, "approved") || (kind == CSTORE_PACKAGE && !b.stage[0]))
		return api_error(w, 404, kind == CSTORE_PACKAGE
						 ? "no approved, rolled-out package version with that"
						   " number"
						 : "no approved content version with that number");
	const char *want = creq_header(r, "Range");
	if (range(want, b.size, &from, &to) != 0) {
		snprintf(cr, sizeof cr, "bytes */%" PRId64, b.size);
		cresp_header(w, "Content-Range", cr);
		return api_error(w, 416, "Range: expected bytes=X- or bytes=X-Y within the file");
	}
	cresp_header(w, "Accept-Ranges", "bytes");
	cresp_header(w, "X-Content-SHA256", b.sha256);
	if (want) {
		snprintf(cr, sizeof cr, "bytes %" PRId64 "-%" PRId64 "/%" PRId64, from, to, b.size);
		cresp_header(w, "Content-Range", cr);
	}
	send_range(c, r, w, &b, want ? 206 : 200, from, to);
}
