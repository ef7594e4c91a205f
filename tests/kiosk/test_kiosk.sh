#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the kiosk deployment files in kiosk/ without touching the machine:
# the systemd unit must pass `systemd-analyze verify` with no complaint at
# all, carry the settings the kiosk depends on, and stay well sandboxed;
# install.sh must parse, pass shellcheck, refuse to run without root, and
# change nothing in --dry-run; kiosk.conf.example must document every key.
#
# systemd-analyze verify exits 0 on an unknown directive or a bad value and
# only prints a warning, so any line it prints about our unit is a failure.
# It also insists that ExecStart binaries exist, and cage and mesokiosk are
# not installed on a build machine: we verify a copy whose ExecStart points
# at stub executables, next to a stub seatd.service. A canary copy with a
# deliberate typo must be rejected, or this test itself is broken.
#
# Usage: test_kiosk.sh [KIOSK_DIR]     (default: ../../kiosk from here)
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KIOSK=$(cd "${1:-$HERE/../../kiosk}" && pwd)
UNIT=$KIOSK/mesokiosk.service
INSTALL=$KIOSK/install.sh
CONF=$KIOSK/kiosk.conf.example
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The non-root run below (as nobody) must reach the stubs.
chmod 0755 "$TMP"


# ---- systemd unit ----------------------------------------------------------

# verify_unit FILE : prints every complaint of systemd-analyze verify about
# FILE (run on a copy with stubbed executables); returns 0 only when silent.
verify_unit() {
	local d out rc f
	d=$(mktemp -d "$TMP/verify.XXXXXX")
	mkdir "$d/stub"
	for f in cage mesokiosk seatd; do
		printf '#!/bin/sh\nexit 0\n' >"$d/stub/$f"
		chmod +x "$d/stub/$f"
	done
	printf '[Unit]\nDescription=stub seatd\n[Service]\nExecStart=%s\n' \
		"$d/stub/seatd" >"$d/seatd.service"
	sed -e "s#/usr/bin/mesokiosk #$d/stub/mesokiosk #" "$1" >"$d/mesokiosk.service"
	out=$(systemd-analyze verify "$d/mesokiosk.service" 2>&1)
	rc=$?
	# Lines about other units (a distro's own) are not ours to fix.
	if [ $rc -ne 0 ] || grep -q 'mesokiosk\.service' <<<"$out"; then
		printf 'systemd-analyze verify exit %d\n%s\n' "$rc" "$out"
		return 1
	fi
	[ -n "$out" ] && printf 'note: %s\n' "$out" >&2
	return 0
}

# setting KEY : the unit's value(s) for KEY, comments ignored.
setting() { sed -n "s/^$1=//p" "$UNIT"; }

test_unit() {
	local out
	if ! command -v systemd-analyze >/dev/null; then
		bad "systemd-analyze is available" "install it: apt-get install systemd"
		return
	fi
	if out=$(verify_unit "$UNIT"); then
		ok "unit passes systemd-analyze verify without a warning"
	else
		bad "unit passes systemd-analyze verify without a warning" "$out"
	fi

	# Canaries: the same check must reject an unknown key and a bad value.
	sed 's/^WatchdogSec=/WatchdogSecs=/' "$UNIT" >"$TMP/canary1.service"
	sed 's/^Restart=always/Restart=sometimes/' "$UNIT" >"$TMP/canary2.service"
	if ! verify_unit "$TMP/canary1.service" >/dev/null &&
		! verify_unit "$TMP/canary2.service" >/dev/null; then
		ok "verify rejects a misspelt key and a bad value (canaries)"
	else
		bad "verify rejects a misspelt key and a bad value (canaries)" \
			"the unit check above cannot fail; fix this test"
	fi

	check "Type=notify" test "$(setting Type)" = notify
	check "NotifyAccess=all (READY/WATCHDOG come from cage's child)" \
		test "$(setting NotifyAccess)" = all
	check "WatchdogSec is set and not 0" \
		grep -Eq '^WatchdogSec=[1-9][0-9]*(s|sec|min)?$' "$UNIT"
	check "Restart=always" test "$(setting Restart)" = always
	check "User=mesokiosk" test "$(setting User)" = mesokiosk
	# The session runs cage with the app (--lockdown), and stays cage's
	# parent so that a stop reaches the app first (cage 0.1.4 aborts on
	# SIGTERM): tests/kiosk/test_session.sh runs it for real.
	check "ExecStart runs mesokiosk's session (cage with the app)" \
		grep -Eq '^ExecStart=/usr/bin/mesokiosk session( |$)' "$UNIT"
	check "ExecStart keeps data in the StateDirectory" \
		grep -Eq '^ExecStart=.* --data /var/lib/mesokiosk( |$)' "$UNIT"
	check "KillMode=mixed (SIGTERM to the session only, which stops the app first)" \
		test "$(setting KillMode)" = mixed
	check "EGL_PLATFORM=wayland (EGL's platform guess calls mincore, which the filter refuses)" \
		grep -qx 'Environment=EGL_PLATFORM=wayland' "$UNIT"
	check "SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR=0 (libdecor without a plugin draws nothing)" \
		grep -qx 'Environment=SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR=0' "$UNIT"
	check "StateDirectory=mesokiosk" test "$(setting StateDirectory)" = mesokiosk
	check "NoNewPrivileges=yes" test "$(setting NoNewPrivileges)" = yes
	check "ProtectSystem=strict" test "$(setting ProtectSystem)" = strict
	check "DevicePolicy=closed" test "$(setting DevicePolicy)" = closed
	check "DeviceAllow for the GPU (char-drm rw)" grep -qx 'DeviceAllow=char-drm rw' "$UNIT"
	check "DeviceAllow for touch input (char-input)" grep -Eqx 'DeviceAllow=char-input rw?' "$UNIT"
	check "DeviceAllow for tty1" grep -Eqx 'DeviceAllow=/dev/tty1 rw' "$UNIT"
	check "UMask=0077" test "$(setting UMask)" = 0077
	check "LimitCORE=0 (no core dumps of patient data)" test "$(setting LimitCORE)" = 0
	if grep -Eq '^MemoryDenyWriteExecute=(yes|true|1|on)$' "$UNIT"; then
		bad "MemoryDenyWriteExecute is off" \
			"it crashes Mesa's llvmpipe (software GL); see the comment in the unit"
	else
		ok "MemoryDenyWriteExecute is off"
	fi

	# A regression guard on the sandbox as a whole (systemd >= 250), for the
	# kiosk's unit and the collector's (which holds the clinic's key).
	if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
		local d u max
		for u in mesokiosk.service:30 mesokiosk-collector.service:20; do
			max=${u#*:} u=${u%:*}
			d=$(mktemp -d "$TMP/sec.XXXXXX")
			cp "$KIOSK/$u" "$d/$u"
			out=$(systemd-analyze security --offline=yes --threshold="$max" "$d/$u" 2>&1)
			# shellcheck disable=SC2181
			if [ $? -eq 0 ]; then
				ok "$u: sandbox exposure at most $((max / 10)).$((max % 10)) ($(grep -o 'level for [^:]*: [0-9.]*' <<<"$out" | sed 's/.*: //'))"
			else
				bad "$u: sandbox exposure at most $((max / 10)).$((max % 10))" "$(grep -i 'exposure' <<<"$out")"
			fi
		done
	else
		printf 'skip  sandbox exposure (systemd-analyze security --offline needs systemd >= 250)\n'
	fi
	# The collector's unit, like the kiosk's, passes verify without a word.
	sed "s#^ExecStart=/usr/bin/mesokiosk-collector #ExecStart=/bin/true #" \
		"$KIOSK/mesokiosk-collector.service" >"$TMP/mesokiosk-collector.service"
	out=$(systemd-analyze verify "$TMP/mesokiosk-collector.service" 2>&1)
	if [ $? -eq 0 ] && ! grep -q 'mesokiosk-collector\.service' <<<"$out"; then
		ok "the collector's unit passes systemd-analyze verify without a warning"
	else
		bad "the collector's unit passes systemd-analyze verify without a warning" "$out"
	fi
}

# ---- install.sh ------------------------------------------------------------

# Stubs for every command install.sh uses to change the system. Each one
# only records its call, so a run can show what it would have changed.
make_stubs() {
	local c
	mkdir -p "$TMP/stubs"
	: >"$TMP/calls"
	chmod 0666 "$TMP/calls"
	for c in apt-get apt dpkg adduser useradd usermod groupadd cmake install cp mv rm \
		mkdir tar ln chown chmod runuser systemctl tee; do
		printf '#!/bin/sh\necho "%s $*" >>"%s"\nexit 0\n' "$c" "$TMP/calls" >"$TMP/stubs/$c"
		chmod 0755 "$TMP/stubs/$c"
	done
}

# changing_calls : the recorded calls that would change something (systemctl
# queries are fine).
changing_calls() {
	grep -Ev '^systemctl (is-enabled|is-active|get-default|show|cat)( |$)' "$TMP/calls"
}

test_install() {
	local out rc
	check "install.sh parses (bash -n)" bash -n "$INSTALL"
	if command -v shellcheck >/dev/null; then
		if out=$(cd "$KIOSK" && shellcheck -x install.sh 2>&1); then
			ok "install.sh passes shellcheck"
		else
			bad "install.sh passes shellcheck" "$out"
		fi
	else
		printf 'skip  shellcheck (not installed)\n'
	fi
	check "install.sh starts with set -euo pipefail" grep -qx 'set -euo pipefail' "$INSTALL"
	local f
	for f in mesokiosk.service kiosk.conf.example README.md; do
		check "install.sh's file $f exists" test -f "$KIOSK/$f"
	done

	make_stubs
	out=$(PATH="$TMP/stubs:$PATH" bash "$INSTALL" --dry-run 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && grep -q 'dry run finished; nothing was changed' <<<"$out"; then
		ok "install.sh --dry-run succeeds"
	else
		bad "install.sh --dry-run succeeds" "exit $rc" "$out"
	fi
	if [ -z "$(changing_calls)" ]; then
		ok "install.sh --dry-run changes nothing"
	else
		bad "install.sh --dry-run changes nothing" "$(changing_calls)"
	fi
	# One way in: build the packages as an unprivileged user, install them
	# with apt (which fetches their dependencies), keep them for going back.
	check "install.sh builds the packages as an unprivileged user, never as root" \
		grep -Eq 'would run: (setpriv --reuid=nobody|runuser -u [a-z])[^ ]* .*scripts/package' <<<"$out"
	check "install.sh installs the kiosk package with apt" \
		grep -Eq 'would run: .*apt-get install .*/mesokiosk_[^ ]*_amd64\.deb' <<<"$out"
	check "install.sh leaves the collector off a kiosk (unless --collector)" \
		bash -c '! grep -q "mesokiosk-collector_.*apt-get\|apt-get .*mesokiosk-collector_" <<<"$1"' _ "$out"
	check "install.sh keeps the package in /var/backups/mesokiosk" \
		grep -Eq 'would run: cp .*mesokiosk_[^ ]*\.deb /var/backups/mesokiosk/' <<<"$out"
	out=$(PATH="$TMP/stubs:$PATH" bash "$INSTALL" --dry-run "$TMP/mesokiosk_0.1.0+5.gabc_amd64.deb" 2>&1)
	check "install.sh DEB installs that package and builds nothing" \
		bash -c 'grep -q "apt-get install .*$2/mesokiosk_0.1.0+5.gabc_amd64.deb" <<<"$1" && ! grep -q scripts/package <<<"$1"' _ "$out" "$TMP"
	out=$(PATH="$TMP/stubs:$PATH" bash "$INSTALL" --no-such-flag 2>&1)
	check "install.sh rejects an unknown flag" test $? -ne 0

	# Without root (and without --dry-run) it must stop before doing anything.
	: >"$TMP/calls"
	if [ "$(id -u)" -ne 0 ]; then
		out=$(PATH="$TMP/stubs:$PATH" bash "$INSTALL" 2>&1)
		rc=$?
	elif command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$INSTALL"; then
		out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
			env PATH="$TMP/stubs:$PATH" bash "$INSTALL" 2>&1)
		rc=$?
	else
		printf 'skip  install.sh refuses non-root (cannot drop root here)\n'
		return
	fi
	if [ $rc -ne 0 ] && grep -q 'must run as root' <<<"$out" && [ ! -s "$TMP/calls" ]; then
		ok "install.sh refuses to run without root, before any change"
	else
		bad "install.sh refuses to run without root, before any change" "exit $rc" "$out" \
			"$(cat "$TMP/calls")"
	fi
}

# ---- kiosk.conf.example ----------------------------------------------------

test_conf() {
	local k missing=() badlines dups keys
	# Every key the app accepts, read from its parser, so a new setting
	# cannot ship undocumented.
	keys=$(sed -n 's/^[[:space:]]*{ "\([a-z_]*\)", K_.*/\1/p' "$KIOSK/../src/app/config_keys.c")
	check "the app's settings are found in src/app/config_keys.c" test "$(wc -w <<<"$keys")" -ge 20
	for k in $keys; do
		grep -Eq "^#?[[:space:]]*${k}[[:space:]]*=" "$CONF" || missing+=("$k")
	done
	check "kiosk.conf.example documents every key" test ${#missing[@]} -eq 0
	[ ${#missing[@]} -gt 0 ] && printf '        missing: %s\n' "${missing[*]}"
	badlines=$(grep -Evn '^[[:space:]]*(#.*)?$|^[[:space:]]*[a-z_]+[[:space:]]*=' "$CONF")
	check "kiosk.conf.example has only key = value, comments and blanks" test -z "$badlines"
	[ -n "$badlines" ] && printf '        %s\n' "$badlines"
	dups=$(grep -Eo '^#?[[:space:]]*[a-z_]+[[:space:]]*=' "$CONF" | tr -d '#= \t' | sort | uniq -d)
	check "kiosk.conf.example names each key once" test -z "$dups"
	[ -n "$dups" ] && printf '        twice: %s\n' "$dups"
}

test_unit
test_install
test_conf
echo
finish
