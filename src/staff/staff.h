/* SPDX-License-Identifier: MIT */
/*
 * staff: staff mode, opened by holding the hidden top-left corner and a
 * staff PIN. Enrolling a patient and starting their course (handed over to
 * the patient to choose a PIN), finding a patient, resetting a PIN,
 * erasing, importing photos, and "Sending to the clinic". It lays itself
 * out with the screens' kit (screens.h) and is reached by the shell's
 * table of screens (app/scr_table.c): the screens below never call it.
 */
#ifndef MK_STAFF_H
#define MK_STAFF_H

#include "screens.h"

/* Staff mode's views (staff_view.c, send_view.c). */
int staff_view_pin(lay *L, int y);
int staff_view_home(lay *L, int y);
int staff_view_plans(lay *L, int y);
int staff_view_adjust(lay *L, int y);
int staff_view_enrol_pin(lay *L, int y);
int staff_view_enrol_code(lay *L, int y);
int staff_view_find(lay *L, int y);
int staff_view_patient(lay *L, int y);
int staff_view_erase(lay *L, int y);
int staff_view_reset(lay *L, int y);
int staff_view_import_pin(lay *L, int y);
int staff_view_send(lay *L, int y);
/* A line on what became of the last software package, when there is news
 * (send_view.c); y unchanged when there is none. */
int staff_software_line(lay *L, int y);
int staff_view_session_ask(lay *L, int y);
int staff_view_undo(lay *L, int y); /* the Undo control, while it lasts */

/* Staff mode's flow (staff.c). */
void staff_flow(app *a, int f);
void staff_enter(app *a); /* OK on a staff screen's pad or keyboard */
void staff_plan(app *a, int plan);
/* Back from the plans (to the patient in hand, or staff home) and from an import. */
void staff_back_plans(app *a);
void staff_import_done(app *a);

/* Today's session (session.c): record it (asking first when one is
 * recorded today already), record another after asking, undo the one just
 * recorded (for a minute), and forget it when staff mode opens anew. */
void staff_session_record(app *a);
void staff_session_another(app *a);
void staff_session_undo(app *a);
int staff_undo_pending(app *a);
void staff_session_forget(app *a);

/* The staff PIN (staffpin.c): OK on its pad; at start, wrong staff PINs
 * from before a restart still count. */
void staff_pin_enter(app *a);
void staff_restore_lock(app *a);
/* mesokiosk --set-staff-pin's part at the terminal (staffpin.c): asks for
 * a new staff PIN twice with echo off (or reads one line from a pipe) and
 * writes its Argon2id hash into hash. The PIN itself is wiped. With others
 * (the configuration as it is), a PIN another member of staff has (or the
 * shared one, for a named PIN) is refused with MK_EEXIST: name's own (NULL:
 * the shared one) may be set again. */
int staff_pin_ask_hash(char hash[STORE_HASH_MAX], const app_config *others, const char *name);

#endif
