/* SPDX-License-Identifier: MIT */
/*
 * Software updates on the kiosk API (README, "Collector API"): the
 * heartbeat's "software" object (the Debian version the kiosk runs, the
 * highest package it took, the state of the one it is on, and why one
 * failed) and the package its answer offers. The package's file is
 * GET /api/v1/package/N, served by api_content.c's code.
 *
 * As with content, a heartbeat is never refused for its software object:
 * one the collector cannot read is left out and logged (without its
 * text), and the heartbeat kept. Only a kiosk that says something of its
 * software is offered a package: a kiosk too old to say so could not take
 * one. What is offered is cstore_kiosk_package_offer's rule: rolled out to
 * this kiosk, above what it took and above anything it refused or rolled
 * back.
 */
#include "api_int.h"
#include "core.h"
#include <string.h>

int api_software_parse(json_t *v, const char *kiosk, cstore_kiosk_software *said)
{
	memset(said, 0, sizeof *said);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v) ||
	    api_str(json_object_get(v, "running"), said->running, sizeof said->running, 1) ||
	    api_whole(v, "taken", &said->taken) || api_whole(v, "offered", &said->offered) ||
	    api_str(json_object_get(v, "state"), said->state, sizeof said->state, 0) ||
	    api_str(json_object_get(v, "problem"), said->problem, sizeof said->problem, 1) ||
	    !cstore_software_state_ok(said->state)) {
		mk_log(MK_LOG_WARN, "api-heartbeat-software-skipped", "kiosk=%s", kiosk);
		memset(said, 0, sizeof *said);
		return 0;
	}
	return 1;
}

int api_software_answer(collector *c, const char *kiosk, const cstore_kiosk_software *said,
			json_t *answer)
{
	cstore_bundle b;
	int rc = said ? cstore_kiosk_package_offer(c->db, kiosk, &b) : 0;
	if (rc == 1)
		json_object_set_new(answer, "software",
				    json_pack("{s:I, s:s, s:I}", "version", (json_int_t)b.version,
					      "sha256", b.sha256, "size", (json_int_t)b.size));
	if (rc < 0)
		mk_log(MK_LOG_ERROR, "api-software-failed", "kiosk=%s rc=%d", kiosk, rc);
	return rc < 0 ? -1 : 0;
}
