/* SPDX-License-Identifier: MIT */
/*
 * The one handler the HTTP server calls: /api/... is the kiosks' API
 * (api*.c), every other path the clinicians' dashboard (web*.c). The
 * admission says, on the headers alone, who a request comes from and the
 * largest body it may send: a kiosk with its right token may upload a
 * photo, a signed-in user a dashboard form; anyone else (the sign-in form
 * included) is a stranger whose body stays under a few KiB and holds none
 * of the server's memory budget, so no number of strangers can make the
 * server busy for kiosks and staff.
 */
#include "collector.h"
#include "cstore_content.h"
#include "web.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_api(const char *path)
{
	return !strncmp(path, "/api/", 5) || !strcmp(path, "/api");
}

void collector_handle(void *ctx, const creq *r, cresp *w)
{
	collector *c = ctx;
	if (is_api(creq_path(r)))
		api_handle(c, r, w);
	else
		web_handle(c, r, w);
}

void collector_tick(void *ctx, chttp *h)
{
	web_live_tick(ctx, h);
}

static int signed_in(collector *c, const creq *r, char user[CSTORE_ID])
{
	const char *sid = creq_cookie(r, "mk_sid");
	char csrf[CSTORE_HEX];
	int64_t now = c->now ? c->now() : (int64_t)time(NULL);
	return sid && cstore_session_get(c->db, sid, now, user, csrf) == 0 ? 0 : -1;
}

/* Only a publisher may send a content upload's many megabytes; anyone
 * else's upload stays within a form's size (and is refused 413 or 403). */
static int publisher(collector *c, const char *user)
{
	char role[16] = "";
	return cstore_user_role(c->db, user, role) == 0 && !strcmp(role, "publisher");
}

void collector_admit(void *ctx, const creq *r, chttp_admission *a)
{
	collector *c = ctx;
	const char *path = creq_path(r), *method = creq_method(r);
	char who[CSTORE_ID];
	a->limit = CHTTP_STRANGER_BODY;
	if (is_api(path)) {
		if (api_admit(c, r, who) != 0)
			return;
		snprintf(a->holder, sizeof a->holder, "kiosk:%s", who);
		a->limit = !strcmp(method, "PUT") && !strncmp(path, "/api/v1/photos/", 15)
				   ? API_MAX_PHOTO
			   : !strcmp(method, "PUT") && !strncmp(path, "/api/v1/screenshot/", 19)
				   ? API_MAX_SHOT
			   : !strcmp(method, "GET") ? CHTTP_STRANGER_BODY : API_MAX_BODY;
	} else if (signed_in(c, r, who) == 0) {
		snprintf(a->holder, sizeof a->holder, "user:%s", who);
		a->limit = !strcmp(method, "POST") && !strcmp(path, "/content/upload") &&
					   publisher(c, who)
				   ? WEB_UPLOAD_MAX_BODY : WEB_MAX_BODY;
	}
}
