/* SPDX-License-Identifier: MIT */
/*
 * opus_tone: makes the tests' recordings, at build time, so none are
 * committed and any of them can be made again by hand:
 *
 *   opus_tone OUT.opus MS [HZ [CHANNELS]]
 *
 * writes MS milliseconds of a sine at HZ (440 by default) at 48 kHz,
 * mono or stereo, with 10 ms fades, as Ogg Opus through libopusenc, with
 * a fixed stream serial number so the same arguments give the same file.
 * The length survives the round trip exactly (Opus's pre-skip and the
 * last page's granule position trim what the codec adds), which is what
 * lets the drive test compare samples played with the file's length.
 */
#include <math.h>
#include <opusenc.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000

int main(int argc, char **argv)
{
	int err = 0, ms, hz, ch, n, fade = RATE / 100;
	OggOpusComments *com;
	OggOpusEnc *enc;
	opus_int16 *pcm;
	if (argc < 3 || (ms = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: opus_tone OUT.opus MS [HZ [CHANNELS]]\n");
		return 2;
	}
	hz = argc > 3 ? atoi(argv[3]) : 440;
	ch = argc > 4 ? atoi(argv[4]) : 1;
	n = (int)((long)ms * RATE / 1000);
	if (!(pcm = calloc((size_t)n * (size_t)ch, sizeof *pcm)) || !(com = ope_comments_create()))
		return 1;
	for (int i = 0; i < n; i++) {
		double env = i < fade ? (double)i / fade : n - i < fade ? (double)(n - i) / fade : 1;
		for (int c = 0; c < ch; c++)
			pcm[i * ch + c] = (opus_int16)(8000 * env * sin(2 * M_PI * hz * i / RATE));
	}
	enc = ope_encoder_create_file(argv[1], com, RATE, ch, 0, &err);
	if (!enc) {
		fprintf(stderr, "opus_tone: %s: %s\n", argv[1], ope_strerror(err));
		return 1;
	}
	ope_encoder_ctl(enc, OPE_SET_SERIALNO(1234));
	err = ope_encoder_write(enc, pcm, n);
	if (!err)
		err = ope_encoder_drain(enc);
	ope_encoder_destroy(enc);
	ope_comments_destroy(com);
	free(pcm);
	if (err)
		fprintf(stderr, "opus_tone: %s: %s\n", argv[1], ope_strerror(err));
	return err ? 1 : 0;
}
