#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Software updates through a running kiosk (issue 20), the app's half: the
# driver offers package bundles as if the sender had downloaded them and
# writes the helper's status as mesokiosk-update would. Every refused
# package (unsigned, signed with a content key, a content bundle, offered
# as another version, not above the highest taken) stays where it was and
# says why for the heartbeat and the staff badge, never to a patient; a
# good one waits while a patient is signed in and is handed to the helper
# (request.mkb, the same bytes, 0644) from the attract screen; the
# helper's installed / rolled-back / rejected reach the heartbeat's state,
# survive a restart, and a version rolled back is never taken again (its
# badge stays for staff until a package is installed); the
# kiosk writes its package version to started once its first frame is up.
# Usage: software.sh MESOKIOSK CONTENT
set -u
bin=$1 content=$2
out=$(mktemp -d /tmp/mksoftware.XXXXXX)
trap '[ -n "${MK_KEEP:-}" ] || rm -rf "$out"' EXIT
cd "$out" || exit 1
fail() { echo "software: $*" >&2; exit 1; }
running=$("$bin" --version | sed -n 's/^package //p')
[ -n "$running" ] || fail "--version does not say the package version"
"$bin" keygen "$out/clinic" >/dev/null || exit 1
"$bin" keygen --software "$out/sw" >/dev/null || exit 1
"$bin" keygen --content "$out/ct" >/dev/null || exit 1
echo 1234 | "$bin" --set-staff-pin --config "$out/kiosk.conf" 2>/dev/null || exit 1
printf 'clinic_public_key = %s\ncontent_keys = %s\nsoftware_keys = %s\n' "$out/clinic.pub" \
	"$out/ct.pub" "$out/sw.pub" >>"$out/kiosk.conf"

# Stand-ins for Debian packages: the bundle carries the file as it is.
deb() { head -c 70000 /dev/urandom >"$out/mesokiosk_$1_amd64.deb"; }
pkg() { "$bin" bundle-package "$out/mesokiosk_$1_amd64.deb" "$out/$2" --key "$out/${4:-sw}.key" \
	--version "$3" >/dev/null; }
deb 0.2.0 && deb 0.3.0 && deb 0.4.0 && deb 0.5.0 && deb 0.6.0 && deb 0.7.0 || exit 1
pkg 0.2.0 p5.mkb 5 && pkg 0.2.0 p9.mkb 9 && pkg 0.2.0 ckey.mkb 3 ct && pkg 0.3.0 p6.mkb 6 &&
	pkg 0.4.0 p7.mkb 7 && pkg 0.2.0 p4.mkb 4 && pkg 0.5.0 p8.mkb 10 &&
	pkg 0.6.0 p11.mkb 11 && pkg 0.7.0 p12.mkb 12 || exit 1
cp p5.mkb unsigned.mkb && tar --delete -f unsigned.mkb SIGNATURE || exit 1
"$bin" bundle "$content" "$out/content.mkb" --key "$out/sw.key" --version 8 >/dev/null || exit 1
cp p5.mkb offered5.mkb && cp p6.mkb offered6.mkb && cp p7.mkb offered7.mkb &&
	cp p8.mkb offered8.mkb && cp p11.mkb offered11.mkb && cp p12.mkb offered12.mkb || exit 1

run() {
	"$bin" --headless --windowed 1920x1080 --config "$out/kiosk.conf" --data "$out/data" \
		--content "$content" --drive "$out/$1" 2>"$out/$1.log"
}
must() { run "$1" || { grep -v "level=info" "$out/$1.log" >&2; fail "$1 failed"; }; }

cat >refused.drive <<DRIVE
expect Welcome
expect-software-state current 0 0
package-offer $out/unsigned.mkb 2
expect-software-state rejected 0 2 not signed
package-offer $out/ckey.mkb 3
expect-software-state rejected 0 3 key not in software_keys
package-offer $out/content.mkb 8
expect-software-state rejected 0 8 content, not a software package
package-offer $out/p9.mkb 1
expect-software-state rejected 0 1 offered as version 1
expect Welcome
expect-not Software update
hold 20,20 5.5
type 1234
tap OK
expect Software update not installed: 1: the package bundle is version 9
DRIVE
must refused.drive
grep -q 'event=software-package-refused version=3 state=rejected reason=' refused.drive.log ||
	fail "no log line for a refusal"
[ -e "$out/data/software/request.mkb" ] && fail "a refused package was handed over"
[ -e unsigned.mkb ] && [ -e p9.mkb ] || fail "a refused package was moved"
[ "$(cat "$out/data/software/started" 2>/dev/null)" = "$running" ] || fail "started does not say $running"
[ "$(stat -c %a "$out/data/software/started")" = 644 ] || fail "started is not 0644"

# A patient signed in: the package waits; the attract screen hands it over.
cat >waits.drive <<DRIVE
hold 20,20 5.5
type 1234
tap OK
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
type-copied
tap Next
type 135792
tap OK
tap I agree
expect My course
package-offer $out/offered5.mkb 5
expect-software-state waiting 0 5
tap How do I feel
expect-software-state waiting 0 5
expect-not Software update
idle 400
expect-software-state installing 0 5
wait 302000
expect-software-state installing 0 5 mesokiosk-update.path
DRIVE
must waits.drive
[ -e offered5.mkb ] && fail "the package was copied, not handed over"
cmp -s "$out/data/software/request.mkb" p5.mkb || fail "request.mkb is not the package offered"
[ "$(stat -c %a "$out/data/software/request.mkb")" = 644 ] || fail "request.mkb is not 0644"
[ "$(stat -c %a "$out/data/software")" = 755 ] || fail "the software folder is not 0755"

# The helper installed it (the kiosk restarts as dpkg would have it); an
# older package is then refused.
cat >installed.drive <<DRIVE
expect-software-state installing 0 5
software-status installed 5 0.2.0
expect-software-state installed 5 5
hold 20,20 5.5
type 1234
tap OK
expect Software update 5 is installed.
tap Sending to the clinic
expect Software update 5 is installed.
DRIVE
must installed.drive
grep -q 'event=software-package-status version=5 state=installed package="0.2.0"' installed.drive.log ||
	fail "no log line for the installed package"
rm -f "$out/data/software/request.mkb" # the helper takes it away
cat >older.drive <<DRIVE
expect-software-state installed 5 5
package-offer $out/p4.mkb 4
expect-software-state rejected 5 4 not above version 5
DRIVE
must older.drive

# Version 6 goes from the untouched start page at once, then does not
# start: rolled back, and never taken again, even after a restart.
cat >rolledback.drive <<DRIVE
package-offer $out/offered6.mkb 6
expect-software-state installing 5 6
software-status rolled-back 6 0.3.0 the new version did not start in 120 s
expect-software-state rolled-back 6 6 did not start in 120 s
DRIVE
must rolledback.drive
rm -f "$out/data/software/request.mkb"
cp p6.mkb offered6.mkb || exit 1
cat >again.drive <<DRIVE
expect-software-state rolled-back 6 6 did not start
package-offer $out/offered6.mkb 6
expect-software-state rejected 6 6 did not start
hold 20,20 5.5
type 1234
tap OK
expect Software update not installed: 6: the new version did not start
DRIVE
must again.drive
[ -e "$out/data/software/request.mkb" ] && fail "a rolled-back package was handed over again"

# The helper refuses version 7 (its own checks): rejected, taken stays 6.
cat >helper.drive <<DRIVE
package-offer $out/offered7.mkb 7
expect-software-state installing 6 7
software-status rejected 7 0.4.0 Architecture is arm64, this kiosk is amd64
expect-software-state rejected 6 7 Architecture is arm64
DRIVE
must helper.drive

# Version 10 installs: the badge of the refusal before it goes.
rm -f "$out/data/software/request.mkb"
cat >cleared.drive <<DRIVE
expect-software-state rejected 6 7 Architecture
package-offer $out/offered8.mkb 10
expect-software-state installing 6 10
software-status installed 10 0.5.0
expect-software-state installed 10 10
hold 20,20 5.5
type 1234
tap OK
expect Software update 10 is installed.
expect-not Software update not installed
DRIVE
must cleared.drive

# Version 12 comes while 11 installs: the helper's answer about 11 still
# makes it the highest taken.
cat >earlier.drive <<DRIVE
package-offer $out/offered11.mkb 11
expect-software-state installing 10 11
package-offer $out/offered12.mkb 12
expect-software-state installing 10 12
software-status installed 11 0.6.0
expect-software-state installing 11 12
DRIVE
must earlier.drive
cmp -s "$out/data/software/request.mkb" p12.mkb || fail "request.mkb is not version 12"
echo "software: every refusal kept the package; the handover waited; the helper's answers stuck"
