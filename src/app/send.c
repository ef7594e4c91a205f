/* SPDX-License-Identifier: MIT */
/*
 * The kiosk's link to the clinic: starts the outbox worker (src/sync) when
 * kiosk.conf names a collector, wakes it when something was just saved,
 * passes it the operational events the heartbeat reports (content
 * rejected, crash recovered, disk full) and stops it at exit. Without a
 * collector the kiosk keeps everything in its outbox and staff mode says
 * why nothing is sent.
 */
#include "app.h"
#include "sync.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

void send_start(app *a)
{
	const app_config *c = &a->cfg;
	int rc;
	a->sync_off = NULL;
	if (!c->collector_url || !c->collector_token) {
		a->sync_off = "send_off_unset";
		mk_log(MK_LOG_INFO, "sync-off", "reason=not-configured");
		return;
	}
	sync_opts o = { .data_dir = c->data_dir, .url = c->collector_url, .token = c->collector_token,
			.ca_file = c->collector_ca, .version = MK_VERSION,
			.timeout_s = c->collector_timeout_s, .heartbeat_s = c->heartbeat_s,
			.content_rate = (int64_t)c->content_rate_kbps * 1024,
			.package_version = MK_PACKAGE_VERSION };
	if ((rc = sync_start(&a->sync, &o)) != 0) {
		a->sync_off = "send_off_start";
		mk_log(MK_LOG_ERROR, "sync-off", "code=%d error=\"%s\"", rc, mk_err_msg());
		return;
	}
	if (a->m && a->m->version)
		sync_set_content_version(a->sync, a->m->version);
	if (a->badge[0])
		sync_event(a->sync, "warn", "content-rejected", a->badge);
	if (a->st && store_disk_full(a->st))
		sync_event(a->sync, "error", "disk-low", "less than 8 MiB free: new records are refused");
}

void send_stop(app *a)
{
	sync_stop(a->sync);
	a->sync = NULL;
}

/* Kicks the sender and looks every 100 ms (real time) until done(a) is
 * non-zero (returned; negative is an error) or seconds pass (0). */
static int poll_sender(app *a, int seconds, int (*done)(app *a))
{
	for (int i = 0, rc; i <= seconds * 10; i++) {
		if ((rc = done(a)) != 0)
			return rc;
		sync_kick(a->sync);
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	return 0;
}

static int nothing_waits(app *a)
{
	int waiting = 0, aside = 0;
	return store_outbox_counts(a->st, &waiting, &aside) != 0 ? MK_EIO : !waiting;
}

static int has_problem(app *a)
{
	sync_status st;
	sync_get_status(a->sync, &st);
	return st.problem != SYNC_OK;
}

int send_wait(app *a, int seconds)
{
	int waiting = 0, aside = 0, rc;
	sync_status st;
	if (!a->sync)
		return mk_err(MK_EINVAL, "nothing is being sent (%s)", a->sync_off ? a->sync_off : "?");
	if ((rc = poll_sender(a, seconds, nothing_waits)) != 0)
		return rc < 0 ? rc : 0;
	store_outbox_counts(a->st, &waiting, &aside);
	sync_get_status(a->sync, &st);
	return mk_err(MK_ELIMIT, "%d items still waiting after %d s (last error: %s)", waiting, seconds,
		      st.last_error[0] ? st.last_error : "none");
}

int send_wait_problem(app *a, int seconds)
{
	if (!a->sync)
		return mk_err(MK_EINVAL, "nothing is being sent (%s)", a->sync_off ? a->sync_off : "?");
	if (poll_sender(a, seconds, has_problem) > 0)
		return 0;
	return mk_err(MK_ELIMIT, "the sender reported no problem in %d s", seconds);
}

void send_content(app *a)
{
	if (a->sync && a->m && a->m->version)
		sync_set_content_version(a->sync, a->m->version);
}
