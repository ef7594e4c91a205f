/* SPDX-License-Identifier: MIT */
/*
 * The kiosk's TPM 2.0, through tpm2-tss's ESAPI: the one file that talks to
 * it. It seals a patient's 32-byte TPM secret into a sealed data object
 * (keyed-hash, fixedTPM, fixedParent, userWithAuth, and on purpose NOT
 * noDA) whose authValue is derived from their PIN; store_wrap.c mixes that
 * secret into the key that wraps the patient's key. So:
 *
 *  - a copy of the data folder is useless without this very TPM: the
 *    object's private part is encrypted under a primary key that only this
 *    TPM's owner seed can make again, so another TPM refuses to load it;
 *  - a wrong PIN is a failed authorization of a dictionary-attack-protected
 *    object: the TPM counts it, and after its lockout threshold refuses
 *    every such authorization (the right PIN too) until its recovery time
 *    has passed. That, not the kiosk's own counter in SQLite (which a thief
 *    can reset), is the rate limit on a stolen machine.
 *
 * The parent is an ECC P-256 storage primary created from the owner
 * hierarchy (empty owner authorization, as a TPM comes) with a fixed
 * template, so it is the same key on every start and is never stored. It
 * is made noDA: its authValue is empty anyway, and a lockout must not stop
 * the kiosk from loading objects (or sealing new ones). The PIN-derived
 * authValue and the secret never cross the bus in clear: each seal and
 * unseal runs in a salted HMAC session (salted to the primary) with
 * parameter encryption both ways.
 *
 * Results: 0, MK_EPERM (the authValue was wrong: a wrong PIN, counted by
 * the TPM), MK_EAGAIN (the TPM is in dictionary-attack lockout), MK_EIO
 * (anything else: no TPM, another TPM, a damaged blob), with the message.
 * The library's own logging is off unless TSS2_LOG says otherwise: its
 * errors would break the one-event-a-line log.
 */
#include "store_int.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tss2/tss2_esys.h>
#include <tss2/tss2_mu.h>
#include <tss2/tss2_rc.h>
#include <tss2/tss2_tctildr.h>

#define BLOB_VERSION 1

struct store_tpm {
	TSS2_TCTI_CONTEXT *tcti;
	ESYS_CONTEXT *esys;
	ESYS_TR primary;  /* ESYS_TR_NONE until first needed */
	char tcti_conf[256];
	/* The decoy: an object sealed under a random authValue that only this
	 * process knows, unsealed for an unknown code so that it costs the
	 * same TPM work as a real one (store_tpm_decoy). */
	uint8_t decoy_auth[STORE_KEY_BYTES];
	uint8_t decoy_blob[STORE_TPM_BLOB_MAX];
	size_t decoy_len;
};

static const TPMT_SYM_DEF SESSION_SYM = {
	.algorithm = TPM2_ALG_AES, .keyBits = { .aes = 128 }, .mode = { .aes = TPM2_ALG_CFB },
};

/* 0 for success; the message names what failed and the TPM's words. */
static int tpm_err(TSS2_RC rc, const char *what)
{
	TSS2_RC base = rc & ~(TSS2_RC)TPM2_RC_N_MASK;
	if ((rc & TSS2_RC_LAYER_MASK) == TSS2_TPM_RC_LAYER) {
		if (base == TPM2_RC_AUTH_FAIL || base == TPM2_RC_BAD_AUTH)
			return mk_err(MK_EPERM, "%s: the TPM refused the authorization", what);
		if (rc == TPM2_RC_LOCKOUT)
			return mk_err(MK_EAGAIN, "%s: the TPM is in dictionary-attack lockout after "
				      "too many wrong PINs; it allows tries again after its recovery time", what);
	}
	return mk_err(MK_EIO, "%s: %s", what, Tss2_RC_Decode(rc));
}

int store_tpm_open(store_tpm **out, const char *tcti)
{
	store_tpm *t;
	TSS2_RC rc;
	*out = NULL;
	setenv("TSS2_LOG", "all+none", 0);
	if (!(t = calloc(1, sizeof *t)))
		return mk_err(MK_ENOMEM, "out of memory");
	t->primary = ESYS_TR_NONE;
	snprintf(t->tcti_conf, sizeof t->tcti_conf, "%s", tcti);
	rc = Tss2_TctiLdr_Initialize(tcti, &t->tcti);
	if (rc != TSS2_RC_SUCCESS) {
		free(t);
		return mk_err(MK_EIO, "the TPM at '%s' cannot be reached: %s", tcti, Tss2_RC_Decode(rc));
	}
	rc = Esys_Initialize(&t->esys, t->tcti, NULL);
	if (rc != TSS2_RC_SUCCESS) {
		Tss2_TctiLdr_Finalize(&t->tcti);
		free(t);
		return mk_err(MK_EIO, "the TPM at '%s' does not answer: %s", tcti, Tss2_RC_Decode(rc));
	}
	*out = t;
	return 0;
}

void store_tpm_close(store_tpm *t)
{
	if (!t)
		return;
	if (t->primary != ESYS_TR_NONE)
		Esys_FlushContext(t->esys, t->primary);
	Esys_Finalize(&t->esys);
	Tss2_TctiLdr_Finalize(&t->tcti);
	mkc_wipe(t, sizeof *t);
	free(t);
}

const char *store_tpm_name(const store_tpm *t)
{
	return t ? t->tcti_conf : "";
}

/* The storage primary, made again from the owner seed when first needed
 * (and after a failure, in case the TPM was restarted under us). */
static int primary(store_tpm *t)
{
	static const TPM2B_PUBLIC tmpl = { .publicArea = {
		.type = TPM2_ALG_ECC,
		.nameAlg = TPM2_ALG_SHA256,
		.objectAttributes = TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT |
			TPMA_OBJECT_SENSITIVEDATAORIGIN | TPMA_OBJECT_USERWITHAUTH |
			TPMA_OBJECT_NODA | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_DECRYPT,
		.parameters = { .eccDetail = {
			.symmetric = { .algorithm = TPM2_ALG_AES, .keyBits = { .aes = 128 },
				       .mode = { .aes = TPM2_ALG_CFB } },
			.scheme = { .scheme = TPM2_ALG_NULL },
			.curveID = TPM2_ECC_NIST_P256,
			.kdf = { .scheme = TPM2_ALG_NULL } } },
	} };
	static const TPM2B_SENSITIVE_CREATE none = { 0 };
	/* The outside info makes this primary Mesokiosk's own. */
	static const TPM2B_DATA label = { .size = 15, .buffer = "mesokiosk-store" };
	static const TPML_PCR_SELECTION no_pcrs = { 0 };
	if (t->primary != ESYS_TR_NONE)
		return 0;
	TSS2_RC rc = Esys_CreatePrimary(t->esys, ESYS_TR_RH_OWNER, ESYS_TR_PASSWORD, ESYS_TR_NONE,
					ESYS_TR_NONE, &none, &tmpl, &label, &no_pcrs, &t->primary,
					NULL, NULL, NULL, NULL);
	if (rc != TSS2_RC_SUCCESS) {
		t->primary = ESYS_TR_NONE;
		return tpm_err(rc, "making the TPM's storage key (is the owner hierarchy's "
			       "authorization empty?)");
	}
	return 0;
}

/* A salted HMAC session with parameter encryption both ways, used once
 * (continueSession clear: the TPM ends it after a successful command). */
static int session(store_tpm *t, ESYS_TR *out)
{
	TSS2_RC rc = Esys_StartAuthSession(t->esys, t->primary, ESYS_TR_NONE, ESYS_TR_NONE,
					   ESYS_TR_NONE, ESYS_TR_NONE, NULL, TPM2_SE_HMAC,
					   &SESSION_SYM, TPM2_ALG_SHA256, out);
	if (rc == TSS2_RC_SUCCESS)
		rc = Esys_TRSess_SetAttributes(t->esys, *out, TPMA_SESSION_DECRYPT |
					       TPMA_SESSION_ENCRYPT, 0xff);
	return rc == TSS2_RC_SUCCESS ? 0 : tpm_err(rc, "starting a TPM session");
}

/* After a failed command the TPM keeps the session; a successful one
 * ended it already (flushing it again only fails, harmlessly). */
static void end_session(store_tpm *t, ESYS_TR s, TSS2_RC cmd_rc)
{
	if (cmd_rc != TSS2_RC_SUCCESS)
		Esys_FlushContext(t->esys, s);
}

static void forget_primary(store_tpm *t, int rc)
{
	if (rc == MK_EIO && t->primary != ESYS_TR_NONE) {
		Esys_FlushContext(t->esys, t->primary);
		t->primary = ESYS_TR_NONE;
	}
}

static int marshal(const TPM2B_PUBLIC *pub, const TPM2B_PRIVATE *priv, uint8_t *blob, size_t *n)
{
	size_t off = 1;
	blob[0] = BLOB_VERSION;
	if (Tss2_MU_TPM2B_PUBLIC_Marshal(pub, blob, STORE_TPM_BLOB_MAX, &off) != TSS2_RC_SUCCESS ||
	    Tss2_MU_TPM2B_PRIVATE_Marshal(priv, blob, STORE_TPM_BLOB_MAX, &off) != TSS2_RC_SUCCESS)
		return mk_err(MK_EIO, "the TPM's sealed object does not fit");
	*n = off;
	return 0;
}

static int unmarshal(const uint8_t *blob, size_t n, TPM2B_PUBLIC *pub, TPM2B_PRIVATE *priv)
{
	size_t off = 1;
	memset(pub, 0, sizeof *pub);
	memset(priv, 0, sizeof *priv);
	if (n < 1 || blob[0] != BLOB_VERSION ||
	    Tss2_MU_TPM2B_PUBLIC_Unmarshal(blob, n, &off, pub) != TSS2_RC_SUCCESS ||
	    Tss2_MU_TPM2B_PRIVATE_Unmarshal(blob, n, &off, priv) != TSS2_RC_SUCCESS || off != n)
		return mk_err(MK_EIO, "the patient's TPM object is damaged");
	return 0;
}

int store_tpm_seal(store_tpm *t, const uint8_t auth[STORE_KEY_BYTES],
		   const uint8_t secret[STORE_KEY_BYTES], uint8_t blob[STORE_TPM_BLOB_MAX], size_t *n)
{
	static const TPM2B_PUBLIC tmpl = { .publicArea = {
		.type = TPM2_ALG_KEYEDHASH,
		.nameAlg = TPM2_ALG_SHA256,
		/* No noDA: a wrong PIN must count towards the TPM's lockout. */
		.objectAttributes = TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT |
			TPMA_OBJECT_USERWITHAUTH,
		.parameters = { .keyedHashDetail = { .scheme = { .scheme = TPM2_ALG_NULL } } },
	} };
	static const TPM2B_DATA no_info = { 0 };
	static const TPML_PCR_SELECTION no_pcrs = { 0 };
	TPM2B_SENSITIVE_CREATE in = { 0 };
	TPM2B_PRIVATE *priv = NULL;
	TPM2B_PUBLIC *pub = NULL;
	ESYS_TR s = ESYS_TR_NONE;
	TSS2_RC trc;
	int rc = primary(t);
	if (rc || (rc = session(t, &s)) != 0)
		return forget_primary(t, rc), rc;
	in.sensitive.userAuth.size = STORE_KEY_BYTES;
	memcpy(in.sensitive.userAuth.buffer, auth, STORE_KEY_BYTES);
	in.sensitive.data.size = STORE_KEY_BYTES;
	memcpy(in.sensitive.data.buffer, secret, STORE_KEY_BYTES);
	trc = Esys_Create(t->esys, t->primary, s, ESYS_TR_NONE, ESYS_TR_NONE, &in, &tmpl, &no_info,
			  &no_pcrs, &priv, &pub, NULL, NULL, NULL);
	mkc_wipe(&in, sizeof in);
	end_session(t, s, trc);
	rc = trc == TSS2_RC_SUCCESS ? marshal(pub, priv, blob, n) : tpm_err(trc, "sealing in the TPM");
	Esys_Free(priv);
	Esys_Free(pub);
	forget_primary(t, rc);
	return rc;
}

int store_tpm_unseal(store_tpm *t, const uint8_t auth[STORE_KEY_BYTES], const uint8_t *blob,
		     size_t n, uint8_t secret[STORE_KEY_BYTES])
{
	TPM2B_PUBLIC pub;
	TPM2B_PRIVATE priv;
	TPM2B_AUTH a = { .size = STORE_KEY_BYTES };
	TPM2B_SENSITIVE_DATA *out = NULL;
	ESYS_TR obj = ESYS_TR_NONE, s = ESYS_TR_NONE;
	TSS2_RC trc;
	int rc = unmarshal(blob, n, &pub, &priv);
	if (rc || (rc = primary(t)) != 0)
		return forget_primary(t, rc), rc;
	/* Loading needs only the primary's empty authorization; another
	 * TPM's object fails here (its integrity check). */
	trc = Esys_Load(t->esys, t->primary, ESYS_TR_PASSWORD, ESYS_TR_NONE, ESYS_TR_NONE, &priv,
			&pub, &obj);
	if (trc != TSS2_RC_SUCCESS) {
		rc = tpm_err(trc, "loading the patient's TPM object (sealed by another TPM, or "
			     "the TPM was cleared)");
		return forget_primary(t, rc), rc;
	}
	memcpy(a.buffer, auth, STORE_KEY_BYTES);
	trc = Esys_TR_SetAuth(t->esys, obj, &a);
	mkc_wipe(&a, sizeof a);
	if (trc == TSS2_RC_SUCCESS && (rc = session(t, &s)) == 0) {
		trc = Esys_Unseal(t->esys, obj, s, ESYS_TR_NONE, ESYS_TR_NONE, &out);
		end_session(t, s, trc);
	}
	if (!rc && trc != TSS2_RC_SUCCESS)
		rc = tpm_err(trc, "unsealing in the TPM");
	else if (!rc && out->size != STORE_KEY_BYTES)
		rc = mk_err(MK_EIO, "the patient's TPM object holds something else");
	else if (!rc)
		memcpy(secret, out->buffer, STORE_KEY_BYTES);
	if (out) {
		mkc_wipe(out, sizeof *out);
		Esys_Free(out);
	}
	Esys_FlushContext(t->esys, obj);
	forget_primary(t, rc);
	return rc;
}

int store_tpm_decoy(store_tpm *t)
{
	uint8_t secret[STORE_KEY_BYTES];
	int rc = 0;
	if (!t->decoy_len) {
		mkc_random(t->decoy_auth, sizeof t->decoy_auth);
		mkc_random(secret, sizeof secret);
		rc = store_tpm_seal(t, t->decoy_auth, secret, t->decoy_blob, &t->decoy_len);
		if (rc)
			t->decoy_len = 0;
	}
	if (!rc)
		rc = store_tpm_unseal(t, t->decoy_auth, t->decoy_blob, t->decoy_len, secret);
	mkc_wipe(secret, sizeof secret);
	return rc;
}

static int property(ESYS_CONTEXT *e, TPM2_PT first, uint32_t count, uint32_t *values)
{
	TPMS_CAPABILITY_DATA *cap = NULL;
	TPMI_YES_NO more = 0;
	TSS2_RC rc = Esys_GetCapability(e, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE,
					TPM2_CAP_TPM_PROPERTIES, first, count, &more, &cap);
	if (rc != TSS2_RC_SUCCESS)
		return tpm_err(rc, "asking the TPM for its state");
	memset(values, 0, count * sizeof *values);
	for (uint32_t i = 0; i < cap->data.tpmProperties.count; i++) {
		TPM2_PT p = cap->data.tpmProperties.tpmProperty[i].property;
		if (p >= first && p < first + count)
			values[p - first] = cap->data.tpmProperties.tpmProperty[i].value;
	}
	Esys_Free(cap);
	return 0;
}

int store_tpm_lockout(store_tpm *t, store_tpm_info *out)
{
	uint32_t perm = 0, v[3];
	int rc = property(t->esys, TPM2_PT_PERMANENT, 1, &perm);
	if (!rc)
		rc = property(t->esys, TPM2_PT_LOCKOUT_COUNTER, 3, v);
	if (rc)
		return rc;
	out->locked = (perm & TPMA_PERMANENT_INLOCKOUT) != 0;
	out->failed_tries = (int)v[0];
	out->max_tries = (int)v[1];
	out->recovery_s = (int)v[2];
	return 0;
}
