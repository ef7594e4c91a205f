/* SPDX-License-Identifier: MIT */
/*
 * Content bundles and software package bundles (cstore_content.h): their
 * bytes, their state from upload to approval, and how far each is rolled
 * out. Every row carries its kind ('content' or 'package'): the two kinds
 * number their versions apart (a package N says nothing of content N) but
 * follow the same rules, so one table and this one file serve both, each
 * query naming the kind.
 *
 * The bytes live in the database, because the collector already has one
 * place that is backed up, replicated and shared by several collectors on
 * one server, and a bundle is at most CSTORE_BUNDLE_MAX. They are kept in
 * parts of CSTORE_BUNDLE_PART (bundle_parts), not as one value: a kiosk's
 * download reads a slice at a time (cstore_bundle_read), so no request
 * holds a whole bundle in memory, and a slice of one long value would be
 * found by walking it from its start (SQLite's overflow pages,
 * PostgreSQL's compressed TOAST), which made a 45 MiB download take 8 s.
 *
 * Versions only grow: a new bundle must be above every stored one, and
 * a rollback is a new version too (cstore_bundle_add_approved). Each
 * change is one transaction that reads the row and changes it; on
 * PostgreSQL an advisory lock keeps two uploads from both taking "the
 * next" version. Approval is four eyes: never by the uploader, only by a
 * publisher. A stage only widens (kiosk, then group, then all), so a
 * kiosk that was given a version is never taken off it by a later
 * rollout of the same bundle.
 */
#include "cstore_int.h"
#include "cstore_content.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

#define BUNDLE_COLS \
	"version, sha256, size, note, uploaded_by, uploaded_at, state, n_problems," \
	" approved_by, approved_at, stage, target, kind, deb"

const char *cstore_kind_name(cstore_kind kind)
{
	return kind == CSTORE_PACKAGE ? "package" : "content";
}

static void bundle_row(cdb_stmt *st, cstore_bundle *b)
{
	memset(b, 0, sizeof *b);
	b->version = cdb_col_int64(st, 0);
	cs_copy(b->sha256, sizeof b->sha256, cdb_col_text(st, 1));
	b->size = cdb_col_int64(st, 2);
	cs_copy(b->note, sizeof b->note, cdb_col_text(st, 3));
	cs_copy(b->uploaded_by, sizeof b->uploaded_by, cdb_col_text(st, 4));
	b->uploaded_at = cdb_col_int64(st, 5);
	cs_copy(b->state, sizeof b->state, cdb_col_text(st, 6));
	b->n_problems = (int)cdb_col_int64(st, 7);
	cs_copy(b->approved_by, sizeof b->approved_by, cdb_col_text(st, 8));
	b->approved_at = cdb_col_int64(st, 9);
	cs_copy(b->stage, sizeof b->stage, cdb_col_text(st, 10));
	cs_copy(b->target, sizeof b->target, cdb_col_text(st, 11));
	b->kind = !strcmp(cdb_col_text(st, 12), "package") ? CSTORE_PACKAGE : CSTORE_CONTENT;
	cs_copy(b->deb, sizeof b->deb, cdb_col_text(st, 13));
}

/* One bundle's row on a connection the caller holds; MK_ENOTFOUND. */
static int get_row(cdb *db, cstore_kind kind, int64_t version, cstore_bundle *out)
{
	cdb_stmt *st;
	int rc = cs_query(db, &st, "SELECT " BUNDLE_COLS " FROM bundles WHERE kind = $1"
			  " AND version = $2", "ti", cstore_kind_name(kind), version);
	if (!rc && (rc = cdb_step(st)) == 1) {
		bundle_row(st, out);
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "there is no %s version %lld", cstore_kind_name(kind),
			    (long long)version);
	}
	cdb_finalize(st);
	return rc;
}

/* What cstore_bundle_add and cstore_bundle_add_approved store. */
typedef struct {
	const cstore_bundle *b;
	const uint8_t *bytes;
	size_t n;
	int64_t now;
	const char *state, *approver, *stage, *target;
} bundle_put;

static int lock_versions(cdb *db)
{
	return cdb_is_pg(db) ? cs_run(db, NULL, "SELECT pg_advisory_xact_lock(73707266)", NULL) : 0;
}

static int add_tx(cdb *db, void *arg)
{
	bundle_put *p = arg;
	const char *kind = cstore_kind_name(p->b->kind);
	int64_t max = 0;
	int rc = lock_versions(db);
	if (!rc)
		rc = cs_int(db, &max, "SELECT COALESCE(MAX(version), 0) FROM bundles WHERE kind = $1",
			    "t", kind);
	if (rc)
		return rc;
	if (p->b->version == max && max > 0)
		return mk_err(MK_EEXIST, "%s version %lld is stored already", kind,
			      (long long)p->b->version);
	if (p->b->version <= max)
		return mk_err(MK_EINVAL, "%s version %lld is not above the newest stored one"
			      " (%lld): give the bundle a higher version", kind,
			      (long long)p->b->version, (long long)max);
	rc = cs_run(db, NULL, "INSERT INTO bundles (kind, version, sha256, size, note, uploaded_by,"
		    " uploaded_at, state, approved_by, approved_at, stage, target, rolled_at, deb)"
		    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
		    "titittittittit", kind, p->b->version, p->b->sha256,
		    (int64_t)p->n, p->b->note, p->b->uploaded_by, p->now, p->state, p->approver,
		    p->approver[0] ? p->now : (int64_t)0, p->stage, p->target,
		    p->stage[0] ? p->now : (int64_t)0, p->b->deb);
	if (rc == MK_EEXIST)
		return mk_err(MK_EEXIST, "%s version %lld is stored already", kind,
			      (long long)p->b->version);
	for (size_t off = 0, seq = 0; !rc && off < p->n; off += CSTORE_BUNDLE_PART, seq++) {
		size_t k = p->n - off < CSTORE_BUNDLE_PART ? p->n - off : CSTORE_BUNDLE_PART;
		rc = cs_run(db, NULL, "INSERT INTO bundle_parts (kind, version, seq, bytes)"
			    " VALUES ($1, $2, $3, $4)", "tiib", kind, p->b->version, (int64_t)seq,
			    p->bytes + off, k);
	}
	return rc;
}

static int put_checks(const cstore_bundle *b, const uint8_t *bytes, size_t n)
{
	unsigned long long most = b->kind == CSTORE_PACKAGE ? CSTORE_PACKAGE_MAX
							    : CSTORE_BUNDLE_MAX;
	if ((b->kind != CSTORE_CONTENT && b->kind != CSTORE_PACKAGE) || b->version < 1)
		return mk_err(MK_EINVAL, "a bundle is content or a package, its version 1 or more");
	if (!bytes || n == 0 || n > most)
		return mk_err(MK_ELIMIT, "a %s bundle has 1 to %llu bytes",
			      cstore_kind_name(b->kind), most);
	if (!cs_valid_hex(b->sha256, CSTORE_HEX - 1) || !cs_text_ok(b->note, sizeof b->note) ||
	    !cs_valid_id(b->uploaded_by) || !cs_text_ok(b->deb, sizeof b->deb))
		return mk_err(MK_EINVAL, "a bundle's hash, note, uploader or package version is out"
			      " of shape");
	return 0;
}

int cstore_bundle_add(cstore *cs, const cstore_bundle *b, const uint8_t *bytes, size_t n,
		      int64_t now)
{
	bundle_put p = { b, bytes, n, now, b->kind == CSTORE_PACKAGE ? "ready" : "checking", "", "",
		"" };
	int rc = put_checks(b, bytes, n);
	if (rc)
		return rc;
	cdb *db = cs_take(cs);
	rc = cs_tx(db, add_tx, &p);
	cs_give(cs, db);
	return rc;
}

int cstore_bundle_add_approved(cstore *cs, const cstore_bundle *b, const uint8_t *bytes,
			       size_t n, const char *stage, const char *target, int64_t now)
{
	bundle_put p = { b, bytes, n, now, "approved", b->uploaded_by, stage ? stage : "",
		target ? target : "" };
	int rc = put_checks(b, bytes, n);
	if (rc)
		return rc;
	cdb *db = cs_take(cs);
	rc = cs_tx(db, add_tx, &p);
	cs_give(cs, db);
	return rc;
}

int cstore_bundle_checked(cstore *cs, int64_t version, const char *state, int n_problems,
			  const char *problems)
{
	int64_t changed = 0;
	if (!state || (strcmp(state, "problems") && strcmp(state, "ready") &&
		       strcmp(state, "failed")))
		return mk_err(MK_EINVAL, "a checked bundle is \"problems\", \"ready\" or \"failed\"");
	if (!problems)
		problems = "";
	if (!mk_utf8_valid(problems, strlen(problems)) || n_problems < 0)
		return mk_err(MK_EINVAL, "a bundle's problems are text");
	cdb *db = cs_take(cs);
	int rc = cs_run(db, &changed, "UPDATE bundles SET state = $2, n_problems = $3, problems = $4"
			" WHERE kind = 'content' AND version = $1 AND state = 'checking'", "itdt", version, state,
			n_problems, problems);
	cs_give(cs, db);
	if (!rc && changed == 0)
		rc = mk_err(MK_EINVAL, "content version %lld is not being checked", (long long)version);
	return rc;
}

int cstore_bundle_problems(cstore *cs, int64_t version, char **out)
{
	cdb_stmt *st;
	*out = NULL;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT problems FROM bundles WHERE kind = 'content'"
			  " AND version = $1", "i", version);
	if (!rc && (rc = cdb_step(st)) == 1)
		rc = (*out = mk_strdup(cdb_col_text(st, 0))) ? 0
			: mk_err(MK_ENOMEM, "out of memory reading a bundle's problems");
	else if (rc == 0)
		rc = mk_err(MK_ENOTFOUND, "there is no content version %lld", (long long)version);
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

typedef struct {
	cstore_kind kind;
	int64_t version;
	const char *user, *stage, *target;
	int64_t now;
} bundle_act;

static int approve_tx(cdb *db, void *arg)
{
	bundle_act *a = arg;
	cstore_bundle b;
	int64_t pub = 0;
	const char *kind = cstore_kind_name(a->kind);
	int rc = get_row(db, a->kind, a->version, &b);
	if (rc)
		return rc;
	rc = cs_int(db, &pub, "SELECT COUNT(*) FROM users WHERE name = $1 AND role = 'publisher'",
		    "t", a->user);
	if (rc)
		return rc;
	if (!pub)
		return mk_err(MK_EPERM, "%s is not a publisher: only a publisher approves %s",
			      a->user, a->kind == CSTORE_PACKAGE ? "packages" : "content");
	if (!strcmp(b.uploaded_by, a->user))
		return mk_err(MK_EPERM, "%s uploaded %s version %lld: another publisher must approve"
			      " it (four eyes)", a->user, kind, (long long)a->version);
	if (strcmp(b.state, "ready"))
		return mk_err(MK_EINVAL, "%s version %lld is \"%s\", not ready for approval", kind,
			      (long long)a->version, b.state);
	return cs_run(db, NULL, "UPDATE bundles SET state = 'approved', approved_by = $3,"
		      " approved_at = $4 WHERE kind = $1 AND version = $2", "titi", kind, a->version,
		      a->user, a->now);
}

int cstore_bundle_approve(cstore *cs, cstore_kind kind, int64_t version, const char *user,
			  int64_t now)
{
	bundle_act a = { kind, version, user, NULL, NULL, now };
	if (!cs_valid_id(user))
		return mk_err(MK_EPERM, "approving needs a publisher's user name");
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, approve_tx, &a);
	cs_give(cs, db);
	return rc;
}

/* "" < kiosk < group < all; -1 for anything else. */
static int cs_stage_rank(const char *stage)
{
	static const char *const order[] = { "", "kiosk", "group", "all" };
	for (int i = 0; stage && i < 4; i++)
		if (!strcmp(stage, order[i]))
			return i;
	return -1;
}

static int target_exists(cdb *db, const char *stage, const char *target)
{
	int64_t n = 0;
	int rc = 0;
	if (!strcmp(stage, "kiosk"))
		rc = cs_int(db, &n, "SELECT COUNT(*) FROM kiosks WHERE id = $1", "t", target);
	else if (!strcmp(stage, "group"))
		rc = cs_int(db, &n, "SELECT COUNT(*) FROM kiosks WHERE kiosk_group = $1", "t", target);
	else
		n = 1;
	if (rc)
		return rc;
	return n ? 0 : mk_err(MK_ENOTFOUND, "no %s %s", !strcmp(stage, "kiosk") ? "kiosk" :
			      "kiosk in group", target);
}

static int rollout_tx(cdb *db, void *arg)
{
	bundle_act *a = arg;
	cstore_bundle b;
	const char *kind = cstore_kind_name(a->kind);
	int rc = get_row(db, a->kind, a->version, &b);
	if (rc)
		return rc;
	if (strcmp(b.state, "approved"))
		return mk_err(MK_EINVAL, "%s version %lld is \"%s\": only an approved version is"
			      " rolled out", kind, (long long)a->version, b.state);
	int was = cs_stage_rank(b.stage), to = cs_stage_rank(a->stage);
	if (to < was || (to == was && strcmp(b.target, a->target)))
		return mk_err(MK_EINVAL, "%s version %lld is rolled out to %s%s%s already:"
			      " stages only widen (one kiosk, then a group, then all)", kind,
			      (long long)a->version, b.stage, b.target[0] ? " " : "", b.target);
	if ((rc = target_exists(db, a->stage, a->target)) != 0)
		return rc;
	return cs_run(db, NULL, "UPDATE bundles SET stage = $3, target = $4, rolled_at = $5"
		      " WHERE kind = $1 AND version = $2", "titti", kind, a->version, a->stage,
		      a->target, a->now);
}

int cstore_bundle_rollout(cstore *cs, cstore_kind kind, int64_t version, const char *stage,
			  const char *target, int64_t now)
{
	bundle_act a = { kind, version, NULL, stage, target ? target : "", now };
	if (cs_stage_rank(stage) < 1)
		return mk_err(MK_EINVAL, "a rollout stage is kiosk, group or all");
	if (!strcmp(stage, "all") ? a.target[0] != 0 : !cs_valid_id(a.target))
		return mk_err(MK_EINVAL, "a rollout names a kiosk id or a group ([a-z0-9._-]),"
			      " or nothing for all");
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, rollout_tx, &a);
	cs_give(cs, db);
	return rc;
}

int cstore_bundle_get(cstore *cs, cstore_kind kind, int64_t version, cstore_bundle *out)
{
	cdb *db = cs_take(cs);
	int rc = get_row(db, kind, version, out);
	cs_give(cs, db);
	return rc;
}

int cstore_bundles(cstore *cs, cstore_kind kind, cstore_bundle *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT " BUNDLE_COLS " FROM bundles WHERE kind = $1"
			  " ORDER BY version DESC LIMIT $2", "td", cstore_kind_name(kind), max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		bundle_row(st, &out[(*n)++]);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

/* Copies what part seq (n bytes at b) holds of [offset, offset + max)
 * into buf; *got grows to the end of what was copied. */
static void take_part(int64_t seq, const uint8_t *b, size_t n, int64_t offset, uint8_t *buf,
		      size_t max, size_t *got)
{
	int64_t start = seq * (int64_t)CSTORE_BUNDLE_PART, from = offset > start ? offset : start;
	int64_t end = start + (int64_t)n, until = offset + (int64_t)max < end ? offset + (int64_t)max
									     : end;
	if (until <= from)
		return;
	memcpy(buf + (from - offset), b + (from - start), (size_t)(until - from));
	if ((size_t)(until - offset) > *got)
		*got = (size_t)(until - offset);
}

int cstore_bundle_read(cstore *cs, cstore_kind kind, int64_t version, int64_t offset,
		       uint8_t *buf, size_t max, size_t *got)
{
	cdb_stmt *st = NULL;
	int64_t found = 0;
	*got = 0;
	if (offset < 0 || max > (1u << 30))
		return mk_err(MK_EINVAL, "a slice of a bundle is out of range");
	if (max == 0)
		return 0;
	cdb *db = cs_take(cs);
	const char *kn = cstore_kind_name(kind);
	int rc = cs_int(db, &found, "SELECT COUNT(*) FROM bundles WHERE kind = $1 AND version = $2",
			"ti", kn, version);
	if (!rc && !found)
		rc = mk_err(MK_ENOTFOUND, "there is no %s version %lld", kn, (long long)version);
	if (!rc)
		rc = cs_query(db, &st, "SELECT seq, bytes FROM bundle_parts WHERE kind = $1 AND"
			      " version = $2 AND seq BETWEEN $3 AND $4 ORDER BY seq", "tiii", kn,
			      version,
			      offset / (int64_t)CSTORE_BUNDLE_PART,
			      (offset + (int64_t)max - 1) / (int64_t)CSTORE_BUNDLE_PART);
	while (!rc && (rc = cdb_step(st)) == 1) {
		size_t n = 0;
		const uint8_t *b = cdb_col_blob(st, 1, &n);
		take_part(cdb_col_int64(st, 0), b, n, offset, buf, max, got);
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_bundle_file(cstore *cs, cstore_kind kind, int64_t version, uint8_t **bytes,
		       size_t *n)
{
	cstore_bundle b;
	size_t got = 0;
	*bytes = NULL;
	*n = 0;
	int rc = cstore_bundle_get(cs, kind, version, &b);
	if (rc)
		return rc;
	uint8_t *p = malloc(b.size ? (size_t)b.size : 1);
	if (!p)
		return mk_err(MK_ENOMEM, "out of memory reading %s version %lld", cstore_kind_name(kind),
			      (long long)version);
	if ((rc = cstore_bundle_read(cs, kind, version, 0, p, (size_t)b.size, &got)) == 0 &&
	    got != (size_t)b.size)
		rc = mk_err(MK_EIO, "%s version %lld: the stored file is short", cstore_kind_name(kind),
			    (long long)version);
	if (rc) {
		free(p);
		return rc;
	}
	*bytes = p;
	*n = got;
	return 0;
}

int cstore_kiosk_target(cstore *cs, cstore_kind kind, const char *kiosk_id, cstore_bundle *out)
{
	cdb_stmt *st;
	memset(out, 0, sizeof *out);
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT " BUNDLE_COLS " FROM bundles WHERE kind = $2"
			  " AND state = 'approved'"
			  " AND (stage = 'all' OR (stage = 'kiosk' AND target = $1) OR"
			  " (stage = 'group' AND target = (SELECT kiosk_group FROM kiosks"
			  " WHERE id = $1 AND kiosk_group <> '')))"
			  " ORDER BY version DESC LIMIT 1", "tt", kiosk_id ? kiosk_id : "",
			  cstore_kind_name(kind));
	if (!rc && (rc = cdb_step(st)) == 1)
		bundle_row(st, out);
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}
