/* SPDX-License-Identifier: MIT */
/*
 * The driver's stand-ins for the sender in content rollout and software
 * updates, and for the software helper (test builds only, MK_TESTING): a script offers a bundle as if it had been
 * downloaded, asks for a screenshot as the dashboard would, and checks
 * what the next heartbeat would say, without a collector:
 *   bundle-offer FILE N
 *   expect-content-state STATE [SHOWN [OFFERED [PROBLEM...]]]
 *   package-offer FILE N     (a software package bundle, as the sender's)
 *   expect-software-state STATE [TAKEN [OFFERED [PROBLEM...]]]
 *   software-status STATE N PACKAGE [PROBLEM...]   (the helper's answer)
 *   screenshot-request
 *   expect-screenshot-answer picture|refused [WORDS...]
 *   crash     (leaves at once, as a crash would: the crash guard's trial stays)
 * and, with a real sender and collector (the end-to-end tests), waits in
 * real time while the loop turns:
 *   wait-content STATE N SECONDS   until the state is STATE about version
 *                                  N (shown N for "showing", else offered N)
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef MK_TESTING
/* The driver's clock stands still: content and software look for what the
 * sender downloaded at the next turn, as once a second they would. */
static void look_now(app *a)
{
	rollout_test_now(a);
	software_test_now(a);
}

/* A few turns of the loop, so what the command set off is done. */
static void turns(app *a)
{
	for (int i = 0; i < 3; i++) {
		look_now(a);
		app_pump(a);
	}
	drive_settle(a);
}

typedef void (*state_fn)(app *a, char state[16], long long *shown, long long *offered,
			 char problem[201]);

/* STATE [SHOWN [OFFERED [PROBLEM...]]] against what get says. */
static int expect_state(app *a, const char *arg, const char *what, state_fn get)
{
	char want[16], state[16], problem[201];
	long long shown, offered, want_shown = -1, want_offered = -1;
	int used = 0;
	turns(a);
	if (sscanf(arg, "%15s %n", want, &used) != 1)
		return mk_err(MK_EINVAL, "expect-%s-state wants STATE [N [OFFERED [PROBLEM]]]", what);
	const char *rest = arg + used;
	if (sscanf(rest, "%lld %n", &want_shown, &used) == 1)
		rest += used;
	if (sscanf(rest, "%lld %n", &want_offered, &used) == 1)
		rest += used;
	get(a, state, &shown, &offered, problem);
	if (strcmp(state, want) || (want_shown >= 0 && shown != want_shown) ||
	    (want_offered >= 0 && offered != want_offered) || (*rest && !strstr(problem, rest)))
		return mk_err(MK_EINVAL, "%s state is '%s' %lld offered=%lld problem='%s'", what, state,
			      shown, offered, problem);
	return 0;
}

int drive_bundle_offer(app *a, const char *arg)
{
	char path[4096];
	long long n;
	if (sscanf(arg, "%4095s %lld", path, &n) != 2 || n < 1)
		return mk_err(MK_EINVAL, "bundle-offer wants FILE VERSION, got '%s'", arg);
	rollout_test_offer(a, path, n);
	turns(a);
	return 0;
}

int drive_expect_content_state(app *a, const char *arg)
{
	return expect_state(a, arg, "content", rollout_test_state);
}

int drive_package_offer(app *a, const char *arg)
{
	char path[4096];
	long long n;
	if (sscanf(arg, "%4095s %lld", path, &n) != 2 || n < 1)
		return mk_err(MK_EINVAL, "package-offer wants FILE VERSION, got '%s'", arg);
	software_test_offer(a, path, n);
	turns(a);
	return 0;
}

int drive_expect_software_state(app *a, const char *arg)
{
	return expect_state(a, arg, "software", software_test_state);
}

/* Writes <data>/software/status as the helper would. */
int drive_software_status(app *a, const char *arg)
{
	char state[16], pkg[64], *text, *dir, *path;
	long long n;
	int used = 0, rc;
	if (sscanf(arg, "%15s %lld %63s %n", state, &n, pkg, &used) != 3)
		return mk_err(MK_EINVAL, "software-status wants STATE VERSION PACKAGE [PROBLEM], got '%s'",
			      arg);
	dir = mk_path_join(a->cfg.data_dir, "software");
	path = dir ? mk_path_join(dir, "status") : NULL;
	text = mk_asprintf("state %s\nversion %lld\npackage %s\nprevious 0.0.1\nproblem %s\n", state, n,
			   pkg, arg + used);
	rc = path && text && mk_mkdir_p(dir, 0755) == 0 ? mk_write_atomic(path, text, strlen(text))
						       : mk_err(MK_ENOMEM, "out of memory");
	free(text);
	free(path);
	free(dir);
	turns(a);
	return rc;
}

int drive_screenshot_request(app *a, const char *arg)
{
	(void)arg;
	rollout_test_shot(a);
	turns(a);
	return 0;
}

int drive_expect_screenshot_answer(app *a, const char *arg)
{
	char kind[16], why[100];
	size_t bytes;
	int used = 0, got = rollout_test_answer(a, &bytes, why);
	if (sscanf(arg, "%15s %n", kind, &used) != 1 ||
	    (strcmp(kind, "picture") && strcmp(kind, "refused")))
		return mk_err(MK_EINVAL, "expect-screenshot-answer wants picture|refused [WORDS]");
	const char *words = arg + used;
	if (got == 0)
		return mk_err(MK_EINVAL, "the screenshot request was not answered");
	if (!strcmp(kind, "picture") && got != 1)
		return mk_err(MK_EINVAL, "the screenshot was refused: %s", why);
	if (!strcmp(kind, "refused") && got != 2)
		return mk_err(MK_EINVAL, "a picture of %zu bytes was given", bytes);
	if (got == 1 && bytes < 1000)
		return mk_err(MK_EINVAL, "the picture is %zu bytes: not a screen", bytes);
	if (got == 2 && *words && !strstr(why, words))
		return mk_err(MK_EINVAL, "refused with '%s'", why);
	return 0;
}

static int content_is(app *a, const char *want, long long n)
{
	char state[16], problem[201];
	long long shown, offered;
	rollout_test_state(a, state, &shown, &offered, problem);
	return !strcmp(state, want) && (!strcmp(want, "showing") ? shown : offered) == n;
}

int drive_wait_content(app *a, const char *arg)
{
	char want[16], state[16], problem[201];
	long long n, shown, offered;
	int seconds;
	if (sscanf(arg, "%15s %lld %d", want, &n, &seconds) != 3 || seconds < 1 || seconds > 3600)
		return mk_err(MK_EINVAL, "wait-content wants STATE VERSION SECONDS, got '%s'", arg);
	for (int i = 0; i <= seconds * 10; i++) {
		look_now(a);
		app_pump(a);
		if (a->loop->quit) /* SIGTERM: stop waiting, as the loop would */
			return mk_err(MK_EINVAL, "wait-content: the kiosk was asked to stop");
		if (content_is(a, want, n)) {
			a->need_layout = 1;
			drive_settle(a);
			return 0;
		}
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	rollout_test_state(a, state, &shown, &offered, problem);
	return mk_err(MK_ELIMIT, "after %d s the content state is '%s' shown=%lld offered=%lld problem='%s'",
		      seconds, state, shown, offered, problem);
}

int drive_crash(app *a, const char *arg)
{
	(void)a, (void)arg;
	fprintf(stderr, "crash: leaving as a crash would\n");
	_exit(70);
}
#endif
