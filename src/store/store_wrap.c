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
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#define WRAP_NONCE crypto_secretbox_NONCEBYTES

_Static_assert(STORE_WRAPPED_LEN == WRAP_NONCE + crypto_secretbox_MACBYTES + STORE_KEY_BYTES,
	       "wrapped key size");

static void tpm_auth(const uint8_t pin_key[STORE_KEY_BYTES], uint8_t auth[STORE_KEY_BYTES])
{
	static const char ctx[] = "mesokiosk tpm auth";
	crypto_generichash(auth, STORE_KEY_BYTES, (const uint8_t *)ctx, sizeof ctx - 1, pin_key,
			   STORE_KEY_BYTES);
}

static void tpm_wrap_key(const uint8_t secret[STORE_KEY_BYTES],
			 const uint8_t pin_key[STORE_KEY_BYTES], uint8_t wrap[STORE_KEY_BYTES])
{
	static const char ctx[] = "mesokiosk wrap";
	crypto_generichash_state st;
	crypto_generichash_init(&st, secret, STORE_KEY_BYTES, STORE_KEY_BYTES);
	crypto_generichash_update(&st, (const uint8_t *)ctx, sizeof ctx - 1);
	crypto_generichash_update(&st, pin_key, STORE_KEY_BYTES);
	crypto_generichash_final(&st, wrap, STORE_KEY_BYTES);
	sodium_memzero(&st, sizeof st);
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
		randombytes_buf(secret, sizeof secret);
		tpm_auth(pin_key, auth);
		rc = store_tpm_seal(s->tpm, auth, secret, w->blob, &w->blob_len);
		if (!rc)
			tpm_wrap_key(secret, pin_key, wrap);
	}
	randombytes_buf(w->wrapped, WRAP_NONCE);
	if (!rc && crypto_secretbox_easy(w->wrapped + WRAP_NONCE, key, STORE_KEY_BYTES, w->wrapped,
					 wrap) != 0)
		rc = mk_err(MK_EINVAL, "cannot wrap the patient key");
	sodium_memzero(wrap, sizeof wrap);
	sodium_memzero(auth, sizeof auth);
	sodium_memzero(secret, sizeof secret);
	return rc;
}

int store_wrap_make(store *s, const char *pin, const store_pin_cost *cost, store_wrap *w)
{
	uint8_t key[STORE_KEY_BYTES], pin_key[STORE_KEY_BYTES];
	int rc;
	memset(w, 0, sizeof *w);
	w->cost = cost ? *cost : STORE_PIN_COST;
	randombytes_buf(w->salt, sizeof w->salt);
	randombytes_buf(key, sizeof key);
	rc = store_pin_key(pin, w->salt, &w->cost, pin_key);
	if (!rc)
		rc = wrap_with(s, key, pin_key, w);
	sodium_memzero(key, sizeof key);
	sodium_memzero(pin_key, sizeof pin_key);
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
	sodium_memzero(auth, sizeof auth);
	sodium_memzero(secret, sizeof secret);
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
		opened = crypto_secretbox_open_easy(key_out, w->wrapped + WRAP_NONCE,
						    STORE_WRAPPED_LEN - WRAP_NONCE, w->wrapped,
						    wrap) == 0;
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
	sodium_memzero(pin_key, sizeof pin_key);
	sodium_memzero(wrap, sizeof wrap);
	if (rc || !opened)
		sodium_memzero(key_out, STORE_KEY_BYTES);
	return rc ? rc : opened;
}

int store_wrap_decoy(store *s, const store_wrap *w, const char *pin)
{
	uint8_t pin_key[STORE_KEY_BYTES];
	int rc = store_pin_key(pin, w->salt, &w->cost, pin_key);
	sodium_memzero(pin_key, sizeof pin_key);
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
	if ((rc = store_crypto_init()) != 0 || (rc = store_tpm_open(&s->tpm, tcti)) != 0)
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
