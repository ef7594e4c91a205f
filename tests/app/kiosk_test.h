/* SPDX-License-Identifier: MIT */
/* A real kiosk for tests: headless, 1920x1080, the shipped content, its
 * own data folder, pumped once so the first screen is laid out. */
#ifndef MK_KIOSK_TEST_H
#define MK_KIOSK_TEST_H
#include "app.h"
#include <stdio.h>
#include <stdlib.h>

/* data_dir is a prefix: each test process gets a folder of its own (the
 * same one each time it asks), so runs side by side never share a store. */
static inline int open_kiosk_in(app *a, const char *prefix)
{
	static char data_dir[256];
	if (!data_dir[0]) {
		snprintf(data_dir, sizeof data_dir, "%s-XXXXXX", prefix);
		if (!mkdtemp(data_dir))
			return MK_EIO;
	}
	app_config cfg;
	app_config_defaults(&cfg);
	cfg.headless = 1;
	cfg.win_w = 1920, cfg.win_h = 1080;
	cfg.content_dir = MK_DEFAULT_CONTENT;
	cfg.data_dir = (char *)data_dir;
	int rc = app_open(a, &cfg);
	app_pump(a);
	return rc;
}
#endif
