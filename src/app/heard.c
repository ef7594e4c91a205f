/* SPDX-License-Identifier: MIT */
/*
 * What Listen is reading, shown: the element being heard right now
 * (listen_reading, from the samples the sound has played) has the
 * keyboard's ring around it, in the theme's focus colour on a halo of its
 * background (3:1 both sides, as the focus ring), and is scrolled into
 * view when it comes up off screen, so a patient who reads a little can
 * follow with their eyes. The scroll happens once per sentence: a finger
 * that scrolls away while a sentence is read is not fought.
 */
#include "app.h"

void heard_follow(app *a)
{
	int i;
	listen_follow(a);
	i = listen_reading(a);
	if (i == a->loop->heard_el)
		return;
	a->loop->heard_el = i;
	if (i >= 0)
		focus_into_view(a, i);
	a->need_draw = 1;
}

void heard_paint(app *a)
{
	int i = listen_reading(a);
	if (i >= 0 && !a->loop->dark)
		focus_ring(a, i);
}
