#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the kiosk says at start about its TPM, in the log: which TPM guards
# patients' keys, or the plain warning that records are protected by
# patients' PINs only, with the reason (none found, tpm = off, a TPM that
# does not answer: the kiosk starts all the same). A malformed tpm setting
# stops it with file:line. Run under tests/store/tpm_run.sh (MK_TEST_TPM).
# Usage: tpm_log.sh MESOKIOSK CONTENT
set -u
bin=$1 content=$2
out=$(mktemp -d /tmp/mktpmlog.XXXXXX)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
check() { # check WHAT COMMAND...
	if "${@:2}"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "failed: $1" >&2; fi
}
echo "wait 10" >"$out/idle.drive"
# start TPM-SETTING: runs the kiosk once with that setting ("" for none).
start() {
	: >"$out/kiosk.conf"
	[ -n "$1" ] && echo "tpm = $1" >"$out/kiosk.conf"
	"$bin" --headless --windowed 1280x720 --config "$out/kiosk.conf" --data "$out/data" \
		--content "$content" --drive "$out/idle.drive" 2>"$out/log"
}
warned() { grep "event=tpm-off" "$out/log" | grep -q "$1" &&
	grep "event=tpm-off" "$out/log" | grep -q "records on this kiosk are protected by patients' PINs only"; }

if [ ! -e /dev/tpmrm0 ]; then
	check "no TPM here: the kiosk starts" start ""
	check "no TPM here: the warning, and why" warned "no TPM found"
fi
check "tpm = off: the kiosk starts" start off
check "tpm = off: the warning, and why" warned "tpm = off in kiosk.conf"
check "a TPM that does not answer: the kiosk starts" start "swtpm:host=127.0.0.1,port=1"
check "a TPM that does not answer: the warning, and why" warned "port=1"
check "the kiosk's TPM: the kiosk starts" start "$MK_TEST_TPM"
check "the kiosk's TPM: named in the log" grep -q "event=tpm tcti=\"$MK_TEST_TPM\" max_tries=3" "$out/log"
check "the kiosk's TPM: no warning" bash -c "! grep -q event=tpm-off '$out/log'"
echo "tpm = on please" >"$out/bad.conf"
"$bin" --headless --config "$out/bad.conf" --drive "$out/idle.drive" 2>"$out/err"
check "a malformed setting stops the kiosk" test $? -ne 0
check "with file:line" grep -q "bad.conf:1: tpm must be auto, off or a TCTI" "$out/err"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
