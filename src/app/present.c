/* SPDX-License-Identifier: MIT */
/*
 * How frames reach the screen, chosen once before SDL starts, by what the
 * machine has.
 *
 * With a GPU (a DRM render node driven by a hardware driver: Intel, AMD,
 * Nouveau, a virtual GPU with 3D), SDL's GL ES renderer on Wayland, through
 * Mesa's driver for it: the GPU draws, cage can scan our buffer out.
 *
 * Without one, GL on Wayland still works, through Mesa's llvmpipe, at a
 * price the kiosk pays on every start: Mesa loads LLVM (58 MiB resident)
 * and compiles its shaders (a few hundred ms) to draw what SDL's software
 * renderer draws anyway. So on such a machine we draw with SDL's software
 * renderer and present through X11 shared memory (XShm) to Xwayland, which
 * cage runs for us: no GL, no Mesa, no LLVM in the kiosk. SDL 2.26 cannot
 * present a software frame on Wayland without GL (it has no wl_shm
 * framebuffer), which is why this path goes through X11.
 *
 * kiosk.conf's `renderer = gl | software` overrides the guess. Headless
 * (the driver, the tests) is untouched: SDL's dummy video driver and its
 * software renderer. The choice is logged in the start line and shown to
 * staff.
 */
#include "app.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Kernel DRM drivers that come with a 3D engine Mesa drives. */
static const char *const gpu_drivers[] = {
	"i915", "xe", "amdgpu", "radeon", "nouveau", "virtio_gpu", "vmwgfx", "msm", "panfrost",
	"lima", "v3d", "vc4", "etnaviv", "panthor", "asahi",
};

/* The first render node's kernel driver, or "" when there is none. */
static void render_driver(char *out, size_t n)
{
	DIR *d = opendir("/sys/class/drm");
	struct dirent *e;
	out[0] = 0;
	if (!d)
		return;
	while ((e = readdir(d)) && !out[0]) {
		char path[300], link[256];
		ssize_t len;
		if (strncmp(e->d_name, "renderD", 7))
			continue;
		snprintf(path, sizeof path, "/sys/class/drm/%s/device/driver", e->d_name);
		if ((len = readlink(path, link, sizeof link - 1)) > 0) {
			const char *base;
			link[len] = 0;
			base = strrchr(link, '/');
			snprintf(out, n, "%s", base ? base + 1 : link);
		}
	}
	closedir(d);
}

static int is_gpu(const char *driver)
{
	for (size_t i = 0; i < sizeof gpu_drivers / sizeof gpu_drivers[0]; i++)
		if (!strcmp(driver, gpu_drivers[i]))
			return 1;
	return 0;
}

void present_choose(app_config *c)
{
	char drv[256];
	if (c->headless) {
		c->present = "headless";
		c->present_why = "no display";
		return;
	}
	render_driver(drv, sizeof drv);
	snprintf(c->present_driver, sizeof c->present_driver, "%.63s", drv[0] ? drv : "none");
	if (c->renderer == RENDERER_GL || (c->renderer == RENDERER_AUTO && is_gpu(drv))) {
		c->present = "gl";
		c->present_why = c->renderer == RENDERER_GL ? "renderer = gl in the configuration"
							    : "a GPU was found";
		return;
	}
	if (!getenv("DISPLAY") || !*getenv("DISPLAY")) {
		/* No Xwayland to present through: GL on whatever Mesa has. */
		c->present = "gl";
		c->present_why = "no X11 display for the software path";
		return;
	}
	c->present = "software";
	c->present_why = c->renderer == RENDERER_SOFTWARE ? "renderer = software in the configuration"
							  : "no GPU was found";
	/* Before SDL_Init: these decide which backend and renderer SDL loads. */
	setenv("SDL_VIDEODRIVER", "x11", 1);
	setenv("SDL_RENDER_DRIVER", "software", 1);
	setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);
}

/* Fullscreen, except for an X11 window under a Wayland compositor (the
 * software path in cage): cage shows every window fullscreen by itself,
 * and SDL's X11 fullscreen request waits 100 ms for a window manager to
 * change a window that is already the size of the screen. */
Uint32 present_fullscreen_flag(const app_config *c)
{
	const char *wl = getenv("WAYLAND_DISPLAY");
	if (c->present && !strcmp(c->present, "software") && wl && *wl)
		return SDL_WINDOW_BORDERLESS;
	return SDL_WINDOW_FULLSCREEN_DESKTOP;
}
