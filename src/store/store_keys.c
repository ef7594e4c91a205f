/* SPDX-License-Identifier: MIT */
/*
 * Clinic key files. `mesokiosk keygen PREFIX` writes PREFIX.pub (the public
 * key every kiosk gets in its configuration) and PREFIX.key (the private
 * key only the collector may hold, mode 0600). Both are one line of hex,
 * so IT can read, copy and compare them; one implementation serves the
 * kiosk and, later, the collector.
 */
#include "store.h"
#include "core.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int write_hex(const char *path, const uint8_t *key, int mode)
{
	char hex[STORE_KEY_BYTES * 2 + 2];
	sodium_bin2hex(hex, sizeof hex - 1, key, STORE_KEY_BYTES);
	strcat(hex, "\n");
	int rc = mk_write_atomic(path, hex, strlen(hex)); /* created 0600 */
	sodium_memzero(hex, sizeof hex);
	if (rc == 0 && chmod(path, (mode_t)mode) != 0)
		rc = mk_err(MK_EIO, "%s: cannot set permissions", path);
	return rc;
}

int store_keys_write(const char *prefix)
{
	uint8_t pk[STORE_KEY_BYTES], sk[STORE_KEY_BYTES];
	char *pub = mk_asprintf("%s.pub", prefix), *key = mk_asprintf("%s.key", prefix);
	int rc = pub && key ? 0 : MK_ENOMEM;
	if (rc == 0 && (mk_is_file(pub) || mk_is_file(key)))
		rc = mk_err(MK_EINVAL, "%s.pub or %s.key already exists: not overwriting a clinic key",
			    prefix, prefix);
	if (rc == 0)
		rc = store_keygen(pk, sk);
	if (rc == 0)
		rc = write_hex(key, sk, 0600);
	if (rc == 0)
		rc = write_hex(pub, pk, 0644);
	sodium_memzero(sk, sizeof sk);
	free(pub);
	free(key);
	return rc;
}

int store_key_read(const char *path, uint8_t key[STORE_KEY_BYTES])
{
	char *text = NULL;
	size_t n = 0, bin = 0;
	int rc = mk_read_file(path, &text, &n);
	if (rc)
		return mk_err(rc, "%s: cannot read the key: %s", path, mk_err_msg());
	char *line = mk_trim(text);
	if (sodium_hex2bin(key, STORE_KEY_BYTES, line, strlen(line), NULL, &bin, NULL) != 0 ||
	    bin != STORE_KEY_BYTES)
		rc = mk_err(MK_EINVAL, "%s: not a key (expected %d hex digits)", path, STORE_KEY_BYTES * 2);
	sodium_memzero(text, n);
	free(text);
	return rc;
}
