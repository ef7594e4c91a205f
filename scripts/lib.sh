# SPDX-License-Identifier: MIT
# Shared by scripts/run, scripts/test, scripts/fuzz and scripts/bench:
# which Debian packages we need, and how to get them. Sourced, not run.

MK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build and run time. Speech (src/speech) is Debian's libespeak-ng, whose
# espeak-ng-data holds the voices for en, ar and fr; recorded narration
# (src/narration) is Opus, decoded by libopusfile.
MK_PKGS_BUILD="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev
libsdl2-image-dev liblua5.4-dev libfontconfig-dev libfribidi-dev libsystemd-dev
libsqlite3-dev libsodium-dev libcurl4-openssl-dev libmicrohttpd-dev libpq-dev
libjansson-dev libtss2-dev ca-certificates openssl
fonts-noto-core fonts-noto-ui-core fonts-dejavu-core
libespeak-ng-dev libespeak-ng1 espeak-ng-data libopusfile-dev libopusfile0"
# Tests only: systemd-analyze for the unit files; a PostgreSQL server the
# collector tests start on loopback; Chromium, Node.js and npm for the
# dashboard's browser test and the FHIR schema check; the real kiosk session
# (cage, Xwayland, Mesa, grim for its screenshots, setpriv to run it as
# nobody); the Debian packages (dpkg-dev for their dependencies, lintian,
# mmdebstrap for a fresh Debian 12 to install them in, systemd-nspawn to
# boot it); software TPMs (swtpm) and tpm2-tools to set their lockout, for
# the TPM tests; libopusenc to make the narration tests' recordings.
MK_PKGS_TEST="libopusenc-dev systemd postgresql curl chromium nodejs swtpm tpm2-tools
cage xwayland libgl1-mesa-dri grim util-linux xdotool
dpkg-dev lintian mmdebstrap systemd-container"
# The fuzz targets (scripts/fuzz): clang, and libFuzzer with the
# sanitizers' runtimes, which Debian 12 ships in libclang-rt-14-dev (only
# recommended by clang, so named here).
MK_PKGS_FUZZ="clang libclang-rt-14-dev"
MK_FUZZ_TARGETS="content image narration api http wire config bundle multipart"
# Debian's nodejs comes without npm (a package of its own); a Node.js
# that brings its own npm needs nothing more.
command -v npm >/dev/null 2>&1 || MK_PKGS_TEST="$MK_PKGS_TEST npm"

# mk_need PKG... : installs what is missing (root), or prints the exact
# command and stops (anyone else).
mk_need() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ]; then
		echo "mesokiosk: installing ${missing[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2 || true
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
	else
		echo "mesokiosk: missing packages. Please run:" >&2
		echo "  sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
}

# mk_build DIR CMAKE-ARGS... : configures (once) and builds.
mk_build() {
	local dir=$1
	shift
	cmake -S "$MK_ROOT" -B "$dir" "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)"
}
