#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# layers.sh can fail: on a copy of the four layers where one screen file
# includes the shell's app.h and one staff file reaches a header by a
# path, it must name both and exit 1.
#
# usage: layers_catch.sh LAYERS_SH SRC_DIR
set -u
layers=${1:?usage: layers_catch.sh LAYERS_SH SRC_DIR} src=${2:?}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
for l in widgets screens staff app; do
	cp -r "$src/$l" "$tmp/$l" || exit 2
done
"$layers" "$tmp" >/dev/null 2>&1 || { echo "the copy fails before it is changed" >&2; exit 1; }
echo '#include "app.h"' >>"$tmp/screens/router.c"
echo '#include "../app/app.h"' >>"$tmp/staff/staffpin.c"
out=$("$layers" "$tmp" 2>&1)
rc=$?
[ "$rc" -eq 1 ] || { echo "layers.sh exited $rc on upward includes: $out" >&2; exit 1; }
grep -q 'screens/router.c:[0-9]*: screens includes app' <<<"$out" || { echo "not named: router.c: $out" >&2; exit 1; }
grep -q 'staff/staffpin.c:[0-9]*: includes "../app/app.h" by a path' <<<"$out" ||
	{ echo "not named: staffpin.c: $out" >&2; exit 1; }
echo "layers.sh names both upward includes"
