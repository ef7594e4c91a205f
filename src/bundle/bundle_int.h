/* SPDX-License-Identifier: MIT */
/*
 * bundle's insides: the ustar blocks, the manifest, and what the check's
 * two passes share.
 */
#ifndef MK_BUNDLE_INT_H
#define MK_BUNDLE_INT_H

#include "bundle.h"
#include <stdio.h>

#define TAR_BLOCK 512
#define BUNDLE_MANIFEST "MANIFEST"
#define BUNDLE_SIGNATURE "SIGNATURE"
#define BUNDLE_MAGIC "mesokiosk-bundle"
#define BUNDLE_PACKAGE_MAGIC "mesokiosk-package"

typedef struct {
	char path[BUNDLE_PATH_MAX + 2]; /* prefix "/" name */
	char type;                      /* '0' a file, '5' a folder, else refused */
	uint64_t size;
} tar_member;

/* One header, padded data and end blocks, written with the fixed owner,
 * mode and time that make a bundle of the same folder the same bytes. */
int tar_header_write(FILE *f, const char *path, char type, uint64_t size);
int tar_pad_write(FILE *f, uint64_t size);
int tar_end_write(FILE *f);
/* Parses one header block: 0, 1 for a zero block (the end), or MK_EINVAL
 * (checksum, size field, path too long) with the message. */
int tar_header_read(const uint8_t blk[TAR_BLOCK], tar_member *m);
/* What a member's type is, in words, for the refusal message. */
const char *tar_type_name(char type);
/* NULL when path is a plain relative path inside the folder; else why not. */
const char *bundle_path_problem(const char *path);

/* The manifest, parsed. */
typedef struct {
	char *path;
	uint64_t size;
	char sha[65];
	int seen;
} bundle_entry;

typedef struct {
	int kind; /* from the first line: BUNDLE_CONTENT, BUNDLE_PACKAGE; -1 unread */
	long long version;
	bundle_entry *e;
	unsigned n;
	uint64_t bytes;
} bundle_manifest;

int bundle_manifest_parse(bundle_manifest *m, const char *text, size_t len,
			  const bundle_limits *lim);
void bundle_manifest_free(bundle_manifest *m);
bundle_entry *bundle_manifest_find(bundle_manifest *m, const char *path);

/* Streams one member's data (size bytes and padding) from f: hashes it
 * into sha (65) and, when fd >= 0, writes it there. 0, 1 when the file
 * ends first (truncated), MK_EIO. */
int bundle_data_copy(FILE *f, uint64_t size, char sha[65], int fd);
/* Reads a small member whole (at most max bytes) into *out. */
int bundle_data_read(FILE *f, uint64_t size, size_t max, char **out);

/* Unpacks a checked bundle into a new folder `into` (bundle_unpack.c). */
int bundle_unpack(FILE *f, const char *into, bundle_manifest *m);

#endif
