/* SPDX-License-Identifier: MIT */
/*
 * crypto: everything the kiosk and the collector do with libsodium, and the
 * only module that includes sodium.h. The kiosk's store seals records and
 * photos with it, sync starts it, and the collector opens what kiosks sent,
 * keeps its tokens and passwords with it, all through this header, so the
 * formats of what is sealed have one implementation on both sides.
 *
 * Names carry the prefix mkc_ (MKC_ for constants), not crypto_: libsodium
 * owns crypto_* (crypto_box_seal, crypto_hash_sha256, ...), and a name of
 * ours there could one day collide with one of its own.
 *
 * What is sealed (the store's on-disk and wire formats):
 *   a record  XChaCha20-Poly1305 under its own random key, with its UUID
 *             as additional data, so a ciphertext moved to another row
 *             fails to open rather than show another patient's report;
 *   its key   sealed to the clinic's public key (crypto_box_seal,
 *             MKC_SEALED_BYTES) and wrapped with the patient's key
 *             (secretbox with its nonce in front, MKC_WRAPPED_BYTES);
 *   a photo   a file "MKPHOTO1", a 24-byte nonce, then the ciphertext
 *             under the record's key, with the magic, UUID and file suffix
 *             (".img", ".thumb") as additional data.
 *
 * Calls return 0 or a negative MK_E* code with the message in mk_err_msg()
 * (core.h). Keys and plain text are wiped as soon as they are used.
 */
#ifndef MK_CRYPTO_H
#define MK_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define MKC_KEY_BYTES 32     /* clinic keys, patient keys, record keys */
#define MKC_SALT_BYTES 16    /* Argon2id salts */
#define MKC_NONCE_BYTES 24   /* XChaCha20-Poly1305 */
#define MKC_MAC_BYTES 16     /* its tag */
#define MKC_SEALED_BYTES 80  /* a key sealed to a public key: 48 + 32 */
#define MKC_WRAPPED_BYTES 72 /* a key wrapped with another: nonce, tag, key */
#define MKC_HASH_MAX 128     /* an Argon2id string with its NUL */
#define MKC_UUID_LEN 36      /* a record's UUID, the additional data */
#define MKC_SIGN_BYTES 64    /* an Ed25519 signature */
#define MKC_PHOTO_MAGIC_LEN 8
#define MKC_PHOTO_EXTRA (MKC_PHOTO_MAGIC_LEN + MKC_NONCE_BYTES + MKC_MAC_BYTES)
#define MKC_PHOTO_ORIGINAL 0 /* a photo's two files: the image as kept */
#define MKC_PHOTO_THUMB 1    /* and its thumbnail */

/* ---- Basics */

/* Sets up libsodium once; every call below that needs it does it too. */
int mkc_init(void);
/* n random bytes. */
void mkc_random(void *buf, size_t n);
/* A uniformly random number below n (n > 0). */
uint32_t mkc_random_below(uint32_t n);
/* Zeroes n bytes in a way the compiler cannot leave out. */
void mkc_wipe(void *p, size_t n);
/* Wipes n bytes and frees p; NULL is fine. */
void mkc_free(void *p, size_t n);
/* 1 when the n bytes at a and b are the same, in a time that does not
 * depend on where they differ (tokens, cookies); else 0. */
int mkc_equal(const void *a, const void *b, size_t n);

/* ---- Encodings */

/* n bytes as lower-case hex into out (2n + 1 bytes with the NUL). */
void mkc_hex(char *out, const void *bin, size_t n);
/* Writes a 32-byte key as one line of hex, atomically, then sets mode
 * (0600 for a private key, 0644 for a public one): the clinic's keys and
 * the content-signing keys. */
int mkc_key_file_write(const char *path, const uint8_t *key, int mode);
/* Exactly 2n hex digits in hex into n bytes: 0, or MK_EINVAL. */
int mkc_unhex(uint8_t *bin, size_t n, const char *hex);
/* The size of n bytes as standard base64, with its NUL. */
size_t mkc_base64_len(size_t n);
/* n bytes as standard base64 into out (mkc_base64_len(n) bytes). */
void mkc_base64(char *out, const void *bin, size_t n);
/* The whole of s (len characters, standard base64) into at most cap bytes;
 * *n receives how many. 0, or MK_EINVAL for anything else. */
int mkc_unbase64(uint8_t *bin, size_t cap, const char *s, size_t len, size_t *n);

/* ---- Hashes */

/* SHA-256 of n bytes into out (32 bytes). */
void mkc_sha256(uint8_t out[32], const void *bytes, size_t n);
/* The same as lower-case hex. */
void mkc_sha256_hex(const void *bytes, size_t n, char out[65]);
/* SHA-256 in pieces (a file read a buffer at a time). */
typedef struct {
	_Alignas(16) unsigned char opaque[128];
} mkc_sha256_state;
void mkc_sha256_init(mkc_sha256_state *st);
void mkc_sha256_update(mkc_sha256_state *st, const void *bytes, size_t n);
void mkc_sha256_final(mkc_sha256_state *st, char out[65]);
/* BLAKE2b of n bytes into out_len bytes (16 to 64), keyed with key
 * (key_len 0 to 64 bytes): derivations and token hashes. */
void mkc_hash(uint8_t *out, size_t out_len, const void *bytes, size_t n, const void *key,
	      size_t key_len);

/* ---- Keys */

/* A new clinic key pair (public key for sealing, secret key to open). */
int mkc_keypair(uint8_t pk[MKC_KEY_BYTES], uint8_t sk[MKC_KEY_BYTES]);
/* 0 when pk is the public key of sk; MK_EINVAL when not. */
int mkc_keypair_check(const uint8_t pk[MKC_KEY_BYTES], const uint8_t sk[MKC_KEY_BYTES]);
/* A new random key (a record's, a patient's). */
void mkc_key_new(uint8_t key[MKC_KEY_BYTES]);

/* Key files: one line of hex, so IT can read, copy and compare them.
 * mkc_keys_write makes a pair as PREFIX.pub (0644) and PREFIX.key (0600)
 * and refuses to overwrite either. mkc_key_read reads either kind;
 * mkc_key_read_secret reads a private key and refuses one that other users
 * can read (MK_EPERM: the message says the mode and the chmod that fixes
 * it). Anything but 64 hex digits (and white space around them) is
 * MK_EINVAL. */
int mkc_keys_write(const char *prefix);
int mkc_key_read(const char *path, uint8_t key[MKC_KEY_BYTES]);
int mkc_key_read_secret(const char *path, uint8_t key[MKC_KEY_BYTES]);

/* ---- Content signatures (Ed25519): a content bundle's manifest */

/* Writes a content-signing pair as PREFIX.pub (0644) and PREFIX.key (0600,
 * the 32-byte seed), in the key-file format above; refuses to overwrite. */
int mkc_sign_keys_write(const char *prefix);
/* The public key of a signing key's seed. */
int mkc_sign_public(uint8_t pk[MKC_KEY_BYTES], const uint8_t seed[MKC_KEY_BYTES]);
/* A detached signature of n bytes at msg with the key made from seed. */
int mkc_sign(uint8_t sig[MKC_SIGN_BYTES], const void *msg, size_t n,
	     const uint8_t seed[MKC_KEY_BYTES]);
/* 0 when sig is pk's signature of the n bytes at msg; MK_EPERM when not. */
int mkc_sign_verify(const uint8_t sig[MKC_SIGN_BYTES], const void *msg, size_t n,
		    const uint8_t pk[MKC_KEY_BYTES]);

/* ---- Sealing a record */

/* Seals key to the public key pk (only pk's secret key opens it). */
int mkc_seal_key(uint8_t out[MKC_SEALED_BYTES], const uint8_t key[MKC_KEY_BYTES],
		 const uint8_t pk[MKC_KEY_BYTES]);
/* Opens a sealed key with the key pair: 0, or MK_EINVAL (another key, or
 * a changed byte). */
int mkc_seal_key_open(uint8_t key_out[MKC_KEY_BYTES], const uint8_t sealed[MKC_SEALED_BYTES],
		      const uint8_t pk[MKC_KEY_BYTES], const uint8_t sk[MKC_KEY_BYTES]);
/* Wraps key with wrap (a patient's key), a random nonce in front. */
int mkc_wrap_key(uint8_t out[MKC_WRAPPED_BYTES], const uint8_t key[MKC_KEY_BYTES],
		 const uint8_t wrap[MKC_KEY_BYTES]);
/* Opens a wrapped key: 0, or MK_EINVAL. */
int mkc_wrap_key_open(uint8_t key_out[MKC_KEY_BYTES], const uint8_t wrapped[MKC_WRAPPED_BYTES],
		      const uint8_t wrap[MKC_KEY_BYTES]);
/* Encrypts n bytes of plain into ct (n + MKC_MAC_BYTES) under key with ad
 * as additional data, a new random nonce into nonce. */
int mkc_aead_seal(uint8_t *ct, uint8_t nonce[MKC_NONCE_BYTES], const void *plain, size_t n,
		  const void *ad, size_t ad_len, const uint8_t key[MKC_KEY_BYTES]);
/* Decrypts ct (ct_len bytes, out may be ct) into out; *n receives the
 * plain size. 0, or MK_EINVAL (another key, ad or nonce, a changed byte). */
int mkc_aead_open(uint8_t *out, size_t *n, const uint8_t *ct, size_t ct_len, const void *ad,
		  size_t ad_len, const uint8_t nonce[MKC_NONCE_BYTES],
		  const uint8_t key[MKC_KEY_BYTES]);

/* ---- Opening what a kiosk sent, with the clinic's key pair and no
 * database (the collector; the store's tests). A wrong key or any changed
 * byte gives MK_EINVAL. *plain is NUL-terminated (not counted in *n); free
 * it with mkc_free. */
int mkc_record_open(const uint8_t clinic_pk[MKC_KEY_BYTES],
		    const uint8_t clinic_sk[MKC_KEY_BYTES], const char *uuid,
		    const uint8_t *sealed, size_t sealed_len, const uint8_t *nonce,
		    size_t nonce_len, const uint8_t *ct, size_t ct_len, void **plain, size_t *n);

/* ---- Photo files */

/* The file suffix of which (MKC_PHOTO_ORIGINAL: ".img", THUMB: ".thumb"). */
const char *mkc_photo_suffix(int which);
/* The whole file for n bytes of plain (n + MKC_PHOTO_EXTRA bytes, the
 * caller's to free), sealed under the record's key; NULL when out of
 * memory. */
uint8_t *mkc_photo_seal(const uint8_t key[MKC_KEY_BYTES], const char *uuid, int which,
			const void *plain, size_t n);
/* Opens a photo file (len bytes) in place under the record's key: the
 * plain bytes start at buf, *plain_len of them. MK_EIO (with the photo's
 * UUID in the message) when damaged, moved or under another key. */
int mkc_photo_open(const uint8_t key[MKC_KEY_BYTES], const char *uuid, int which, uint8_t *buf,
		   size_t len, size_t *plain_len);
/* A photo file as the kiosk stored and sent it, opened with the record key
 * sealed in `sealed` and the clinic's key pair; *plain is the caller's
 * (mkc_free). MK_EINVAL for the wrong key, MK_EIO for a damaged file. */
int mkc_photo_open_sealed(const uint8_t clinic_pk[MKC_KEY_BYTES],
			  const uint8_t clinic_sk[MKC_KEY_BYTES], const char *uuid,
			  const uint8_t *sealed, size_t sealed_len, int which,
			  const uint8_t *file, size_t file_len, void **plain, size_t *n);

/* ---- Secrets: PINs and passwords (Argon2id) */

/* Argon2id's cost. MKC_COST is the one the kiosk uses (about 0.3 s on the
 * reference machine); tests pass MKC_COST_TEST to stay fast. A cost is
 * kept with what it made so it can be raised later. */
typedef struct {
	unsigned long long ops;
	size_t mem;
} mkc_cost;
extern const mkc_cost MKC_COST;
extern const mkc_cost MKC_COST_TEST;

/* A key from a PIN and a salt; cost NULL means MKC_COST. */
int mkc_pin_key(const char *pin, const uint8_t salt[MKC_SALT_BYTES], const mkc_cost *cost,
		uint8_t key_out[MKC_KEY_BYTES]);
/* Hashes secret at cost (NULL: MKC_COST) into out: "$argon2id$v=19$m=...",
 * which carries its salt and cost. MK_EINVAL for an empty secret. */
int mkc_secret_hash(const char *secret, const mkc_cost *cost, char out[MKC_HASH_MAX]);
/* 0 when secret matches hash; MK_EINVAL when not, or when hash is not an
 * Argon2id string (the message tells a damaged hash from a wrong secret). */
int mkc_secret_verify(const char *hash, const char *secret);

#endif
