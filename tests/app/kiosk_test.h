/* SPDX-License-Identifier: MIT */
/* A real kiosk for tests: headless, 1920x1080, the shipped content, its
 * own data folder, pumped once so the first screen is laid out. */
#ifndef MK_KIOSK_TEST_H
#define MK_KIOSK_TEST_H
#include "app.h"

static inline int open_kiosk_in(app *a, const char *data_dir)
{
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
