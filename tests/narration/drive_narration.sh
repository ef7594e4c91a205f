#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs narration.drive in the real kiosk, headless, on the shipped content
# plus three pages with recordings made by opus_tone, then checks what the
# driver's say-log printed and the kiosk's log: which sentences were
# played from which recording, and one narration-fallback line for each
# recording that could not be played.
# Usage: drive_narration.sh MESOKIOSK OPUS_TONE CONTENT SCRIPT
set -u
bin=$1 tone=$2 shipped=$3 script=$4
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
tmp=$(mktemp -d /tmp/mknarrdrive.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp/content
cp -r "$shipped" "$dir" && mkdir -p "$dir/audio" || exit 1
"$tone" "$dir/audio/para.en.opus" 2000 || exit 1
"$tone" "$dir/audio/page.en.opus" 3000 330 2 || exit 1
"$tone" "$dir/audio/long.en.opus" 30000 || exit 1
# Over 512 KiB (checked over two frames), damaged near its end: found late.
"$tone" "$dir/audio/late.en.opus" 40000 440 2 || exit 1
size=$(stat -c %s "$dir/audio/late.en.opus")
[ "$size" -gt 540000 ] || { echo "late.en.opus is only $size bytes" >&2; exit 1; }
printf '\377\377\377\377' | dd of="$dir/audio/late.en.opus" bs=1 seek=$((size - 3000)) conv=notrunc status=none
t='title = { en = "%s", ar = "صفحة مسجّلة", fr = "Page enregistrée" }'
p='paragraph { en = "%s", ar = "واحد اثنان ثلاثة أربعة خمسة.", fr = "Un deux trois quatre cinq."%s }'
{
	printf 'page "narrated" {\n  '"$t"',\n' "Recorded paragraph"
	printf '  '"$p"',\n' "One two three four five." ', audio = { en = "audio/para.en.opus" }'
	printf '  '"$p"',\n}\n' "Six seven eight nine ten." ""
	printf 'page "narrated-page" {\n  '"$t"',\n  audio = { en = "audio/page.en.opus" },\n' "Recorded page"
	printf '  '"$p"',\n' "One two three four five." ', audio = { en = "audio/para.en.opus" }'
	printf '  '"$p"',\n}\n' "Six seven eight nine ten." ""
	printf 'page "narrated-bad" {\n  '"$t"',\n' "Recordings that cannot play"
	printf '  '"$p"',\n' "One two three four five." ', audio = { en = "audio/missing.en.opus" }'
	printf '  '"$p"',\n}\n' "Six seven eight nine ten." ', audio = { en = "audio/long.en.opus" }'
	forty=$(printf 'One two three four five six seven eight nine ten. %.0s' 1 2 3 4)
	printf 'page "narrated-late" {\n  '"$t"',\n' "A recording damaged at its end"
	printf '  '"$p"',\n}\n' "${forty% }" ', audio = { en = "audio/late.en.opus" }'
} >"$dir/pages/99-narrated.lua"

"$bin" --headless --windowed 1920x1080 --config /dev/null --data "$tmp/data" --content "$dir" \
	--drive "$script" >"$tmp/out" 2>"$tmp/log"; rc=$?
[ $rc -eq 0 ] && ok || { no "the script failed (exit $rc)"; grep -v "level=info" "$tmp/log" >&2; }
out=$(cat "$tmp/out")
want() { grep -qxF "$1" "$tmp/out" && ok || no "say-log lacks '$1': $out"; }
want "said 1: Recorded paragraph"
want "said 2 [recording audio/para.en.opus, 1]: One two three four five."
want "said 3: Six seven eight nine ten."
want "said 2: Un deux trois quatre cinq."
want "said 1 [recording audio/page.en.opus, 3]: Recorded page"
want "said 1: Recordings that cannot play"
want "said 1: A recording damaged at its end"
[ "$(grep -c '\[recording' "$tmp/out")" -eq 2 ] && ok || no "recordings marked where none played: $out"
fb=$(grep "event=narration-fallback" "$tmp/log")
echo "$fb" | grep -q 'file="[^"]*audio/missing.en.opus" why="was not found"' && ok || no "no fallback line for the missing file: $fb"
echo "$fb" | grep -q 'file="[^"]*audio/long.en.opus" why="is 30.0 s long, far longer than its 5 words' && ok || no "no fallback line for the long file: $fb"
echo "$fb" | grep -q 'file="[^"]*audio/late.en.opus" why="is damaged inside (an Ogg page fails its checksum)' && ok || no "no fallback line for the damaged file: $fb"
[ "$(echo "$fb" | grep -c .)" -eq 3 ] && ok || no "not one fallback line per bad recording: $fb"
! grep -q "One two three\|Six seven" "$tmp/log" && ok || no "the text read is in the log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
