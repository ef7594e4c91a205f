/* SPDX-License-Identifier: MIT */
/*
 * Opening and decoding a recording with libopusfile. The file is read
 * once, whole and bounded (mk_read_regular: a regular file, no link), its
 * bytes checked (head.c), and decoded from that memory: what plays is
 * what was checked, even if the file changes on disk meanwhile, and a
 * decode never waits on the disk. libopusfile gives 48 kHz whatever rate
 * the file was made at; a stereo file is mixed down to the mono the
 * speech stream plays.
 */
#include "narration.h"
#include "core.h"
#include <opusfile.h>
#include <stdlib.h>
#include <sys/stat.h>

struct narr {
	char *bytes;
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

static int decoder(narr *d, size_t len)
{
	int err = 0;
	ogg_int64_t total;
	d->of = op_open_memory((const unsigned char *)d->bytes, len, &err);
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

int narr_open(narr **out, const char *path, int words)
{
	narr *d;
	size_t len = 0;
	const char *why;
	int rc;
	*out = NULL;
	if ((rc = look(path)))
		return rc;
	if (!(d = calloc(1, sizeof *d)))
		return mk_err(MK_ENOMEM, "out of memory");
	rc = mk_read_regular(path, NARR_MAX_BYTES, &d->bytes, &len);
	if (rc == MK_ENOTFOUND)
		rc = mk_err(MK_ENOTFOUND, "was not found");
	else if (rc)
		rc = mk_err(rc, "cannot be read");
	else if (narr_head((const unsigned char *)d->bytes, len, &why))
		rc = mk_err(MK_EINVAL, "%s", why);
	else
		rc = decoder(d, len);
	if (!rc)
		rc = fits(d, words);
	if (rc) {
		narr_close(d);
		return rc;
	}
	*out = d;
	return 0;
}

long narr_read(narr *d, int16_t *pcm, size_t max)
{
	opus_int16 buf[2 * NARR_PACKET_MAX];
	int n;
	if (max < NARR_PACKET_MAX)
		return mk_err(MK_EINVAL, "narration: room for a packet is needed");
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
