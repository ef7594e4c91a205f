/* SPDX-License-Identifier: MIT */
/*
 * A virtual monitor for the session test, preloaded into cage only (through
 * a `cage` wrapper first in PATH, never into the app). wlroots' headless
 * backend makes every output 1280x720 and cage 0.1.4 cannot change a mode,
 * so this takes the size from MK_TEST_OUTPUT ("WxH") when the output is made.
 *
 * It also makes the output refuse direct scan-out of the client's buffer, as
 * a real DRM output does with the shared-memory buffers Mesa's software
 * renderer hands cage on a kiosk without a GPU: cage then composites, as it
 * does there. (A headless output accepts any buffer for scan-out, and a
 * screenshot of a scanned-out shared-memory buffer comes back black under the
 * pixman renderer: a fault of the test rig that no kiosk shows.)
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct wlr_backend;
struct wlr_output;

__attribute__((constructor)) static void vmonitor_init(void)
{
	unsetenv("LD_PRELOAD"); /* cage's children (the app, Xwayland) run as shipped */
}

struct wlr_output *wlr_headless_add_output(struct wlr_backend *b, unsigned int w, unsigned int h);
struct wlr_output *wlr_headless_add_output(struct wlr_backend *b, unsigned int w, unsigned int h)
{
	struct wlr_output *(*real)(struct wlr_backend *, unsigned int, unsigned int) =
		(struct wlr_output * (*)(struct wlr_backend *, unsigned int, unsigned int))
			dlsym(RTLD_NEXT, "wlr_headless_add_output");
	void (*lock)(struct wlr_output *, bool) =
		(void (*)(struct wlr_output *, bool))dlsym(RTLD_DEFAULT, "wlr_output_lock_attach_render");
	const char *size = getenv("MK_TEST_OUTPUT");
	struct wlr_output *o;
	if (size && sscanf(size, "%ux%u", &w, &h) != 2)
		fprintf(stderr, "vmonitor: MK_TEST_OUTPUT=%s is not WxH\n", size);
	if (!real || !(o = real(b, w, h)))
		return NULL;
	if (lock)
		lock(o, true);
	return o;
}
