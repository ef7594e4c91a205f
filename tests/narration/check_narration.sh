#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mesokiosk --check` on recorded narration: content with good recordings
# is silent and exits 0; each bad one (missing, cut short, garbage, too
# large, far longer than its words, a path outside the content folder)
# is one `path:line: message` that says what is wrong, and exit 1.
# Usage: check_narration.sh MESOKIOSK OPUS_TONE SHIPPED_CONTENT
set -u
bin=$1 tone=$2 shipped=$3
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
tmp=$(mktemp -d /tmp/mknarr.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp/content
cp -r "$shipped" "$dir" && mkdir -p "$dir/audio" || exit 1
conf=$tmp/kiosk.conf
printf '%s\n' "clinic_phone = +44 20 7946 0000" "out_of_hours_phone = +44 20 7946 0999" \
	"emergency_number = 999" "clinic_hours = 9-18" "clinic_name = X" "country = GB" >"$conf"

"$tone" "$dir/audio/good.en.opus" 2000 || exit 1
"$tone" "$dir/audio/page.fr.opus" 6000 || exit 1
# One paragraph of five words in each language, with the recording given.
para() { # LINE-COMMENT AUDIO-TABLE
	printf '  paragraph { en = "One two three four five.", ar = "واحد اثنان ثلاثة أربعة خمسة.", fr = "Un deux trois quatre cinq.", audio = %s },\n' "$1"
}
page() { # PAGE-AUDIO, then paragraphs' audio tables, one a line from line 4
	echo 'page "narrated" {'
	echo '  title = { en = "Recorded", ar = "مسجّل", fr = "Enregistré" },'
	echo "  audio = $1,"
	shift
	for a in "$@"; do para "$a"; done
	echo '}'
}
page '{ fr = "audio/page.fr.opus" }' '{ en = "audio/good.en.opus" }' >"$dir/pages/99-narrated.lua"
out=$("$bin" --config "$conf" --check "$dir" 2>&1); rc=$?
[ $rc -eq 0 ] && ok || no "good recordings: exit $rc"
[ -z "$out" ] && ok || no "good recordings printed: $out"

# The bad ones, each on its own line.
head -c 3000 "$dir/audio/good.en.opus" >"$dir/audio/cut.fr.opus"
head -c 5000 /dev/urandom >"$dir/audio/junk.en.opus"
truncate -s 5M "$dir/audio/big.en.opus"
"$tone" "$dir/audio/long.ar.opus" 20000 || exit 1
page '{ en = "audio/good.en.opus" }' '{ en = "audio/missing.en.opus" }' '{ fr = "audio/cut.fr.opus" }' \
	'{ en = "audio/junk.en.opus" }' '{ en = "audio/big.en.opus" }' '{ ar = "audio/long.ar.opus" }' \
	>"$dir/pages/99-narrated.lua"
f=$dir/pages/99-narrated.lua
out=$("$bin" --config "$conf" --check "$dir" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "bad recordings: exit $rc"
echo "$out" | grep -q "^$f:4: recording 'audio/missing.en.opus' (en) was not found$" && ok || no "missing: $out"
echo "$out" | grep -q "^$f:5: recording 'audio/cut.fr.opus' (fr) is cut short" && ok || no "cut short: $out"
echo "$out" | grep -q "^$f:6: recording 'audio/junk.en.opus' (en) is not an Opus recording" && ok || no "garbage: $out"
echo "$out" | grep -q "^$f:7: recording 'audio/big.en.opus' (en) is too large (5.0 MiB; at most 4 MiB)" && ok || no "too big: $out"
echo "$out" | grep -q "^$f:8: recording 'audio/long.ar.opus' (ar) is 20.0 s long, far longer than its 5 words could need (at most 8.0 s)" && ok || no "too long: $out"
# The page's own recording: 2 s for the page's words is fine.
[ "$(echo "$out" | grep -c "^$f:1:")" -eq 0 ] && ok || no "a good page recording was reported: $out"
[ "$(echo "$out" | grep -c .)" -eq 5 ] && ok || no "not one line per bad recording: $out"

# Outside the content folder: refused when the content loads, like a picture.
echo secret >"$tmp/outside.opus"
ln -s "$tmp/outside.opus" "$dir/audio/link.en.opus"
page '{ en = "../outside.opus" }' '{ en = "audio/link.en.opus" }' '{ fr = "/etc/passwd" }' >"$f"
out=$("$bin" --config "$conf" --check "$dir" 2>&1); rc=$?
[ $rc -eq 1 ] && ok || no "outside: exit $rc"
echo "$out" | grep -q "^$f:1: the 'en' recording of page 'narrated', '../outside.opus', must not use '..'" && ok || no "..: $out"
echo "$out" | grep -q "^$f:4: the 'en' recording of paragraph, 'audio/link.en.opus', points outside the content folder" && ok || no "link outside: $out"
echo "$out" | grep -q "^$f:5: the 'fr' recording of paragraph, '/etc/passwd', must be a path inside the content folder" && ok || no "absolute: $out"
# A language the manifest does not have.
page '{ de = "audio/good.en.opus" }' >"$f"
out=$("$bin" --config "$conf" --check "$dir" 2>&1)
echo "$out" | grep -q "^$f:1: .*'de'.*manifest does not list that language" && ok || no "unknown language: $out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
