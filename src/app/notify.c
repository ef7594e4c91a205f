/* SPDX-License-Identifier: MIT */
/*
 * systemd integration: READY=1 after the first frame (so "started" means a
 * patient can see something) and WATCHDOG=1 from the main loop, so a hung
 * kiosk is restarted. Without libsystemd, or outside a unit, these do nothing.
 */
#include "app.h"
#ifdef MK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

void notify_ready(void)
{
#ifdef MK_HAVE_SYSTEMD
	sd_notify(0, "READY=1");
#endif
}

void notify_watchdog(void)
{
#ifdef MK_HAVE_SYSTEMD
	sd_notify(0, "WATCHDOG=1");
#endif
}

uint64_t notify_watchdog_interval_ms(void)
{
#ifdef MK_HAVE_SYSTEMD
	uint64_t usec = 0;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
		return usec / 2000; /* pet at half the period */
#endif
	return 0;
}
