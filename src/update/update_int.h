/* SPDX-License-Identifier: MIT */
/*
 * The pieces of mesokiosk-update shared between its files: running a
 * command, the folders it reads and writes, the status file, the .deb's
 * checks. Nothing here is for other modules.
 */
#ifndef MK_UPDATE_INT_H
#define MK_UPDATE_INT_H

#include "update.h"
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The request is a package bundle: the .deb's limit and room for the
 * manifest, the signature and the archive's headers. */
#define UPD_REQUEST_MAX (128ull << 20) + (1ull << 20)
#define UPD_PROBLEM_MAX 200
#define UPD_VERSION_MAX 128

/* One journal line: "mesokiosk-update: ..." on a terminal; in the journal
 * (stderr is the journal's stream) the unit's name already says whose. */
void upd_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the command line cmd (split at spaces) with the extra arguments
 * (NULL-terminated), without a shell. Its output and errors go into out
 * (n bytes, NUL-terminated; the end is kept when there is more). The exit
 * status, or -1 when it could not run (out says why). */
int upd_run(const char *cmd, const char *const extra[], char *out, size_t n);
/* The last non-empty line of s, copied into buf. */
const char *upd_last_line(const char *s, char *buf, size_t n);

/* ---- Files. <data>/software belongs to the kiosk's user: every name in
 * it is opened relative to the folder, without following links. */
/* Opens <data>/software (refused when it is a link, not a folder, or
 * writable by others); *owner receives its owner. A descriptor, or a
 * negative MK_E* code with the message. */
int upd_soft_open(const char *data, uid_t *owner);
/* Moves the request (request.mkb in sfd) into the file `to`: a regular
 * file owned by owner or root, at most UPD_REQUEST_MAX bytes. The request
 * is removed whatever it was. 0, MK_ENOTFOUND (none), or MK_EINVAL /
 * MK_ELIMIT / MK_EIO with the message. */
int upd_take_request(int sfd, uid_t owner, const char *to);
/* Writes name in sfd atomically (O_EXCL temp file, renameat), 0644, owned
 * by owner. A link planted at name is replaced, never followed. */
int upd_write_at(int sfd, const char *name, const char *text, uid_t owner);
/* Reads a small regular file name in sfd (no link) into buf, trimmed. */
int upd_read_at(int sfd, const char *name, char *buf, size_t n);
/* Makes sure the helper's own folder exists, is a folder (not a link),
 * belongs to this user and is closed to everyone else. */
int upd_state_check(const char *state);
/* Takes the helper's lock (state/lock), waiting for another run: apply
 * and rollback never overlap. The descriptor holds it; -1 with the
 * message. */
int upd_lock(const char *state);
/* The path state/name; the caller frees it. */
char *upd_path(const char *state, const char *name);

/* ---- kiosk.conf and the helper's record. */
/* Reads software_keys from the configuration into keys (see
 * bundle_keys_read). The file and each key file must belong to root (or
 * this user) and be writable by nobody else. */
int upd_keys(const char *config, uint8_t keys[][32], int *n);
/* The highest package version (bundle N) this helper ever took; 0 none. */
long long upd_highest(const char *state);
int upd_highest_set(const char *state, long long n);

/* ---- The status file the app reads. */
typedef struct {
	const char *state;  /* installing, installed, rejected, rolled-back */
	long long version;  /* the bundle's N */
	const char *package, *previous; /* Debian versions; "" unknown/none */
	char problem[UPD_PROBLEM_MAX + 1];
} upd_status;

void upd_problem(upd_status *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes the status into sfd and says it. */
int upd_status_write(int sfd, uid_t owner, const upd_status *st);

/* ---- Debian packages. */
/* Checks the .deb against the name it travelled under: Package mesokiosk,
 * Version as in the name, Architecture this machine's. 0, or MK_EINVAL
 * with the message. */
int upd_deb_check(const upd_opts *o, const char *deb, const char *name);
/* The Version field of a .deb, into ver; 0 or MK_EINVAL. */
int upd_deb_version(const upd_opts *o, const char *deb, char *ver, size_t n);
/* The version of mesokiosk installed now; "" when none. */
void upd_installed(const upd_opts *o, char *ver, size_t n);
/* dpkg -i deb. 0, or -1 with why (the last line dpkg said). */
int upd_install(const upd_opts *o, const char *deb, char *why, size_t n);
/* Waits for the sign of life of version ver: `started` holding it, then
 * the unit active for steady_s. 0, or -1 with why. */
int upd_alive(const upd_opts *o, int sfd, const char *ver, char *why, size_t n);

/* ---- Going back. */
/* Keeps the package installed now as previous.deb, when the helper has
 * it (current.deb or previous.deb of that version); its version goes into
 * prev ("" when there is none: installed by hand). */
void upd_keep_previous(const upd_opts *o, const char *installed, char *prev, size_t n);
/* Installs previous.deb again after new version `failed` broke; it
 * becomes current.deb. 0, or -1 with why. */
int upd_go_back(const upd_opts *o, char *why, size_t n);

#endif
