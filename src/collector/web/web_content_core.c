/* SPDX-License-Identifier: MIT */
/*
 * The Content page's calls into the rollout module: storing an upload,
 * packing a folder with the collector's content key, rolling back.
 */
#include "web_content.h"
#include "core.h"

int web_content_store(web_ctx *x, const uint8_t *bytes, size_t n, const char *note,
		      int64_t *version)
{
	(void)x, (void)bytes, (void)n, (void)note, (void)version;
	return mk_err(MK_EINVAL, "not yet");
}

int web_content_pack(web_ctx *x, const char *dir, uint8_t **bytes, size_t *n)
{
	(void)x, (void)dir, (void)bytes, (void)n;
	return mk_err(MK_EINVAL, "not yet");
}

int web_content_rollback_do(web_ctx *x, int64_t v, int64_t *made)
{
	(void)x, (void)v, (void)made;
	return mk_err(MK_EINVAL, "not yet");
}
