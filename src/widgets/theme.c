/* SPDX-License-Identifier: MIT */
/*
 * Themes. Two, built in: a calm default whose text keeps a contrast of at
 * least 4.5:1 against what it sits on, and a high-contrast theme (white and
 * yellow on black) at 7:1 or more. In both, controls (edges, fills) keep
 * 3:1 against what is around them (WCAG 1.4.11), a control that cannot be
 * used yet included: it has a flat grey look of its own rather than the
 * enabled one faded, which fell to 1.4:1. Every colour pair and every
 * control look is tested (tests/app/test_config.c), so a colour tweak
 * cannot silently make the kiosk hard to read.
 */
#include "widgets.h"
#include <math.h>
#include <string.h>

#define C(r, g, b) { r, g, b, 255 }

static const theme themes[] = {
	{
		.name = "default",
		.bg = C(0xF6, 0xF3, 0xEE), .surface = C(0xFF, 0xFF, 0xFF),
		.text = C(0x1F, 0x2A, 0x33), .muted = C(0x4A, 0x57, 0x61),
		.primary = C(0x1D, 0x5C, 0x63), .on_primary = C(0xFF, 0xFF, 0xFF),
		.border = C(0x7A, 0x86, 0x8E), .focus = C(0xC2, 0x5B, 0x2A),
		.info_bg = C(0xE6, 0xF1, 0xF2), .info_edge = C(0x1D, 0x5C, 0x63),
		.warn_bg = C(0xFC, 0xF1, 0xDC), .warn_edge = C(0x9A, 0x5B, 0x00),
		.danger_bg = C(0xFB, 0xE7, 0xE6), .danger_edge = C(0xA3, 0x1D, 0x1D),
		.right = C(0x1E, 0x6B, 0x34), .wrong = C(0xA3, 0x1D, 0x1D),
		.dim = { 0x10, 0x18, 0x20, 0xB0 }, .bar = C(0xFF, 0xFF, 0xFF),
		.off_bg = C(0xE6, 0xE2, 0xDB),
	},
	{
		.name = "high-contrast",
		/* White and yellow on black: the high-contrast look people
		 * know from their phones, text at 15:1 or more. */
		.bg = C(0x00, 0x00, 0x00), .surface = C(0x00, 0x00, 0x00),
		.text = C(0xFF, 0xFF, 0xFF), .muted = C(0xE6, 0xE6, 0xE6),
		.primary = C(0xFF, 0xE1, 0x4D), .on_primary = C(0x00, 0x00, 0x00),
		.border = C(0xFF, 0xFF, 0xFF), .focus = C(0xFF, 0xE1, 0x4D),
		.info_bg = C(0x00, 0x00, 0x00), .info_edge = C(0xFF, 0xE1, 0x4D),
		.warn_bg = C(0x00, 0x00, 0x00), .warn_edge = C(0xFF, 0xB8, 0x4D),
		.danger_bg = C(0x00, 0x00, 0x00), .danger_edge = C(0xFF, 0x80, 0x80),
		.right = C(0x7C, 0xFC, 0x7C), .wrong = C(0xFF, 0x80, 0x80),
		.dim = { 0x00, 0x00, 0x00, 0xD0 }, .bar = C(0x00, 0x00, 0x00),
		.off_bg = C(0x3A, 0x3A, 0x3A),
	},
};

const theme *theme_get(const char *name)
{
	for (size_t i = 0; name && i < sizeof themes / sizeof themes[0]; i++)
		if (!strcmp(themes[i].name, name))
			return &themes[i];
	return &themes[0];
}

wg_look theme_look(const theme *th, wg_look_kind k)
{
	switch (k) {
	case WG_LOOK_PRIMARY:
		return (wg_look){ th->primary, th->primary, th->on_primary, 0, 10 };
	case WG_LOOK_SECONDARY:
		return (wg_look){ th->surface, th->primary, th->primary, 3, 0 };
	case WG_LOOK_KEY:
		return (wg_look){ th->surface, th->border, th->text, 2, 0 };
	case WG_LOOK_KEY_FN:
		return (wg_look){ th->info_bg, th->border, th->primary, 2, 0 };
	case WG_LOOK_OFF:
	case WG_LOOK_N:
		break;
	}
	return (wg_look){ th->off_bg, th->border, th->muted, 2, 0 };
}

/* A colour's relative luminance (WCAG 2, sRGB). */
static double luminance(SDL_Color c)
{
	double v[3] = { c.r / 255.0, c.g / 255.0, c.b / 255.0 };
	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
	double x = luminance(a), y = luminance(b);
	return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}
