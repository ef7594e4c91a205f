#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Wrong staff PINs survive a restart: five of them, then the kiosk stops
# (a pulled plug, a crash); when it comes back the pad is still closed,
# even to the right PIN. Without this every restart gave five fresh tries.
# Usage: staff_restart.sh MESOKIOSK CONTENT
set -u
bin=$1 content=$2
out=$(mktemp -d /tmp/mkrestart.XXXXXX)
trap 'rm -rf "$out"' EXIT
cd "$out" || exit 1
echo 1234 | "$bin" --set-staff-pin --config "$out/kiosk.conf" 2>/dev/null || exit 1
cat >"$out/wrong.drive" <<'DRIVE'
hold 20,20 5.5
expect Staff PIN
type 9999
tap OK
expect Wrong PIN.
type 9998
tap OK
type 9997
tap OK
type 9996
tap OK
type 9995
tap OK
expect Too many wrong PINs
DRIVE
cat >"$out/again.drive" <<'DRIVE'
hold 20,20 5.5
expect Staff PIN
type 1234
tap OK
expect Too many wrong PINs
expect-not Enrol a patient
DRIVE
run() {
	"$bin" --headless --windowed 1920x1080 --config "$out/kiosk.conf" --data "$out/data" \
		--content "$content" --drive "$1" 2>"$out/log" || { grep -v "level=info" "$out/log" >&2; exit 1; }
}
run "$out/wrong.drive"
run "$out/again.drive"
echo "staff PIN lock kept across a restart"
