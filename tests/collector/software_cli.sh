#!/bin/sh
# SPDX-License-Identifier: MIT
# Software packages from mesokiosk-collector's command line (issue 20,
# software updates), as IT scripts it: a package made with `mesokiosk
# bundle-package` and a software key, published with publish-package
# (refused for a member of staff, without software_keys, signed with a
# content key, or for a content bundle), ready at once with its Debian
# version shown, approved by a second publisher only (four eyes), rolled
# out with --package to one kiosk and then all (never narrower); `software`
# lists versions and kiosks; every step in the audit; a wrong command line
# exits 2.
# Usage: software_cli.sh PATH/TO/mesokiosk-collector PATH/TO/mesokiosk
set -u
col=$1
kiosk=$2
d=$(mktemp -d /tmp/mksoftwarecli.XXXXXX)
trap 'rm -rf "$d"' EXIT
failed=0
fail() { echo "software_cli: FAILED: $*" >&2; failed=1; }
db=$d/c.db
run() { "$col" "$@" >"$d/out" 2>"$d/err"; rc=$?; }
expect() { # STATUS WORD ARGS...: exits STATUS and says WORD (out or err)
	want=$1 word=$2
	shift 2
	run "$@"
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, not $want: $(cat "$d/err")"
	cat "$d/out" "$d/err" | grep -q -- "$word" || fail "'$*' did not say '$word': $(cat "$d/out" "$d/err")"
}

"$kiosk" keygen --software "$d/sw" >/dev/null || fail "keygen --software"
"$kiosk" keygen --content "$d/pub" >/dev/null || fail "keygen --content"
cat >"$d/collector.conf" <<EOF
db = $db
content_keys = $d/pub.pub
software_keys = $d/sw.pub
EOF
cfg="--config $d/collector.conf"

run add-kiosk "Front desk" $cfg
id=$(sed -n 's/^kiosk id: //p' "$d/out")
[ -n "$id" ] || fail "add-kiosk: $(cat "$d/err")"
for u in ana ben; do
	echo "$u's long password" | "$col" add-user "$u" --publisher $cfg >"$d/out" 2>&1 ||
		fail "add-user $u --publisher: $(cat "$d/out")"
done
echo "cat's long password" | "$col" add-user cat $cfg >/dev/null 2>&1 || fail "add-user cat"

mkdir "$d/debs" "$d/c1"
printf '!<arch>\n' >"$d/debs/mesokiosk_0.2.0+5.gabc1234_amd64.deb"
printf '!<arch>\n2\n' >"$d/debs/mesokiosk_0.2.1+6.gdef5678_amd64.deb"
echo "-- pages" >"$d/c1/main.lua"
"$kiosk" bundle-package "$d/debs/mesokiosk_0.2.0+5.gabc1234_amd64.deb" "$d/p1.mkb" \
	--key "$d/sw.key" --version 1 >/dev/null || fail "bundle-package 1"
"$kiosk" bundle-package "$d/debs/mesokiosk_0.2.1+6.gdef5678_amd64.deb" "$d/p2.mkb" \
	--key "$d/sw.key" --version 2 >/dev/null || fail "bundle-package 2"
"$kiosk" bundle-package "$d/debs/mesokiosk_0.2.0+5.gabc1234_amd64.deb" "$d/bad.mkb" \
	--key "$d/pub.key" --version 1 >/dev/null || fail "bundle-package with a content key"
"$kiosk" bundle "$d/c1" "$d/c1.mkb" --key "$d/sw.key" --version 1 >/dev/null || fail "bundle"

expect 2 "BUNDLE" publish-package --as ana $cfg
expect 1 "not a publisher" publish-package "$d/p1.mkb" --as cat $cfg
expect 1 "software_keys" publish-package "$d/p1.mkb" --as ana --db "$db"
expect 1 "refused" publish-package "$d/bad.mkb" --as ana $cfg
expect 1 "refused" publish-package "$d/c1.mkb" --as ana $cfg
expect 0 "0.2.0+5.gabc1234" publish-package "$d/p1.mkb" --note "the fix" --as ana $cfg
expect 1 "four eyes" approve 1 --package --as ana $cfg
# Content has no version 1: approve without --package is about content.
expect 1 "no content version 1" approve 1 --as ben $cfg
expect 0 "package version 1 is approved by ben" approve 1 --package --as ben $cfg
expect 1 "no kiosk" rollout 1 kiosk kiosk-nothere --package $cfg
expect 0 "package version 1 is rolled out to kiosk $id" rollout 1 kiosk "$id" --package $cfg
expect 0 "$id" software $cfg
grep -Eq "^1 +0\.2\.0\+5\.gabc1234 +approved .*kiosk $id / the fix" "$d/out" ||
	fail "software: $(cat "$d/out")"
grep -Eq "^$id +- +1 +- +0 " "$d/out" || fail "software: kiosk $id's target is not 1: $(cat "$d/out")"
expect 0 "ready" publish-package "$d/p2.mkb" --as ben $cfg
expect 0 "approved" approve 2 --package --as ana $cfg
expect 0 "rolled out to all" rollout 2 all --package --as ana $cfg
expect 1 "only widen" rollout 2 kiosk "$id" --package $cfg
expect 2 "unknown option" software --package $cfg
expect 2 "unknown option" publish-package "$d/p2.mkb" --as ana --package $cfg

# Every step in the audit, by who did it.
for a in "ana package-upload 1" "ben package-approve 1" "cli package-rollout 1" \
	"ana package-rollout 2"; do
	set -- $a
	if command -v sqlite3 >/dev/null; then
		n=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit WHERE actor = '$1' AND action = '$2'
			AND subject = '$3'")
		[ "$n" = 1 ] || fail "audit: no $a"
	fi
done
[ $failed = 0 ] && echo "software_cli: ok"
exit $failed
