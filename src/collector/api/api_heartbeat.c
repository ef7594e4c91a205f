/* SPDX-License-Identifier: MIT */
/*
 * POST /api/v1/heartbeat: a kiosk's health (versions, queue, free disk,
 * uptime, last upload) and its recent operational events. A body that is
 * not a heartbeat gets 400, but a heartbeat is never thrown away for one
 * odd event: an event without an id or with an unknown level is skipped,
 * and text longer than the store keeps is cut (at a character boundary),
 * because knowing a kiosk is alive matters more than one line of detail.
 * The same goes for its "content" object (api_content.c): one the
 * collector cannot read is left out, logged, and the heartbeat kept, and
 * for its "software" object (api_software.c). The answer may offer content
 * and ask for a screenshot (api_content.c), and offer a software package
 * (api_software.c).
 */
#include "api_int.h"
#include "cstore_content.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

#define HB_MAX_EVENTS 256

static int parse_health(json_t *j, cstore_kiosk *hb)
{
	json_t *q = json_object_get(j, "queue");
	int64_t waiting = 0, aside = 0;
	if (api_str(json_object_get(j, "version"), hb->version, sizeof hb->version, 1) ||
	    api_str(json_object_get(j, "content_version"), hb->content_version,
		    sizeof hb->content_version, 1) ||
	    api_whole(j, "free_disk", &hb->free_disk) || api_whole(j, "uptime", &hb->uptime) ||
	    api_whole(j, "last_success", &hb->last_success))
		return -1;
	if (q && !json_is_null(q) &&
	    (!json_is_object(q) || api_whole(q, "waiting", &waiting) || api_whole(q, "set_aside", &aside)))
		return -1;
	hb->queue_waiting = waiting > 1000000000 ? 1000000000 : (int)waiting;
	hb->queue_set_aside = aside > 1000000000 ? 1000000000 : (int)aside;
	return 0;
}

static int level_ok(const char *l)
{
	return !strcmp(l, "info") || !strcmp(l, "warn") || !strcmp(l, "error");
}

/* One event; -1 when it is skipped. */
static int parse_event(json_t *e, cstore_event *ev)
{
	int64_t at;
	memset(ev, 0, sizeof *ev);
	if (!json_is_object(e) || api_str(json_object_get(e, "id"), ev->id, sizeof ev->id, 0) ||
	    !ev->id[0] || api_whole(e, "at", &at) ||
	    api_str(json_object_get(e, "level"), ev->level, sizeof ev->level, 0) ||
	    !level_ok(ev->level) ||
	    api_str(json_object_get(e, "event"), ev->event, sizeof ev->event, 1) || !ev->event[0] ||
	    api_str(json_object_get(e, "detail"), ev->detail, sizeof ev->detail, 1))
		return -1;
	ev->at = at;
	return 0;
}

/* {"ok": true}, with what api_content_answer and api_software_answer add. */
static void answer(collector *c, const char *kiosk, const api_content_said *said,
		   const cstore_kiosk_software *sw, cresp *w)
{
	json_t *j = json_pack("{s:b}", "ok", 1);
	if (api_content_answer(c, kiosk, said, j) != 0 ||
	    api_software_answer(c, kiosk, sw, j) != 0) {
		json_decref(j);
		return api_error(w, 500, "the collector could not read what this kiosk should show");
	}
	api_json(w, 200, j);
}

void api_heartbeat(collector *c, const char *kiosk, const creq *r, cresp *w)
{
	size_t len;
	const uint8_t *body = creq_body(r, &len);
	json_error_t err;
	json_t *root = json_loadb((const char *)body, len, 0, &err), *events;
	cstore_kiosk hb;
	cstore_event *ev = NULL;
	int n = 0, skipped = 0, rc;
	memset(&hb, 0, sizeof hb);
	events = json_object_get(root, "events");
	if (!json_is_object(root) || parse_health(root, &hb) != 0 ||
	    (events && !json_is_null(events) && !json_is_array(events))) {
		json_decref(root);
		return api_error(w, 400, "not a heartbeat (README, \"Collector API\")");
	}
	size_t total = json_array_size(events), take = total < HB_MAX_EVENTS ? total : HB_MAX_EVENTS;
	if (take && !(ev = calloc(take, sizeof *ev))) {
		json_decref(root);
		return api_error(w, 500, "out of memory");
	}
	for (size_t i = 0; i < take; i++) {
		if (parse_event(json_array_get(events, i), &ev[n]) == 0)
			n++;
		else
			skipped++;
	}
	api_content_said said;
	int has_content = api_content_parse(json_object_get(root, "content"), kiosk, &said);
	cstore_kiosk_software sw;
	int has_sw = api_software_parse(json_object_get(root, "software"), kiosk, &sw);
	json_decref(root);
	rc = cstore_heartbeat(c->db, kiosk, &hb, ev, n, c->now());
	free(ev);
	if (rc == 0 && has_content)
		rc = cstore_kiosk_content_put(c->db, kiosk, said.shown, said.state, said.offered,
					      said.problem, c->now());
	if (rc == 0 && has_sw)
		rc = cstore_kiosk_software_put(c->db, kiosk, &sw, c->now());
	if (rc != 0) {
		mk_log(MK_LOG_ERROR, "api-store-failed", "kiosk=%s rc=%d", kiosk, rc);
		return api_error(w, 500, "the collector could not store the heartbeat");
	}
	if (skipped || total > take)
		mk_log(MK_LOG_WARN, "api-heartbeat-events-skipped", "kiosk=%s skipped=%d",
		       kiosk, skipped + (int)(total - take));
	answer(c, kiosk, has_content ? &said : NULL, has_sw ? &sw : NULL, w);
}
