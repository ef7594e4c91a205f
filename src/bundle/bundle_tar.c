/* SPDX-License-Identifier: MIT */
/*
 * The ustar blocks of a bundle. Only what a bundle needs is written
 * (regular files with a name split into prefix and name, owner 0, mode
 * 0644, time 0), and everything read is checked: the header checksum, the
 * octal size, the path. The type is kept as found, so the check can name
 * a link or a device when it refuses one.
 */
#include "bundle_int.h"
#include "core.h"
#include <string.h>

/* width - 1 octal digits and a NUL, as ustar wants them. */
static void octal(char *field, size_t width, uint64_t v)
{
	field[width - 1] = 0;
	for (size_t i = width - 1; i-- > 0; v >>= 3)
		field[i] = (char)('0' + (v & 7));
}

static unsigned checksum(const uint8_t *b)
{
	unsigned sum = 0;
	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : b[i];
	return sum;
}

static int split_path(const char *path, char name[101], char prefix[156])
{
	size_t len = strlen(path);
	memset(name, 0, 101);
	memset(prefix, 0, 156);
	if (len <= 100)
		return memcpy(name, path, len), 0;
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		size_t pl = (size_t)(s - path);
		if (pl <= 155 && len - pl - 1 <= 100 && len - pl - 1 > 0) {
			memcpy(prefix, path, pl);
			memcpy(name, s + 1, len - pl - 1);
			return 0;
		}
	}
	return mk_err(MK_EINVAL, "%s: the path is too long for a bundle", path);
}

int tar_header_write(FILE *f, const char *path, char type, uint64_t size)
{
	uint8_t b[TAR_BLOCK] = { 0 };
	char name[101], prefix[156];
	if (split_path(path, name, prefix) != 0)
		return MK_EINVAL;
	memcpy(b, name, 100);
	octal((char *)b + 100, 8, type == '5' ? 0755 : 0644);
	octal((char *)b + 108, 8, 0);
	octal((char *)b + 116, 8, 0);
	octal((char *)b + 124, 12, size);
	octal((char *)b + 136, 12, 0);
	b[156] = (uint8_t)type;
	memcpy(b + 257, "ustar", 6);
	memcpy(b + 263, "00", 2);
	memcpy(b + 345, prefix, 155);
	octal((char *)b + 148, 7, checksum(b));
	if (fwrite(b, 1, TAR_BLOCK, f) != TAR_BLOCK)
		return mk_err(MK_EIO, "cannot write the bundle");
	return 0;
}

int tar_pad_write(FILE *f, uint64_t size)
{
	static const uint8_t zero[TAR_BLOCK];
	size_t pad = (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK);
	if (pad && fwrite(zero, 1, pad, f) != pad)
		return mk_err(MK_EIO, "cannot write the bundle");
	return 0;
}

int tar_end_write(FILE *f)
{
	static const uint8_t zero[2 * TAR_BLOCK];
	if (fwrite(zero, 1, sizeof zero, f) != sizeof zero)
		return mk_err(MK_EIO, "cannot write the bundle");
	return 0;
}

static int parse_octal(const uint8_t *p, size_t width, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0, digits = 0;
	while (i < width && p[i] == ' ')
		i++;
	for (; i < width && p[i] >= '0' && p[i] <= '7'; i++, digits++) {
		if (v >> 60)
			return -1;
		v = v * 8 + (uint64_t)(p[i] - '0');
	}
	for (; i < width; i++)
		if (p[i] != ' ' && p[i] != 0)
			return -1;
	*out = v;
	return digits ? 0 : -1;
}

int tar_header_read(const uint8_t blk[TAR_BLOCK], tar_member *m)
{
	static const uint8_t zero[TAR_BLOCK];
	uint64_t sum;
	if (!memcmp(blk, zero, TAR_BLOCK))
		return 1;
	if (parse_octal(blk + 148, 8, &sum) != 0 || sum != checksum(blk))
		return mk_err(MK_EINVAL, "a member's header is damaged (checksum)");
	if (parse_octal(blk + 124, 12, &m->size) != 0)
		return mk_err(MK_EINVAL, "a member's header is damaged (size)");
	size_t nl = strnlen((const char *)blk, 100), pl = strnlen((const char *)blk + 345, 155);
	if (memcmp(blk + 257, "ustar", 5) != 0)
		pl = 0; /* old tar: no prefix field */
	if (pl + 1 + nl > BUNDLE_PATH_MAX)
		return mk_err(MK_EINVAL, "a member's path is too long");
	m->path[0] = 0;
	if (pl) {
		memcpy(m->path, blk + 345, pl);
		m->path[pl] = '/';
		m->path[pl + 1] = 0;
	}
	strncat(m->path, (const char *)blk, nl);
	m->type = blk[156] ? (char)blk[156] : '0';
	if (m->type == '7')
		m->type = '0'; /* contiguous file: a regular file */
	return 0;
}

const char *tar_type_name(char type)
{
	switch (type) {
	case '1': return "a hard link";
	case '2': return "a symbolic link";
	case '3': return "a character device";
	case '4': return "a block device";
	case '6': return "a FIFO";
	case 'x': case 'g': return "an extended (pax) header";
	case 'L': case 'K': return "a GNU long name";
	default: return "not a regular file or folder";
	}
}

const char *bundle_path_problem(const char *path)
{
	if (!*path)
		return "an empty path";
	if (path[0] == '/')
		return "an absolute path";
	for (const char *s = path; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return "a control character or backslash in the path";
	for (const char *s = path; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && !strncmp(s, "..", 2))
			return "a path outside the folder (..)";
		if (n == 0 || (n == 1 && *s == '.'))
			return "an empty or '.' part in the path";
		s += n;
		if (*s == '/')
			s++;
	}
	return NULL;
}
