/* SPDX-License-Identifier: MIT */
/*
 * Is the kiosk's clock right? Every record carries the time it was made,
 * and the idle and screen-off timers read the time of day, so a clock that
 * never synchronised (no network time, a flat RTC battery) is worth telling
 * staff about. The kernel knows: adjtimex() reports STA_UNSYNC until a time
 * daemon has disciplined the clock. The unit's ProtectClock= forbids that
 * call, so under systemd we fall back to the file systemd-timesyncd creates
 * once it has synchronised (/run/systemd/timesync/synchronized).
 *
 * MK_TEST_CLOCK_SYNC (0 or 1) is a test hook: it replaces the answer.
 */
#include "core.h"
#include "sync.h"
#include <stdlib.h>
#include <sys/timex.h>
#include <unistd.h>

int sync_clock_synced(void)
{
	struct timex tx = { 0 };
	int rc;
#ifdef MK_TESTING
	const char *hook = getenv("MK_TEST_CLOCK_SYNC");
	if (hook && *hook)
		return atoi(hook) ? 1 : 0;
#endif
	rc = adjtimex(&tx);
	if (rc >= 0)
		return rc != TIME_ERROR && !(tx.status & STA_UNSYNC);
	return access("/run/systemd/timesync/synchronized", F_OK) == 0;
}

void sync_clock_log(void)
{
	if (sync_clock_synced())
		mk_log(MK_LOG_INFO, "clock", "synchronised=1");
	else
		mk_log(MK_LOG_WARN, "clock", "synchronised=0 hint=%s",
		       "check network time: timedatectl status (systemd-timesyncd)");
}
