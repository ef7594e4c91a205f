/* SPDX-License-Identifier: MIT */
/*
 * The content-bundle commands of the command line: `keygen --content`,
 * `bundle` and `bundle-check`. They only parse arguments and print; the
 * work is the bundle module's, so the collector can run the same checks.
 * bundle-check trusts the keys given with --keys, else the configuration's
 * content_keys, which is what a kiosk will trust.
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

static int cmd_keygen(const char *prefix)
{
	if (mkc_sign_keys_write(prefix) != 0)
		return failed();
	printf("wrote %s.pub (list it in every kiosk's content_keys) and %s.key (private: only "
	       "whoever publishes content)\n", prefix, prefix);
	return 0;
}

static int cmd_bundle(int argc, char **argv)
{
	const char *key = opt(argc, argv, "--key");
	long long version = 0;
	uint8_t seed[32];
	if (argc < 4 || !key || argv[2][0] == '-' || argv[3][0] == '-')
		return fputs("usage: mesokiosk bundle DIR OUT --key PREFIX.key [--version N]\n",
			     stderr), 2;
	if (number(opt(argc, argv, "--version"), "--version", &version) != 0)
		return 2;
	if (mkc_key_read_secret(key, seed) != 0)
		return failed();
	int rc = bundle_pack(argv[2], argv[3], version, seed);
	mkc_wipe(seed, sizeof seed);
	if (rc)
		return failed();
	printf("wrote %s: version %lld of %s\n", argv[3], version, argv[2]);
	return 0;
}

static const char *configured_keys(int argc, char **argv, app_config *cfg)
{
	const char *path = opt(argc, argv, "--config");
	if (!path)
		path = app_config_default_path();
	if (path && app_config_load(cfg, path) != 0)
		return NULL;
	if (!cfg->content_keys)
		mk_err(MK_EINVAL, "no --keys and no content_keys in %s", path ? path : "a kiosk.conf");
	return cfg->content_keys;
}

static int cmd_check(int argc, char **argv)
{
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	app_config cfg;
	bundle_check_opts o = { .shown = -1, .into = opt(argc, argv, "--into") };
	if (argc < 3 || argv[2][0] == '-')
		return fputs("usage: mesokiosk bundle-check FILE [--keys A.pub,B.pub] [--shown N] "
			     "[--into NEWDIR] [--config FILE]\n", stderr), 2;
	if (number(opt(argc, argv, "--shown"), "--shown", &o.shown) != 0)
		return 2;
	app_config_defaults(&cfg);
	const char *list = opt(argc, argv, "--keys");
	if (!list)
		list = configured_keys(argc, argv, &cfg);
	int rc = list ? bundle_keys_read(list, keys, &o.n_keys) : MK_EINVAL;
	app_config_free(&cfg);
	if (rc)
		return failed();
	o.keys = (const uint8_t (*)[32])keys;
	if (bundle_check(argv[2], &o) != 0)
		return failed();
	printf("%s: version %lld, %u files, %llu bytes, signed by key %d of %d%s%s\n", argv[2],
	       o.version, o.n_files, (unsigned long long)o.n_bytes, o.key_index + 1, o.n_keys,
	       o.into ? "; unpacked into " : "", o.into ? o.into : "");
	return 0;
}

int app_bundle_main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "keygen") && !strcmp(argv[2], "--content"))
		return cmd_keygen(argv[3]);
	if (argc >= 2 && !strcmp(argv[1], "bundle"))
		return cmd_bundle(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "bundle-check"))
		return cmd_check(argc, argv);
	return -1;
}
