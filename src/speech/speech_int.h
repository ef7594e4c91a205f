/* SPDX-License-Identifier: MIT */
/*
 * speech's insides, shared by the caller's side (speech.c) and the engine
 * thread (engine.c). One mutex guards the queue of requests and the list
 * of chunks made; two conditions wake the engine (work, room, quit) and
 * the callers (a chunk, a phoneme answer, the engine idle). Stopping is a
 * number, not a flag: every request with an id at or below `stopped` is
 * cancelled, which the synthesis callback reads without the lock.
 */
#ifndef MK_SPEECH_INT_H
#define MK_SPEECH_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "speech.h"

typedef enum { REQ_SAY, REQ_PHONEMES } req_kind;

typedef struct req {
	struct req *next;
	req_kind kind;
	unsigned id;
	const char *voice;   /* speech_voice(lang): static */
	int wpm, volume;
	char *text;
	/* REQ_PHONEMES: the engine's answer, read by the waiting caller. */
	int done, rc;
	char *phonemes;
	char msg[160];
} req;

typedef struct chunk {
	struct chunk *next;
	speech_chunk c;
} chunk;

struct speech {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake_engine;
	pthread_cond_t wake_caller;
	req *q_head, *q_tail;  /* waiting for the engine */
	int q_len;
	req *current;          /* being synthesised (NULL: idle) */
	chunk *c_head, *c_tail;/* made, not yet taken */
	size_t c_samples;      /* samples in that list */
	unsigned next_id;
	atomic_uint stopped;   /* requests with id <= this are cancelled */
	int quit;
	/* set by the engine once before speech_open returns */
	int started, open_rc;
	char open_msg[200];
	const char *data_path;
	speech_stats stats;
};

/* The engine thread's body (engine.c). */
void *speech_engine_main(void *arg);
/* Frees a request that nobody waits for. */
void speech_req_free(req *r);

#endif
