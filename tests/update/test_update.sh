#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mesokiosk-update, the root helper that installs software packages, as a
# kiosk meets it: tiny real Debian packages named mesokiosk (1.0, 2.0, 3.0,
# each holding a file that says its version) built with dpkg-deb, signed
# with `mesokiosk bundle-package`, installed by the real dpkg into a
# scratch root (dpkg --force-not-root --root=DIR, so no root is needed and
# the machine's own packages are never touched). A stand-in for systemctl
# says what the kiosk's unit is doing; the stand-in "app" is the dpkg
# wrapper, which writes the started marker after an install, as a restarted
# kiosk would, unless the test wants a version that never starts.
#
#   test_update.sh apply HELPER MESOKIOSK     installs, refusals, going back
#   test_update.sh units KIOSK_DIR            the units pass systemd-analyze verify
set -uo pipefail
# shellcheck source=../kiosk/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../kiosk/lib.sh"

TMP=$(mktemp -d) || exit 1
# Only the main shell cleans up: a subshell ($(...), a pipeline) that exits
# on an error must not remove the folder under the rest of the test.
MAIN=$BASHPID
trap '[ "$BASHPID" = "$MAIN" ] && rm -rf "$TMP"' EXIT
# The stand-ins below call the real tools by their full path, found now.
REAL_DPKG=$(command -v dpkg)

# ---- packages and bundles ----------------------------------------------------

# deb VERSION [PACKAGE] [ARCH] [FILE-VERSION]: $TMP/debs/NAME.deb, echoed.
deb() {
	local v=$1 pkg=${2:-mesokiosk} arch=${3:-amd64} fv=${4:-$1} d
	d=$TMP/src/$pkg-$v-$arch-$fv
	mkdir -p "$d/DEBIAN" "$d/usr/share/mesokiosk-test" "$TMP/debs/$pkg-$v-$arch-$fv"
	printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: t <t@example.org>\nDescription: test package\n' \
		"$pkg" "$v" "$arch" >"$d/DEBIAN/control"
	echo "$v" >"$d/usr/share/mesokiosk-test/version"
	dpkg-deb --root-owner-group -b "$d" "$TMP/debs/$pkg-$v-$arch-$fv/mesokiosk_${fv}_$arch.deb" >/dev/null
	echo "$TMP/debs/$pkg-$v-$arch-$fv/mesokiosk_${fv}_$arch.deb"
}
# bundle DEB N [KEY]: the package bundle $TMP/b/N-NAME.mkb, echoed.
bundle() {
	local out
	out=$TMP/b/$2-$(basename "$1" .deb)-$(basename "${3:-sw}").mkb
	mkdir -p "$TMP/b"
	"$MESOKIOSK" bundle-package "$1" "$out" --key "$TMP/keys/${3:-sw}.key" --version "$2" >/dev/null ||
		echo "cannot bundle $1" >&2
	echo "$out"
}

# ---- a kiosk -------------------------------------------------------------------

# kiosk: a fresh kiosk in $K with mesokiosk 1.0 installed by hand.
kiosk() {
	K=$(mktemp -d "$TMP/kiosk.XXXXXX")
	# Everything below writes under $K, as root when the test runs as root:
	# stop at once rather than write anywhere else.
	case $K in "$TMP"/kiosk.?*) ;; *) echo "no kiosk folder under $TMP" >&2; exit 1 ;; esac
	mkdir -p "$K/root/var/lib/dpkg/info" "$K/root/var/lib/dpkg/updates" "$K/root/var/lib/dpkg/triggers" \
		"$K/data/software" "$K/bin"
	touch "$K/root/var/lib/dpkg/status" "$K/root/var/lib/dpkg/available" "$K/start"
	chmod 0755 "$K/data/software"
	cat >"$K/bin/dpkg" <<-EOS
		#!/bin/sh
		"$REAL_DPKG" --force-not-root --root="$K/root" --log="$K/dpkg.log" "\$@"
		rc=\$?
		echo "dpkg \$*" >>"$K/calls"
		if [ "\$1" = --install ] && [ \$rc = 0 ] && [ -e "$K/start" ]; then
			cat "$K/root/usr/share/mesokiosk-test/version" >"$K/data/software/started"
		fi
		exit \$rc
	EOS
	cat >"$K/bin/systemctl" <<-EOS
		#!/bin/sh
		state=\$(cat "$K/unit-state" 2>/dev/null || echo active)
		echo "\$state"
		[ "\$state" = active ]
	EOS
	chmod 0755 "$K/bin/dpkg" "$K/bin/systemctl"
	printf 'software_keys = %s\n' "$TMP/keys/sw.pub" >"$K/kiosk.conf"
	"$K/bin/dpkg" --install "$DEB1" >/dev/null 2>&1
	: >"$K/calls"
	rm -f "$K/data/software/started"
	BASE=1.0
}
# upd CMD: the helper on this kiosk; its lines in $K/out, exit status kept.
upd() {
	timeout 60 "$HELPER" "$1" --config "$K/kiosk.conf" --data "$K/data" --state "$K/state" \
		--backups "$K/backups" --dpkg "$K/bin/dpkg" --systemctl "$K/bin/systemctl" --wait-s 3 --steady-s 1 >"$K/out" 2>&1
	RC=$?
}
request() { cp "$1" "$K/data/software/request.mkb"; chmod 0644 "$K/data/software/request.mkb"; }
running() { cat "$K/root/usr/share/mesokiosk-test/version" 2>/dev/null; }
status() { sed -n "s/^$1 //p" "$K/data/software/status" 2>/dev/null; }
kept() { [ -f "$K/state/$1" ] && dpkg-deb --field "$K/state/$1" Version; }
evidence() { printf 'exit %s\n--- status:\n%s\n--- helper:\n%s' "$RC" \
	"$(cat "$K/data/software/status" 2>/dev/null)" "$(cat "$K/out")"; }
# expect NAME COND...: one assertion from a shell condition, with evidence.
expect() {
	local name=$1
	shift
	if eval "$*"; then ok "$name"; else bad "$name" "$(evidence)"; fi
}

# refused WHAT PROBLEM-PATTERN: the last apply refused the request, said
# why, installed nothing (dpkg was never asked to, since kiosk() or the
# last `: >"$K/calls"`), and left no request behind.
refused() {
	# shellcheck disable=SC2034 # read by the eval in expect
	WHY=$2
	expect "$1: refused" '[ "$RC" = 1 ] && [ "$(status state)" = rejected ]'
	expect "$1: the status says why ($2)" 'status problem | grep -q -- "$WHY"'
	expect "$1: nothing installed ($BASE still runs, dpkg never asked to install)" \
		'[ "$(running)" = "$BASE" ] && ! grep -q -- --install "$K/calls"'
	expect "$1: the request is gone" '[ ! -e "$K/data/software/request.mkb" ] && [ ! -L "$K/data/software/request.mkb" ]'
}

# ---- the cases -------------------------------------------------------------------

installs() {
	kiosk
	request "$(bundle "$DEB2" 1)"
	upd apply
	expect "a first update installs version 2.0" '[ "$RC" = 0 ] && [ "$(running)" = 2.0 ]'
	expect "its status: installed, version 1, package 2.0" \
		'[ "$(status state)" = installed ] && [ "$(status version)" = 1 ] && [ "$(status package)" = 2.0 ]'
	expect "a kiosk installed by hand has no previous.deb: previous is empty, and the journal says so" \
		'[ -z "$(status previous)" ] && [ ! -e "$K/state/previous.deb" ] && grep -q "no previous.deb" "$K/out"'
	expect "the package installed is kept as current.deb" '[ "$(kept current.deb)" = 2.0 ]'
	expect "it waited for the started marker of 2.0" 'grep -q "version 2.0 started" "$K/out"'
	expect "the status file is 0644, the request gone" \
		'[ "$(stat -c %a "$K/data/software/status")" = 644 ] && [ ! -e "$K/data/software/request.mkb" ]'
	expect "the helper's folder is 0700" '[ "$(stat -c %a "$K/state")" = 700 ]'
	request "$(bundle "$DEB3" 2)"
	upd apply
	expect "the next update installs 3.0" '[ "$RC" = 0 ] && [ "$(running)" = 3.0 ] && [ "$(status state)" = installed ]'
	expect "... and keeps 2.0 as previous.deb (status: previous 2.0)" \
		'[ "$(kept previous.deb)" = 2.0 ] && [ "$(kept current.deb)" = 3.0 ] && [ "$(status previous)" = 2.0 ]'
	upd status
	expect "status shows what is installed and kept" \
		'grep -q "installed *3.0" "$K/out" && grep -q "previous.deb *2.0" "$K/out" && grep -q "highest taken 2" "$K/out"'
	upd rollback
	expect "rollback by hand installs previous.deb (2.0) again" '[ "$RC" = 0 ] && [ "$(running)" = 2.0 ]'
	expect "... and says so in the status" \
		'[ "$(status state)" = rolled-back ] && status problem | grep -q "by hand"'
	expect "... 2.0 is now current.deb, there is no previous.deb" \
		'[ "$(kept current.deb)" = 2.0 ] && [ ! -e "$K/state/previous.deb" ]'
	upd rollback
	expect "a second rollback is refused: nothing to go back to" \
		'[ "$RC" = 1 ] && [ "$(running)" = 2.0 ] && grep -q "no previous package" "$K/out"'
	request "$(bundle "$DEB3" 2)"
	: >"$K/calls"
	BASE=2.0
	upd apply
	refused "version 2 again, after it was taken" "not above version 2"
}

rollbacks() {
	kiosk
	request "$(bundle "$DEB2" 1)"
	upd apply
	rm -f "$K/start"
	request "$(bundle "$DEB3" 2)"
	upd apply
	expect "a version that never starts is replaced by the previous one" \
		'[ "$RC" = 1 ] && [ "$(running)" = 2.0 ] && [ "$(status state)" = rolled-back ]'
	expect "... the status says why" 'status problem | grep -q "did not start within 3 s"'
	expect "... the status names both versions" '[ "$(status package)" = 3.0 ] && [ "$(status previous)" = 2.0 ]'
	expect "... 2.0 is current.deb again" '[ "$(kept current.deb)" = 2.0 ]'
	touch "$K/start"
	echo failed >"$K/unit-state"
	request "$(bundle "$DEB1" 3)"
	upd apply
	expect "a version whose unit fails after it started is replaced too" \
		'[ "$RC" = 1 ] && [ "$(running)" = 2.0 ] && [ "$(status state)" = rolled-back ]'
	expect "... the status says the unit failed" 'status problem | grep -q "mesokiosk.service was failed"'
	expect "a rolled-back version stays taken" 'grep -qx 3 "$K/state/highest"'
	rm -f "$K/start" "$K/unit-state"
	echo 3.0 >"$K/data/software/started"
	request "$(bundle "$DEB3" 4)"
	upd apply
	expect "a started marker left from before the install is no sign of life" \
		'[ "$RC" = 1 ] && [ "$(running)" = 2.0 ] && [ "$(status state)" = rolled-back ]'
}

# A kiosk set up with install.sh: the package it installed is kept in
# /var/backups/mesokiosk, and the first update can go back to it; a kept
# file anyone could have written is not used.
backups() {
	kiosk
	mkdir -p "$K/backups"
	cp "$DEB1" "$K/backups/" && chmod 0644 "$K/backups/"*.deb
	rm -f "$K/start"
	request "$(bundle "$DEB2" 1)"
	upd apply
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP  install.sh's kept package as previous.deb (root owns it only on a real kiosk; run as root)"
		return
	fi
	expect "a first update that never starts goes back to the package install.sh kept" \
		'[ "$RC" = 1 ] && [ "$(running)" = 1.0 ] && [ "$(status state)" = rolled-back ] && [ "$(status previous)" = 1.0 ]'
	kiosk
	mkdir -p "$K/backups"
	cp "$DEB1" "$K/backups/" && chmod 0666 "$K/backups/"*.deb
	rm -f "$K/start"
	request "$(bundle "$DEB2" 1)"
	upd apply
	expect "a kept package anyone could write is not gone back to" \
		'[ "$RC" = 1 ] && [ "$(running)" = 2.0 ] && [ -z "$(status previous)" ] && [ ! -e "$K/state/previous.deb" ]'
}

refusals() {
	local b
	b=$(bundle "$DEB2" 1)
	kiosk; ln -s "$b" "$K/data/software/request.mkb"; upd apply
	refused "a request that is a link" "link"
	kiosk; mkfifo "$K/data/software/request.mkb"; upd apply
	refused "a request that is a FIFO" "not a regular file"
	kiosk; truncate -s 200M "$K/data/software/request.mkb"; upd apply
	refused "a request too large for a package" "too large"
	kiosk; request "$(bundle "$DEB2" 1 other)"; upd apply
	refused "a package signed by another key" "not in software_keys"
	expect "... and its version is not taken" '[ ! -e "$K/state/highest" ]'
	kiosk; request "$TMP/b/content.mkb"; upd apply
	refused "a content bundle signed with the software key" "content, not a software package"
	kiosk; request "$(bundle "$(deb 4.0 other)" 1)"; upd apply
	refused "a package that is not mesokiosk" 'is "other", not mesokiosk'
	kiosk; request "$(bundle "$(deb 5.0 mesokiosk arm64)" 1)"; upd apply
	refused "a package for another architecture" "for arm64, this kiosk is amd64"
	kiosk; request "$(bundle "$(deb 6.0 mesokiosk amd64 6.1)" 1)"; upd apply
	refused "a file named for another version than its control file" "named for version 6.1 but the package is 6.0"
	kiosk; chmod 0666 "$TMP/keys/sw.pub"; request "$b"; upd apply
	chmod 0644 "$TMP/keys/sw.pub"
	refused "a key file anyone may change" "not trusted"
}

planted() {
	local b
	b=$(bundle "$DEB2" 1 other)
	kiosk
	echo "precious" >"$K/victim"
	ln -s "$K/victim" "$K/data/software/status"
	request "$b"
	upd apply
	expect "a status link planted in the kiosk's folder is replaced, not written through" \
		'[ "$(cat "$K/victim")" = precious ] && [ -f "$K/data/software/status" ] && [ ! -L "$K/data/software/status" ]'
	kiosk
	mkdir "$K/elsewhere"
	rmdir "$K/data/software"
	ln -s "$K/elsewhere" "$K/data/software"
	cp "$(bundle "$DEB2" 1)" "$K/elsewhere/request.mkb"
	upd apply
	expect "a software folder that is a link is refused, and nothing is written there" \
		'[ "$RC" = 2 ] && [ ! -e "$K/elsewhere/status" ] && [ "$(running)" = 1.0 ] && grep -q "is a link" "$K/out"'
}

apply_tests() {
	HELPER=$1 MESOKIOSK=$2
	command -v dpkg-deb >/dev/null && command -v dpkg >/dev/null || skip "dpkg is not installed"
	[ "$(dpkg --print-architecture)" = amd64 ] || skip "the packages here are amd64"
	mkdir -p "$TMP/keys" "$TMP/content"
	for k in sw other; do "$MESOKIOSK" keygen --software "$TMP/keys/$k" >/dev/null; done
	chmod 0644 "$TMP/keys/"*.pub
	echo 'return {}' >"$TMP/content/manifest.lua"
	mkdir -p "$TMP/b"
	"$MESOKIOSK" bundle "$TMP/content" "$TMP/b/content.mkb" --key "$TMP/keys/sw.key" --version 1 >/dev/null
	DEB1=$(deb 1.0) DEB2=$(deb 2.0) DEB3=$(deb 3.0)
	installs
	rollbacks
	backups
	refusals
	planted
}

# ---- the units -------------------------------------------------------------------

units() {
	local k=$1 d out
	command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed (package systemd)"
	d=$TMP/units
	mkdir -p "$d/stub"
	printf '#!/bin/sh\nexit 0\n' >"$d/stub/mesokiosk-update"
	chmod +x "$d/stub/mesokiosk-update"
	sed "s#/usr/lib/mesokiosk/mesokiosk-update #$d/stub/mesokiosk-update #" \
		"$k/mesokiosk-update.service" >"$d/mesokiosk-update.service"
	cp "$k/mesokiosk-update.path" "$d/"
	out=$(cd "$d" && systemd-analyze verify mesokiosk-update.path mesokiosk-update.service 2>&1)
	if [ $? -eq 0 ] && ! grep -q 'mesokiosk-update' <<<"$out"; then
		ok "mesokiosk-update.path and .service pass systemd-analyze verify"
	else
		bad "mesokiosk-update.path and .service pass systemd-analyze verify" "$out"
	fi
	grep -q '^PathExists=/var/lib/mesokiosk/software/request.mkb$' "$k/mesokiosk-update.path" &&
		ok "the path unit watches the request" || bad "the path unit watches the request"
	grep -q '^ExecStart=/usr/lib/mesokiosk/mesokiosk-update apply$' "$k/mesokiosk-update.service" &&
		ok "the service runs the installed helper's apply" || bad "the service runs the installed helper's apply"
	sed 's/^Type=oneshot/Type=oneshots/' "$d/mesokiosk-update.service" >"$d/canary.service"
	out=$(cd "$d" && systemd-analyze verify canary.service 2>&1)
	grep -q 'canary' <<<"$out" && ok "verify rejects a bad value (canary)" ||
		bad "verify rejects a bad value (canary)" "$out"
}

case ${1:-} in
apply) apply_tests "$2" "$3" ;;
units) units "$2" ;;
*) echo "usage: $0 apply HELPER MESOKIOSK | units KIOSK_DIR" >&2; exit 2 ;;
esac
finish
