/* SPDX-License-Identifier: MIT */
/*
 * The screens beyond the content pages, as one table: a row per screen says
 * how it is laid out, what OK on its pad or keyboard does, where Back leads,
 * its title, who it is for, what may be typed on it and whether it is
 * laid out again every second. The router (screens/router.c, kit.c) reads
 * a row instead of switching on the screen, so a new screen is a row here
 * and a pair of files in src/screens or src/staff: its view and its flow.
 * The table lives in the shell because it joins the two: staff mode's rows
 * and hooks point up into src/staff, which the screens never include.
 * Like luaL_Reg or Redis's static_configs[], the table is the one place to
 * look for what a screen is.
 */
#include "app.h"

#define PATIENT SCR_WHO_PATIENT
#define STAFF SCR_WHO_STAFF
#define HANDOVER SCR_WHO_HANDOVER
#define BACK SCR_BACK_BUTTON
#define EVERY_S SCR_EVERY_SECOND

static const scr_def screens[] = {
	/* id                  view                   enter              back              back_fn           title                 who       flags  entry               top */
	{ SCR_PAGE,            NULL,                  NULL,              SCR_PAGE,         NULL,             NULL,                 PATIENT,  0,     SCR_ENTRY_NONE,      48 },
	{ SCR_SIGNIN_CODE,     scr_view_signin,       scr_enter_next,    SCR_PAGE,         NULL,             "signin_title",       PATIENT,  0,     SCR_ENTRY_CODE,      48 },
	{ SCR_SIGNIN_PIN,      scr_view_signin,       scr_enter_pin,     SCR_PAGE,         scr_back_pin,     "signin_title",       PATIENT,  BACK,  SCR_ENTRY_PIN,       48 },
	{ SCR_CONSENT,         scr_view_consent,      NULL,              SCR_PAGE,         NULL,             "consent_title",      PATIENT,  0,     SCR_ENTRY_NONE,      48 },
	{ SCR_COURSE,          scr_view_course,       NULL,              SCR_PAGE,         NULL,             "course_title",       PATIENT,  0,     SCR_ENTRY_NONE,      48 },
	{ SCR_AREAS,           scr_view_areas,        NULL,              SCR_COURSE,       NULL,             "areas_title",        PATIENT,  BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_ITEM,            scr_view_item,         NULL,              SCR_PAGE,         scr_back_item,    NULL,                 PATIENT,  BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_NOTE,            scr_view_note,         scr_enter_next,    SCR_PAGE,         scr_back_note,    "note_title",         PATIENT,  BACK,  SCR_ENTRY_NOTE,      48 },
	{ SCR_REVIEW,          scr_view_review,       NULL,              SCR_NOTE,         NULL,             "review_title",       PATIENT,  BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_FLAG,            scr_view_flag,         NULL,              SCR_PAGE,         NULL,             NULL,                 PATIENT,  0,     SCR_ENTRY_NONE,      48 },
	{ SCR_SAVED,           scr_view_saved,        NULL,              SCR_PAGE,         NULL,             "saved_title",        PATIENT,  0,     SCR_ENTRY_NONE,      48 },
	{ SCR_PROGRESS,        scr_view_progress,     NULL,              SCR_COURSE,       NULL,             "progress_title",     PATIENT,  BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_PIN,       staff_view_pin,        staff_pin_enter,   SCR_PAGE,         NULL,             "staff_pin_title",    STAFF,    0,     SCR_ENTRY_STAFF_PIN, 48 },
	{ SCR_STAFF,           staff_view_home,       staff_enter,       SCR_PAGE,         NULL,             "staff_title",        STAFF,    0,     SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_PLANS,     staff_view_plans,      staff_enter,       SCR_PAGE,         staff_back_plans, "staff_choose_plan",  STAFF,    BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_ADJUST,    staff_view_adjust,     staff_enter,       SCR_STAFF_PLANS,  NULL,             "staff_adjust",       STAFF,    BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_ENROL_PIN,       staff_view_enrol_pin,  staff_enter,       SCR_STAFF_ADJUST, NULL,             NULL,                 HANDOVER, BACK,  SCR_ENTRY_NEW_PIN,   48 },
	{ SCR_ENROL_CODE,      staff_view_enrol_code, staff_enter,       SCR_PAGE,         NULL,             "enrol_code_title",   HANDOVER, 0,     SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_FIND,      staff_view_find,       staff_enter,       SCR_STAFF,        NULL,             "staff_find",         STAFF,    BACK,  SCR_ENTRY_CODE,      48 },
	{ SCR_STAFF_PATIENT,   staff_view_patient,    staff_enter,       SCR_STAFF_FIND,   NULL,             NULL,                 STAFF,    BACK | EVERY_S, SCR_ENTRY_NONE, 48 },
	{ SCR_STAFF_ERASE,     staff_view_erase,      staff_enter,       SCR_STAFF_PATIENT, NULL,            NULL,                 STAFF,    BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_RESET,     staff_view_reset,      staff_enter,       SCR_STAFF_PATIENT, NULL,            NULL,                 HANDOVER, BACK,  SCR_ENTRY_NEW_PIN,   48 },
	{ SCR_PHOTO_AREA,      scr_view_photo_area,   NULL,              SCR_COURSE,       NULL,             NULL,                 PATIENT,  BACK,  SCR_ENTRY_NONE,      40 },
	{ SCR_CAMERA,          scr_view_camera,       NULL,              SCR_PHOTO_AREA,   NULL,             NULL,                 PATIENT,  BACK,  SCR_ENTRY_NONE,      40 },
	{ SCR_PHOTOS,          scr_view_photos,       NULL,              SCR_COURSE,       NULL,             "photos_title",       PATIENT,  BACK,  SCR_ENTRY_NONE,      40 },
	{ SCR_PHOTO_VIEW,      scr_view_photo_view,   NULL,              SCR_PHOTOS,       NULL,             NULL,                 PATIENT,  BACK,  SCR_ENTRY_NONE,      40 },
	{ SCR_COMPARE,         scr_view_compare,      NULL,              SCR_PHOTOS,       NULL,             NULL,                 PATIENT,  BACK,  SCR_ENTRY_NONE,      40 },
	{ SCR_STAFF_IMPORT_PIN, staff_view_import_pin, staff_enter,       SCR_STAFF_PATIENT, NULL,            "photo_import_title", HANDOVER, BACK,  SCR_ENTRY_PIN,       48 },
	{ SCR_STAFF_IMPORT,    scr_view_import,       staff_enter,       SCR_PAGE,         staff_import_done, "photo_import_title", STAFF,   0,     SCR_ENTRY_NONE,      40 },
	{ SCR_STAFF_SEND,      staff_view_send,       staff_enter,       SCR_STAFF,        NULL,             "send_title",         STAFF,    BACK | EVERY_S, SCR_ENTRY_NONE, 48 },
	{ SCR_LEAVE_ASK,       scr_view_leave,        NULL,              SCR_PAGE,         scr_back_leave,   "leave_title",        PATIENT,  BACK,  SCR_ENTRY_NONE,      48 },
	{ SCR_STAFF_SESSION_ASK, staff_view_session_ask, staff_enter,    SCR_STAFF_PATIENT, NULL,            "staff_session_again_title", STAFF, BACK, SCR_ENTRY_NONE, 48 },
};

_Static_assert(sizeof screens / sizeof screens[0] == SCR_COUNT, "one row per screen");

/* Staff mode's part of the router: the buttons and the start-up the
 * patient screens leave to it. */
const scr_table app_screens = {
	.rows = screens, .flow = staff_flow, .plan = staff_plan, .opened = staff_restore_lock,
};

const scr_def *scr_def_of(scr_id id)
{
	if ((int)id < 0 || id >= SCR_COUNT)
		return &screens[SCR_PAGE];
	MK_ASSERT(screens[id].id == id); /* each row at its screen's place */
	return &screens[id];
}
