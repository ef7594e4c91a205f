/* SPDX-License-Identifier: MIT */
/*
 * Error messages: one buffer per thread, so the sync worker (later) and the
 * main loop never read each other's messages.
 */
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char err_buf[512];

/* Formatted on the side, then copied: a caller that adds context to the
 * last message passes mk_err_msg() itself as an argument, which vsnprintf
 * straight into err_buf would overwrite while reading it. */
int mk_err(int code, const char *fmt, ...)
{
	char msg[sizeof err_buf];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(err_buf, msg, sizeof msg);
	return code;
}

const char *mk_err_msg(void)
{
	return err_buf;
}

void mk_assert_failed(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: internal error: %s is false\n", file, line, what);
	abort();
}
