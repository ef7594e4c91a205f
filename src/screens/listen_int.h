/* SPDX-License-Identifier: MIT */
/* Listen's own state, shared by listen.c (the engine and the sound: what
 * is fed, played and heard) and listen_read.c (what a screen says: its
 * sentences in reading order, what a control says, what speaks on its
 * own). Nothing outside these two files sees it. */
#ifndef MK_LISTEN_INT_H
#define MK_LISTEN_INT_H

#include "screens.h"

typedef struct {
	char *text;
	int el;          /* the view element it reads, or -1 (an announcement) */
	unsigned id;     /* its request to the engine (speech_say), 0 before */
	uint64_t start;  /* stream sample (snd_stream_played) its sound begins at */
	int started;     /* start is known: its first sample went to the stream */
	const char *rec; /* the recording that says it (and rec_n - 1 after it), or NULL */
	int rec_n;
} listen_line;

struct listen {
	speech *sp;
	int on;
	int whole;                    /* it reads the screen (Stop shows), not an announcement */
	int page, lang, scr, overlay; /* what is being read: a change stops it */
	listen_line *said;            /* the sentences, in order */
	int n_said, cap, next, queued;
	unsigned log_id;              /* a new one each time the sentences are forgotten */
	uint64_t mark;                /* speech samples played at the last tap or stop */
	uint64_t tap_ns;              /* the Listen tap, for the first-sound line */
	int heard;                    /* the first sound of this reading was logged */
	int used;                     /* listen_set_used */
	uint64_t screen;              /* the screen last seen by listen_follow */
	int entry_len;                /* what was typed on it, in characters */
	char msg[512];                /* the message it showed (scr_state.msg) */
	struct narrate *nr;           /* the recording playing, from sentence nr_at */
	int nr_at;
	uint64_t rec_samples;         /* of recordings, since the last Listen */
};

/* listen.c */
void listen_forget(struct listen *l);
/* Adds a sentence (prefix then text) that reads view element el (-1: none). */
void listen_add(struct listen *l, const char *prefix, const char *text, int el);
/* Starts reading what was added, from the first sentence: the screen
 * (whole: Listen shows Stop) or an announcement. */
void listen_start(app *a, int whole);

/* listen_read.c */
/* The sentences of the screen shown now, in reading order: its page or
 * dialog, then the top bar's controls. */
void listen_collect(app *a, struct listen *l);

#endif
