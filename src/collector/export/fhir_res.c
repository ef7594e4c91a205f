/* SPDX-License-Identifier: MIT */
/*
 * The FHIR resources of one record, from its decrypted content:
 *   report  QuestionnaireResponse (linkId = the questionnaire's item id,
 *           valueInteger 0-4, the areas and the note as string items) and
 *           one Observation per answered item, derivedFrom the response;
 *   alert   Flag (code = the red-flag rule, priority from its level);
 *   photo   Media (bodySite = the area; the image's type and size, which
 *           means decrypting it once, but never its bytes);
 * and one Provenance per record naming what it produced, the kiosk (a
 * Device) and, for what the patient entered, the patient as author.
 *
 * An answer that is not an integer 0-4 under a usable item id is left out
 * (and counted in the log, without content): the Questionnaire promises
 * 0-4, and a linkId must be a code (no spaces) to serve as one.
 */
#include "core.h"
#include "export_int.h"
#include <stdlib.h>
#include <string.h>

#define ITEM_SYSTEM "urn:mesokiosk:questionnaire-item"
#define RULE_SYSTEM "urn:mesokiosk:red-flag"
#define SHA_SYSTEM "urn:mesokiosk:image-sha256"
#define OBS_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"
#define FLAG_CATEGORY "http://terminology.hl7.org/CodeSystem/flag-category"
#define FLAG_PRIORITY "http://hl7.org/fhir/StructureDefinition/flag-priority"
#define FLAG_PRIORITY_CODE "http://terminology.hl7.org/CodeSystem/flag-priority-code"
#define MEDIA_TYPE "http://terminology.hl7.org/CodeSystem/media-type"
#define PARTICIPANT "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
#define PHOTO_UNREADABLE 1 /* image_info: the file does not open */

/* Usable as a linkId and as a code: 1-64 printable ASCII, no spaces, and
 * not one of the response's own string items. */
static int code_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 64 || !strcmp(k, "note") || !strcmp(k, "areas"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)k[i] <= 0x20 || (unsigned char)k[i] >= 0x7F)
			return 0;
	return 1;
}

/* A BCP 47 tag as the kiosk writes it ("en", "ar", "fr-CA"). */
static int lang_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 16)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i > 0)))
			return 0;
	return 1;
}

/* subject, encounter (when the session is known) and the time field
 * (time_key NULL: none). */
static void context(json_t *res, const export_patient *p, const cstore_row *r,
		    const char *time_key)
{
	char pid[FHIR_ID], eid[FHIR_ID], t[EXPORT_TIME];
	const char *sess = export_session_uuid(p, r->course_uuid, r->session);
	fhir_id(pid, p->p.uuid, NULL);
	json_object_set_new(res, "subject", fhir_ref("Patient", pid, NULL));
	if (sess) {
		fhir_id(eid, sess, NULL);
		json_object_set_new(res, "encounter", fhir_ref("Encounter", eid, NULL));
	}
	if (time_key)
		json_object_set_new(res, time_key, json_string(export_time(r->created_at, t)));
}

static json_t *agent(const char *role, const char *display, json_t *who)
{
	json_t *a = json_pack("{s:o}", "type", fhir_concept(PARTICIPANT, role, display, NULL));
	json_object_set_new(a, "who", who);
	return a;
}

static int provenance(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *targets,
		      int by_patient)
{
	char id[FHIR_ID], did[FHIR_ID], pid[FHIR_ID], t[EXPORT_TIME], name[64];
	fhir_id(id, r->uuid, NULL);
	fhir_id(did, r->kiosk, NULL);
	fhir_id(pid, p->p.uuid, NULL);
	snprintf(name, sizeof name, "Mesokiosk %s", r->kiosk);
	if (json_object_set_new(x->devices, r->kiosk, json_true()))
		return mk_err(MK_ENOMEM, "out of memory");
	json_t *pv = fhir_res("Provenance", id), *agents = json_array();
	json_object_set_new(pv, "target", targets);
	json_object_set_new(pv, "recorded", json_string(export_time(r->created_at, t)));
	if (by_patient)
		json_array_append_new(agents, agent("author", "Author",
						    fhir_ref("Patient", pid, NULL)));
	json_array_append_new(agents, agent(by_patient ? "enterer" : "author",
					    by_patient ? "Enterer" : "Author",
					    fhir_ref("Device", did, name)));
	json_object_set_new(pv, "agent", agents);
	return fhir_entry(x, pv);
}

static json_t *observation(const export_patient *p, const cstore_row *r, const char *qr_id,
			   const char *link, json_int_t v)
{
	char id[FHIR_ID];
	fhir_id(id, r->uuid, link);
	json_t *o = fhir_res("Observation", id);
	json_object_set_new(o, "status", json_string("final"));
	json_object_set_new(o, "category", json_pack("[o]", fhir_concept(OBS_CATEGORY, "survey",
									"Survey", NULL)));
	json_object_set_new(o, "code", fhir_concept(ITEM_SYSTEM, link, NULL, link));
	context(o, p, r, "effectiveDateTime");
	json_object_set_new(o, "valueInteger", json_integer(v));
	json_object_set_new(o, "derivedFrom", json_pack("[o]", fhir_ref("QuestionnaireResponse",
									qr_id, NULL)));
	return o;
}

/* The areas and the note, as string items (none when empty). */
static void text_items(json_t *items, json_t *c)
{
	json_t *areas = json_array(), *v;
	size_t i;
	json_array_foreach(json_object_get(c, "areas"), i, v) {
		char *s = export_text(json_string_value(v));
		if (s)
			json_array_append_new(areas, json_pack("{s:s}", "valueString", s));
		free(s);
	}
	if (json_array_size(areas))
		json_array_append_new(items, json_pack("{s:s, s:o}", "linkId", "areas", "answer", areas));
	else
		json_decref(areas);
	char *note = export_text(json_string_value(json_object_get(c, "note")));
	if (note)
		json_array_append_new(items, json_pack("{s:s, s:[{s:s}]}", "linkId", "note", "answer",
						       "valueString", note));
	free(note);
}

static int report(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *c)
{
	char id[FHIR_ID], qid[FHIR_ID], url[128], pid[FHIR_ID];
	const char *version = json_string_value(json_object_get(c, "content_version")), *key;
	const char *lang = json_string_value(json_object_get(c, "lang"));
	json_t *ids = json_array(), *items = json_array(), *targets = json_array(), *v;
	int rc = 0, skipped = 0;
	json_object_foreach(json_object_get(c, "answers"), key, v) {
		json_int_t s = json_integer_value(v);
		if (!json_is_integer(v) || s < 0 || s > 4 || !code_ok(key)) {
			skipped++;
			continue;
		}
		json_array_append_new(ids, json_string(key));
		json_array_append_new(items, json_pack("{s:s, s:[{s:I}]}", "linkId", key, "answer",
						       "valueInteger", s));
	}
	if (skipped)
		mk_log(MK_LOG_WARN, "export-answers-skipped", "uuid=%s n=%d", r->uuid, skipped);
	text_items(items, c);
	fhir_id(id, r->uuid, NULL);
	fhir_id(pid, p->p.uuid, NULL);
	fhir_qn_id(version ? version : "", qid);
	snprintf(url, sizeof url, "urn:mesokiosk:questionnaire:%s", qid);
	json_t *qr = fhir_res("QuestionnaireResponse", id);
	if (lang_ok(lang))
		json_object_set_new(qr, "language", json_string(lang));
	json_object_set_new(qr, "questionnaire", json_string(url));
	json_object_set_new(qr, "status", json_string("completed"));
	context(qr, p, r, "authored");
	json_object_set_new(qr, "source", fhir_ref("Patient", pid, NULL));
	if (json_array_size(items))
		json_object_set_new(qr, "item", items);
	else
		json_decref(items);
	json_array_append_new(targets, fhir_ref("QuestionnaireResponse", id, NULL));
	rc = fhir_entry(x, qr);
	for (size_t i = 0; !rc && i < json_array_size(ids); i++) {
		const char *link = json_string_value(json_array_get(ids, i));
		json_t *o = observation(p, r, id, link,
					json_integer_value(json_object_get(
						json_object_get(c, "answers"), link)));
		json_array_append_new(targets, fhir_ref("Observation",
							json_string_value(json_object_get(o, "id")),
							NULL));
		rc = fhir_entry(x, o);
	}
	if (!rc)
		rc = fhir_qn_add(x->qn, version ? version : "", ids);
	json_decref(ids);
	if (!rc)
		return provenance(x, p, r, targets, 1);
	json_decref(targets);
	return rc;
}

static int alert(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *c)
{
	char id[FHIR_ID], did[FHIR_ID], t[EXPORT_TIME];
	const char *rule = json_string_value(json_object_get(c, "rule"));
	const char *level = json_string_value(json_object_get(c, "level"));
	if (!level || (strcmp(level, "emergency") && strcmp(level, "call")))
		level = r->alert_level >= 2 ? "emergency" : "call";
	int high = !strcmp(level, "emergency");
	char *text = export_text(rule);
	fhir_id(id, r->uuid, NULL);
	fhir_id(did, r->kiosk, NULL);
	json_t *f = fhir_res("Flag", id);
	json_object_set_new(f, "extension", json_pack("[{s:s, s:o}]", "url", FLAG_PRIORITY,
						      "valueCodeableConcept",
						      fhir_concept(FLAG_PRIORITY_CODE, high ? "PH" : "PM",
								   high ? "High priority" : "Medium priority",
								   level)));
	json_object_set_new(f, "status", json_string("active"));
	json_object_set_new(f, "category", json_pack("[o]", fhir_concept(FLAG_CATEGORY, "clinical",
									"Clinical", NULL)));
	json_object_set_new(f, "code", fhir_concept(RULE_SYSTEM, rule && code_ok(rule) ? rule : NULL,
						    NULL, text ? text : "red flag"));
	free(text);
	context(f, p, r, NULL);
	json_object_set_new(f, "period", json_pack("{s:s}", "start", export_time(r->created_at, t)));
	json_object_set_new(f, "author", fhir_ref("Device", did, NULL));
	if (json_object_set_new(x->devices, r->kiosk, json_true()))
		return mk_err(MK_ENOMEM, "out of memory");
	int rc = fhir_entry(x, f);
	json_t *targets = json_pack("[o]", fhir_ref("Flag", id, NULL));
	return rc ? (json_decref(targets), rc) : provenance(x, p, r, targets, 0);
}

/* The image's type and size; both unknown (0) when its file is missing;
 * PHOTO_UNREADABLE when it is there but does not open. */
static int image_info(fhir_ctx *x, const cstore_row *r, const char **type, int64_t *size)
{
	uint8_t *b = NULL;
	size_t n = 0;
	*type = "image/jpeg";
	*size = 0;
	int rc = cstore_open_photo(x->cs, x->q->pk, x->q->sk, r->uuid, 0, &b, &n);
	if (rc == MK_ENOTFOUND)
		return 0;
	/* The photo's record opened with this key (export_record), so a file
	 * that does not is damaged, not the key wrong: that photo is left out
	 * and named, and the export goes on. */
	if (rc == MK_EPERM || rc == MK_EINVAL || rc == MK_ECONTENT) {
		mk_log(MK_LOG_WARN, "export-skip", "uuid=%s kind=photo reason=file-unreadable",
		       r->uuid);
		return PHOTO_UNREADABLE;
	}
	if (rc)
		return rc;
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
		*type = "image/png";
	else if (!(n >= 3 && !memcmp(b, "\xFF\xD8\xFF", 3)))
		*type = "application/octet-stream";
	*size = (int64_t)n;
	cstore_plain_free(b, n);
	return 0;
}

static int photo(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *c)
{
	char id[FHIR_ID], t[EXPORT_TIME], title[96];
	const char *type, *sha = json_string_value(json_object_get(c, "sha256"));
	int64_t size;
	int rc = image_info(x, r, &type, &size);
	if (rc == PHOTO_UNREADABLE) {
		char what[160];
		snprintf(what, sizeof what, "photo %s: its image file could not be read (damaged);"
			 " left out of this export", r->uuid);
		return fhir_issue(x, what);
	}
	if (rc)
		return rc;
	char *area = export_text(export_area(c, r->area));
	fhir_id(id, r->uuid, NULL);
	snprintf(title, sizeof title, "%s, session %d", area ? area : "other", r->session);
	json_t *m = fhir_res("Media", id);
	if (sha && code_ok(sha))
		json_object_set_new(m, "identifier", json_pack("[{s:s, s:s}]", "system", SHA_SYSTEM,
							       "value", sha));
	json_object_set_new(m, "status", json_string("completed"));
	json_object_set_new(m, "type", fhir_concept(MEDIA_TYPE, "image", "Image", "photo"));
	context(m, p, r, "createdDateTime");
	json_object_set_new(m, "bodySite", fhir_concept(NULL, NULL, NULL, area ? area : "other"));
	if (r->width > 0 && r->height > 0) {
		json_object_set_new(m, "width", json_integer(r->width));
		json_object_set_new(m, "height", json_integer(r->height));
	}
	json_t *att = json_pack("{s:s}", "contentType", type);
	if (size > 0)
		json_object_set_new(att, "size", json_integer(size));
	json_object_set_new(att, "title", json_string(title));
	json_object_set_new(att, "creation", json_string(export_time(r->created_at, t)));
	json_object_set_new(m, "content", att);
	free(area);
	rc = fhir_entry(x, m);
	json_t *targets = json_pack("[o]", fhir_ref("Media", id, NULL));
	return rc ? (json_decref(targets), rc) : provenance(x, p, r, targets, 1);
}

int fhir_record(fhir_ctx *x, const export_patient *p, const cstore_row *r, json_t *content)
{
	if (!strcmp(r->kind, "report"))
		return report(x, p, r, content);
	if (!strcmp(r->kind, "alert"))
		return alert(x, p, r, content);
	if (!strcmp(r->kind, "photo"))
		return photo(x, p, r, content);
	return 0;
}
