/* SPDX-License-Identifier: MIT */
/*
 * Opening and decoding a recording with libopusfile. The file is read
 * once, whole and bounded (mk_read_regular: a regular file, no link), its
 * bytes checked (head.c: at once by narr_open, or a slice at a time by
 * narr_verify, since checking every page's checksum of a 4 MiB file
 * takes about 10 ms), and decoded from that memory: what plays is
 * what was checked, even if the file changes on disk meanwhile, and a
 * decode never waits on the disk. libopusfile gives 48 kHz whatever rate
 * the file was made at; a stereo file is mixed down to the mono the
 * speech stream plays.
 */
#include "narration_int.h"
#include "core.h"
#include <opusfile.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

struct narr {
	char *bytes;
	size_t len;
	narr_walk walk;   /* how far its pages are checked */
	int words, ready; /* ready: checked whole, the decoder open */
	OggOpusFile *of;
	int channels;
	uint64_t length;
};

void narr_close(narr *d)
{
	if (!d)
		return;
	if (d->of)
		op_free(d->of);
	free(d->bytes);
	free(d);
}

/* What is at path, before reading it: the messages staff read. */
static int look(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return mk_err(MK_ENOTFOUND, "was not found");
	if (S_ISLNK(st.st_mode))
		return mk_err(MK_EINVAL, "is a link: put the file itself in the content folder");
	if (!S_ISREG(st.st_mode))
		return mk_err(MK_EINVAL, "is not a file");
	if ((uintmax_t)st.st_size > NARR_MAX_BYTES)
		return mk_err(MK_EINVAL, "is too large (%.1f MiB; at most %u MiB): encode it as mono Opus "
			      "at 32 kbit/s or less", (double)st.st_size / (1 << 20), NARR_MAX_BYTES >> 20);
	return 0;
}

static int fits(const narr *d, int words)
{
	long ms = (long)(d->length * 1000 / NARR_RATE), most = narr_allowed_ms(words);
	if (words > 0 && ms > most)
		return mk_err(MK_EINVAL, "is %.1f s long, far longer than its %d word%s could need "
			      "(at most %.1f s): is it the right recording?", ms / 1000.0, words,
			      words == 1 ? "" : "s", most / 1000.0);
	return 0;
}

static int decoder(narr *d)
{
	int err = 0;
	ogg_int64_t total;
	d->of = op_open_memory((const unsigned char *)d->bytes, d->len, &err);
	if (!d->of)
		return mk_err(MK_EINVAL, "cannot be decoded as Opus (libopusfile error %d): export it "
			      "again", err);
	d->channels = op_channel_count(d->of, -1);
	total = op_pcm_total(d->of, -1);
	if (total <= 0)
		return mk_err(MK_EINVAL, "holds no sound");
	d->length = (uint64_t)total;
	return 0;
}

int narr_start(narr **out, const char *path, int words)
{
	narr *d;
	const char *why;
	int rc;
	*out = NULL;
	if ((rc = look(path)))
		return rc;
	if (!(d = calloc(1, sizeof *d)))
		return mk_err(MK_ENOMEM, "out of memory");
	d->words = words;
	rc = mk_read_regular(path, NARR_MAX_BYTES, &d->bytes, &d->len);
	if (rc == MK_ENOTFOUND)
		rc = mk_err(MK_ENOTFOUND, "was not found");
	else if (rc)
		rc = mk_err(rc, "cannot be read");
	else if (narr_walk_begin(&d->walk, (const unsigned char *)d->bytes, d->len, &why))
		rc = mk_err(MK_EINVAL, "%s", why);
	if (rc) {
		narr_close(d);
		return rc;
	}
	*out = d;
	return 0;
}

int narr_verify(narr *d, size_t bytes)
{
	const char *why;
	int rc;
	if (d->ready)
		return 0;
	rc = narr_walk_step(&d->walk, (const unsigned char *)d->bytes, d->len, bytes, &why);
	if (rc < 0)
		return mk_err(MK_EINVAL, "%s", why);
	if (rc > 0)
		return 1;
	if ((rc = decoder(d)) || (rc = fits(d, d->words)))
		return rc;
	d->ready = 1;
	return 0;
}

int narr_open(narr **out, const char *path, int words)
{
	int rc = narr_start(out, path, words);
	if (!rc && (rc = narr_verify(*out, SIZE_MAX)) != 0) {
		narr_close(*out);
		*out = NULL;
	}
	return rc;
}

long narr_read(narr *d, int16_t *pcm, size_t max)
{
	opus_int16 buf[2 * NARR_PACKET_MAX];
	int n;
	if (max < NARR_PACKET_MAX || !d->ready)
		return mk_err(MK_EINVAL, "narration: not checked yet, or no room for a packet");
	n = op_read(d->of, buf, d->channels * NARR_PACKET_MAX, NULL);
	if (n < 0)
		return mk_err(MK_EINVAL, "is damaged inside (libopusfile error %d): export it again", n);
	for (int i = 0; i < n; i++)
		pcm[i] = d->channels == 2 ? (int16_t)(((int)buf[2 * i] + buf[2 * i + 1]) / 2) : buf[i];
	return n;
}

uint64_t narr_length(const narr *d)
{
	return d ? d->length : 0;
}

int narr_check(const char *path, int words, long *ms)
{
	int16_t pcm[NARR_PACKET_MAX];
	narr *d;
	long n;
	int rc = narr_open(&d, path, words);
	*ms = 0;
	if (rc)
		return rc;
	*ms = (long)(d->length * 1000 / NARR_RATE);
	while ((n = narr_read(d, pcm, NARR_PACKET_MAX)) > 0)
		;
	narr_close(d);
	return n < 0 ? (int)n : 0;
}
