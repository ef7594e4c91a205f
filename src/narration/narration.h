/* SPDX-License-Identifier: MIT */
/*
 * narration: recorded speech a clinic gives for a paragraph or a page
 * (content's `audio = { en = "audio/x.en.opus" }`), checked and decoded
 * to 16-bit mono PCM at 48 kHz, which the sound module's speech stream
 * plays beside synthesis (src/speech) through the one audio device.
 *
 * Why Opus through libopusfile: it is the codec made for speech (good
 * at 24-32 kbit/s, so a page of narration is a few hundred KiB), Debian
 * ships libopusfile as a small C library that decodes straight to PCM at
 * 48 kHz (the device's own rate here) and never touches an audio device,
 * so our mixer stays the only owner of SDL's audio; SDL2_mixer would
 * want to open the device itself. Ogg Vorbis would also do, but is worse
 * at speech at low rates and needs two libraries (libvorbisfile, libogg).
 *
 * A recording is checked like a picture (render/imghead.c): a size limit
 * first, then the format from its bytes (narr_head: Ogg pages, an
 * OpusHead, the file ending at the end of its last page), a regular file
 * only (no link, FIFO or device), then its length against the words it
 * stands for, read at a slow speaking rate: a file far longer than its
 * text could need is the wrong file, or a minute of silence. Decoding
 * is done a packet at a time (narr_read), so a caller can spread a file
 * over frames and never decodes a whole one at once.
 */
#ifndef MK_NARRATION_H
#define MK_NARRATION_H

#include <stddef.h>
#include <stdint.h>

#define NARR_RATE 48000             /* what narr_read gives, samples a second */
#define NARR_MAX_BYTES (4u << 20)   /* 4 MiB: over 15 minutes of speech at 32 kbit/s */
#define NARR_MS_PER_WORD 1000       /* a slow reader: 60 words a minute */
#define NARR_SLACK_MS 3000          /* and a pause before and after */

typedef struct narr narr;

/* Checks the bytes of a whole file: Ogg pages, one after another, the
 * first holding an OpusHead of 1 or 2 channels, the last ending exactly
 * at the end with its end-of-stream mark. 0, or -1 with *why set to
 * what a member of staff should read ("is cut short ..."). */
int narr_head(const unsigned char *b, size_t n, const char **why);
/* How many words in s (runs of anything but spaces, tabs and line breaks). */
int narr_words(const char *s);
/* The longest a recording of `words` words may be, in milliseconds. */
long narr_allowed_ms(int words);

/* Opens the recording at path, to say `words` words (0: do not compare).
 * Reads it whole (at most NARR_MAX_BYTES) and checks it; nothing is
 * decoded yet. MK_ENOTFOUND, MK_EINVAL (message: what is wrong, without
 * the path, e.g. "is not an Opus recording"), MK_ENOMEM. */
int narr_open(narr **out, const char *path, int words);
/* The same in steps, for a frame: narr_start reads the file and checks
 * its first page; then each narr_verify checks up to `bytes` more of it
 * (1: there is more, 0: checked whole and ready to read, or an error as
 * narr_open's, after which only narr_close is left). */
int narr_start(narr **out, const char *path, int words);
int narr_verify(narr *d, size_t bytes);
/* Up to max samples, decoded a packet (20 ms, at most 120 ms) at a time
 * while max allows; the count, 0 at the end, or MK_EINVAL when the
 * recording turns out damaged. max must be at least NARR_PACKET_MAX, and
 * the recording checked whole (narr_open, or narr_verify gave 0). */
#define NARR_PACKET_MAX 5760
long narr_read(narr *d, int16_t *pcm, size_t max);
/* Its length in samples at NARR_RATE, once checked whole. */
uint64_t narr_length(const narr *d);
void narr_close(narr *d);

/* What --check does: narr_open, then decodes it all, so a file damaged
 * inside is found too. *ms gets its length. Same codes as narr_open. */
int narr_check(const char *path, int words, long *ms);

#endif
