#!/bin/sh
# SPDX-License-Identifier: MIT
# Content rollout from mesokiosk-collector's command line (issue 20), as IT
# scripts it: publishers made with add-user --publisher and user-role; a
# bundle made with `mesokiosk bundle` published (refused for a member of
# staff), approved by a second publisher only (four eyes), rolled out to one
# kiosk and then all; `content` lists versions and kiosks; rollback makes
# the newest version from the one before, and says clearly when the
# collector has no content_key; every wrong command line exits 2.
# Usage: content_cli.sh PATH/TO/mesokiosk-collector PATH/TO/mesokiosk
set -u
col=$1
kiosk=$2
d=$(mktemp -d /tmp/mkcontentcli.XXXXXX)
trap 'rm -rf "$d"' EXIT
failed=0
fail() { echo "content_cli: FAILED: $*" >&2; failed=1; }
db=$d/c.db
run() { "$col" "$@" >"$d/out" 2>"$d/err"; rc=$?; }
expect() { # STATUS WORD ARGS...: exits STATUS and says WORD (out or err)
	want=$1 word=$2
	shift 2
	run "$@"
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, not $want: $(cat "$d/err")"
	cat "$d/out" "$d/err" | grep -q -- "$word" || fail "'$*' did not say '$word': $(cat "$d/out" "$d/err")"
}

"$kiosk" keygen --content "$d/pub" >/dev/null && "$kiosk" keygen --content "$d/col" >/dev/null ||
	fail "keygen --content"
cat >"$d/collector.conf" <<EOF
db = $db
content_keys = $d/pub.pub, $d/col.pub
content_key = $d/col.key
EOF
grep -v content_key "$d/collector.conf" >"$d/nokey.conf"
echo "content_keys = $d/pub.pub, $d/col.pub" >>"$d/nokey.conf"
cfg="--config $d/collector.conf"

run add-kiosk "Front desk" $cfg
id=$(sed -n 's/^kiosk id: //p' "$d/out")
[ -n "$id" ] || fail "add-kiosk: $(cat "$d/err")"
for u in ana ben; do
	echo "$u's long password" | "$col" add-user "$u" --publisher $cfg >"$d/out" 2>&1 ||
		fail "add-user $u --publisher: $(cat "$d/out")"
done
echo "cat's long password" | "$col" add-user cat $cfg >/dev/null 2>&1 || fail "add-user cat"

mkdir "$d/c1" "$d/c2"
echo '-- one' >"$d/c1/main.lua"
echo '-- two' >"$d/c2/main.lua"
"$kiosk" bundle "$d/c1" "$d/v1.mkb" --key "$d/pub.key" --version 1 >/dev/null || fail "bundle v1"
"$kiosk" bundle "$d/c2" "$d/v2.mkb" --key "$d/pub.key" --version 2 >/dev/null || fail "bundle v2"

expect 1 "not a publisher" publish "$d/v1.mkb" --as cat $cfg
expect 1 "content_keys" publish "$d/v1.mkb" --as ana --db "$db"
expect 0 "ready" publish "$d/v1.mkb" --note "first pages" --as ana $cfg
expect 1 "four eyes" approve 1 --as ana $cfg
expect 0 "approved by ben" approve 1 --as ben $cfg
expect 1 "no kiosk" rollout 1 kiosk kiosk-nothere $cfg
expect 0 "rolled out to kiosk $id" rollout 1 kiosk "$id" $cfg
expect 0 "$id" content $cfg
grep -Eq "^1 +approved .*kiosk $id / first pages" "$d/out" || fail "content: $(cat "$d/out")"
grep -Eq "^$id +- +1 " "$d/out" || fail "content: kiosk $id's target is not 1: $(cat "$d/out")"

expect 0 "ready" publish "$d/v2.mkb" --as ben $cfg
expect 0 "approved" approve 2 --as ana $cfg
expect 0 "rolled out to all" rollout 2 all $cfg
expect 1 "content_key" rollback --as ana --config "$d/nokey.conf"
expect 1 "not a publisher" rollback --as cat $cfg
expect 0 "version 3 (rollback to 1) is approved and rolled out to all" rollback --as ana $cfg
expect 0 "rollback to 1" content $cfg
grep -Eq "^$id +- +3 " "$d/out" || fail "content: kiosk $id's target is not 3: $(cat "$d/out")"

expect 0 "now publisher" user-role cat publisher $cfg
expect 1 "staff or publisher" user-role cat boss $cfg
expect 2 "expected" user-role cat $cfg
expect 2 "expected" approve x --as ben $cfg
expect 2 "expected" approve 2 $cfg
expect 2 "expected" rollout 2 everywhere $cfg
expect 2 "expected" rollout 2 kiosk $cfg
expect 2 "expected" publish $cfg
expect 2 "unknown option" content --as ana $cfg
expect 0 "publish BUNDLE" --help

# serve reads the content keys at start: a wrong path stops it, saying which.
printf 'db = %s\ncontent_keys = %s/missing.pub\n' "$db" "$d" >"$d/bad.conf"
timeout 20 "$col" serve --config "$d/bad.conf" --listen 127.0.0.1:0 >"$d/out" 2>"$d/err"
rc=$?
[ "$rc" = 1 ] && grep -q "content_keys" "$d/err" ||
	fail "serve with a missing content key exited $rc: $(cat "$d/err")"

exit $failed
