#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Turns a Debian 12 machine into a Mesokiosk kiosk: installs the packages,
# creates the "mesokiosk" system user, builds and installs the app from this
# checkout, installs the systemd unit and a default /etc/mesokiosk/kiosk.conf,
# and enables the kiosk on tty1 in place of the login prompt.
#
# Run as root from anywhere:  sudo kiosk/install.sh [--dry-run]
# Safe to run again (that is how you upgrade): every step checks first and
# only does what is missing; an existing kiosk.conf is never touched. Before
# replacing an installed app it keeps the old binary and content in
# /var/backups/mesokiosk (see README.md, "Rolling back").
#
# --dry-run prints every change it would make and makes none; it only reads
# (and works without root), so you can review it first.
set -euo pipefail

KIOSK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$KIOSK_DIR/.." && pwd)
PREFIX=/usr/local
BIN=$PREFIX/bin/mesokiosk
CONTENT=$PREFIX/share/mesokiosk/content
UNIT=/etc/systemd/system/mesokiosk.service
CONF_DIR=/etc/mesokiosk
BACKUP=/var/backups/mesokiosk
KUSER=mesokiosk

# What the kiosk needs at run time. seatd gives cage its seat (see the top
# of mesokiosk.service for why not a logind PAM session). libcurl4 is opened
# only when a collector is configured, so no linker check would miss it.
RUNTIME_PKGS="cage seatd libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0
liblua5.4-0 libfribidi0 libfontconfig1 fonts-noto-core fonts-noto-ui-core
fonts-dejavu-core libsystemd0 libsqlite3-0 libsodium23 libjansson4 libcurl4
ca-certificates"
# What building needs: the same list scripts/run uses, so a new dependency
# added there reaches kiosks too. libsystemd-dev matters most: without it the
# app builds without sd_notify and systemd would kill it as never ready.
BUILD_PKGS="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev
libsdl2-image-dev liblua5.4-dev libfontconfig-dev libfribidi-dev libsystemd-dev"
if [ -r "$REPO/scripts/lib.sh" ]; then
	# shellcheck source-path=SCRIPTDIR source=../scripts/lib.sh
	. "$REPO/scripts/lib.sh"
	BUILD_PKGS=${MK_PKGS_BUILD:-$BUILD_PKGS}
fi

DRY_RUN=0
DONE=()

usage() {
	cat <<EOF
usage: $0 [--dry-run] [--help]

Installs Mesokiosk as a kiosk on this Debian 12 machine (run as root).
  --dry-run   print what would change, change nothing (no root needed)
EOF
}

say() { printf 'mesokiosk-install: %s\n' "$*"; }
die() {
	printf 'mesokiosk-install: error: %s\n' "$*" >&2
	exit 1
}

# run CMD... : does one change, or in a dry run only shows it.
run() {
	local shown
	shown=$(printf '%q ' "$@")
	if [ "$DRY_RUN" -eq 1 ]; then
		printf '  would run: %s\n' "${shown% }"
	else
		printf '  + %s\n' "${shown% }"
		"$@"
	fi
}

# done_step TEXT : one line for the summary at the end.
done_step() { DONE+=("$1"); }

# as_owner CMD... : builds as the owner of the checkout, so root never leaves
# root-owned files in someone's build/ folder.
as_owner() {
	local owner
	owner=$(stat -c %U "$REPO")
	if [ "$owner" != root ] && [ "$(id -u)" -eq 0 ]; then
		run runuser -u "$owner" -- "$@"
	else
		run "$@"
	fi
}

have_systemd() { [ -d /run/systemd/system ]; }

step_packages() {
	say "packages"
	local missing=() p
	# shellcheck disable=SC2086 # word splitting is the point
	for p in $RUNTIME_PKGS $BUILD_PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		say "  all installed"
		return
	fi
	export DEBIAN_FRONTEND=noninteractive
	run apt-get update
	run apt-get install -y --no-install-recommends "${missing[@]}"
	done_step "installed packages: ${missing[*]}"
}

step_user() {
	say "user $KUSER"
	if getent passwd "$KUSER" >/dev/null; then
		say "  exists"
	else
		# No password, no shell, no home of its own: the service gives it
		# /var/lib/mesokiosk (StateDirectory=).
		run adduser --system --group --home /var/lib/mesokiosk --no-create-home \
			--shell /usr/sbin/nologin --gecos "Mesokiosk kiosk" "$KUSER"
		done_step "created system user $KUSER"
	fi
	local g
	for g in video input render; do
		if ! getent group "$g" >/dev/null; then
			say "  group $g does not exist here; skipped"
		elif id -nG "$KUSER" 2>/dev/null | tr ' ' '\n' | grep -qx "$g"; then
			:
		else
			run adduser "$KUSER" "$g"
			done_step "added $KUSER to group $g"
		fi
	done
}

step_build() {
	say "build and install the app from $REPO"
	as_owner cmake -S "$REPO" -B "$REPO/build/release" -DCMAKE_BUILD_TYPE=Release -DMK_TESTS=OFF
	as_owner cmake --build "$REPO/build/release" -j "$(nproc)"
	if [ -e "$BIN" ]; then
		# Keep what runs now, so a bad upgrade is one copy away from undone.
		run mkdir -p "$BACKUP"
		run cp -a "$BIN" "$BACKUP/mesokiosk.prev"
		if [ -d "$CONTENT" ]; then
			run tar -C "$(dirname "$CONTENT")" -cf "$BACKUP/content.prev.tar" content
		fi
		done_step "kept the previous app in $BACKUP"
	fi
	run cmake --install "$REPO/build/release" --prefix "$PREFIX"
	done_step "installed $BIN and $CONTENT"
	if [ "$DRY_RUN" -eq 0 ] && ! ldd "$BIN" | grep -q libsystemd; then
		die "$BIN was built without libsystemd (no sd_notify): systemd would kill it as never ready. Install libsystemd-dev, delete $REPO/build/release and run again."
	fi
	run install -D -m 0644 "$REPO/kiosk/README.md" "$PREFIX/share/doc/mesokiosk/README.md"
}

step_unit() {
	say "systemd unit $UNIT"
	if cmp -s "$KIOSK_DIR/mesokiosk.service" "$UNIT"; then
		say "  up to date"
	else
		run install -m 0644 "$KIOSK_DIR/mesokiosk.service" "$UNIT"
		done_step "installed $UNIT"
	fi
}

step_config() {
	say "configuration $CONF_DIR/kiosk.conf"
	if [ -e "$CONF_DIR/kiosk.conf" ]; then
		say "  exists; left as it is"
		return
	fi
	run install -d -m 0755 "$CONF_DIR"
	# Root owns it (the kiosk cannot rewrite its own settings); the group
	# lets the service read it without making it world-readable, since a
	# collector token will live here too.
	run install -m 0640 -o root -g "$KUSER" "$KIOSK_DIR/kiosk.conf.example" "$CONF_DIR/kiosk.conf"
	done_step "wrote a default $CONF_DIR/kiosk.conf"
}

step_enable() {
	say "boot into the kiosk"
	if have_systemd; then
		run systemctl daemon-reload
	fi
	if [ "$(systemctl is-enabled seatd.service 2>/dev/null || true)" != enabled ]; then
		run systemctl enable seatd.service
		done_step "enabled seatd.service"
	fi
	# The kiosk takes tty1; the login prompt stays on tty2..tty6 for service
	# staff with a keyboard.
	if [ "$(systemctl is-enabled getty@tty1.service 2>/dev/null || true)" = enabled ]; then
		run systemctl disable getty@tty1.service
		done_step "disabled getty@tty1.service"
	fi
	if [ "$(systemctl get-default 2>/dev/null || true)" != graphical.target ]; then
		run systemctl set-default graphical.target
		done_step "set the default target to graphical.target"
	fi
	if [ "$(systemctl is-enabled mesokiosk.service 2>/dev/null || true)" != enabled ]; then
		run systemctl enable mesokiosk.service
		done_step "enabled mesokiosk.service"
	fi
}

main() {
	local a
	for a in "$@"; do
		case $a in
		--dry-run) DRY_RUN=1 ;;
		-h | --help)
			usage
			return 0
			;;
		*)
			usage >&2
			die "unknown argument: $a"
			;;
		esac
	done
	if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
		die "must run as root (it installs packages, a user and a system service). Try: sudo $0   (or $0 --dry-run to see what it would do)"
	fi
	[ -r /etc/debian_version ] || say "warning: this is not Debian; package names may not match"
	[ "$DRY_RUN" -eq 1 ] && say "dry run: nothing will be changed"

	step_packages
	step_user
	step_build
	step_unit
	step_config
	step_enable

	echo
	if [ "$DRY_RUN" -eq 1 ]; then
		say "dry run finished; nothing was changed."
		return 0
	fi
	say "done."
	if [ ${#DONE[@]} -eq 0 ]; then
		say "  nothing needed changing."
	else
		for a in "${DONE[@]}"; do say "  - $a"; done
	fi
	cat <<EOF

The kiosk starts at the next boot. To start it now (this ends any login on
tty1):   systemctl start mesokiosk
Logs:    journalctl -u mesokiosk -o cat -f
Config:  $CONF_DIR/kiosk.conf   (then: systemctl restart mesokiosk)

For patients on a course (sign-in, symptom reports), two things only the
clinic can give, then restart:
  - the clinic's public key: copy clinic.pub here and set clinic_public_key
    (make the pair once per clinic with: mesokiosk keygen PREFIX)
  - the staff PIN:  mesokiosk --set-staff-pin --config $CONF_DIR/kiosk.conf
EOF
}

main "$@"
