/* SPDX-License-Identifier: MIT */
/*
 * The FHIR R4 transaction Bundle: the patients' context (Patient,
 * EpisodeOfCare per course, Encounter per session done), the kiosks as
 * Devices and one Questionnaire per content version; fhir_res.c adds each
 * record's resources.
 *
 * Importing the same bundle twice must change nothing, so every entry is a
 * PUT to "Type/id" with an id that depends only on what is exported (the
 * record's UUID, or UUID + "-" + linkId), fullUrl is a UUID derived from
 * "Type/id" (a Provenance shares its record's UUID, so the UUID alone would
 * not be unique in the bundle), and the entries come in the same order
 * every time: per patient (by code) the Patient, courses and sessions, and
 * the records oldest first; then the Questionnaires, Devices and the
 * OperationOutcome that names what was left out (a record no kiosk would
 * write or that does not open while others do, a photo whose file does not
 * open; none when nothing was). The bundle is written a patient at a time
 * (export_each), so exporting the whole clinic streams at the memory of
 * one patient. Only
 * Bundle.timestamp differs between two runs; each entry is one line of
 * the output, so two exports compare with diff. References are relative
 * ("Patient/ID"): every target is PUT in the same transaction.
 *
 * A Questionnaire lists the linkIds the exported reports of its content
 * version answered, in the order the reports give them (the questionnaire's
 * order; fhir_qn.c), since the collector does not have the kiosks' Lua
 * content. One damaged record or photo does not stop the export: it is
 * left out, logged by UUID and listed in the OperationOutcome.
 */
#define _POSIX_C_SOURCE 200809L
#include "core.h"
#include "crypto.h"
#include "export_int.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QN_URL "urn:mesokiosk:questionnaire:"
#define ITEM_SYSTEM "urn:mesokiosk:questionnaire-item"
#define ACT_CODE "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define EXT_MIN "http://hl7.org/fhir/StructureDefinition/minValue"
#define EXT_MAX "http://hl7.org/fhir/StructureDefinition/maxValue"

#define FHIR_QN_DESCRIPTION \
	"Symptoms after mesotherapy injections, adapted from PRO-CTCAE (the US National Cancer " \
	"Institute's Patient-Reported Outcomes version of the CTCAE); not PRO-CTCAE itself. The " \
	"recall is since the last session, not the last 7 days; some items are the clinic's own " \
	"(marked custom in the kiosk's content); the English answer wording is PRO-CTCAE's, the " \
	"Arabic and French are this project's own translations. Answers are scored 0-4."

static int id_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '.'))
			return 0;
	return 1;
}

void fhir_id(char out[FHIR_ID], const char *base, const char *suffix)
{
	char h[65], *whole = NULL;
	if (!suffix) {
		if (id_ok(base, 64)) {
			snprintf(out, FHIR_ID, "%s", base);
			return;
		}
		mkc_sha256_hex(base, strlen(base), h);
		snprintf(out, FHIR_ID, "x%.40s", h);
		return;
	}
	snprintf(out, FHIR_ID, "%s-%s", base, suffix);
	if (strlen(base) + 1 + strlen(suffix) <= 64 && id_ok(out, 64))
		return;
	if (id_ok(base, 47)) {
		mkc_sha256_hex(suffix, strlen(suffix), h);
		snprintf(out, FHIR_ID, "%s-%.16s", base, h);
		return;
	}
	whole = mk_asprintf("%s\n%s", base, suffix);
	mkc_sha256_hex(whole ? whole : base, whole ? strlen(whole) : strlen(base), h);
	free(whole);
	snprintf(out, FHIR_ID, "x%.40s", h);
}

json_t *fhir_res(const char *type, const char *id)
{
	return json_pack("{s:s, s:s}", "resourceType", type, "id", id);
}

json_t *fhir_ref(const char *type, const char *id, const char *display)
{
	char ref[128];
	snprintf(ref, sizeof ref, "%s/%s", type, id);
	return display ? json_pack("{s:s, s:s}", "reference", ref, "display", display)
		       : json_pack("{s:s}", "reference", ref);
}

json_t *fhir_concept(const char *system, const char *code, const char *display, const char *text)
{
	json_t *c = json_object();
	if (code) {
		json_t *cd = json_pack("{s:s, s:s}", "system", system, "code", code);
		if (display)
			json_object_set_new(cd, "display", json_string(display));
		json_object_set_new(c, "coding", json_pack("[o]", cd));
	}
	if (text)
		json_object_set_new(c, "text", json_string(text));
	return c;
}

/* A name-based UUID (version 8, RFC 9562) from SHA-256 of "Type/id". */
static void entry_uuid(const char *url, char out[37])
{
	static const char hexd[] = "0123456789abcdef";
	char h[65];
	int k = 0;
	mkc_sha256_hex(url, strlen(url), h);
	h[12] = '8';
	h[16] = hexd[8 + (strchr(hexd, h[16]) - hexd) % 4];
	for (int i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			out[k++] = '-';
		out[k++] = h[i];
	}
	out[k] = 0;
}

int fhir_entry(fhir_ctx *x, json_t *res)
{
	char url[160], uuid[37], full[48];
	if (!res)
		return mk_err(MK_ENOMEM, "out of memory");
	snprintf(url, sizeof url, "%s/%s", json_string_value(json_object_get(res, "resourceType")),
		 json_string_value(json_object_get(res, "id")));
	entry_uuid(url, uuid);
	snprintf(full, sizeof full, "urn:uuid:%s", uuid);
	json_t *e = json_pack("{s:s, s:o, s:{s:s, s:s}}", "fullUrl", full, "resource", res,
			      "request", "method", "PUT", "url", url);
	char *text = e ? json_dumps(e, JSON_COMPACT) : NULL;
	json_decref(e);
	if (!text)
		return mk_err(MK_ENOMEM, "out of memory");
	if (x->out->len)
		export_puts(x->out, ",\n");
	export_puts(x->out, text);
	cstore_plain_free(text, strlen(text));
	return x->out->failed ? mk_err(MK_ENOMEM, "out of memory") : 0;
}

void fhir_qn_id(const char *version, char id[FHIR_ID])
{
	char v[48];
	size_t k = 0;
	/* Readable when the version is (dates, "v3"), hashed when not. */
	for (const char *s = version; *s && k + 1 < sizeof v; s++)
		v[k++] = *s == ' ' || *s == '_' || *s == '/' || *s == ':' ? '-' : *s;
	v[k] = 0;
	fhir_id(id, "mesokiosk-symptoms", k ? v : NULL);
}

static json_t *qn_item(const char *link, const char *type, const char *text)
{
	json_t *it = json_pack("{s:s, s:s}", "linkId", link, "text", text);
	json_object_set_new(it, "type", json_string(type));
	return it;
}

static int questionnaire(fhir_ctx *x, const char *version, json_t *ids, export_buf *out)
{
	char id[FHIR_ID], url[128];
	fhir_qn_id(version, id);
	snprintf(url, sizeof url, QN_URL "%s", id);
	json_t *q = fhir_res("Questionnaire", id), *items = json_array();
	json_object_set_new(q, "url", json_string(url));
	char *v = export_text(version);
	if (v)
		json_object_set_new(q, "version", json_string(v));
	free(v);
	json_object_set_new(q, "name", json_string("MesokioskSymptoms"));
	json_object_set_new(q, "title", json_string("Symptoms since the last session"));
	json_object_set_new(q, "status", json_string("active"));
	/* What it is, for whoever maps it in their record system: not
	 * PRO-CTCAE itself (NCI allows that name only for its own items,
	 * recall and translations). */
	json_object_set_new(q, "description", json_string(FHIR_QN_DESCRIPTION));
	json_object_set_new(q, "subjectType", json_pack("[s]", "Patient"));
	for (size_t i = 0; i < json_array_size(ids); i++) {
		const char *link = json_string_value(json_array_get(ids, i));
		json_t *it = json_pack("{s:[{s:s, s:i}, {s:s, s:i}], s:s, s:[{s:s, s:s}]}",
				       "extension", "url", EXT_MIN, "valueInteger", 0, "url", EXT_MAX,
				       "valueInteger", 4, "linkId", link, "code", "system",
				       ITEM_SYSTEM, "code", link);
		json_object_set_new(it, "text", json_string(link));
		json_object_set_new(it, "type", json_string("integer"));
		json_array_append_new(items, it);
	}
	json_t *areas = qn_item("areas", "string", "Where injections were given");
	json_object_set_new(areas, "repeats", json_true());
	json_array_append_new(items, areas);
	json_array_append_new(items, qn_item("note", "text", "Note"));
	json_object_set_new(q, "item", items);
	fhir_ctx tmp = *x;
	tmp.out = out;
	return fhir_entry(&tmp, q);
}

static const char *kiosk_label(const export_set *s, const char *id)
{
	for (int i = 0; i < s->n_kiosks; i++)
		if (!strcmp(s->kiosks[i].id, id))
			return s->kiosks[i].label[0] ? s->kiosks[i].label : id;
	return id;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The Devices of the kiosks records came from, by id. */
static int devices(fhir_ctx *x, export_buf *out)
{
	size_t n = json_object_size(x->devices), k = 0;
	const char **ids = calloc(n + 1, sizeof *ids), *key;
	json_t *v;
	int rc = 0;
	if (!ids)
		return mk_err(MK_ENOMEM, "out of memory");
	json_object_foreach(x->devices, key, v)
		ids[k++] = key;
	qsort(ids, n, sizeof *ids, cmp_str);
	fhir_ctx tmp = *x;
	tmp.out = out;
	for (size_t i = 0; !rc && i < n; i++) {
		char id[FHIR_ID], *name = export_text(kiosk_label(x->set, ids[i]));
		fhir_id(id, ids[i], NULL);
		json_t *d = fhir_res("Device", id);
		json_object_set_new(d, "status", json_string("active"));
		json_object_set_new(d, "deviceName", json_pack("[{s:s, s:s}]", "name",
							       name ? name : id, "type",
							       "user-friendly-name"));
		json_object_set_new(d, "type", fhir_concept(NULL, NULL, NULL,
							    "Mesokiosk waiting-room kiosk"));
		free(name);
		rc = fhir_entry(&tmp, d);
	}
	free(ids);
	return rc;
}

static int course(fhir_ctx *x, const export_patient *p, const cstore_course *c)
{
	char t[EXPORT_TIME], id[FHIR_ID], pid[FHIR_ID], *plan = export_text(c->plan);
	char *area = export_text(c->area);
	fhir_id(id, c->uuid, NULL);
	fhir_id(pid, p->p.uuid, NULL);
	int done = c->n_sessions >= c->sessions_planned && c->n_sessions > 0;
	char *text = mk_asprintf("Mesotherapy course: plan %s, grade %d, %s, %d sessions every %d days",
				 plan ? plan : "-", c->grade, area ? area : "-",
				 c->sessions_planned, c->interval_days);
	json_t *e = fhir_res("EpisodeOfCare", id);
	json_object_set_new(e, "status", json_string(done ? "finished" : "active"));
	json_object_set_new(e, "type", json_pack("[o]", fhir_concept(NULL, NULL, NULL, text)));
	json_object_set_new(e, "patient", fhir_ref("Patient", pid, NULL));
	json_t *period = json_pack("{s:s}", "start", export_time(c->started_at, t));
	if (done)
		json_object_set_new(period, "end",
				    json_string(export_time(c->sessions[c->n_sessions - 1].done_at, t)));
	json_object_set_new(e, "period", period);
	free(plan);
	free(area);
	free(text);
	int rc = fhir_entry(x, e);
	for (int i = 0; !rc && i < c->n_sessions; i++) {
		char sid[FHIR_ID], type[64];
		fhir_id(sid, c->sessions[i].uuid, NULL);
		snprintf(type, sizeof type, "Mesotherapy session %d of %d", i + 1, c->sessions_planned);
		export_time(c->sessions[i].done_at, t);
		json_t *en = fhir_res("Encounter", sid);
		json_object_set_new(en, "status", json_string("finished"));
		json_object_set_new(en, "class", json_pack("{s:s, s:s, s:s}", "system", ACT_CODE,
							   "code", "AMB", "display", "ambulatory"));
		json_object_set_new(en, "type", json_pack("[o]", fhir_concept(NULL, NULL, NULL, type)));
		json_object_set_new(en, "subject", fhir_ref("Patient", pid, NULL));
		json_object_set_new(en, "episodeOfCare", json_pack("[o]", fhir_ref("EpisodeOfCare", id,
										     NULL)));
		json_object_set_new(en, "period", json_pack("{s:s, s:s}", "start", t, "end", t));
		rc = fhir_entry(x, en);
	}
	return rc;
}

static int patient(fhir_ctx *x, const export_patient *p)
{
	char id[FHIR_ID];
	fhir_id(id, p->p.uuid, NULL);
	json_t *pt = fhir_res("Patient", id);
	char *code = export_text(p->p.code);
	json_object_set_new(pt, "identifier", json_pack("[{s:s, s:s}]", "system", EXPORT_CODE_SYSTEM,
							"value", code ? code : "-"));
	json_object_set_new(pt, "active", json_true());
	free(code);
	int rc = fhir_entry(x, pt);
	for (int i = 0; !rc && i < p->n_courses; i++)
		rc = course(x, p, &p->courses[i]);
	for (int i = 0; !rc && i < p->n_rows; i++) {
		json_t *content = NULL;
		rc = export_record(x->cs, x->q, &p->rows[i], &content);
		if (rc == MK_EPERM) {
			char what[160];
			export_unopened(&p->rows[i], &x->unopened);
			snprintf(what, sizeof what, "%s %s: does not open with the clinic's key"
				 " (damaged); left out of this export", p->rows[i].kind,
				 p->rows[i].uuid);
			rc = fhir_issue(x, what);
			continue;
		}
		x->opened += rc == 0;
		if (rc == MK_EINVAL) {
			/* not a record this export understands: skipped, logged, named */
			char what[160];
			snprintf(what, sizeof what, "%s %s: its content is not one a kiosk writes;"
				 " left out of this export", p->rows[i].kind, p->rows[i].uuid);
			rc = fhir_issue(x, what);
			continue;
		}
		if (!rc)
			rc = fhir_record(x, p, &p->rows[i], content);
		json_decref(content);
	}
	return rc;
}

int fhir_issue(fhir_ctx *x, const char *what)
{
	return json_array_append_new(x->issues, json_string(what)) ? mk_err(MK_ENOMEM, "out of memory")
								    : 0;
}

/* What was left out, as one OperationOutcome (none when nothing was): its
 * id comes from what it lists, so the same export twice is the same PUT. */
static int outcome(fhir_ctx *x, export_buf *out)
{
	char id[FHIR_ID], *all;
	size_t i;
	json_t *v, *issue = json_array();
	if (!json_array_size(x->issues)) {
		json_decref(issue);
		return 0;
	}
	json_array_foreach(x->issues, i, v)
		json_array_append_new(issue, json_pack("{s:s, s:s, s:s}", "severity", "warning",
						       "code", "processing", "diagnostics",
						       json_string_value(v)));
	all = json_dumps(x->issues, JSON_COMPACT);
	fhir_id(id, "mesokiosk-export-skipped", all ? all : "");
	free(all);
	json_t *oo = fhir_res("OperationOutcome", id);
	json_object_set_new(oo, "issue", issue);
	fhir_ctx tmp = *x;
	tmp.out = out;
	return fhir_entry(&tmp, oo);
}

/* Writes the entries waiting in buf to x->file and empties it: the
 * bundle's first line (with the timestamp, the one thing that differs
 * between two runs) before the first of them, ",\n" between. */
static int flush(fhir_ctx *x, export_buf *buf)
{
	char t[EXPORT_TIME], *first = NULL;
	int rc = buf->failed ? mk_err(MK_ENOMEM, "out of memory") : 0;
	if (rc || !buf->len) {
		export_buf_free(buf);
		return rc;
	}
	if (!x->written)
		first = mk_asprintf("{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
				    "\"timestamp\":\"%s\",\"entry\":[\n",
				    export_time((int64_t)time(NULL), t));
	const char *sep = !x->written ? first : ",\n";
	if (!sep)
		rc = mk_err(MK_ENOMEM, "out of memory");
	else if (fputs(sep, x->file) == EOF || fwrite(buf->s, 1, buf->len, x->file) != buf->len)
		rc = mk_err(MK_EIO, "could not write the export");
	free(first);
	export_buf_free(buf);
	x->written = 1;
	return rc;
}

/* Entries are written once a record has opened with the key, so a wrong
 * key pair (no record opens) writes nothing. */
static int one_patient(void *ctx, const export_patient *p)
{
	fhir_ctx *x = ctx;
	int rc = patient(x, p);
	return rc || !x->opened ? rc : flush(x, x->out);
}

/* The end of the bundle: the Questionnaires, Devices and what was left
 * out (known once every record has been seen), then the closing line. FHIR
 * JSON has no empty arrays: no entries, no "entry". */
static int bundle_end(fhir_ctx *x)
{
	char t[EXPORT_TIME];
	export_buf qd = { 0 };
	const char *version;
	json_t *ids, *all;
	int rc = export_key_wrong(x->opened, x->unopened);
	if (rc)
		return rc;
	rc = flush(x, x->out);
	all = rc ? NULL : fhir_qn_items(x->qn);
	if (!rc && !all)
		rc = mk_err(MK_ENOMEM, "out of memory");
	json_object_foreach(all, version, ids)
		if (!rc)
			rc = questionnaire(x, version, ids, &qd);
	json_decref(all);
	if (!rc)
		rc = devices(x, &qd);
	if (!rc)
		rc = outcome(x, &qd);
	if (!rc)
		rc = flush(x, &qd);
	export_buf_free(&qd);
	if (rc)
		return rc;
	if (x->written ? fputs("\n]}\n", x->file) == EOF
		       : fprintf(x->file, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
				 "\"timestamp\":\"%s\"}\n", export_time((int64_t)time(NULL), t)) < 0)
		return mk_err(MK_EIO, "could not write the export");
	return fflush(x->file) ? mk_err(MK_EIO, "could not write the export") : 0;
}

int export_fhir(cstore *cs, const export_query *q, FILE *out)
{
	export_set set;
	export_buf body = { 0 };
	int rc = export_select(cs, q, &set);
	if (rc)
		return rc;
	fhir_ctx x = { .cs = cs, .q = q, .set = &set, .out = &body, .file = out,
		       .devices = json_object(), .issues = json_array() };
	if (fhir_qn_new(&x.qn) || !x.devices || !x.issues)
		rc = mk_err(MK_ENOMEM, "out of memory");
	if (!rc)
		rc = export_each(cs, q, &set, one_patient, &x);
	if (!rc)
		rc = bundle_end(&x);
	export_buf_free(&body);
	fhir_qn_free(x.qn);
	json_decref(x.devices);
	json_decref(x.issues);
	export_set_free(&set);
	return rc;
}
