/* SPDX-License-Identifier: MIT */
/*
 * How many times some bytes are in this process's writable memory: heap
 * and anonymous maps, freed blocks included, not the stack (which holds
 * the needle) nor read-only data (the test's own literals). Read through
 * /proc/self/mem, so unmapped guard pages cannot fault; maps over 1 GiB
 * (the sanitizers' shadow) are skipped. For tests that a patient's words
 * or pictures are wiped, not just freed.
 */
#ifndef MK_MEMSCAN_H
#define MK_MEMSCAN_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int memory_holds_n(const char *needle, size_t nl)
{
	FILE *maps = fopen("/proc/self/maps", "r"), *mem = fopen("/proc/self/mem", "rb");
	size_t chunk = 1u << 20;
	char line[512], *buf = malloc(chunk + nl);
	int found = 0;
	while (maps && mem && buf && fgets(line, sizeof line, maps)) {
		unsigned long lo, hi;
		char perms[8], path[256] = "";
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perms, path) < 3)
			continue;
		if (perms[0] != 'r' || perms[1] != 'w' || (path[0] && strcmp(path, "[heap]")) ||
		    hi - lo > (1ul << 30))
			continue;
		for (unsigned long at = lo; at < hi; at += chunk) {
			size_t want = hi - at < chunk + nl ? hi - at : chunk + nl, got;
			if (fseek(mem, (long)at, SEEK_SET) != 0 || (got = fread(buf, 1, want, mem)) < nl)
				continue;
			for (size_t i = 0; i + nl <= got; i++)
				found += buf[i] == needle[0] && !memcmp(buf + i, needle, nl);
		}
	}
	free(buf);
	if (maps)
		fclose(maps);
	if (mem)
		fclose(mem);
	return found;
}

static inline int memory_holds(const char *needle)
{
	return memory_holds_n(needle, strlen(needle));
}
#endif
