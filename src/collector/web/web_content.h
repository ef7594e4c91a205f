/* SPDX-License-Identifier: MIT */
/*
 * The dashboard's Content page (issue 20), shared by web_content*.c and
 * web.c's routing: uploading a signed bundle or a folder's files, the
 * background check and preview of each upload (web_content_vet.c), a
 * version's page with its problems, contact sheet and diffs, approval by
 * a second publisher, rollout in stages and rollback
 * (web_content_post.c), the preview pictures served by safe names only
 * (web_content_png.c), and remote screenshots of kiosks (web_shots.c).
 *
 * Every signed-in user sees these pages; only a publisher
 * (cstore_user_role) gets their forms, and every POST checks the role
 * again, whatever the page showed.
 */
#ifndef MK_WEB_CONTENT_H
#define MK_WEB_CONTENT_H

#include "web.h"
#include "cstore_content.h"
#include "rollout.h"
#include "vet.h"
#include <limits.h>

#define WEB_BUNDLES_MAX 200
#define WEB_KIOSKS_MAX 500
/* A version's preview is some 10-20 MB of PNGs: an approved version's is
 * kept (the versions a rollback and the next diff compare with), and
 * besides those only the newest uploads'. */
#define WEB_PREVIEWS_KEEP 20


typedef struct {
	char previews[PATH_MAX - 128]; /* previews/N/ for version N (made) */
	char kiosk_bin[PATH_MAX]; /* the mesokiosk binary vet runs */
	int keep;                 /* previews kept besides approved versions': the newest
				   * this many; 0: WEB_PREVIEWS_KEEP */
	vet_opts vet;             /* limits; kiosk_bin and the keys (c->rollout's) are set here */
	/* vet's calls (vet_check, vet_preview, vet_result_free): given by the
	 * program, so the dashboard links without the sandbox and a test can
	 * stand in for the kiosk binary. */
	int (*check)(const vet_opts *o, const char *bundle, vet_result *r);
	int (*preview)(const vet_opts *o, const char *bundle, const char *prev, const char *out,
		       vet_result *r);
	void (*result_free)(vet_result *r);
} web_content_opts;

/* ---- The worker (web_content_vet.c) */

/* Starts the checker thread (and queues bundles a stopped collector left
 * "checking"); the Content page's uploads need it and c->rollout. */
int web_content_start(collector *c, const web_content_opts *o);
void web_content_stop(void);
/* Queues version for check and preview. */
int web_content_queue(int64_t version);
/* 1 when nothing is queued or being checked (tests). */
int web_content_idle(void);
/* The options given to web_content_start, or NULL when not started. */
const web_content_opts *web_content_conf(void);
/* The newest approved version below v, or 0: the preview a new one is
 * compared with. */
int64_t web_content_previous_approved(cstore *db, int64_t v);
/* vet's problems, then its warnings ("warning: ..."), one "file:line:
 * message" a line, as the Content page keeps them (malloc'd). */
char *web_content_problems_text(const vet_result *r);
/* previews/N for version, into out. */
int web_content_preview_dir(char *out, size_t n, int64_t version);

/* ---- Pages */

/* 1 when the signed-in user is a publisher. */
int web_publisher(web_ctx *x);
void web_content(web_ctx *x);                      /* GET /content */
void web_content_version(web_ctx *x, int64_t v);   /* GET /content/N */
void web_content_png(web_ctx *x, int64_t v, const char *name); /* GET /content/N/NAME.png */
void web_content_upload(web_ctx *x);               /* POST /content/upload */
void web_content_approve(web_ctx *x);              /* POST /content/approve */
void web_content_rollout(web_ctx *x);              /* POST /content/rollout */
void web_content_rollback(web_ctx *x);             /* POST /content/rollback */
/* Screenshots (web_shots.c): the section of the Content page, POST
 * /content/shot (a request) and GET /content/shots/ID.png. */
/* One <option> per kiosk (its label, else its id; the id as the value). */
void web_kiosk_options(wbuf *b, const cstore_kiosk_content *k, int nk);
void web_shots_section(wbuf *b, web_ctx *x, const cstore_kiosk_content *k, int nk, int may);
void web_shot_request(web_ctx *x);
/* 1 when a screenshot asked for in the last minutes has no answer yet. */
int web_shots_waiting(web_ctx *x);
void web_shot_png(web_ctx *x, const char *id);

/* Words shared by the pages: a bundle's state, its rollout stage, a
 * kiosk's content state, and the per-kiosk rollout table (only: the kiosks
 * that should show, were offered or show that version; 0 for all). */
const char *web_bundle_state(const cstore_bundle *b);
void web_bundle_stage(wbuf *b, const cstore_bundle *bd);
const char *web_kiosk_state(const cstore_kiosk_content *k);
void web_kiosk_rollout_table(wbuf *b, const cstore_kiosk_content *k, int n, int64_t only);
/* A publisher's forms that roll bd (content or a package) out one stage
 * wider: one kiosk, a group of k, every kiosk (web_content_version.c). */
void web_rollout_forms(wbuf *b, web_ctx *x, const cstore_bundle *bd,
		       const cstore_kiosk_content *k, int nk);
/* The Content page's Software part (web_software.c): package versions
 * and, for a publisher (may), their upload, approval and rollout forms;
 * what each kiosk runs. 0, or -1 when the store could not be read. */
int web_software_section(wbuf *b, web_ctx *x, const cstore_kiosk_content *k, int nk, int may);

/* A preview picture's name as vet_preview writes them (lower-case
 * letters, digits and '-', ".png", no leading '-'): 1, else 0. */
int web_preview_name_ok(const char *name);

/* Logs event with this thread's message: every 500 of these pages has a
 * log line that says why. */
void web_content_log(const char *event);

/* "1234" into *v (1 .. 2^53); 0 or MK_EINVAL. */
int web_version_parse(const char *s, int64_t *v);

#endif
