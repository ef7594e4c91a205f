/* SPDX-License-Identifier: MIT */
/*
 * The bundle commands of the command line: `keygen --content|--software`,
 * `bundle`, `bundle-package` and `bundle-check`. They only parse arguments
 * and print; the work is the bundle module's, so the collector can run the
 * same checks. bundle-check trusts the keys given with --keys, else the
 * configuration's content_keys (software_keys with --package), which is
 * what a kiosk will trust.
 */
#include "app.h"
#include "bundle.h"
#include "crypto.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return NULL;
}

static int number(const char *s, const char *what, long long *out)
{
	char *end = NULL;
	if (!s)
		return 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < 0)
		return fprintf(stderr, "mesokiosk: %s must be a number from 0 up, not \"%s\"\n",
			       what, s), -1;
	*out = v;
	return 0;
}

static int failed(void)
{
	fprintf(stderr, "mesokiosk: %s\n", mk_err_msg());
	return 1;
}

static int cmd_keygen(const char *prefix, int software)
{
	if (mkc_sign_keys_write(prefix) != 0)
		return failed();
	printf("wrote %s.pub (list it in every kiosk's %s) and %s.key (private: only "
	       "whoever publishes %s)\n", prefix, software ? "software_keys" : "content_keys", prefix,
	       software ? "software packages" : "content");
	return 0;
}

static int cmd_bundle(int argc, char **argv, int package)
{
	const char *key = opt(argc, argv, "--key");
	long long version = 0;
	uint8_t seed[32];
	if (argc < 4 || !key || argv[2][0] == '-' || argv[3][0] == '-')
		return fprintf(stderr, "usage: mesokiosk %s OUT --key PREFIX.key [--version N]\n",
			       package ? "bundle-package mesokiosk_VERSION_ARCH.deb" : "bundle DIR"), 2;
	if (number(opt(argc, argv, "--version"), "--version", &version) != 0)
		return 2;
	if (mkc_key_read_secret(key, seed) != 0)
		return failed();
	int rc = package ? bundle_pack_package(argv[2], argv[3], version, seed) :
			   bundle_pack(argv[2], argv[3], version, seed);
	mkc_wipe(seed, sizeof seed);
	if (rc)
		return failed();
	printf("wrote %s: version %lld of %s\n", argv[3], version, argv[2]);
	return 0;
}

static const char *configured_keys(int argc, char **argv, app_config *cfg, int package)
{
	const char *path = opt(argc, argv, "--config");
	if (!path)
		path = app_config_default_path();
	if (path && app_config_load(cfg, path) != 0)
		return NULL;
	const char *keys = package ? cfg->software_keys : cfg->content_keys;
	if (!keys)
		mk_err(MK_EINVAL, "no --keys and no %s in %s", package ? "software_keys" :
		       "content_keys", path ? path : "a kiosk.conf");
	return keys;
}

static int cmd_check(int argc, char **argv)
{
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	app_config cfg;
	bundle_check_opts o = { .shown = -1, .into = opt(argc, argv, "--into") };
	if (argc < 3 || argv[2][0] == '-')
		return fputs("usage: mesokiosk bundle-check FILE [--package] [--keys A.pub,B.pub] "
			     "[--shown N] [--into NEWDIR] [--config FILE]\n", stderr), 2;
	for (int i = 3; i < argc; i++)
		o.kind = !strcmp(argv[i], "--package") ? BUNDLE_PACKAGE : o.kind;
	if (number(opt(argc, argv, "--shown"), "--shown", &o.shown) != 0)
		return 2;
	app_config_defaults(&cfg);
	const char *list = opt(argc, argv, "--keys");
	if (!list)
		list = configured_keys(argc, argv, &cfg, o.kind == BUNDLE_PACKAGE);
	int rc = list ? bundle_keys_read(list, keys, &o.n_keys) : MK_EINVAL;
	app_config_free(&cfg);
	if (rc)
		return failed();
	o.keys = (const uint8_t (*)[32])keys;
	if (bundle_check(argv[2], &o) != 0)
		return failed();
	printf("%s: version %lld, %s%s%u files, %llu bytes, signed by key %d of %d%s%s\n", argv[2],
	       o.version, o.package[0] ? o.package : "", o.package[0] ? ": " : "", o.n_files,
	       (unsigned long long)o.n_bytes, o.key_index + 1, o.n_keys,
	       o.into ? "; unpacked into " : "", o.into ? o.into : "");
	return 0;
}

int app_bundle_main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "keygen") && !strcmp(argv[2], "--content"))
		return cmd_keygen(argv[3], 0);
	if (argc == 4 && !strcmp(argv[1], "keygen") && !strcmp(argv[2], "--software"))
		return cmd_keygen(argv[3], 1);
	if (argc >= 2 && !strcmp(argv[1], "bundle"))
		return cmd_bundle(argc, argv, 0);
	if (argc >= 2 && !strcmp(argv[1], "bundle-package"))
		return cmd_bundle(argc, argv, 1);
	if (argc >= 2 && !strcmp(argv[1], "bundle-check"))
		return cmd_check(argc, argv);
	return -1;
}
