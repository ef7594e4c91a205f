/* SPDX-License-Identifier: MIT */
/*
 * update: mesokiosk-update, the one program on a kiosk that runs as root
 * for software updates. The app (unprivileged) downloads a package bundle,
 * checks it and hands it over as <data>/software/request.mkb; this helper
 * trusts nothing the app wrote except as input to check again: it takes the
 * request without following links, copies it into its own root-only
 * folder, checks the signature with the keys in the root-owned kiosk.conf,
 * the version against its own record, and the .deb's control fields; only
 * then does it run dpkg. A new version that does not show a sign of life
 * (the app's `started` marker, and the unit staying active) is replaced by
 * the previous package again.
 *
 * What it tells the app goes in <data>/software/status, written without
 * following any link the unprivileged user could plant there. Every step
 * is one line on stderr, which the unit sends to the journal.
 */
#ifndef MK_UPDATE_H
#define MK_UPDATE_H

typedef struct {
	const char *config;    /* kiosk.conf: software_keys */
	const char *data;      /* the app's data folder (<data>/software) */
	const char *state;     /* the helper's own root-only folder */
	const char *backups;   /* kiosk/install.sh's kept packages (/var/backups/mesokiosk) */
	const char *dpkg;      /* a command line: split at spaces */
	const char *dpkg_deb;
	const char *systemctl;
	const char *unit;      /* the kiosk's unit, mesokiosk.service */
	int wait_s;            /* how long a new version has to start */
	int steady_s;          /* and then to stay active */
} upd_opts;

/* The defaults of a real kiosk. */
void upd_opts_defaults(upd_opts *o);

/* Takes <data>/software/request.mkb, if any, and installs it or refuses
 * it (see above). 0: nothing to do, or installed; 1: refused or rolled
 * back (the status says why); 2: the helper could not work at all. */
int upd_apply(const upd_opts *o);

/* Installs previous.deb again, by hand. 0, or 1 with the reason said. */
int upd_rollback(const upd_opts *o);

/* Prints what the helper knows: the status, the packages it keeps, the
 * highest version taken. 0. */
int upd_show(const upd_opts *o);

#endif
