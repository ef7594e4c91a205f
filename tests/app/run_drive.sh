#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one UI driver script in the real kiosk, headless, at 1920x1080, then
# compares every screenshot it took with the reference of the same name in
# tests/app/ref/ (when one exists). MK_UPDATE_REFS=1 refreshes references.
# Usage: run_drive.sh MESOKIOSK IMGDIFF CONTENT SCRIPT [FAKE_COLLECTOR]
set -u
bin=$1 imgdiff=$2 content=$3 script=$4 fake=${5:-}
refs=$(cd "$(dirname "$script")" && pwd)/ref
out=$(mktemp -d /tmp/mkdrive.XXXXXX)
fake_pid=
trap '[ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$out"' EXIT
pass=0 fail=0
cd "$out" || exit 1
# A clinic key pair and the staff PIN 1234, as a clinic would set them up.
"$bin" keygen "$out/clinic" >/dev/null || exit 1
echo 1234 | "$bin" --set-staff-pin --config "$out/kiosk.conf" 2>/dev/null || exit 1
# A script with the line "# drive: no-clinic-key" runs without the key.
grep -q '^# drive: no-clinic-key' "$script" ||
	echo "clinic_public_key = $out/clinic.pub" >>"$out/kiosk.conf"
# "# drive: camera VALUE" picks the camera (test:yuyv:WxH is the test
# source); "# drive: import DIR" copies tests/app/fixtures/DIR as the USB
# stick staff import photos from.
cam=$(sed -n 's/^# drive: camera //p' "$script")
[ -n "$cam" ] && echo "camera = $cam" >>"$out/kiosk.conf"
# "# drive: collector URL" sends to URL (with a made-up token): a closed
# port on loopback shows staff what they see when the clinic is away.
col=$(sed -n 's/^# drive: collector //p' "$script")
[ -n "$col" ] && printf 'collector_url = %s\ncollector_token = k1.%064d\n' "$col" 7 >>"$out/kiosk.conf"
# "# drive: collector-refuses" sends to a stand-in (FAKE_COLLECTOR) that
# cannot read any batch (400): the kiosk sets every item aside for staff.
if grep -q '^# drive: collector-refuses$' "$script"; then
	[ -n "$fake" ] || { echo "$script: needs the fake collector" >&2; exit 1; }
	"$fake" "$out/fake.port" &
	fake_pid=$!
	for _ in $(seq 50); do [ -s "$out/fake.port" ] && break; sleep 0.1; done
	[ -s "$out/fake.port" ] || { echo "$script: the fake collector did not start" >&2; exit 1; }
	printf 'collector_url = http://127.0.0.1:%s\ncollector_token = k1.%064d\n' \
		"$(cat "$out/fake.port")" 7 >>"$out/kiosk.conf"
fi
# "# drive: tpm" uses the TPM that tests/store/tpm_run.sh started.
if grep -q '^# drive: tpm$' "$script"; then
	[ -n "${MK_TEST_TPM:-}" ] || { echo "$script: run it under tpm_run.sh" >&2; exit 1; }
	echo "tpm = $MK_TEST_TPM" >>"$out/kiosk.conf"
fi
# "# drive: staff-pin NAME PIN" gives a member of staff their own PIN
# (mesokiosk --set-staff-pin NAME), beside the unnamed 1234.
sed -n 's/^# drive: staff-pin //p' "$script" | while read -r name pin; do
	echo "$pin" | "$bin" --set-staff-pin "$name" --config "$out/kiosk.conf" 2>/dev/null || exit 1
done || exit 1
# "# drive: conf KEY = VALUE" adds a setting to kiosk.conf.
sed -n 's/^# drive: conf //p' "$script" >>"$out/kiosk.conf"
imp=$(sed -n 's/^# drive: import //p' "$script")
if [ -n "$imp" ]; then
	cp -r "$(dirname "$script")/fixtures/$imp" "$out/usb" || exit 1
	echo "photo_import_folder = $out/usb" >>"$out/kiosk.conf"
fi
# The clock is synchronised unless a script says otherwise
# (setenv MK_TEST_CLOCK_SYNC 0), so screenshots do not depend on the machine.
export MK_TEST_CLOCK_SYNC=1
# Every screen a script reaches is walked with the keyboard too (the
# driver's walk-every): a keyboard must reach every control, in order.
export MK_DRIVE_WALK_EVERY=${MK_DRIVE_WALK_EVERY:-1}
if "$bin" --headless --windowed 1920x1080 --config "$out/kiosk.conf" --data "$out/data" \
	--content "$content" --drive "$script" 2>"$out/log"; then
	pass=$((pass + 1))
else
	grep -v "level=info" "$out/log" >&2
	fail=$((fail + 1))
fi
keep=${MK_KEEP_SHOTS:-}
for png in "$out"/*.png; do
	[ -e "$png" ] || continue
	name=$(basename "$png")
	[ -n "$keep" ] && mkdir -p "$keep" && cp "$png" "$keep/"
	if [ -n "${MK_UPDATE_REFS:-}" ]; then
		cp "$png" "$refs/$name"
	elif [ -e "$refs/$name" ]; then
		if "$imgdiff" "$refs/$name" "$png"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
