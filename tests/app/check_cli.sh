#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mesokiosk --check`: silent with exit 0 on the shipped content; on content
# with text that cannot fit, one `path:line: message` per problem, exit 1.
# Usage: check_cli.sh MESOKIOSK SHIPPED_CONTENT FIT_FIXTURE
set -u
bin=$1 shipped=$2 fit=$3
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# A kiosk with the clinic's contacts set: nothing to say.
contacts=$(mktemp)
printf '%s\n' "clinic_phone = +44 20 7946 0000" "out_of_hours_phone = +44 20 7946 0999" \
	"emergency_number = 999" "clinic_hours = 9-18" "clinic_name = X" "country = GB" >"$contacts"
out=$("$bin" --config "$contacts" --check "$shipped" 2>&1); rc=$?
[ $rc -eq 0 ] && ok || no "shipped content: exit $rc"
[ -z "$out" ] && ok || no "shipped content printed: $out"
# Without them: still exit 0, but a warning names each missing setting.
out=$("$bin" --config /dev/null --check "$shipped" 2>&1); rc=$?
[ $rc -eq 0 ] && ok || no "shipped content without contacts: exit $rc"
for k in clinic_phone out_of_hours_phone emergency_number; do
	echo "$out" | grep -q "^$shipped/[a-z0-9/_-]*\.lua:[0-9]*: warning: {$k} is used, but $k in kiosk.conf is not set" &&
		ok || no "no warning for $k: $out"
done
rm -f "$contacts"

out=$("$bin" --config /dev/null --check "$fit" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "fit fixture: exit $rc"
echo "$out" | grep -q "^$fit/pages/home.lua:4: text does not fit its box" && ok || no "overflowing word not reported at line 4: $out"
echo "$out" | grep -q "^$fit/pages/home.lua:8: button label does not fit" && ok || no "long button label not reported at line 8: $out"
echo "$out" | grep -q "^$fit/pages/home.lua:12: image .*huge.svg is 30000x30000 pixels" && ok || no "huge image not refused at line 12: $out"
echo "$out" | grep -q "^$fit/pages/home.lua:13: text is too long for one block" && ok || no "wall of text not reported at line 13: $out"
[ "$(echo "$out" | grep -c "home.lua:14:")" -eq 0 ] && ok || no "a good tile was reported: $out"
conf=$(mktemp); printf 'check_width = 1080\ncheck_height = 1920\n' >"$conf"
out=$("$bin" --config "$conf" --check "$fit" 2>&1)
echo "$out" | grep -q "home.lua:4: text does not fit its box at 100% text size (1080x1920)" && ok || no "check size not used: $out"
rm -f "$conf"
[ "$(echo "$out" | grep -c .)" -eq "$(echo "$out" | grep -c '^[^:]*:[0-9]*: ')" ] && ok || no "every line must be path:line: message"

# An SVG that takes too long to draw (each full-size shape is a pass over
# the picture) is refused by --check; the kiosk gives up on it in time.
slow=$(mktemp -d); cp -r "$shipped/." "$slow/"
{
	printf '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">'
	for i in $(seq 1500); do printf '<rect width="800" height="800" fill="#%06x"/>' "$i"; done
	printf '</svg>'
} >"$slow/images/slow.svg"
printf '%s\n' 'page "slow" { title = { en = "x", ar = "x", fr = "x" },' \
	'  image { "images/slow.svg", alt = { en = "a", ar = "a", fr = "a" } } }' >"$slow/pages/99-slow.lua"
out=$("$bin" --config /dev/null --check "$slow" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "slow SVG: exit $rc"
echo "$out" | grep -q "^$slow/pages/99-slow.lua:2: image .*slow.svg takes more than 1.5 s to draw" &&
	ok || no "slow SVG not refused at line 2: $out"
rm -rf "$slow"

out=$("$bin" --config /dev/null --check /nonexistent 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "missing folder: exit $rc"
echo "$out" | grep -q "^/nonexistent" && ok || no "missing folder not named: $out"

conf=$(mktemp); printf 'idle_seconds = 30\nbogus = 1\n' >"$conf"
out=$("$bin" --config "$conf" --check "$shipped" 2>&1); rc=$?
[ $rc -ne 0 ] && ok || no "bad config accepted"
echo "$out" | grep -q "$conf:2: unknown setting 'bogus'" && ok || no "bad config not named with file:line: $out"
rm -f "$conf"
# keygen: a clinic key pair, the private half readable by its owner only.
kd=$(mktemp -d)
"$bin" keygen "$kd/clinic" >/dev/null 2>&1 && ok || no "keygen failed"
[ "$(stat -c %a "$kd/clinic.key" 2>/dev/null)" = 600 ] && ok || no "private key is not 0600"
grep -Eq '^[0-9a-f]{64}$' "$kd/clinic.pub" && ok || no "public key is not 64 hex digits"
"$bin" keygen "$kd/clinic" >/dev/null 2>&1 && no "keygen overwrote a key" || ok
rm -rf "$kd"
# A questionnaire needs the patient screens' words: a missing one is named.
cd_=$(mktemp -d); cp -r "$shipped" "$cd_/c"; sed -i '/^    staff_unlock = /d' "$cd_/c/strings.lua"
out=$("$bin" --config /dev/null --check "$cd_/c" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "missing patient-screen string: exit $rc"
echo "$out" | grep -q "strings.lua: missing interface string 'staff_unlock'" && ok || no "missing string not named: $out"
rm -rf "$cd_"
# --set-staff-pin: only an Argon2id hash reaches the file, replacing the old one.
sd=$(mktemp -d); printf 'idle_seconds = 60\nstaff_pin_hash = $argon2id$old\n' >"$sd/k.conf"
chmod 640 "$sd/k.conf"
echo 2468 | "$bin" --set-staff-pin --config "$sd/k.conf" >/dev/null 2>&1 && ok || no "set-staff-pin failed"
[ "$(stat -c %a "$sd/k.conf")" = 640 ] && ok || no "the file's mode was not kept (the kiosk reads it through its group)"
[ "$(grep -c '^staff_pin_hash = \$argon2id\$v=19' "$sd/k.conf")" -eq 1 ] && ok || no "hash not written once: $(cat "$sd/k.conf")"
grep -q 'idle_seconds = 60' "$sd/k.conf" && ok || no "other settings lost"
grep -q 2468 "$sd/k.conf" && no "the PIN itself was written" || ok
echo 12 | "$bin" --set-staff-pin --config "$sd/k.conf" >/dev/null 2>&1 && no "a 2-digit staff PIN was accepted" || ok
printf 'staff_pin_hash = 1234\n' >"$sd/bad.conf"
out=$("$bin" --config "$sd/bad.conf" --check "$shipped" 2>&1)
echo "$out" | grep -q "bad.conf:1: staff_pin_hash must be an Argon2id hash" && ok || no "a plain PIN in the config accepted: $out"
rm -rf "$sd"

# Staff text reaches the terminal and the log in plain words: an escape
# sequence in error() is shown as a code, never sent raw.
esc=$(mktemp -d)
cp -r "$shipped" "$esc/c"
printf 'error("wiped\27[2J screen")\n' >>"$esc/c/pages/10-home.lua"
out=$("$bin" --config /dev/null --check "$esc/c" 2>&1)
echo "$out" | grep -q "^$esc/c/pages/10-home.lua:[0-9]*: .*wiped" && ok || no "the error is not named: $out"
printf '%s' "$out" | grep -q $'\x1b' && no "an escape sequence went out raw" || ok
# A data folder inside the content folder is refused at start (each record
# saved looked like a content change: 91 reloads in 12 s).
out=$(SDL_VIDEODRIVER=dummy timeout 30 "$bin" --config /dev/null --headless --content "$esc/c" \
	--data "$esc/c/data" --drive /dev/null 2>&1); rc=$?
[ $rc -ne 0 ] && ok || no "a data folder inside the content folder started (exit $rc)"
echo "$out" | grep -q "one inside the other" && ok || no "no reason given: $out"
rm -rf "$esc"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
