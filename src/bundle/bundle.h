/* SPDX-License-Identifier: MIT */
/*
 * bundle: a content folder as one signed file, and the checks a kiosk runs
 * before it lets one near its content. No SDL, no Lua: the collector can
 * use it too.
 *
 * A bundle is a POSIX ustar archive:
 *   MANIFEST   the first member: "mesokiosk-bundle 1", "version N", then
 *              one line per file, "file SIZE SHA256 PATH" (PATH relative,
 *              '/'-separated, the rest of the line);
 *   the files  regular files (and folders), each listed in the manifest
 *              once, in any order;
 *   SIGNATURE  the last member: 128 hex digits, the Ed25519 signature of
 *              the MANIFEST member's bytes, then a newline;
 * then the end of the archive (two zero blocks). Signing the manifest and
 * checking every file against it signs the whole bundle, and a plain
 * `tar tf` still lists it.
 *
 * bundle_check reads the file twice: the first pass changes nothing and
 * refuses the bundle with the first problem (in the order: damaged or
 * truncated, unsigned, signed by another key, then the first problem of
 * a member or the manifest); only a bundle that passes is unpacked, by the
 * second pass, into a new folder made beside the one asked for, which is
 * renamed into place at the end. A refused bundle leaves nothing behind.
 *
 * A software package travels the same way: a bundle whose manifest starts
 * "mesokiosk-package 1" instead and holds exactly one file, the Debian
 * package (mesokiosk_VERSION_ARCH.deb). The first line is signed with the
 * rest, so content can never pass for a package nor a package for content,
 * whichever key signed them; kiosks trust packages from their own list of
 * keys (software_keys), apart from content_keys.
 */
#ifndef MK_BUNDLE_H
#define MK_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define BUNDLE_FORMAT 1
#define BUNDLE_MAX_KEYS 8
/* The content loader reads at most 256 files (CONTENT_MAX_FILES) and
 * pictures of at most 16 MiB (REN_IMAGE_MAX_BYTES). */
#define BUNDLE_MAX_FILES 256
#define BUNDLE_MAX_FILE_BYTES (16ull << 20)
#define BUNDLE_MAX_BYTES (64ull << 20)
#define BUNDLE_MAX_MANIFEST (128u << 10)
#define BUNDLE_PATH_MAX 255

/* Packages: one file, up to 128 MiB. */
#define BUNDLE_PACKAGE_MAX_BYTES (128ull << 20)

enum { BUNDLE_CONTENT = 0, BUNDLE_PACKAGE = 1 };

typedef struct {
	unsigned max_files;
	uint64_t max_file_bytes, max_bytes;
} bundle_limits;

/* What bundle_check is given and what it learns. */
typedef struct {
	const uint8_t (*keys)[32]; /* trusted public keys */
	int n_keys;
	long long shown;           /* the version shown now; -1 for none */
	bundle_limits lim;         /* zeroes: the BUNDLE_MAX_* values */
	int kind;                  /* BUNDLE_CONTENT (0) or BUNDLE_PACKAGE */
	const char *into;          /* unpack here (must not exist); NULL: check only */
	long long version;         /* out: the bundle's version */
	int key_index;             /* out: which key signed it */
	unsigned n_files;          /* out */
	uint64_t n_bytes;          /* out */
	char package[BUNDLE_PATH_MAX + 1]; /* out, a package: the .deb's file name */
} bundle_check_opts;

/* Packs the folder dir into the file out (written atomically) as version
 * `version`, signed with the seed from a content-signing key. Refuses a
 * folder holding a link or anything but files and folders, or more than
 * the limits. 0, or MK_EINVAL / MK_ELIMIT / MK_EIO with the message. */
int bundle_pack(const char *dir, const char *out, long long version,
		const uint8_t seed[32]);

/* Packs the Debian package at deb (named mesokiosk_VERSION_ARCH.deb) as
 * a package bundle, version `version`, signed with the seed. 0, or
 * MK_EINVAL / MK_ELIMIT / MK_EIO with the message. */
int bundle_pack_package(const char *deb, const char *out, long long version,
			const uint8_t seed[32]);

/* NULL when name is a package file name a bundle may carry
 * (mesokiosk_VERSION_ARCH.deb, letters, digits and . + ~ - only); else why
 * not. */
const char *bundle_package_name_problem(const char *name);

/* Checks the bundle at path as described above (and unpacks it when
 * o->into is set). 0; or MK_EPERM (unsigned, another key, older than
 * shown), MK_ELIMIT (over a limit), MK_EINVAL (anything else wrong in the
 * bundle), MK_EEXIST (o->into exists), MK_EIO, with a message that names
 * the problem and the member. */
int bundle_check(const char *path, bundle_check_opts *o);

/* Reads public key files from a comma-separated list into keys (at most
 * BUNDLE_MAX_KEYS); *n receives how many. */
int bundle_keys_read(const char *list, uint8_t keys[][32], int *n);

#endif
