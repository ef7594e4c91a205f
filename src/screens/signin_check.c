/* SPDX-License-Identifier: MIT */
/*
 * Sign-in's PIN check off the event loop. Argon2id takes one to two
 * seconds on purpose; run on the loop, the screen froze with the last key
 * pressed and nothing said the kiosk was working. So OK starts the check
 * on a thread of its own and the next frame already shows "Checking your
 * PIN…"; the loop keeps drawing, and polls each turn until the thread is
 * done, then applies the answer on the loop's thread (signin.c).
 *
 * While the check runs the thread is the only user of the patient side
 * (track and its store connection, which is opened without SQLite's
 * mutex): the shell drops every input event and runs no timer until the
 * answer is in (scr_checking), so nothing on the loop signs out, types or
 * leaves the screen under it. The thread gets its own copies of the code
 * and PIN and wipes them; its error message is copied out, since messages
 * are kept per thread.
 *
 * Other PIN checks (the staff PIN, src/staff/staffpin.c) come as a job: a
 * function for the thread, which must touch nothing the loop uses, and one
 * for its answer on the loop's thread. They get the same checking state,
 * the same dropped input and the driver's same hold.
 *
 * Staff's photo import asks the patient's PIN the same way: the code and
 * what to do with the answer are the caller's (scr_check_start_for), so
 * one mechanism serves every patient PIN pad.
 */
#include "screens.h"
#include <SDL_atomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scr_check {
	scr_check_job job; /* another check (the staff PIN); job.work NULL: sign-in */
	track *tk;
	char code[STORE_CODE_LEN + 1];
	char pin[STORE_PIN_MAX + 1];
	int64_t now;
	int rc, left;
	char msg[256];
	uint64_t ns;
	scr_check_done on_done;
	SDL_Thread *th;
	SDL_atomic_t done;
};

#ifdef MK_TESTING
/* The driver holds a check before it starts, to look at the screen and
 * tap during it (scr_check_hold). */
static SDL_atomic_t held;
void scr_check_hold(int on) { SDL_AtomicSet(&held, on); }
int scr_check_held(void) { return SDL_AtomicGet(&held); }
#endif

static int run(void *arg)
{
	struct scr_check *c = arg;
	uint64_t t0;
#ifdef MK_TESTING
	while (SDL_AtomicGet(&held))
		SDL_Delay(2);
#endif
	t0 = mk_mono_ns();
	if (c->job.work) {
		c->rc = c->job.work(c->job.arg);
		SDL_AtomicSet(&c->done, 1);
		return 0;
	}
	c->rc = track_sign_in(c->tk, c->code, c->pin, c->now);
	c->ns = mk_mono_ns() - t0;
	snprintf(c->msg, sizeof c->msg, "%s", c->rc ? mk_err_msg() : "");
	c->left = c->rc == MK_EINVAL ? track_tries_left(c->tk, c->code, c->now) : 0;
	explicit_bzero(c->pin, sizeof c->pin);
	explicit_bzero(c->code, sizeof c->code);
	SDL_AtomicSet(&c->done, 1);
	return 0;
}

static int start(app *a, struct scr_check *c)
{
	a->sc.check = c;
	c->th = SDL_CreateThread(run, "pin-check", c);
	if (!c->th) { /* no thread: check here, the old way */
		run(c);
	}
	return 0;
}

int scr_check_run(app *a, const scr_check_job *job)
{
	struct scr_check *c = calloc(1, sizeof *c);
	if (!c)
		return mk_err(MK_ENOMEM, "out of memory checking a PIN");
	c->job = *job;
	return start(a, c);
}

int scr_check_start_for(app *a, const char *code, scr_check_done done)
{
	struct scr_check *c = calloc(1, sizeof *c);
	if (!c)
		return mk_err(MK_ENOMEM, "out of memory checking a PIN");
	c->tk = a->tk;
	c->now = scr_now();
	c->on_done = done;
	snprintf(c->code, sizeof c->code, "%s", code);
	size_t n = strlen(a->sc.entry);
	if (n < sizeof c->pin) /* longer is no PIN: checked as a wrong one */
		memcpy(c->pin, a->sc.entry, n + 1);
	return start(a, c);
}

int scr_check_start(app *a)
{
	return scr_check_start_for(a, a->sc.signin_code, scr_signin_done);
}

int scr_checking(const app *a)
{
	return a->sc.check != NULL;
}

static void finish(app *a)
{
	struct scr_check *c = a->sc.check;
	if (c->th)
		SDL_WaitThread(c->th, NULL);
	a->sc.check = NULL;
	if (c->job.done)
		c->job.done(a, c->rc, c->job.arg);
	else
		c->on_done(a, c->rc, c->msg, c->left, (double)c->ns / 1e6);
	explicit_bzero(c, sizeof *c);
	free(c);
}

int scr_check_poll(app *a)
{
	if (!a->sc.check)
		return 0;
	if (!SDL_AtomicGet(&a->sc.check->done))
		return 1;
	finish(a);
	return 0;
}

void scr_check_end(app *a)
{
	if (!a->sc.check)
		return;
#ifdef MK_TESTING
	scr_check_hold(0);
#endif
	finish(a);
}
