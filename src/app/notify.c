/* SPDX-License-Identifier: MIT */
/*
 * systemd integration: READY=1 after the first frame (so "started" means a
 * patient can see something) and WATCHDOG=1 from the main loop, so a hung
 * kiosk is restarted. Without libsystemd, or outside a unit, these do nothing.
 */
#include "app.h"
#include <stdlib.h>
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

/* Under cage the app is a child of the unit's main process, and systemd
 * names cage in WATCHDOG_PID, so sd_watchdog_enabled() would say "not for
 * you". The unit has NotifyAccess=all; WATCHDOG_USEC alone decides. */
uint64_t notify_watchdog_interval_ms(void)
{
#ifdef MK_HAVE_SYSTEMD
	const char *s = getenv("WATCHDOG_USEC");
	unsigned long long usec = s ? strtoull(s, NULL, 10) : 0;
	if (usec > 0 && getenv("NOTIFY_SOCKET"))
		return usec / 2000; /* pet at half the period */
#endif
	return 0;
}
