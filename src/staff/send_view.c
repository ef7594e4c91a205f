/* SPDX-License-Identifier: MIT */
/*
 * Staff: what is being sent to the clinic. The outbox's counts, when the
 * last upload was acknowledged, the last problem and when the sender tries
 * again, and the items the collector refused for good with its reasons and
 * a button to queue them again (once the clinic has fixed its side). The
 * screen lays itself out again every second while it is up (scr_timers).
 * Nothing here names a patient: items are shown by kind and date.
 *
 * Every sentence is in the staff's language: the sender says what kind of
 * problem it had (sync_problem) and this screen words it; the English
 * detail is for IT, in the log. A set-aside item's reason is the
 * collector's own text and is shown as it came.
 */
#include "staff.h"
#include "sync.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ASIDE_SHOWN 8

static int say(lay *L, int y, const char *s, int bad)
{
	return scr_body(L, s, y, bad ? L->a->th->danger_edge : L->a->th->text);
}

#define WHEN_MAX (SCR_DATE_MAX + 8)

static void when(const app *a, int64_t t, char out[WHEN_MAX])
{
	time_t tt = (time_t)t;
	struct tm tm;
	char hm[8];
	scr_date(a, t, out);
	localtime_r(&tt, &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	snprintf(out + strlen(out), WHEN_MAX - strlen(out), " %s", hm);
}

/* The last problem in the staff's words. */
static const char *problem(lay *L, const sync_status *st)
{
	static const char *const key[] = {
		[SYNC_UNREACHABLE] = "send_why_unreachable", [SYNC_CERT] = "send_why_cert",
		[SYNC_TIMEOUT] = "send_why_timeout", [SYNC_TOKEN] = "send_why_token",
		[SYNC_SERVER] = "send_why_server", [SYNC_ANSWER] = "send_why_answer",
		[SYNC_PENDING] = "send_why_pending", [SYNC_KIOSK] = "send_why_kiosk",
	};
	char status[16];
	int p = st->problem > 0 && st->problem <= SYNC_KIOSK ? st->problem : SYNC_KIOSK;
	snprintf(status, sizeof status, "%ld", st->http_status);
	return view_own(L->vw, scr_fill(scr_str(L->a, key[p]), "{status}", status, NULL));
}

/* An outbox kind ("report", "alert", "photo", "erasure", "enrolment",
 * "photo-deletion", "call") in the staff's words. */
static const char *kind(const app *a, const char *k)
{
	return scr_str(a, !strcmp(k, "photo") ? "send_kind_photo"
			  : !strcmp(k, "erasure") ? "send_kind_erasure"
			  : !strcmp(k, "enrolment") ? "send_kind_enrolment"
			  : !strcmp(k, "session-undone") ? "send_kind_session_undone"
			  : !strcmp(k, "photo-deletion") ? "send_kind_photo_deletion"
			  : !strcmp(k, "call") ? "send_kind_call" : "send_kind_record");
}

static int aside(lay *L, int y)
{
	app *a = L->a;
	store_outbox_aside it[ASIDE_SHOWN];
	int n = 0;
	if (store_outbox_aside_list(a->st, it, ASIDE_SHOWN, &n) != 0 || !n)
		return y;
	y = say(L, y, scr_str(a, "send_aside_title"), 0);
	for (int i = 0; i < n; i++) {
		char at[WHEN_MAX];
		when(a, it[i].created_at, at);
		y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "send_aside_line"), "{kind}",
						       kind(a, it[i].kind), "{when}", at, "{reason}",
						       it[i].reason, NULL)), 1);
	}
	return scr_after(L, y, scr_button(L, scr_str(a, "send_retry"), y, 0, ACT_FLOW, F_SEND_RETRY));
}

int staff_software_line(lay *L, int y)
{
	static const char *const says[][2] = {
		{ "waiting", "software_waiting" }, { "installing", "software_installing" },
		{ "installed", "software_installed" }, { "rolled-back", "software_rolled_back" },
		{ "rejected", "software_rejected" },
	};
	app *a = L->a;
	char n[24];
	snprintf(n, sizeof n, "%lld", a->sw_version);
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++)
		if (!strcmp(a->sw_state, says[i][0]))
			return say(L, y, view_own(L->vw, scr_fill(scr_str(a, says[i][1]), "{n}", n, NULL)),
				   i >= 3);
	return y;
}

int staff_view_send(lay *L, int y)
{
	app *a = L->a;
	sync_status st = { 0 };
	char w[16], s[16], at[WHEN_MAX], secs[24];
	int waiting = 0, set_aside = 0;
	a->sc.send_ms = mk_now_ms();
	y = scr_msg(L, y);
	if (a->sync_off)
		y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "send_off"), "{reason}",
							scr_str(a, a->sync_off), NULL)), 1);
	store_outbox_counts(a->st, &waiting, &set_aside);
	snprintf(w, sizeof w, "%d", waiting);
	snprintf(s, sizeof s, "%d", set_aside);
	y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "staff_queue"), "{n}", w, "{m}", s, NULL)), 0);
	y = staff_software_line(L, y);
	if (a->sync) {
		sync_get_status(a->sync, &st);
		when(a, st.last_success, at);
		y = say(L, y, st.last_success ? view_own(L->vw, scr_fill(scr_str(a, "send_ok"), "{when}", at, NULL))
					      : scr_str(a, "send_never"), 0);
		if (st.problem != SYNC_OK)
			y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "send_error"), "{error}",
							       problem(L, &st), NULL)), 1);
		if (st.next_try_ms > 0) {
			snprintf(secs, sizeof secs, "%lld", (long long)((st.next_try_ms + 999) / 1000));
			y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "send_next"), "{s}", secs, NULL)), 0);
		}
	}
	y = aside(L, y + lay_px(L, 8, 0));
	return scr_after(L, y, scr_button(L, scr_str(a, "done"), y, 1, ACT_FLOW, F_STAFF_HOME));
}
