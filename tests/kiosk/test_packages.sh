#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian packages, as a clinic's IT person meets them.
#
#   test_packages.sh contents PKGDIR        what is in them, without root
#   test_packages.sh install PKGDIR ROOT    a fresh Debian 12 in ROOT with both
#                                           packages installed from the mirror
#   test_packages.sh boot ROOT VMONITOR     that root booted with systemd-nspawn:
#                                           the unit reaches active, a frozen app
#                                           is restarted by the watchdog, a stop
#                                           is clean
#
# `contents` reads the packages with dpkg-deb: every file where the unit and
# the README say it is, the run-time dependencies nothing links to (cage,
# Xwayland, seatd, Mesa, libcurl, fonts), kiosk.conf as a conffile, maintainer
# scripts that parse, and lintian without an error. `install` needs root and
# mmdebstrap (and the Debian mirror); `boot` needs root and systemd-nspawn.
# Without them each says so and is skipped (exit 77).
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KIOSK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../kiosk" && pwd)
deb_of() { ls "$1"/"$2"_*_amd64.deb 2>/dev/null | head -1; }

# ---- contents ---------------------------------------------------------------
contents() {
	local dir=$1 k c files ctl dep f
	k=$(deb_of "$dir" mesokiosk)
	c=$(deb_of "$dir" mesokiosk-collector)
	[ -n "$k" ] && [ -n "$c" ] || { bad "both packages were built in $dir"; finish; }
	ok "both packages were built: $(basename "$k") $(basename "$c")"
	files=$(dpkg-deb -c "$k" | awk '{print $6}' | sed 's#^\./#/#')
	for f in /usr/bin/mesokiosk /usr/share/mesokiosk/content/manifest.lua \
		/lib/systemd/system/mesokiosk.service /etc/mesokiosk/kiosk.conf \
		/usr/lib/mesokiosk/mesokiosk-update /lib/systemd/system/mesokiosk-update.service \
		/lib/systemd/system/mesokiosk-update.path \
		/usr/lib/systemd/journald.conf.d/mesokiosk.conf /usr/share/doc/mesokiosk/copyright \
		/usr/share/doc/mesokiosk/README.md /usr/share/doc/mesokiosk/journal-upload.conf.example; do
		grep -qx "$f" <<<"$files" && ok "mesokiosk has $f" || bad "mesokiosk has $f"
	done
	grep -q '^/usr/bin/mesokiosk-collector$' <<<"$files" &&
		bad "the kiosk package carries no collector" || ok "the kiosk package carries no collector"
	files=$(dpkg-deb -c "$c" | awk '{print $6}' | sed 's#^\./#/#')
	for f in /usr/bin/mesokiosk-collector /lib/systemd/system/mesokiosk-collector.service \
		/etc/mesokiosk/collector.conf /usr/share/doc/mesokiosk-collector/copyright; do
		grep -qx "$f" <<<"$files" && ok "mesokiosk-collector has $f" || bad "mesokiosk-collector has $f"
	done
	dep=$(dpkg-deb -f "$k" Depends)
	for f in cage xwayland seatd libgl1-mesa-dri libcurl4 fonts-noto-core fonts-dejavu-core \
		libsdl2-2.0-0 liblua5.4-0 libsodium23 libsystemd0 adduser; do
		grep -Eq "(^|, )$f( |,|$)" <<<"$dep" && ok "mesokiosk depends on $f" ||
			bad "mesokiosk depends on $f" "Depends: $dep"
	done
	dep=$(dpkg-deb -f "$c" Depends)
	for f in libmicrohttpd12 libpq5 libsqlite3-0 adduser; do
		grep -Eq "(^|, )$f( |,|$)" <<<"$dep" && ok "mesokiosk-collector depends on $f" ||
			bad "mesokiosk-collector depends on $f" "Depends: $dep"
	done
	ctl=$(mktemp -d)
	# The programs shipped carry no test hook (MK_TESTING is off without tests).
	dpkg-deb -x "$k" "$ctl/xk"
	dpkg-deb -x "$c" "$ctl/xc"
	f=$(strings "$ctl/xk/usr/bin/mesokiosk" "$ctl/xc/usr/bin/mesokiosk-collector" |
		grep -E 'MK_TEST_|seed-photos|setenv wants|test_limit_pages' | head -3 | tr '\n' ' ')
	[ -z "$f" ] && ok "the programs shipped carry no test hooks" ||
		bad "the programs shipped carry no test hooks" "found: $f"
	dpkg-deb -e "$k" "$ctl/k"
	dpkg-deb -e "$c" "$ctl/c"
	check "kiosk.conf is a conffile (an upgrade keeps the clinic's settings)" grep -qx /etc/mesokiosk/kiosk.conf "$ctl/k/conffiles"
	check "collector.conf is a conffile" grep -qx /etc/mesokiosk/collector.conf "$ctl/c/conffiles"
	for f in "$ctl"/k/postinst "$ctl"/k/prerm "$ctl"/k/postrm "$ctl"/c/postinst "$ctl"/c/prerm "$ctl"/c/postrm; do
		check "$(basename "$(dirname "$f")")/$(basename "$f") parses (sh -n)" sh -n "$f"
	done
	check "postinst creates a system user" grep -q 'adduser --system' "$ctl/k/postinst"
	check "postinst makes kiosk.conf root:mesokiosk 0640" grep -q 'statoverride --update --add root mesokiosk 0640 /etc/mesokiosk/kiosk.conf' "$ctl/k/postinst"
	rm -rf "$ctl"
	if command -v lintian >/dev/null; then
		local out
		if out=$(lintian --fail-on error "$k" "$c" 2>&1); then
			ok "lintian finds no error"
		else
			bad "lintian finds no error" "$out"
		fi
	else
		bad "lintian is installed" "scripts/test installs it (MK_PKGS_TEST)"
	fi
	# What dpkg would do, without doing it.
	if out=$(dpkg --dry-run --force-depends -i "$k" "$c" 2>&1); then
		ok "dpkg --dry-run accepts both packages"
	else
		bad "dpkg --dry-run accepts both packages" "$out"
	fi
}

# ---- install into a fresh Debian 12 ------------------------------------------
install_root() {
	local dir=$1 root=$2 k c out
	[ "$(id -u)" -eq 0 ] || skip "installing into a fresh root needs root"
	command -v mmdebstrap >/dev/null || skip "mmdebstrap is not installed"
	k=$(deb_of "$dir" mesokiosk)
	c=$(deb_of "$dir" mesokiosk-collector)
	rm -rf "$root"
	mkdir -p "$(dirname "$root")"
	# The two packages go in through kiosk/install.sh, the one way in, and
	# apt fetches what they depend on from the mirror.
	if ! mmdebstrap --variant=minbase --include=systemd,systemd-sysv,dbus,udev,grim,procps,systemd-journal-remote \
		--customize-hook="copy-in $k $c $KIOSK_DIR/install.sh /tmp" \
		--customize-hook='chroot "$1" sh -c "bash /tmp/install.sh --collector /tmp/mesokiosk*.deb >/tmp/apt.log 2>&1"' \
		bookworm "$root" "deb http://deb.debian.org/debian bookworm main" \
		"deb http://deb.debian.org/debian-security bookworm-security main" >"$root.log" 2>&1; then
		grep -q 'Could not resolve\|Temporary failure' "$root.log" && skip "the Debian mirror cannot be reached: $(tail -1 "$root.log")"
		bad "mmdebstrap makes a Debian 12 root with both packages" "$(tail -15 "$root.log")"
		finish
	fi
	ok "mmdebstrap makes a Debian 12 root; install.sh --collector puts both packages in"
	in_root() { chroot "$root" "$@"; }
	for p in mesokiosk mesokiosk-collector cage xwayland seatd libgl1-mesa-dri; do
		if in_root dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			ok "$p is installed"
		else
			bad "$p is installed" "$(cat "$root/tmp/apt.log" | tail -5)"
		fi
	done
	check "the system user mesokiosk exists" in_root getent passwd mesokiosk
	out=$(in_root id -nG mesokiosk)
	if grep -qw video <<<"$out" && grep -qw render <<<"$out" && grep -qw input <<<"$out"; then
		ok "mesokiosk is in the video, render and input groups"
	else
		bad "mesokiosk is in the video, render and input groups" "$out"
	fi
	check "the system user mesokiosk-collector exists" in_root getent passwd mesokiosk-collector
	out=$(in_root stat -c '%U:%G %a' /etc/mesokiosk/kiosk.conf)
	if [ "$out" = "root:mesokiosk 640" ]; then
		ok "/etc/mesokiosk/kiosk.conf is root:mesokiosk 0640"
	else
		bad "/etc/mesokiosk/kiosk.conf is root:mesokiosk 0640" "$out"
	fi
	check "mesokiosk.service is enabled (graphical.target wants it)" test -L "$root/etc/systemd/system/graphical.target.wants/mesokiosk.service"
	check "getty@tty1 gives tty1 up to the kiosk" test ! -e "$root/etc/systemd/system/getty.target.wants/getty@tty1.service"
	check "mesokiosk-collector.service is enabled" test -L "$root/etc/systemd/system/multi-user.target.wants/mesokiosk-collector.service"
	if out=$(in_root /usr/bin/mesokiosk --check /usr/share/mesokiosk/content 2>&1); then
		ok "the installed binary passes --check on the installed content"
	else
		bad "the installed binary passes --check on the installed content" "$out"
	fi
	out=$(in_root env -i HOME=/tmp SDL_VIDEODRIVER=dummy /usr/bin/mesokiosk --headless --data /tmp/k --drive /dev/null 2>&1)
	if grep -q 'content="/usr/share/mesokiosk/content" content_from=installed' <<<"$out"; then
		ok "the installed app shows the installed content, and says so"
	else
		bad "the installed app shows the installed content, and says so" "$(grep 'event=start' <<<"$out")"
	fi
	check "mesokiosk-collector runs" in_root /usr/bin/mesokiosk-collector --version
	check "install.sh kept both packages for going back" \
		sh -c "ls '$root'/var/backups/mesokiosk/mesokiosk_*_amd64.deb && ls '$root'/var/backups/mesokiosk/mesokiosk-collector_*_amd64.deb"
	if out=$(in_root systemd-analyze verify /lib/systemd/system/mesokiosk.service /lib/systemd/system/mesokiosk-collector.service 2>&1) &&
		! grep -q 'mesokiosk' <<<"$out"; then
		ok "both installed units pass systemd-analyze verify"
	else
		bad "both installed units pass systemd-analyze verify" "$out"
	fi
}

# ---- boot it -----------------------------------------------------------------

# journal_upload_setup ROOT : the optional journal upload of kiosk/README.md,
# done as written there, with the clinic's log server (journal-remote) in
# the same machine: a CA, a server and a kiosk certificate, the shipped
# example drop-in with its URL filled in.
journal_upload_setup() {
	local root=$1 d
	d=$(mktemp -d)
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
		-subj /CN=clinic-ca >/dev/null 2>&1
	for n in server kiosk; do
		openssl req -newkey rsa:2048 -nodes -keyout "$d/$n.key" -out "$d/$n.csr" \
			-subj "/CN=$( [ $n = server ] && echo localhost || echo kiosk-1)" >/dev/null 2>&1
		printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$d/ext"
		openssl x509 -req -in "$d/$n.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
			-out "$d/$n.pem" -days 2 -extfile "$d/ext" >/dev/null 2>&1
	done
	install -m 0644 "$d/ca.pem" "$root/etc/mesokiosk/clinic-ca.pem"
	install -m 0644 "$d/kiosk.pem" "$root/etc/mesokiosk/journal-upload.pem"
	install -m 0640 "$d/kiosk.key" "$root/etc/mesokiosk/journal-upload-key.pem"
	chroot "$root" chgrp systemd-journal /etc/mesokiosk/journal-upload-key.pem
	mkdir -p "$root/etc/systemd/journal-upload.conf.d" "$root/etc/ssl/journal-remote"
	sed 's#^URL=.*#URL=https://localhost:19532#' "$KIOSK_DIR/journal-upload.conf.example" \
		>"$root/etc/systemd/journal-upload.conf.d/clinic.conf"
	install -m 0644 "$d/server.pem" "$root/etc/ssl/journal-remote/server.pem"
	install -m 0600 "$d/server.key" "$root/etc/ssl/journal-remote/server.key"
	chroot "$root" chown systemd-journal-remote /etc/ssl/journal-remote/server.key
	printf '[Remote]\nServerKeyFile=/etc/ssl/journal-remote/server.key\nServerCertificateFile=/etc/ssl/journal-remote/server.pem\nTrustedCertificateFile=/etc/mesokiosk/clinic-ca.pem\n' \
		>"$root/etc/systemd/journal-remote.conf"
	chroot "$root" systemctl enable systemd-journal-remote.socket systemd-journal-upload.service >/dev/null 2>&1
	rm -rf "$d"
}
# software_update ROOT: software updates under the booted systemd. A signed
# package is left in the kiosk's software folder as the app leaves it; the
# path unit starts the sandboxed helper, which installs it with dpkg (its
# maintainer scripts restart the kiosk) and sees the new app start. Then a
# package whose program never says its version (the same files under a new
# version number) is put back by the helper by itself: to the package of
# the first update. The helper waits 40 s here, not 120.
software_update() {
	local root=$1 deb v w i st u=/var/tmp/mk-update
	deb=$(ls "$root"/var/backups/mesokiosk/mesokiosk_*_amd64.deb 2>/dev/null | tail -1)
	[ -n "$deb" ] || { bad "install.sh kept the kiosk package for updates to go back to" ""; return; }
	v=$(dpkg-deb --field "$deb" Version) w=$v+1
	rm -rf "$root$u" && mkdir -p "$root$u/repack"
	cp "$deb" "$root$u/"
	dpkg-deb -R "$deb" "$root$u/repack" && sed -i "s/^Version: .*/Version: $w/" "$root$u/repack/DEBIAN/control" &&
		dpkg-deb -b "$root$u/repack" "$root$u/mesokiosk_${w}_amd64.deb" >/dev/null ||
		{ bad "a second package is made from the first" ""; return; }
	inside mesokiosk keygen --software /etc/mesokiosk/software >/dev/null && inside chmod 0644 /etc/mesokiosk/software.pub &&
		echo "software_keys = /etc/mesokiosk/software.pub" >>"$root/etc/mesokiosk/kiosk.conf" &&
		inside mesokiosk bundle-package "$u/mesokiosk_${v}_amd64.deb" "$u/p1.mkb" --key /etc/mesokiosk/software.key --version 1 >/dev/null &&
		inside mesokiosk bundle-package "$u/mesokiosk_${w}_amd64.deb" "$u/p2.mkb" --key /etc/mesokiosk/software.key --version 2 >/dev/null ||
		{ bad "the packages are signed as package bundles" ""; return; }
	mkdir -p "$root/etc/systemd/system/mesokiosk-update.service.d"
	printf '[Service]\nExecStart=\nExecStart=/usr/lib/mesokiosk/mesokiosk-update apply --wait-s 40 --steady-s 5\n' \
		>"$root/etc/systemd/system/mesokiosk-update.service.d/test.conf"
	inside systemctl daemon-reload
	check "mesokiosk-update.path is active, watching for the app's request" \
		test "$(inside systemctl is-active mesokiosk-update.path)" = active
	handover() { # N: as the app does it, a rename in the kiosk user's software folder
		inside install -o mesokiosk -g mesokiosk -m 0644 "$u/p$1.mkb" /var/lib/mesokiosk/software/.request.tmp &&
			inside mv /var/lib/mesokiosk/software/.request.tmp /var/lib/mesokiosk/software/request.mkb
	}
	said() { # STATE N SECONDS: waits for the helper's status
		for i in $(seq "$3"); do
			st=$(cat "$root/var/lib/mesokiosk/software/status" 2>/dev/null)
			grep -qx "state $1" <<<"$st" && grep -qx "version $2" <<<"$st" && return 0
			sleep 1
		done
		return 1
	}
	handover 1
	if said installed 1 150 && [ "$(inside dpkg-query -W -f '${Version}' mesokiosk)" = "$v" ]; then
		ok "a package left by the app is installed by the helper unit, and the restarted kiosk starts"
	else
		bad "a package left by the app is installed by the helper unit, and the restarted kiosk starts" "$st" \
			"$(inside journalctl -u mesokiosk-update -o cat --no-pager | tail -12)"
	fi
	check "the kiosk is active after the update" test "$(inside systemctl is-active mesokiosk)" = active
	handover 2
	if said rolled-back 2 200 && [ "$(inside dpkg-query -W -f '${Version}' mesokiosk)" = "$v" ]; then
		ok "a package whose program never starts is put back by the helper by itself ($w -> $v)"
	else
		bad "a package whose program never starts is put back by the helper by itself" "$st" \
			"$(inside journalctl -u mesokiosk-update -o cat --no-pager | tail -12)"
	fi
	for i in $(seq 60); do
		[ "$(inside systemctl is-active mesokiosk)" = active ] && break
		sleep 1
	done
	check "the kiosk is active again after going back" test "$(inside systemctl is-active mesokiosk)" = active
	check "the helper's journal says why it went back" \
		sh -c "nsenter -t $init -a journalctl -u mesokiosk-update -o cat --no-pager | grep -q 'did not start within 40 s'"
}

boot() {
	local root=$1 vmon=$2 init state i app app2 n out
	[ "$(id -u)" -eq 0 ] || skip "booting a container needs root"
	command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is not installed (systemd-container)"
	[ -x "$root/usr/bin/mesokiosk" ] || { bad "the root from the install test exists ($root)"; finish; }
	# The machine has no screen: the unit runs as shipped, with a drop-in
	# that gives cage a headless output (no DRM, no tty1 in a container),
	# and a shorter watchdog so the test waits 6 s, not 30.
	mkdir -p "$root/etc/systemd/system/mesokiosk.service.d" "$root/usr/local/lib" "$root/usr/local/bin"
	cat >"$root/etc/systemd/system/mesokiosk.service.d/headless.conf" <<-'EOF'
		[Service]
		Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1 WLR_LIBINPUT_NO_DEVICES=1
		TTYPath=
		StandardInput=null
		WatchdogSec=6s
	EOF
	cp "$vmon" "$root/usr/local/lib/vmonitor.so"
	printf '#!/bin/sh\nLD_PRELOAD=/usr/local/lib/vmonitor.so exec /usr/bin/cage "$@"\n' >"$root/usr/local/bin/cage"
	chmod 0755 "$root/usr/local/bin/cage"
	journal_upload_setup "$root"
	systemd-nspawn -q --register=no --keep-unit -D "$root" -b >"$root.boot.log" 2>&1 </dev/null &
	nspawn_pid=$!
	trap 'kill "$nspawn_pid" 2>/dev/null; sleep 1; kill -9 "$nspawn_pid" 2>/dev/null' EXIT
	# (nspawn_pid is global: the trap runs after this function returns)
	for i in $(seq 100); do
		init=$(pgrep -P "$nspawn_pid" | head -1)
		[ -n "$init" ] && break
		sleep 0.2
	done
	# nspawn that cannot start here at all (no cgroup or namespace support in
	# this sandbox) is the machine's limit, not the kiosk's.
	[ -n "$init" ] || skip "systemd-nspawn cannot start a container on this machine: $(tail -2 "$root.boot.log" | tr '\n' ' ')"
	inside() { nsenter -t "$init" -a "$@"; }
	for i in $(seq 120); do
		state=$(inside systemctl is-active mesokiosk 2>/dev/null)
		[ "$state" = active ] && break
		grep -q 'Failed to\|Operation not permitted' "$root.boot.log" && [ "$i" -gt 30 ] && break
		sleep 1
	done
	if [ "$state" = active ]; then
		ok "the booted unit reaches active (READY=1 through cage)"
	else
		if grep -qi 'cgroup\|Failed to mount\|permission denied' "$root.boot.log" && [ -z "$state" ]; then
			skip "this machine cannot boot a container: $(grep -i 'cgroup\|mount\|permission' "$root.boot.log" | head -2)"
		fi
		bad "the booted unit reaches active (READY=1 through cage)" "state: $state" \
			"$(inside journalctl -u mesokiosk -o cat --no-pager 2>/dev/null | grep -v 'Basic output' | tail -15)"
		finish
	fi
	app=$(inside pgrep -f '^/usr/bin/mesokiosk --lockdown' | head -1)
	[ -n "$app" ] || { bad "the app runs in the unit"; finish; }
	# No GPU in a container: the software path, under the unit's sandbox
	# (its system-call filter, private /tmp for Xwayland's socket).
	out=$(inside journalctl -u mesokiosk -o cat --no-pager | grep 'event=start ' | tail -1)
	if grep -q 'present=software' <<<"$out" && ! inside grep -q libLLVM "/proc/$app/maps"; then
		ok "without a GPU the unit's kiosk draws in software, with no LLVM loaded"
	else
		bad "without a GPU the unit's kiosk draws in software, with no LLVM loaded" "$out"
	fi
	inside kill -STOP "$app"
	for i in $(seq 40); do
		n=$(inside systemctl show -p NRestarts --value mesokiosk)
		app2=$(inside pgrep -f '^/usr/bin/mesokiosk --lockdown' | head -1)
		[ "${n:-0}" -ge 1 ] && [ -n "$app2" ] && [ "$app2" != "$app" ] &&
			[ "$(inside systemctl is-active mesokiosk)" = active ] && break
		sleep 1
	done
	if [ "${n:-0}" -ge 1 ] && [ -n "$app2" ] && [ "$app2" != "$app" ]; then
		ok "a frozen app (SIGSTOP) is restarted by the watchdog (restarts: $n)"
	else
		bad "a frozen app (SIGSTOP) is restarted by the watchdog" "restarts: $n" \
			"$(inside journalctl -u mesokiosk -o cat --no-pager | grep -v 'Basic output' | tail -12)"
	fi
	out=$(inside journalctl -u mesokiosk -o cat --no-pager)
	if grep -q 'Watchdog timeout' <<<"$out" && grep -q 'event=session-watchdog' <<<"$out"; then
		ok "the journal says the watchdog fired, and the session killed the frozen app"
	else
		bad "the journal says the watchdog fired, and the session killed the frozen app" \
			"$(grep -v 'Basic output' <<<"$out" | tail -10)"
	fi
	# The collector's package, as installed: its hardened service runs with
	# the shipped collector.conf and answers on 127.0.0.1:8443.
	for i in $(seq 20); do
		state=$(inside systemctl is-active mesokiosk-collector 2>/dev/null)
		[ "$state" = active ] && break
		sleep 0.5
	done
	out=$(inside journalctl -u mesokiosk-collector -o cat --no-pager 2>/dev/null)
	if [ "$state" = active ] && grep -q 'serving on http://127.0.0.1:8443' <<<"$out"; then
		ok "mesokiosk-collector.service runs with /etc/mesokiosk/collector.conf"
	else
		bad "mesokiosk-collector.service runs with /etc/mesokiosk/collector.conf" "state: $state" "$(tail -5 <<<"$out")"
	fi
	# The kiosk's journal at the clinic's systemd-journal-remote.
	for i in $(seq 60); do
		out=$(inside journalctl -D /var/log/journal/remote -u mesokiosk -o cat --no-pager 2>/dev/null)
		grep -q 'event=first-frame' <<<"$out" && break
		sleep 1
	done
	if grep -q 'event=first-frame' <<<"$out"; then
		ok "the kiosk's journal reaches the clinic's journal-remote over HTTPS (kiosk/journal-upload.conf.example)"
	else
		bad "the kiosk's journal reaches the clinic's journal-remote over HTTPS (kiosk/journal-upload.conf.example)" \
			"$(inside journalctl -u systemd-journal-upload -u systemd-journal-remote -o cat --no-pager | tail -8)"
	fi
	software_update "$root"
	inside systemctl stop mesokiosk
	state=$(inside systemctl is-active mesokiosk)
	if [ "$state" = inactive ]; then
		ok "systemctl stop leaves the unit inactive, not failed"
	else
		bad "systemctl stop leaves the unit inactive, not failed" "state: $state" \
			"$(inside journalctl -u mesokiosk -o cat --no-pager | grep -v 'Basic output' | tail -8)"
	fi
	inside systemctl poweroff >/dev/null 2>&1
	for i in $(seq 30); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
}

case ${1:-} in
contents) contents "$2" ;;
install) install_root "$2" "$3" ;;
boot) boot "$2" "$3" ;;
*) echo "usage: $0 contents PKGDIR | install PKGDIR ROOT | boot ROOT VMONITOR" >&2; exit 2 ;;
esac
finish
