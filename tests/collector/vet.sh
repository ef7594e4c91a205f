#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mesokiosk-collector vet` as IT and the dashboard meet it: a content
# bundle checked and previewed by the kiosk's own binary in a sandbox.
#   problems  a bundle with content errors: every problem as file:line, no
#             preview; a bundle signed by another key: refused, said why
#   preview   a good bundle: pages x 3 languages x 2 orientations PNGs at
#             the screens' sizes, and a contact sheet that is a real PNG
#   diff      one heading changed in English: exactly that page's English
#             shots listed as changed, with a before | after picture each
#   limits    content that loops for ever / eats memory (a stand-in kiosk
#             plays it): stopped, with the limit named
#   confined  the child's environment is bare, its folder is its scratch,
#             it holds none of the collector's files, it cannot write
#             outside its folder or reach the network (where the kernel
#             allows the walls; vet says which held)
# Usage: vet.sh CASE COLLECTOR MESOKIOSK STANDIN SOURCE_DIR
set -u
case=$1 col=$2 kiosk=$3 standin=$4 src=$5
fixture=$src/tests/collector/fixtures/vet
t=$(mktemp -d "${TMPDIR:-/tmp}/mkvet.XXXXXX")
trap 'rm -rf "$t"' EXIT
fail() {
	echo "vet.sh $case: $*" >&2
	[ -f "$t/out" ] && sed 's/^/  | /' "$t/out" >&2
	exit 1
}
"$kiosk" keygen --content "$t/ck" >/dev/null || fail "keygen"
# bundle DIR OUT VERSION [KEY]
bundle() {
	"$kiosk" bundle "$1" "$2" --key "${4:-$t/ck.key}" --version "$3" >/dev/null || fail "bundle $1"
}
# vet ARGS...: the collector's vet with the test's key; output in $t/out.
vet() {
	"$col" vet "$@" --keys "$t/ck.pub" >"$t/out" 2>&1
}
has() { grep -qF -- "$1" "$t/out" || fail "expected: $1"; }
# A PNG's width and height, from its IHDR.
png_size() {
	[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "not-a-png"; return; }
	echo "$(( 0x$(od -An -tx1 -j16 -N4 "$1" | tr -d ' \n') ))x$(( 0x$(od -An -tx1 -j20 -N4 "$1" | tr -d ' \n') ))"
}
# The fixture changed (a sed expression on its pages), with marker files, bundled.
variant() { # OUT VERSION SED [FILE...]
	local out=$1 v=$2 expr=$3 d
	shift 3
	d=$(mktemp -d "$t/c.XXXXXX")
	cp -r "$fixture/." "$d/" && sed -i "$expr" "$d"/pages/*.lua || fail "copy"
	for f in "$@"; do printf '%s\n' "${f#*=}" >"$d/${f%%=*}"; done
	bundle "$d" "$out" "$v"
}

case $case in
problems)
	bundle "$src/tests/content/fixtures/bad" "$t/bad.mkb" 1
	# The kiosk binary named as IT would from its folder: ./mesokiosk.
	(cd "$(dirname "$kiosk")" && vet "$t/bad.mkb" "$t/p" --kiosk-bin "./$(basename "$kiosk")") &&
		fail "a bundle with content errors passed"
	has "pages/a.lua:3: unknown block 'vidoe'"
	has "manifest.lua:1: unknown field 'colour' in manifest"
	has "pages/b.lua:3: kiosk.go links to missing page 'gone'"
	has "no preview"
	has "bundle version 1: "
	[ ! -e "$t/p" ] || fail "a preview was made of content the kiosks would refuse"
	"$kiosk" keygen --content "$t/other" >/dev/null || fail "keygen"
	bundle "$fixture" "$t/other.mkb" 2 "$t/other.key"
	vet "$t/other.mkb" "$t/p" --kiosk-bin "$kiosk" && fail "a bundle signed by another key passed"
	has "bundle: refused: the bundle is signed by a key not in content_keys"
	has "bundle refused: 1 problem"
	;;
preview)
	bundle "$fixture" "$t/v1.mkb" 0
	vet "$t/v1.mkb" "$t/p" --kiosk-bin "$kiosk" || fail "a good bundle did not pass"
	has "bundle version 0: 0 problems"
	has "preview: 3 pages, 18 pictures in $t/p"
	for l in en ar fr; do
		for p in 01 02; do
			[ "$(png_size "$t/p/$l-land-$p.png")" = 1920x1080 ] || fail "$l-land-$p.png: $(png_size "$t/p/$l-land-$p.png")"
			[ "$(png_size "$t/p/$l-port-$p.png")" = 1080x1920 ] || fail "$l-port-$p.png: $(png_size "$t/p/$l-port-$p.png")"
		done
		# The long page whole: taller than the screen.
		size=$(png_size "$t/p/$l-land-03.png")
		[ "${size%x*}" = 1920 ] && [ "${size#*x}" -gt 1300 ] || fail "$l-land-03.png is not the whole page: $size"
		size=$(png_size "$t/p/$l-port-03.png")
		[ "${size%x*}" = 1080 ] && [ "${size#*x}" -gt 2000 ] || fail "$l-port-03.png is not the whole page: $size"
	done
	[ "$(find "$t/p" -name '*.png' | wc -l)" -eq 19 ] || fail "not 18 shots and a sheet: $(ls "$t/p")"
	size=$(png_size "$t/p/sheet.png")
	w=${size%x*} h=${size#*x}
	# Three thumbnails across, six rows (3 languages x 2 orientations) down.
	[ "$size" != not-a-png ] && [ "$w" -ge 768 ] && [ "$h" -ge 1200 ] && [ "$h" -le 8000 ] ||
		fail "sheet.png is not a contact sheet: $size"
	[ "$(stat -c %s "$t/p/sheet.png")" -gt 50000 ] || fail "sheet.png is nearly empty"
	[ -z "$(find "$t" -maxdepth 1 -name 'p.vet-*')" ] || fail "the scratch folder was left behind"
	;;
diff)
	bundle "$fixture" "$t/v1.mkb" 1
	vet "$t/v1.mkb" "$t/p1" --kiosk-bin "$kiosk" || fail "v1"
	# An English heading, and the English words at the foot of the long page.
	variant "$t/v2.mkb" 2 's/en = "Results vary"/en = "Results differ from person to person"/;
		s/en = "The last words of the page."/en = "The very last words."/'
	vet "$t/v2.mkb" "$t/p2" --prev "$t/p1" --kiosk-bin "$kiosk" || fail "v2"
	has "changed since $t/p1: 4 pictures"
	printf 'en-land-02.png more\nen-land-03.png long\nen-port-02.png more\nen-port-03.png long\n' |
		cmp -s - "$t/p2/changed.txt" || fail "changed.txt: $(cat "$t/p2/changed.txt")"
	[ "$(cd "$t/p2" && echo diff-*)" = "diff-en-land-02.png diff-en-land-03.png diff-en-port-02.png diff-en-port-03.png" ] ||
		fail "diffs: $(cd "$t/p2" && echo diff-*)"
	[ "$(png_size "$t/p2/diff-en-land-02.png")" = 3864x1080 ] || fail "diff is not before | after"
	;;
limits)
	variant "$t/hang.mkb" 3 '' hang=1
	vet "$t/hang.mkb" "$t/p" --kiosk-bin "$standin" --time-limit 3 && fail "a content that never ends passed"
	has "the kiosk ran longer than its time limit of 3 s and was stopped"
	variant "$t/hog.mkb" 4 '' hog=1
	vet "$t/hog.mkb" "$t/p" --kiosk-bin "$standin" --mem-limit 256 && fail "a content that eats memory passed"
	has "the kiosk ran out of memory: it may use at most 256 MiB"
	[ ! -e "$t/p" ] || fail "a preview was left"
	;;
confined)
	# What this kernel allows, asked apart from vet: vet must use it.
	walls=$("$standin" --walls)
	abi=$(echo "$walls" | sed -n 's/.*landlock=\([0-9]*\).*/\1/p')
	variant "$t/esc.mkb" 5 '' "escape=$t/escaped"
	vet "$t/esc.mkb" "$t/p" --kiosk-bin "$standin"
	if [ "$abi" -ge 1 ]; then
		has "writes only in its scratch folder"
		has "escape:1: could not write $t/escaped"
		[ ! -e "$t/escaped" ] || fail "the child wrote outside its scratch folder"
		# The same for the child that draws the preview, OUT given relative.
		variant "$t/esc2.mkb" 7 '' "escape-draw=$t/escaped2"
		(cd "$t" && vet esc2.mkb p --kiosk-bin "$standin") && fail "the escaping preview passed"
		has "could not write $t/escaped2"
		[ ! -e "$t/escaped2" ] || fail "the preview's child wrote outside its scratch folder"
		[ -z "$(find "$t" -maxdepth 1 -name 'p.vet-*')" ] || fail "the scratch folder was left behind"
		variant "$t/esc.mkb" 5 '' "escape=$t/escaped"
		vet "$t/esc.mkb" "$t/p" --kiosk-bin "$standin"
	else
		echo "vet.sh: this kernel has no Landlock: writes outside the scratch not tested" >&2
		has "writes not confined here"
	fi
	if [ "$abi" -ge 4 ] || echo "$walls" | grep -q "netns=1"; then
		has "sandbox: network none"
		has "escape:2: network:"
		grep -qE "escape:2: network: (connected|Connection refused)" "$t/out" && fail "the child reached loopback"
	else
		echo "vet.sh: no network namespace or Landlock network rules here: not tested" >&2
	fi
	variant "$t/env.mkb" 6 '' env=1
	# The collector holding a file open without O_CLOEXEC (fd 7, as a
	# library might): the child must not get it.
	COLLECTOR_TOKEN=k1.secret http_proxy=http://proxy.example:3128 vet "$t/env.mkb" "$t/p" \
		--kiosk-bin "$standin" 7>"$t/collector-file"
	has "SDL_VIDEODRIVER=dummy"
	grep -q "open fd" "$t/out" && fail "the child was given the collector's descriptors"
	grep -qE "secret|proxy|COLLECTOR" "$t/out" && fail "the collector's environment reached the child"
	home=$(sed -n 's/.*env:[0-9]*: HOME=//p' "$t/out")
	[ -n "$home" ] && grep -qF "env:99: cwd=$home" "$t/out" || fail "its folder is not its HOME, a scratch folder"
	[ "$home" != "$HOME" ] || fail "it ran in the collector's HOME"
	[ ! -e "$home" ] || fail "its scratch folder $home was left behind"
	;;
*) fail "unknown case" ;;
esac
echo "vet.sh $case: ok"
