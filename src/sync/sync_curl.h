/* SPDX-License-Identifier: MIT */
/*
 * libcurl, opened only when this kiosk sends. Linked in, libcurl brings
 * its TLS, Kerberos, LDAP and SSH libraries into every kiosk: about 5 MiB
 * of memory for one that has no collector configured. So sync_curl_load
 * dlopens libcurl.so.4 (the soname of every libcurl 7 and 8) the first
 * time the worker starts, and the transport calls it through this table.
 * Each entry has the type of curl.h's own prototype, so the calls are
 * checked as if they were direct.
 */
#ifndef MK_SYNC_CURL_H
#define MK_SYNC_CURL_H

#include <curl/curl.h>

typedef struct {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_reset) *easy_reset;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_multi_init) *multi_init;
	__typeof__(curl_multi_cleanup) *multi_cleanup;
	__typeof__(curl_multi_add_handle) *multi_add_handle;
	__typeof__(curl_multi_remove_handle) *multi_remove_handle;
	__typeof__(curl_multi_perform) *multi_perform;
	__typeof__(curl_multi_poll) *multi_poll;
	__typeof__(curl_multi_wakeup) *multi_wakeup;
	__typeof__(curl_multi_info_read) *multi_info_read;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
} sync_curl_api;

/* Filled by sync_curl_load; read-only after it. */
extern sync_curl_api sync_curl;

/* Opens libcurl and runs curl_global_init, once per process (any thread).
 * 0, or MK_EIO with the reason (libcurl missing, too old, or failing). */
int sync_curl_load(void);

#endif
