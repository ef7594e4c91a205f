/* SPDX-License-Identifier: MIT */
/*
 * What the export files share (export.c, fhir.c, fhir_res.c, csv.c): the
 * selection (patients with their courses and the records the query picks),
 * opening one record into a jansson object, and small formatters. An export
 * reads and decrypts everything it will write before it writes a byte, so
 * a wrong key or a failing database leaves the output untouched.
 */
#ifndef MK_EXPORT_INT_H
#define MK_EXPORT_INT_H

#include "export.h"
#include <jansson.h>

typedef struct {
	cstore_patient p;
	cstore_course *courses; /* oldest first, each with its sessions */
	int n_courses;
	cstore_row *rows;       /* the records selected, oldest first */
	int n_rows;
} export_patient;

typedef struct {
	export_patient *pt;     /* by code; courses and rows only inside export_each */
	int n;
	cstore_kiosk *kiosks;   /* every kiosk, for the FHIR Devices' names */
	int n_kiosks;
} export_set;

/* The query's patients (one, or all by code) and the kiosks. MK_ENOTFOUND
 * when the named patient is unknown. */
int export_select(cstore *cs, const export_query *q, export_set *out);
void export_set_free(export_set *s);
/* Calls fn for each patient of set in turn with their courses and the
 * records of [from, to) read (with a time range and no patient named,
 * only for those with a record in it), freed again once fn returns; stops
 * at the first failure. */
int export_each(cstore *cs, const export_query *q, const export_set *set,
		int (*fn)(void *ctx, const export_patient *p), void *ctx);
/* A record's decrypted content as a JSON object. MK_EPERM for a wrong key;
 * MK_EINVAL when the content is not a JSON object, or answers more than
 * EXPORT_MAX_ANSWERS items (the callers skip such a record; the log line
 * names only its UUID). The jansson copy is not
 * wiped when freed (jansson's allocator); the decrypted bytes are. */
int export_record(cstore *cs, const export_query *q, const cstore_row *r, json_t **out);

/* After export_record answered MK_EPERM for r: logs it and notes it in
 * *unopened. An export goes on without such records, unless none opened at
 * all (export_key_wrong): then the key is the clinic's wrong one. */
void export_unopened(const cstore_row *r, int *unopened);
/* MK_EPERM (with the message) when records were there and none opened. */
int export_key_wrong(int opened, int unopened);

/* The most answers a report can carry: the most items a kiosk
 * questionnaire has (CONTENT_QUESTIONNAIRE_MAX_ITEMS, TRACK_MAX_ITEMS). A
 * report with more did not come from a kiosk's questionnaire: export_record
 * refuses it (MK_EINVAL, logged), so no export's cost grows with it. */
#define EXPORT_MAX_ANSWERS 48

#define EXPORT_TIME 32
/* Unix seconds as ISO 8601 UTC: "2026-11-01T09:30:00Z". */
const char *export_time(int64_t t, char out[EXPORT_TIME]);
/* Free text made safe for a FHIR string and a CSV field: invalid UTF-8 and
 * control characters become U+FFFD or a space, the Unicode spaces that a
 * JSON schema's \S refuses become plain spaces, both ends trimmed. NULL
 * when nothing is left (or no memory); free() the result. */
char *export_text(const char *s);
/* The body area's name: the photo record's "area" when it has one, else
 * the number as the kiosk's content numbers them. */
const char *export_area(json_t *meta, int area);
/* The session's UUID when course_uuid names one of the patient's courses
 * and that course has a session number `session` (1-based); else NULL. */
const char *export_session_uuid(const export_patient *p, const char *course_uuid, int session);
/* A growing text buffer whose old copies are wiped as it grows: an export
 * is built whole in one (or two) of these, then written. */
typedef struct {
	char *s;
	size_t len, cap;
	int failed; /* out of memory: later puts do nothing */
} export_buf;
void export_put(export_buf *b, const char *s, size_t n);
void export_puts(export_buf *b, const char *s);
/* Wipes and frees the buffer's memory. */
void export_buf_free(export_buf *b);
/* Writes the n buffers to out in order and flushes; then frees them all
 * (wiped). MK_ENOMEM when one of them ran out of memory (nothing is
 * written then), MK_EIO when writing fails. */
int export_write(FILE *out, export_buf *const *bufs, int n);

/* ---- FHIR (fhir.c builds the bundle, fhir_res.c the records' resources) */

#define FHIR_ID 65 /* [A-Za-z0-9.-]{1,64} + NUL */

/* The Questionnaires' linkIds, one ordered set per content version. */
typedef struct fhir_qn fhir_qn;

typedef struct {
	cstore *cs;
	const export_query *q;
	const export_set *set;
	export_buf *out;  /* the entries not written yet, one a line, ",\n" between */
	FILE *file;       /* where the bundle goes, a patient at a time */
	int written;      /* entries are in file already (its first line too) */
	fhir_qn *qn;      /* the Questionnaires' linkIds by content version (fhir_qn.c) */
	json_t *devices;  /* kiosk id -> true, the kiosks records came from */
	json_t *issues;   /* what was left out, for the OperationOutcome: array of strings */
	int opened, unopened; /* records that opened with the key / did not */
} fhir_ctx;

/* A FHIR id from base, or base + "-" + suffix (suffix NULL: none). When
 * that is not a valid id, the part that is not is replaced by 16 hex
 * digits of its SHA-256, so the id stays stable and distinct. */
void fhir_id(char out[FHIR_ID], const char *base, const char *suffix);
/* {"resourceType": type, "id": id}: the start of a resource. */
json_t *fhir_res(const char *type, const char *id);
/* {"reference": "Type/id"}, with display when not NULL. */
json_t *fhir_ref(const char *type, const char *id, const char *display);
/* Appends the entry to x->out as one line of JSON: fullUrl (urn:uuid,
 * derived from "Type/id"), resource (stolen), request PUT "Type/id".
 * 0 or MK_ENOMEM. */
int fhir_entry(fhir_ctx *x, json_t *res);
/* {"text": text} with one coding of system/code when code is not NULL. */
json_t *fhir_concept(const char *system, const char *code, const char *display, const char *text);
/* The canonical URL and id of the Questionnaire of a content version. */
void fhir_qn_id(const char *version, char id[FHIR_ID]);

int fhir_qn_new(fhir_qn **out);
void fhir_qn_free(fhir_qn *q);
/* Adds a report's answered linkIds (an array of strings, in the report's
 * order) to the Questionnaire of its content version: an id not listed yet
 * goes before the next of the report's ids that is, else at the end. One
 * hash lookup per id (a report's cost is linear in its ids). */
int fhir_qn_add(fhir_qn *q, const char *version, json_t *ids);
/* A new object: content version -> array of linkIds in questionnaire
 * order. NULL when out of memory. */
json_t *fhir_qn_items(const fhir_qn *q);
/* Notes a record left out of the export (the log line is the caller's):
 * the bundle ends with an OperationOutcome that lists them. */
int fhir_issue(fhir_ctx *x, const char *what);

/* The resources of one record of patient p (content already opened):
 * a report's QuestionnaireResponse and Observations, an alert's Flag, a
 * photo's Media; each with its Provenance. */
int fhir_record(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *content);

#endif
