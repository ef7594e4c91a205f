/* SPDX-License-Identifier: MIT */
/*
 * Dashboard users, their roles (staff, or publisher: may upload, approve
 * and roll out content), their sessions, and the audit log.
 *
 * A password is kept as an Argon2id hash string (mkc_secret_hash, the
 * kiosk's own implementation) at cs->user_cost. Argon2id runs with no
 * connection held, so a sign-in never starves the pool. An unknown name
 * costs the same Argon2id work as a wrong password, so timing does not
 * tell which names exist.
 *
 * A session id is 256 random bits; only its hash is stored (a copy of the
 * database signs no one in). The CSRF token is random too and kept as is:
 * it is only useful together with the session cookie.
 *
 * Audit rows are checked for shape (an action is lower-case words joined
 * by '-', the fields have fixed limits) so free text cannot slip in by
 * mistake; the detail is short and the callers keep health content out.
 */
#include "cstore_int.h"
#include "cstore_content.h"
#include "core.h"
#include "crypto.h"
#include <string.h>
#include <time.h>

#define SESSION_SECONDS (8 * 3600)
#define PASSWORD_MIN 8
#define PASSWORD_MAX 200

int cstore_user_add(cstore *cs, const char *name, const char *password)
{
	char hash[MKC_HASH_MAX];
	size_t n = password ? strnlen(password, PASSWORD_MAX + 1) : 0;
	int rc;
	if (!cs_valid_id(name))
		return mk_err(MK_EINVAL, "a user name is 1 to 39 of a-z 0-9 . _ -");
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		return mk_err(MK_EINVAL, "a password has %d to %d bytes", PASSWORD_MIN, PASSWORD_MAX);
	pthread_mutex_lock(&cs->mu);
	mkc_cost cost = cs->user_cost;
	pthread_mutex_unlock(&cs->mu);
	if ((rc = mkc_secret_hash(password, &cost, hash)) != 0)
		return rc;
	cdb *db = cs_take(cs);
	rc = cs_run(db, NULL, "INSERT INTO users (name, hash, created_at) VALUES ($1, $2, $3)",
		    "tti", name, hash, (int64_t)time(NULL));
	cs_give(cs, db);
	mkc_wipe(hash, sizeof hash);
	if (rc == MK_EEXIST)
		return mk_err(MK_EEXIST, "there is a user %s already", name);
	return rc;
}

int cstore_user_set_role(cstore *cs, const char *name, const char *role)
{
	int64_t changed = 0;
	if (!role || (strcmp(role, "staff") && strcmp(role, "publisher")))
		return mk_err(MK_EINVAL, "a role is staff or publisher");
	if (!cs_valid_id(name))
		return mk_err(MK_EINVAL, "a user name is 1 to 39 of a-z 0-9 . _ -");
	cdb *db = cs_take(cs);
	int rc = cs_run(db, &changed, "UPDATE users SET role = $2 WHERE name = $1", "tt", name,
			role);
	cs_give(cs, db);
	if (!rc && changed == 0)
		rc = mk_err(MK_ENOTFOUND, "there is no user %s", name);
	return rc;
}

int cstore_user_role(cstore *cs, const char *name, char role[16])
{
	cdb_stmt *st;
	role[0] = 0;
	if (!cs_valid_id(name))
		return mk_err(MK_ENOTFOUND, "there is no user %s", name ? name : "");
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT role FROM users WHERE name = $1", "t", name);
	if (!rc && (rc = cdb_step(st)) == 1) {
		cs_copy(role, 16, cdb_col_text(st, 0));
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_ENOTFOUND, "there is no user %s", name);
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

/* A hash at the current cost that no password matches, made once: an
 * unknown name then costs one Argon2id verification, like a known one. */
static void dummy_hash(cstore *cs, char out[MKC_HASH_MAX])
{
	mkc_cost cost;
	pthread_mutex_lock(&cs->mu);
	memcpy(out, cs->dummy_hash, MKC_HASH_MAX);
	cost = cs->user_cost;
	pthread_mutex_unlock(&cs->mu);
	if (out[0])
		return;
	char secret[CSTORE_HEX];
	cs_random_hex(secret);
	if (mkc_secret_hash(secret, &cost, out) != 0)
		out[0] = 0;
	pthread_mutex_lock(&cs->mu);
	memcpy(cs->dummy_hash, out, MKC_HASH_MAX);
	pthread_mutex_unlock(&cs->mu);
}

int cstore_user_warm(cstore *cs)
{
	char hash[MKC_HASH_MAX];
	dummy_hash(cs, hash);
	int rc = hash[0] ? 0 : mk_err(MK_ENOMEM, "cannot make the stand-in password hash");
	mkc_wipe(hash, sizeof hash);
	return rc;
}

int cstore_user_check(cstore *cs, const char *name, const char *password)
{
	char hash[MKC_HASH_MAX] = "";
	cdb_stmt *st = NULL;
	int rc = 0, found = 0;
	if (cs_valid_id(name)) {
		cdb *db = cs_take(cs);
		rc = cs_query(db, &st, "SELECT hash FROM users WHERE name = $1", "t", name);
		if (!rc && (rc = cdb_step(st)) == 1) {
			cs_copy(hash, sizeof hash, cdb_col_text(st, 0));
			found = 1;
			rc = 0;
		}
		cdb_finalize(st);
		cs_give(cs, db);
	}
	if (rc < 0)
		return rc;
	if (!password || strnlen(password, PASSWORD_MAX + 1) > PASSWORD_MAX)
		password = "";
	if (!found) { /* the same work as a wrong password */
		dummy_hash(cs, hash);
		mkc_secret_verify(hash, password);
		return mk_err(MK_EPERM, "wrong user name or password");
	}
	rc = mkc_secret_verify(hash, password);
	mkc_wipe(hash, sizeof hash);
	return rc ? mk_err(MK_EPERM, "wrong user name or password") : 0;
}

int cstore_session_new(cstore *cs, const char *user, int64_t now, char sid_out[CSTORE_HEX],
		       char csrf_out[CSTORE_HEX])
{
	char hash[CSTORE_HEX];
	if (!cs_valid_id(user))
		return mk_err(MK_EINVAL, "not a user name");
	cs_random_hex(sid_out);
	cs_random_hex(csrf_out);
	cs_hash_hex(sid_out, hash);
	cdb *db = cs_take(cs);
	int rc = cs_run(db, NULL, "DELETE FROM web_sessions WHERE expires_at <= $1", "i", now);
	if (!rc)
		rc = cs_run(db, NULL, "INSERT INTO web_sessions (sid_hash, user_name, csrf, created_at,"
			    " expires_at) VALUES ($1, $2, $3, $4, $5)", "tttii", hash, user,
			    csrf_out, now, now + SESSION_SECONDS);
	cs_give(cs, db);
	if (rc)
		sid_out[0] = csrf_out[0] = 0;
	return rc;
}

int cstore_session_get(cstore *cs, const char *sid, int64_t now, char user_out[CSTORE_ID],
		       char csrf_out[CSTORE_HEX])
{
	char hash[CSTORE_HEX];
	cdb_stmt *st;
	user_out[0] = csrf_out[0] = 0;
	if (!cs_valid_hex(sid, CSTORE_HEX - 1))
		return mk_err(MK_EPERM, "not signed in");
	cs_hash_hex(sid, hash);
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT user_name, csrf FROM web_sessions"
			  " WHERE sid_hash = $1 AND expires_at > $2", "ti", hash, now);
	if (!rc && (rc = cdb_step(st)) == 1) {
		cs_copy(user_out, CSTORE_ID, cdb_col_text(st, 0));
		cs_copy(csrf_out, CSTORE_HEX, cdb_col_text(st, 1));
		rc = 0;
	} else if (rc == 0) {
		rc = mk_err(MK_EPERM, "not signed in (or the session ended)");
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}

int cstore_session_end(cstore *cs, const char *sid)
{
	char hash[CSTORE_HEX];
	if (!cs_valid_hex(sid, CSTORE_HEX - 1))
		return 0;
	cs_hash_hex(sid, hash);
	cdb *db = cs_take(cs);
	int rc = cs_run(db, NULL, "DELETE FROM web_sessions WHERE sid_hash = $1", "t", hash);
	cs_give(cs, db);
	return rc;
}

static int action_ok(const char *a)
{
	size_t n = a ? strnlen(a, 32) : 0;
	if (n == 0 || n >= 32 || a[0] == '-' || a[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((a[i] >= 'a' && a[i] <= 'z') || a[i] == '-'))
			return 0;
	return 1;
}

int cs_audit(cdb *db, const char *actor, const char *action, const char *subject,
	     const char *detail, int64_t now)
{
	if (!subject)
		subject = "";
	if (!detail)
		detail = "";
	if (!actor || !*actor || strnlen(actor, 48) >= 48 || !action_ok(action) ||
	    strnlen(subject, CSTORE_UUID) >= CSTORE_UUID || strnlen(detail, 120) >= 120 ||
	    !mk_utf8_valid(actor, strlen(actor)) || !mk_utf8_valid(subject, strlen(subject)) ||
	    !mk_utf8_valid(detail, strlen(detail)))
		return mk_err(MK_EINVAL, "an audit entry out of shape");
	return cs_run(db, NULL, "INSERT INTO audit (at, actor, action, subject, detail)"
		      " VALUES ($1, $2, $3, $4, $5)", "itttt", now, actor, action, subject, detail);
}

int cstore_audit(cstore *cs, const char *actor, const char *action, const char *subject,
		 const char *detail, int64_t now)
{
	cdb *db = cs_take(cs);
	int rc = cs_audit(db, actor, action, subject, detail, now);
	cs_give(cs, db);
	return rc;
}

int cstore_audit_list(cstore *cs, cstore_audit_row *out, int max, int *n)
{
	cdb_stmt *st;
	*n = 0;
	if (max <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_query(db, &st, "SELECT at, actor, action, subject, detail FROM audit"
			  " ORDER BY at DESC, seq DESC LIMIT $1", "d", max);
	while (!rc && (rc = cdb_step(st)) == 1) {
		cstore_audit_row *a = &out[(*n)++];
		a->at = cdb_col_int64(st, 0);
		cs_copy(a->actor, sizeof a->actor, cdb_col_text(st, 1));
		cs_copy(a->action, sizeof a->action, cdb_col_text(st, 2));
		cs_copy(a->subject, sizeof a->subject, cdb_col_text(st, 3));
		cs_copy(a->detail, sizeof a->detail, cdb_col_text(st, 4));
		rc = 0;
	}
	cdb_finalize(st);
	cs_give(cs, db);
	return rc;
}
