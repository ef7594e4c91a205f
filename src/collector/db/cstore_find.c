/* SPDX-License-Identifier: MIT */
/*
 * Finding patients for the dashboard's list: a page of those that match a
 * code's beginning, the kiosk that enrolled them, a day with records and
 * whether an alert waits, with how many match in all.
 *
 * The page is chosen first, in a subquery ordered by (code, uuid) that an
 * index serves, and only its rows get their counts (CS_PATIENT_COLS), so a
 * page of 50 costs about the same with 10 patients or 10,000. The filters
 * that look at records go through the index on records (patient_uuid,
 * created_at), one probe per patient; the patients with an alert nobody
 * acknowledged are found once from the alerts' own index (CS_OPEN_ALERT)
 * rather than asked of every patient.
 */
#include "cstore_int.h"
#include "core.h"
#include <ctype.h>
#include <string.h>

/* $1 code prefix (upper case, with %), $2 kiosk, $3 from, $4 to, $5 alerts. */
#define MATCH \
	" FROM patients p WHERE p.code <> '' AND ($1 = '%' OR UPPER(p.code) LIKE $1)" \
	" AND ($2 = '' OR p.kiosk_id = $2)" \
	" AND ($3 = 0 OR EXISTS (SELECT 1 FROM records r WHERE r.patient_uuid = p.uuid" \
	"  AND r.created_at >= $3 AND r.created_at < $4))" \
	" AND ($5 <> 1 OR " CS_OPEN_ALERT ") AND ($5 <> 2 OR NOT (" CS_OPEN_ALERT "))"

/* The code's beginning as a LIKE pattern: letters, digits and '-' only
 * (what codes are made of), so nothing in it is a wildcard. */
static int prefix(const char *code, char out[20])
{
	size_t i = 0;
	for (; code && code[i]; i++) {
		unsigned char c = (unsigned char)code[i];
		if (i >= 16 || !(isalnum(c) || c == '-'))
			return mk_err(MK_EINVAL, "a patient code has only letters, digits and '-'");
		out[i] = (char)toupper(c);
	}
	out[i] = '%';
	out[i + 1] = 0;
	return 0;
}

int cstore_patients_find(cstore *cs, const cstore_patient_query *q, cstore_patient *out, int max,
			 int *n, int64_t *total)
{
	char like[20];
	const char *kiosk = q->kiosk ? q->kiosk : "";
	int64_t to = q->from && !q->to ? INT64_MAX : q->to;
	cdb_stmt *st;
	*n = 0;
	*total = 0;
	int rc = prefix(q->code, like);
	if (rc)
		return rc;
	if (max <= 0 || q->offset < 0 || q->alerts < 0 || q->alerts > 2)
		return mk_err(MK_EINVAL, "not a page of the patient list");
	cdb *db = cs_take(cs);
	rc = cs_int(db, total, "SELECT COUNT(*)" MATCH, "ttiid", like, kiosk, q->from, to, q->alerts);
	if (!rc && *total > q->offset)
		rc = cs_query(db, &st, CS_PATIENT_COLS " FROM (SELECT p.*" MATCH
			      " ORDER BY p.code, p.uuid LIMIT $6 OFFSET $7) p ORDER BY p.code, p.uuid",
			      "ttiiddd", like, kiosk, q->from, to, q->alerts, max, q->offset);
	if (!rc && *total > q->offset)
		rc = cs_patient_rows(st, out, n);
	cs_give(cs, db);
	return rc;
}
