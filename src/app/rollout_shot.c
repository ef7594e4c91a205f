/* SPDX-License-Identifier: MIT */
/*
 * Remote screenshots (issue 20): IT asks from the dashboard, the sender
 * hands the request over (sync_screenshot_wanted), and the kiosk answers
 * with a PNG of the frame on screen, made in memory and never written to
 * disk. Only what any passer-by can see may leave: the attract screen or
 * an education page, with nobody signed in and staff mode closed. Any
 * other screen is refused with a short reason, so IT learns why instead
 * of waiting.
 */
#include "app.h"
#include "sync.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef MK_TESTING
static int test_wanted;           /* the driver's request */
static int test_answer;           /* 0 none, 1 a picture, 2 refused */
static size_t test_bytes;
static char test_why[100];
#endif

/* NULL when the screen may be shown to IT, else why not. */
static const char *refusal(const app *a)
{
	if (a->sc.staff || scr_for_staff(a))
		return "staff mode is open";
	if (a->tk && track_signed_in(a->tk))
		return "a patient is signed in";
	if (a->sc.id != SCR_PAGE || scr_checking(a))
		return "a patient screen is shown";
	if (a->loop->dark)
		return "the screen is off for the night";
	return NULL;
}

static void answer(app *a, const char *id, const unsigned char *png, size_t n, const char *why)
{
	if (id)
		sync_screenshot_answer(a->sync, id, png, n, why);
	mk_log(MK_LOG_INFO, "screenshot", "answer=%s bytes=%zu%s%s%s", png ? "picture" : "refused", n,
	       why ? " reason=\"" : "", why ? why : "", why ? "\"" : "");
#ifdef MK_TESTING
	if (!id) {
		test_answer = png ? 1 : 2;
		test_bytes = n;
		snprintf(test_why, sizeof test_why, "%s", why ? why : "");
	}
#endif
}

static void take_one(app *a, const char *id)
{
	const char *why = refusal(a);
	unsigned char *png = NULL;
	size_t n = 0;
	if (!why && app_screenshot_png(a, &png, &n) != 0)
		why = "the kiosk could not make the picture";
	answer(a, id, why ? NULL : png, why ? 0 : n, why);
	free(png);
}

void rollout_shot_tick(app *a)
{
	char id[33];
	if (sync_screenshot_wanted(a->sync, id))
		take_one(a, id);
#ifdef MK_TESTING
	if (test_wanted) {
		test_wanted = 0;
		take_one(a, NULL);
	}
#endif
}

#ifdef MK_TESTING
void rollout_test_shot(app *a)
{
	(void)a;
	test_wanted = 1;
	test_answer = 0;
}

int rollout_test_answer(app *a, size_t *bytes, char why[100])
{
	(void)a;
	*bytes = test_bytes;
	snprintf(why, 100, "%s", test_why);
	return test_answer;
}
#endif
