#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Signed content bundles through a running kiosk (issue 20), offered by the
# driver as if the sender had downloaded them. Every refused bundle
# (unsigned, another key, truncated, older, not newer, offered as another
# version, a path outside, a link, content with a mistake) leaves the old
# content on screen and says why for the heartbeat and the staff badge; a
# good one waits while a patient is signed in and is shown from the
# attract screen; a restart shows the newest bundle; one that crashes the
# kiosk twice rolls back by itself and ends "rejected"; remote
# screenshots are given on the attract screen and refused to a signed-in
# patient and to staff mode.
# Usage: rollout.sh MESOKIOSK CONTENT BUNDLE_CRAFT
set -u
bin=$1 content=$2 craft=$3
out=$(mktemp -d /tmp/mkrollout.XXXXXX)
trap 'rm -rf "$out"' EXIT
cd "$out" || exit 1
fail() { echo "rollout: $*" >&2; exit 1; }
"$bin" keygen "$out/clinic" >/dev/null || exit 1
"$bin" keygen --content "$out/pub" >/dev/null || exit 1
"$bin" keygen --content "$out/other" >/dev/null || exit 1
echo 1234 | "$bin" --set-staff-pin --config "$out/kiosk.conf" 2>/dev/null || exit 1
printf 'clinic_public_key = %s\ncontent_keys = %s\n' "$out/clinic.pub" "$out/pub.pub" >>"$out/kiosk.conf"
cp -r "$content" "$out/live" || exit 1

# A copy of the shipped content whose start page says WORD.
variant() {
	rm -rf "$out/v" && cp -r "$content" "$out/v" &&
		sed -i "s/en = \"Welcome\"/en = \"Hello $1\"/" "$out/v/pages/10-home.lua" &&
		grep -q "Hello $1" "$out/v/pages/10-home.lua"
}
pack() { "$bin" bundle "$out/v" "$out/$1" --key "$out/${3:-pub}.key" --version "$2" >/dev/null; }
variant eight && pack v8.mkb 8 && pack other.mkb 3 other && pack old.mkb 1 && pack v9.mkb 9 || exit 1
cp v8.mkb unsigned.mkb && tar --delete -f unsigned.mkb SIGNATURE || exit 1
head -c 20000 v8.mkb >trunc.mkb
"$craft" "$out/pub.key" outside.mkb 6 outside && "$craft" "$out/pub.key" link.mkb 7 link || exit 1
variant fifteen && pack v15.mkb 15 && variant ten && pack v10.mkb 10 && variant eleven && pack v11.mkb 11 || exit 1
# A bundle whose button's script never ends: set aside at the tap.
variant hang && sed -i '0,/^  button {/s//  button { label = { en = "Hang here", ar = "قف", fr = "Stop" },\n    on_tap = function(k) while true do end end },\n  button {/' \
	"$out/v/pages/10-home.lua" && grep -q "Hang here" "$out/v/pages/10-home.lua" && pack hang.mkb 13 || exit 1
variant broken && sed -i 's/title = { en = "Hello broken", ar = "أهلًا بك", fr = "Bienvenue" }/title = { en = "Hello broken" }/' \
	"$out/v/pages/10-home.lua" && pack bad.mkb 12 || exit 1

run() {
	"$bin" --headless --windowed 1920x1080 --config "$out/kiosk.conf" --data "$out/data" \
		--content "$out/live" --drive "$out/$1" 2>"$out/$1.log"
}
must() { run "$1" || { grep -v "level=info" "$out/$1.log" >&2; fail "$1 failed"; }; }

cat >refused.drive <<DRIVE
expect Welcome
expect-content-state showing 0
bundle-offer $out/unsigned.mkb 2
expect-content-state rejected 0 2 not signed
expect Welcome
expect bundle version 2: the bundle is not signed
bundle-offer $out/other.mkb 3
expect-content-state rejected 0 3 key not in content_keys
bundle-offer $out/trunc.mkb 4
expect-content-state rejected 0 4 truncated
bundle-offer $out/v9.mkb 5
expect-content-state rejected 0 5 offered as version 5
bundle-offer $out/outside.mkb 6
expect-content-state rejected 0 6 outside
bundle-offer $out/link.mkb 7
expect-content-state rejected 0 7 link
bundle-offer $out/bad.mkb 12
expect-content-state rejected 0 12 pages/10-home.lua:
expect Welcome
expect-not Hello broken
bundle-offer $out/v8.mkb 8
expect-content-state showing 8 8
expect Hello eight
bundle-offer $out/v8.mkb 8
expect-content-state rejected 8 8 not newer than version 8
bundle-offer $out/old.mkb 9
expect-content-state rejected 8 9 older than version 8
expect Hello eight
DRIVE
must refused.drive
grep -q 'event=content-bundle-rejected version=3 reason=' refused.drive.log || fail "no log line for a refusal"
[ ! -e "$out/data/content-bundles/12" ] && [ ! -e "$out/data/content-bundles/6" ] || fail "a refused bundle stayed"
ls "$out/data/content-bundles" | grep -qv '^\(8\|shown\|rejected\)$' && fail "left: $(ls "$out/data/content-bundles")"
[ -d "$out/data/content-bundles/8" ] || fail "bundle 8 is not kept"

# A patient signed in: the new bundle waits, and no screenshot is given.
cat >waits.drive <<DRIVE
expect Hello eight
screenshot-request
expect-screenshot-answer picture
hold 20,20 5.5
type 1234
tap OK
screenshot-request
expect-screenshot-answer refused staff mode is open
tap Enrol a patient
tap Thighs, grade 2: 12 sessions, once a week
tap Enrol with this plan
type 135792
tap OK
type 135792
tap OK
copy patient-code
tap Done
type 1234
tap OK
tap Close staff mode
tap My treatment course: sign in
screenshot-request
expect-screenshot-answer refused a patient screen is shown
type-copied
tap Next
type 135792
tap OK
tap I agree
expect My course
bundle-offer $out/v10.mkb 10
expect-content-state waiting 8 10
screenshot-request
expect-screenshot-answer refused a patient is signed in
tap How do I feel
expect-content-state waiting 8 10
idle 400
expect-content-state showing 10 10
screenshot-request
expect-screenshot-answer picture
tap @960,540
expect Hello ten
DRIVE
must waits.drive

# A bundle that stops the kiosk on trial is tried once more, then the
# kiosk goes back to the one before and says so in the next heartbeat.
cat >crash1.drive <<DRIVE
expect Hello ten
bundle-offer $out/v11.mkb 11
expect-content-state showing 11 11
expect Hello eleven
crash
DRIVE
cat >crash2.drive <<DRIVE
expect Hello eleven
crash
DRIVE
cat >crash3.drive <<DRIVE
expect Hello ten
expect-content-state rejected 10 11 stopped the kiosk twice
expect bundle version 11: the content stopped the kiosk twice
bundle-offer $out/v11.mkb 11
expect-content-state rejected 10 11 stopped the kiosk twice
expect Hello ten
DRIVE
run crash1.drive; [ $? -eq 70 ] || { cat crash1.drive.log >&2; fail "crash1 did not crash"; }
run crash2.drive; [ $? -eq 70 ] || { cat crash2.drive.log >&2; fail "crash2 did not crash"; }
must crash3.drive

# A bundle whose script hangs is set aside at once: the kiosk goes back
# to the bundle before it; a restart neither brings it back nor forgets
# to tell the collector.
cat >hang.drive <<DRIVE
bundle-offer $out/hang.mkb 13
expect-content-state showing 13 13
tap Hang here
expect-content-state rejected 10 13 content took too long
expect Hello ten
DRIVE
must hang.drive
cat >after.drive <<DRIVE
expect Hello ten
expect-content-state rejected 10 13 content took too long
DRIVE
must after.drive

# A bundle checked while staff mode was open still waits after a restart,
# and shows from the start page nobody has touched yet.
cat >staffwait.drive <<DRIVE
hold 20,20 5.5
type 1234
tap OK
bundle-offer $out/v15.mkb 15
expect-content-state waiting 10 15
crash
DRIVE
run staffwait.drive; [ $? -eq 70 ] || { cat staffwait.drive.log >&2; fail "staffwait did not crash"; }
cat >staffwait2.drive <<DRIVE
expect-content-state showing 15 15
expect Hello fifteen
DRIVE
must staffwait2.drive

# A key file that cannot be read: said at start, and every bundle is
# refused with that reason; the pages stay.
sed -i "s|^content_keys = .*|content_keys = $out/missing.pub|" "$out/kiosk.conf"
cat >nokey.drive <<DRIVE
expect Hello fifteen
expect content_keys:
bundle-offer $out/v11.mkb 16
expect-content-state rejected 15 16 content_keys:
DRIVE
must nokey.drive
grep -q 'event=content-keys-bad' nokey.drive.log || fail "no log line for a bad key file"
grep -q 'event=content-bundle-rejected version=11' crash3.drive.log || fail "no log line for the crash"
echo "rollout: every refusal kept the content; the switch waited; the crash rolled back"
