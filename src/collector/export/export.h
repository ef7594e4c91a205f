/* SPDX-License-Identifier: MIT */
/*
 * Exports of what the collector holds, opened with the clinic's key pair:
 * an HL7 FHIR R4 transaction Bundle (fhir.c) and CSV (csv.c). Both the
 * dashboard's download buttons and `mesokiosk-collector export` use these.
 *
 * FHIR (R4, JSON): per patient, Patient (identifier = the pseudonymous
 * patient code, system EXPORT_CODE_SYSTEM), EpisodeOfCare per course,
 * Encounter per session done, one Questionnaire (the questionnaire's item
 * ids as linkIds, from the reports' content versions), QuestionnaireResponse
 * per report (linkId = the Lua questionnaire's item id, answer valueInteger
 * 0-4; the note as a string item "note"), Observation per answered item
 * (valueInteger 0-4, derivedFrom the response), a Flag per red-flag alert,
 * Media per photo (bodySite text = the area, content
 * contentType and size, no image data) and one Provenance per record
 * (target, recorded, agent = the kiosk as a Device). Every entry is a PUT
 * to "Type/id" with the record's UUID as id (derived ids are the UUID plus
 * "-" and the linkId), so importing the same bundle twice changes nothing.
 */
#ifndef MK_EXPORT_H
#define MK_EXPORT_H

#include "cstore.h"
#include <stdint.h>
#include <stdio.h>

#define EXPORT_CODE_SYSTEM "urn:mesokiosk:patient-code"

typedef struct {
	const char *patient; /* a code or UUID; NULL: every patient */
	int64_t from, to;    /* records created in [from, to); 0, 0: any time */
	const uint8_t *pk, *sk; /* the clinic's key pair */
} export_query;

/* Writes one transaction Bundle with everything the query selects.
 * MK_EPERM when the key pair does not open the records. */
int export_fhir(cstore *cs, const export_query *q, FILE *out);
/* Writes CSV (RFC 4180, UTF-8, a header line): one line per answered item
 * of each report: patient_code, course_uuid, session, report_uuid,
 * created_at (ISO 8601 UTC), item, score, plus one line per alert (item
 * "alert:<rule>", score = level) and per photo (item "photo:<area>"). */
int export_csv(cstore *cs, const export_query *q, FILE *out);

#endif
