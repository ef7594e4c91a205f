#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Turns a Debian 12 machine into a Mesokiosk kiosk, the one way in: it
# installs the mesokiosk Debian package, which carries everything (the app,
# the content, the systemd unit, /etc/mesokiosk/kiosk.conf, the system user,
# the journal settings) and pulls in what it needs from Debian (cage,
# Xwayland, seatd, Mesa, fonts).
#
#   sudo kiosk/install.sh [--collector] [--dry-run] [PACKAGE.deb ...]
#
# Given packages (made once with scripts/package on a build machine and
# copied to each kiosk), it installs those: nothing is built on the kiosk.
# Given none, it builds them from this checkout first, as an unprivileged
# user (never as root), with the build packages it installs for the purpose
# and removes again afterwards (--keep-build-deps keeps them).
#
# Only the kiosk package, unless --collector (the clinic's collector belongs
# on a server, not on every kiosk). Every installed version is kept in
# /var/backups/mesokiosk (the last five): going back is one command, which
# the summary prints. Run again to upgrade; an upgrade keeps kiosk.conf.
#
# --dry-run prints every change it would make and makes none (no root
# needed).
set -euo pipefail

KIOSK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$KIOSK_DIR/.." && pwd)
BACKUP=/var/backups/mesokiosk
KEEP=5
DRY_RUN=0
COLLECTOR=0
KEEP_BUILD_DEPS=0
DEBS=()

usage() {
	sed -n '9,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
say() { printf 'mesokiosk-install: %s\n' "$*"; }
die() {
	printf 'mesokiosk-install: error: %s\n' "$*" >&2
	exit 1
}
# run CMD... : one change, or in a dry run only its description.
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

missing_pkgs() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || printf '%s\n' "$p"
	done
}

# build : makes the packages from this checkout into $OUT as an unprivileged
# user; sets DEBS and BUILT_WITH (build packages installed for it).
build() {
	local lib=$REPO/scripts/lib.sh owner version tmp
	[ -r "$lib" ] || die "no packages given and no checkout to build them from ($lib is missing)"
	# shellcheck source-path=SCRIPTDIR source=../scripts/lib.sh
	. "$lib"
	# shellcheck disable=SC2086 # word splitting is the point
	mapfile -t BUILT_WITH < <(missing_pkgs $MK_PKGS_BUILD dpkg-dev)
	say "build the packages from $REPO"
	if [ ${#BUILT_WITH[@]} -gt 0 ]; then
		run apt-get update -qq
		run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${BUILT_WITH[@]}"
	fi
	# Asked here, as root: git refuses another user's checkout.
	version=$("$REPO/scripts/package" --version)
	owner=$(stat -c %U "$REPO")
	if [ "$owner" != root ]; then
		# The checkout's owner builds in the checkout's own build/.
		OUT=$REPO/build/package
		run runuser -u "$owner" -- env MK_PACKAGE_VERSION="$version" "$REPO/scripts/package" --build-dir "$OUT"
	else
		# A root-owned checkout (/opt): nobody builds in a folder of its own,
		# reading the checkout, writing nothing into it.
		tmp=/tmp/mesokiosk-build.DRYRUN
		[ "$DRY_RUN" -eq 1 ] || tmp=$(mktemp -d /tmp/mesokiosk-build.XXXXXX)
		OUT=$tmp/build
		run chown nobody: "$tmp"
		run setpriv --reuid=nobody --regid=nogroup --clear-groups -- env HOME="$tmp" \
			MK_PACKAGE_VERSION="$version" "$REPO/scripts/package" --build-dir "$OUT"
	fi
	DEBS=("$OUT/mesokiosk_${version}_amd64.deb")
	[ "$COLLECTOR" -eq 1 ] && DEBS+=("$OUT/mesokiosk-collector_${version}_amd64.deb")
	return 0
}

# keep DEB... : a copy of each package in $BACKUP; the oldest beyond $KEEP go.
keep() {
	local d name
	run mkdir -p "$BACKUP"
	for d in "$@"; do
		run cp "$d" "$BACKUP/"
	done
	for name in mesokiosk mesokiosk-collector; do
		# shellcheck disable=SC2012 # version sort of our own file names
		{ ls "$BACKUP/${name}"_*_amd64.deb 2>/dev/null || true; } | sort -V | head -n "-$KEEP" |
			while read -r d; do run rm -f "$d"; done
	done
}

main() {
	local a d
	BUILT_WITH=()
	while [ $# -gt 0 ]; do
		case $1 in
		--dry-run) DRY_RUN=1 ;;
		--collector) COLLECTOR=1 ;;
		--keep-build-deps) KEEP_BUILD_DEPS=1 ;;
		-h | --help) usage; return 0 ;;
		-*) usage >&2; die "unknown argument: $1" ;;
		*) DEBS+=("$1") ;;
		esac
		shift
	done
	if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
		die "must run as root (it installs packages and a system service). Try: sudo $0   (or $0 --dry-run to see what it would do)"
	fi
	[ -r /etc/debian_version ] || say "warning: this is not Debian; the packages are for Debian 12"
	[ "$DRY_RUN" -eq 1 ] && say "dry run: nothing will be changed"

	if [ ${#DEBS[@]} -eq 0 ]; then
		build
	fi
	for d in "${DEBS[@]}"; do
		[ "$DRY_RUN" -eq 1 ] || [ -f "$d" ] || die "$d: no such package"
		case $(basename "$d") in
		mesokiosk_*.deb | mesokiosk-collector_*.deb) ;;
		*) die "$d is not a mesokiosk package" ;;
		esac
	done
	keep "${DEBS[@]}"
	say "install ${DEBS[*]##*/}"
	a=()
	for d in "${DEBS[@]}"; do a+=("$(realpath -m "$d")"); done
	run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		--allow-downgrades "${a[@]}"
	if [ ${#BUILT_WITH[@]} -gt 0 ] && [ "$KEEP_BUILD_DEPS" -eq 0 ]; then
		say "remove the build packages installed for this build"
		run env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --auto-remove "${BUILT_WITH[@]}"
	fi
	# The unit is wanted by graphical.target: boot into it.
	if [ "$(systemctl get-default 2>/dev/null || true)" != graphical.target ]; then
		run systemctl set-default graphical.target
	fi

	echo
	if [ "$DRY_RUN" -eq 1 ]; then
		say "dry run finished; nothing was changed."
		return 0
	fi
	say "done."
	cat <<EOF

The kiosk starts at the next boot. To start it now (this ends any login on
tty1):   systemctl start mesokiosk
Logs:    journalctl -u mesokiosk -o cat -f
Config:  /etc/mesokiosk/kiosk.conf   (then: systemctl restart mesokiosk)

Kept for going back ($BACKUP):
$(printf '  %s\n' "$BACKUP"/*.deb)
To go back to one of them:  $0 $BACKUP/mesokiosk_VERSION_amd64.deb

For patients on a course (sign-in, symptom reports), two things only the
clinic can give, then restart:
  - the clinic's public key: copy clinic.pub here and set clinic_public_key
    (make the pair once per clinic with: mesokiosk keygen PREFIX)
  - the staff PIN:  mesokiosk --set-staff-pin --config /etc/mesokiosk/kiosk.conf
EOF
}

main "$@"
