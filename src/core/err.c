/* SPDX-License-Identifier: MIT */
/*
 * Error messages: one buffer per thread, so the sync worker (later) and the
 * main loop never read each other's messages.
 */
#include "core.h"
#include <stdio.h>
#include <stdlib.h>

static _Thread_local char err_buf[512];

int mk_err(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err_buf, sizeof err_buf, fmt, ap);
	va_end(ap);
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
