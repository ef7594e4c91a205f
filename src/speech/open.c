/* SPDX-License-Identifier: MIT */
/*
 * Opening and closing speech: the engine thread is started and speech_open
 * waits for its answer, because only that thread may initialise espeak-ng
 * and only its answer says whether the data and the three voices are
 * there. A kiosk whose answer is "no" hides Listen and carries on.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "speech_int.h"

static atomic_int speech_is_open;

static void drop_all(speech *sp)
{
	while (sp->q_head) {
		req *r = sp->q_head;
		sp->q_head = r->next;
		speech_req_free(r);
	}
	while (sp->c_head) {
		chunk *k = sp->c_head;
		sp->c_head = k->next;
		free(k->c.pcm);
		free(k);
	}
}

static void speech_free(speech *sp)
{
	drop_all(sp);
	pthread_cond_destroy(&sp->wake_engine);
	pthread_cond_destroy(&sp->wake_caller);
	pthread_mutex_destroy(&sp->mu);
	free((char *)sp->data_path);
	free(sp);
	atomic_store(&speech_is_open, 0);
}

static int start(speech *sp)
{
	if (pthread_create(&sp->thread, NULL, speech_engine_main, sp))
		return mk_err(MK_ENOMEM, "speech: no thread for the engine");
	pthread_mutex_lock(&sp->mu);
	while (!sp->started)
		pthread_cond_wait(&sp->wake_caller, &sp->mu);
	pthread_mutex_unlock(&sp->mu);
	if (sp->open_rc) {
		pthread_join(sp->thread, NULL);
		return mk_err(sp->open_rc, "speech: %s", sp->open_msg);
	}
	return 0;
}

int speech_open(speech **out, const speech_config *cfg)
{
	*out = NULL;
	if (atomic_exchange(&speech_is_open, 1))
		return mk_err(MK_EINVAL, "speech: already open (espeak-ng is one per process)");
	speech *sp = calloc(1, sizeof *sp);
	if (!sp) {
		atomic_store(&speech_is_open, 0);
		return mk_err(MK_ENOMEM, "speech: out of memory");
	}
	pthread_mutex_init(&sp->mu, NULL);
	pthread_cond_init(&sp->wake_engine, NULL);
	pthread_cond_init(&sp->wake_caller, NULL);
	const char *path = cfg ? cfg->data_path : NULL;
	if (path && !(sp->data_path = mk_strdup(path))) {
		speech_free(sp);
		return mk_err(MK_ENOMEM, "speech: out of memory");
	}
	int rc = start(sp);
	if (rc) {
		speech_free(sp);
		return rc;
	}
	mk_log(MK_LOG_INFO, "speech-open", "rate_hz=%d en=%s ar=%s fr=%s", SPEECH_RATE_HZ, speech_voice("en"),
	       speech_voice("ar"), speech_voice("fr"));
	*out = sp;
	return 0;
}

void speech_close(speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->mu);
	sp->quit = 1;
	atomic_store(&sp->stopped, sp->next_id);
	pthread_cond_broadcast(&sp->wake_engine);
	pthread_mutex_unlock(&sp->mu);
	pthread_join(sp->thread, NULL);
	speech_free(sp);
}
