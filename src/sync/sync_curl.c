/* SPDX-License-Identifier: MIT */
/*
 * Opening libcurl on demand (see sync_curl.h for why). The library stays
 * open for the life of the process: curl_global_cleanup and dlclose would
 * race a second worker, and a kiosk that sent once will send again.
 */
#include "sync_curl.h"
#include "core.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

sync_curl_api sync_curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char why[256]; /* "" when loaded */

#define SYM(f) { "curl_" #f, offsetof(sync_curl_api, f) }

static void load(void)
{
	static const struct {
		const char *name;
		size_t at;
	} syms[] = {
		SYM(global_init), SYM(easy_init), SYM(easy_cleanup), SYM(easy_reset),
		SYM(easy_setopt), SYM(easy_getinfo), SYM(easy_strerror), SYM(multi_init),
		SYM(multi_cleanup), SYM(multi_add_handle), SYM(multi_remove_handle),
		SYM(multi_perform), SYM(multi_poll), SYM(multi_wakeup), SYM(multi_info_read),
		SYM(slist_append), SYM(slist_free_all),
	};
	void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	CURLcode rc;
	if (!lib) {
		snprintf(why, sizeof why, "libcurl cannot be loaded: %s", dlerror());
		return;
	}
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		void *f = dlsym(lib, syms[i].name);
		if (!f) {
			snprintf(why, sizeof why, "libcurl is too old: it has no %s", syms[i].name);
			return;
		}
		/* POSIX: a function's address travels as a void pointer. */
		*(void **)((char *)&sync_curl + syms[i].at) = f;
	}
	if ((rc = sync_curl.global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK)
		snprintf(why, sizeof why, "libcurl cannot start: %s", sync_curl.easy_strerror(rc));
}

int sync_curl_load(void)
{
	pthread_once(&once, load);
	return why[0] ? mk_err(MK_EIO, "%s", why) : 0;
}
