/* SPDX-License-Identifier: MIT */
/*
 * A patient key's wrapping: what stands between a copy of the disk and a
 * patient's records. The patient's random key is stored only wrapped
 * (secretbox) with a wrapping key made like this:
 *
 *   pin_key  = Argon2id(PIN, salt, cost)                    (0.3 s of work)
 *   PIN only:  wrap = pin_key
 *   with TPM:  auth = BLAKE2b(key = pin_key, "mesokiosk tpm auth")
 *              secret = the TPM's unseal of the patient's object, given auth
 *              wrap = BLAKE2b(key = secret, "mesokiosk wrap" || pin_key)
 *
 * With the PIN alone a copy of the disk can be guessed offline: a million
 * PINs at 0.3 s. With the TPM each guess needs the TPM that sealed the
 * secret, which counts wrong authorizations and locks out (store_tpm.c),
 * and the wrapping key needs both the secret and the Argon2id result, so
 * neither the TPM alone nor the disk alone opens anything. auth is its own
 * derivation so that what the TPM checks is never the key that wraps.
 *
 * A patient wrapped with the PIN alone (enrolled before a TPM was used) is
 * upgraded at their next successful sign-in: the same key, wrapped again
 * with a new TPM secret, from the Argon2id result already in hand. An
 * unknown code or a patient locked here gets store_wrap_decoy: the same
 * Argon2id and the same TPM work on objects that never open, so the answer
 * takes as long and is refused in the same way in a lockout.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

_Static_assert(STORE_WRAPPED_LEN == MKC_WRAPPED_BYTES, "wrapped key size");

static void tpm_auth(const uint8_t pin_key[STORE_KEY_BYTES], uint8_t auth[STORE_KEY_BYTES])
{
	static const char ctx[] = "mesokiosk tpm auth";
	mkc_hash(auth, STORE_KEY_BYTES, ctx, sizeof ctx - 1, pin_key, STORE_KEY_BYTES);
}

static void tpm_wrap_key(const uint8_t secret[STORE_KEY_BYTES],
			 const uint8_t pin_key[STORE_KEY_BYTES], uint8_t wrap[STORE_KEY_BYTES])
{
	static const char ctx[] = "mesokiosk wrap";
	uint8_t msg[sizeof ctx - 1 + STORE_KEY_BYTES]; /* ctx || pin_key, hashed as one */
	memcpy(msg, ctx, sizeof ctx - 1);
	memcpy(msg + sizeof ctx - 1, pin_key, STORE_KEY_BYTES);
	mkc_hash(wrap, STORE_KEY_BYTES, msg, sizeof msg, secret, STORE_KEY_BYTES);
	mkc_wipe(msg, sizeof msg);
}

/* Wraps key into w for pin_key, with a new TPM secret when the store has
 * a TPM; w->salt and w->cost are already set. */
static int wrap_with(store *s, const uint8_t key[STORE_KEY_BYTES],
		     const uint8_t pin_key[STORE_KEY_BYTES], store_wrap *w)
{
	uint8_t wrap[STORE_KEY_BYTES], auth[STORE_KEY_BYTES], secret[STORE_KEY_BYTES];
	int rc = 0;
	w->blob_len = 0;
	memcpy(wrap, pin_key, sizeof wrap);
	if (s->tpm) {
		mkc_random(secret, sizeof secret);
		tpm_auth(pin_key, auth);
		rc = store_tpm_seal(s->tpm, auth, secret, w->blob, &w->blob_len);
		if (!rc)
			tpm_wrap_key(secret, pin_key, wrap);
	}
	if (!rc && mkc_wrap_key(w->wrapped, key, wrap) != 0)
		rc = mk_err(MK_EINVAL, "cannot wrap the patient key");
	mkc_wipe(wrap, sizeof wrap);
	mkc_wipe(auth, sizeof auth);
	mkc_wipe(secret, sizeof secret);
	return rc;
}

int store_wrap_make(store *s, const char *pin, const store_pin_cost *cost, store_wrap *w)
{
	uint8_t key[STORE_KEY_BYTES], pin_key[STORE_KEY_BYTES];
	int rc;
	memset(w, 0, sizeof *w);
	w->cost = cost ? *cost : STORE_PIN_COST;
	mkc_random(w->salt, sizeof w->salt);
	mkc_random(key, sizeof key);
	rc = store_pin_key(pin, w->salt, &w->cost, pin_key);
	if (!rc)
		rc = wrap_with(s, key, pin_key, w);
	mkc_wipe(key, sizeof key);
	mkc_wipe(pin_key, sizeof pin_key);
	return rc;
}

/* The wrapping key of w for pin_key: 0, MK_EPERM for a wrong PIN the TPM
 * refused, or the TPM's error. */
static int wrap_key_of(store *s, const store_wrap *w, const uint8_t pin_key[STORE_KEY_BYTES],
		       uint8_t wrap[STORE_KEY_BYTES])
{
	uint8_t auth[STORE_KEY_BYTES], secret[STORE_KEY_BYTES];
	int rc;
	if (!w->blob_len) {
		memcpy(wrap, pin_key, STORE_KEY_BYTES);
		return 0;
	}
	if (!s->tpm)
		return mk_err(MK_EIO, "this patient's key is sealed in a TPM, and this kiosk is "
			      "not using one (tpm in kiosk.conf)");
	tpm_auth(pin_key, auth);
	rc = store_tpm_unseal(s->tpm, auth, w->blob, w->blob_len, secret);
	if (!rc)
		tpm_wrap_key(secret, pin_key, wrap);
	mkc_wipe(auth, sizeof auth);
	mkc_wipe(secret, sizeof secret);
	return rc;
}

int store_wrap_open(store *s, const store_wrap *w, const char *pin,
		    uint8_t key_out[STORE_KEY_BYTES], store_wrap *upgrade)
{
	uint8_t pin_key[STORE_KEY_BYTES], wrap[STORE_KEY_BYTES];
	int rc = store_pin_key(pin, w->salt, &w->cost, pin_key), opened = 0;
	if (upgrade)
		upgrade->blob_len = 0;
	if (!rc)
		rc = wrap_key_of(s, w, pin_key, wrap);
	if (!rc)
		opened = mkc_wrap_key_open(key_out, w->wrapped, wrap) == 0;
	if (rc == MK_EPERM)
		rc = 0; /* a wrong PIN, refused (and counted) by the TPM */
	if (!rc && opened && !w->blob_len && s->tpm && upgrade) {
		memcpy(upgrade->salt, w->salt, sizeof w->salt);
		upgrade->cost = w->cost;
		if (wrap_with(s, key_out, pin_key, upgrade) != 0) {
			/* The patient signs in all the same; the next sign-in tries again. */
			mk_log(MK_LOG_WARN, "tpm_upgrade_failed", "reason=\"%s\"", mk_err_msg());
			upgrade->blob_len = 0;
		}
	}
	mkc_wipe(pin_key, sizeof pin_key);
	mkc_wipe(wrap, sizeof wrap);
	if (rc || !opened)
		mkc_wipe(key_out, STORE_KEY_BYTES);
	return rc ? rc : opened;
}

int store_wrap_decoy(store *s, const store_wrap *w, const char *pin)
{
	uint8_t pin_key[STORE_KEY_BYTES];
	int rc = store_pin_key(pin, w->salt, &w->cost, pin_key);
	mkc_wipe(pin_key, sizeof pin_key);
	if (!rc && s->tpm)
		rc = store_tpm_decoy(s->tpm);
	return rc;
}

/* ---- Choosing the TPM */

int store_tpm_use(store *s, const char *tpm)
{
	store_tpm_info info;
	const char *tcti = tpm && strcmp(tpm, "auto") ? tpm : NULL;
	int rc;
	store_tpm_close(s->tpm);
	s->tpm = NULL;
	if (tcti && !strcmp(tcti, "off"))
		return 0;
	if (!tcti) {
		if (access("/dev/tpmrm0", F_OK) != 0)
			return 0;
		tcti = "device:/dev/tpmrm0";
	}
	if ((rc = mkc_init()) != 0 || (rc = store_tpm_open(&s->tpm, tcti)) != 0)
		return rc;
	/* A TPM that cannot answer a question now will not seal anything. */
	if ((rc = store_tpm_lockout(s->tpm, &info)) != 0) {
		store_tpm_close(s->tpm);
		s->tpm = NULL;
		return mk_err(MK_EIO, "the TPM at '%s' does not answer: %s", tcti, mk_err_msg());
	}
	return 0;
}

int store_tpm_state(store *s, store_tpm_info *out)
{
	memset(out, 0, sizeof *out);
	if (!s->tpm)
		return 0;
	out->present = 1;
	snprintf(out->name, sizeof out->name, "%s", store_tpm_name(s->tpm));
	return store_tpm_lockout(s->tpm, out);
}
