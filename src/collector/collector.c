/* SPDX-License-Identifier: MIT */
/*
 * The one handler the HTTP server calls: /api/... is the kiosks' API
 * (api*.c), every other path the clinicians' dashboard (web*.c). The body
 * limits follow the same split, so a photo upload may be large while a
 * dashboard form stays small: the server refuses anything bigger (413)
 * before reading it.
 */
#include "collector.h"
#include "web.h"
#include <string.h>

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

size_t collector_limit(void *ctx, const char *method, const char *path)
{
	(void)ctx;
	if (!is_api(path))
		return WEB_MAX_BODY;
	if (!strcmp(method, "PUT") && !strncmp(path, "/api/v1/photos/", 15))
		return API_MAX_PHOTO;
	return API_MAX_BODY;
}
