#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Software updates end to end on loopback (issue 20): the real collector
# (SQLite, or PostgreSQL with PG_URI_FILE), two real kiosks (headless) over
# HTTPS, and the real root helper mesokiosk-update installing with the real
# dpkg into a scratch root (dpkg --force-not-root --root=DIR: no root
# needed, the machine's own packages never touched).
#
# Package 1 is a small Debian package named mesokiosk whose version is the
# running kiosk's own: published, refused to its uploader's approval,
# approved by a second publisher and rolled out to kiosk one only. Kiosk
# one downloads it, checks it, hands it to the helper from its attract
# screen; the helper installs it, the kiosk restarts (as the package's
# postinst would make it) and says it started, and the collector lists
# kiosk one as "installed 1" while kiosk two is never offered it. Package 2
# claims a version that never starts: the helper puts package 1 back by
# itself, the collector lists "rolled-back 2" with the reason, and kiosk
# one is never offered package 2 again.
#
# Here a loop stands in for systemd: it restarts kiosk one when it stops
# (Restart=always) and runs the helper when a request appears (the path
# unit); the dpkg wrapper stops the kiosk after an install, as the
# package's postinst restarts it.
# Usage: software_e2e.sh COLLECTOR MESOKIOSK MESOKIOSK-UPDATE [PG_URI_FILE]
set -u
col=$1 kiosk=$2 helper=$3 pgfile=${4:-}
out=$(mktemp -d /tmp/mksoft.XXXXXX)
cpid= k2= sup= watch=
cleanup() {
	touch "$out/stop"
	for p in $sup $watch $k2 $cpid $(cat "$out/k1.pid" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
	[ -n "${MK_KEEP_OUT:-}" ] || rm -rf "$out"
}
trap cleanup EXIT
fail() {
	echo "software-e2e: FAILED: $*" >&2
	for f in "$out"/*.log; do echo "--- $f" >&2; grep -v "level=info" "$f" | tail -15 >&2; done
	"$col" software --config "$out/collector.conf" >&2 2>&1
	exit 1
}
step() { echo "software-e2e: $*"; }
command -v dpkg-deb >/dev/null || { echo "software-e2e: SKIP: no dpkg-deb"; exit 77; }

if [ -n "$pgfile" ]; then
	base=$(cat "$pgfile") || fail "no PostgreSQL URI in $pgfile"
	name=mk_soft_$$_$RANDOM
	psql -q "$base" -c "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
	db=${base%/*}/$name
	trap 'cleanup; psql -q "$base" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1' EXIT
else
	db=$out/collector.db
fi
port=
for _ in $(seq 1 50); do
	p=$((20000 + RANDOM % 30000))
	(echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { port=$p; break; }
done
[ -n "$port" ] || fail "no free port"

# The clinic's keys and certificate; whoever builds packages holds the
# software-signing key (the collector only its public half); two publishers.
"$col" keygen "$out/clinic" >/dev/null || fail "keygen"
"$kiosk" keygen --software "$out/sw" >/dev/null || fail "keygen --software"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/tls.key" -out "$out/tls.pem" -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || fail "openssl"
printf 'db = %s\nsoftware_keys = %s\n' "$db" "$out/sw.pub" >"$out/collector.conf"
cfg="--config $out/collector.conf"
for u in ana ben; do
	echo "$u's long password" | "$col" add-user "$u" --publisher $cfg >/dev/null 2>&1 || fail "add-user $u"
done
t1=$("$col" add-kiosk "Room one" $cfg | sed -n 's/^token: *//p')
t2=$("$col" add-kiosk "Room two" $cfg | sed -n 's/^token: *//p')
[ -n "$t1" ] && [ -n "$t2" ] || fail "add-kiosk printed no token"
id1=${t1%%.*} id2=${t2%%.*}
"$col" serve --listen "127.0.0.1:$port" $cfg --key "$out/clinic.key" \
	--tls-cert "$out/tls.pem" --tls-key "$out/tls.key" 2>>"$out/collector.log" &
cpid=$!
for _ in $(seq 1 100); do
	curl -s -o /dev/null --cacert "$out/tls.pem" "https://127.0.0.1:$port/signin" && break
	sleep 0.1
done

# Packages: Package mesokiosk, a given version, holding a file that says it.
arch=$(dpkg --print-architecture)
running=$("$kiosk" --version | sed -n 's/^package //p')
[ -n "$running" ] || fail "mesokiosk --version does not say its package version"
deb() { # VERSION: echoes the .deb
	local d=$out/src/$1
	mkdir -p "$d/DEBIAN" "$d/usr/share/mesokiosk-e2e" "$out/debs/$1"
	printf 'Package: mesokiosk\nVersion: %s\nArchitecture: %s\nMaintainer: t <t@example.org>\nDescription: e2e\n' \
		"$1" "$arch" >"$d/DEBIAN/control"
	echo "$1" >"$d/usr/share/mesokiosk-e2e/version"
	dpkg-deb --root-owner-group -b "$d" "$out/debs/$1/mesokiosk_$1_$arch.deb" >/dev/null || fail "dpkg-deb $1"
	echo "$out/debs/$1/mesokiosk_$1_$arch.deb"
}

# Kiosk one's machine: a scratch dpkg root with version 0.0.1 installed by
# hand, the dpkg wrapper and the systemctl stand-in the helper is given.
root=$out/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers" "$out/bin"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
cat >"$out/bin/dpkg" <<EOS
#!/bin/sh
dpkg --force-not-root --root="$root" --log="$out/dpkg.log" "\$@"
rc=\$?
# The package's postinst restarts a running kiosk (try-restart): SIGTERM,
# and SIGKILL 10 s later (the unit's TimeoutStopSec).
if [ "\$1" = --install ] && [ \$rc = 0 ]; then
	pid=\$(cat "$out/k1.pid")
	kill "\$pid" 2>/dev/null
	for _ in \$(seq 1 100); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "\$pid" 2>/dev/null
fi
exit \$rc
EOS
cat >"$out/bin/systemctl" <<EOS
#!/bin/sh
if kill -0 "\$(cat "$out/k1.pid" 2>/dev/null)" 2>/dev/null; then echo active; else echo activating; exit 3; fi
EOS
chmod 0755 "$out/bin/dpkg" "$out/bin/systemctl"
"$out/bin/dpkg" --install "$(deb 0.0.1)" >/dev/null 2>&1 || fail "installing 0.0.1 by hand"
installed() { dpkg --root="$root" -s mesokiosk 2>/dev/null | sed -n 's/^Version: //p'; }

kconf() { # N TOKEN
	local c=$out/k$1.conf
	echo 1234 | "$kiosk" --set-staff-pin --config "$c" 2>/dev/null || fail "staff pin"
	cat >>"$c" <<CONF
clinic_public_key = $out/clinic.pub
collector_url = https://127.0.0.1:$port
collector_ca = $out/tls.pem
collector_token = $2
collector_timeout_seconds = 5
software_keys = $out/sw.pub
heartbeat_s = 1
CONF
}
kconf 1 "$t1" && kconf 2 "$t2"
# Each kiosk rests on its start page, the loop turning, for an hour; first
# its content is on screen long enough to end its trial (the driver's clock
# stands still while it waits, and a kiosk killed twice while its content
# is on trial would set that content aside).
printf 'wait 11000\nwait-content showing 99 3600\n' >"$out/rest.drive"
run_kiosk() { # N
	exec "$kiosk" --headless --windowed 1920x1080 --config "$out/k$1.conf" --data "$out/data$1" \
		--drive "$out/rest.drive" >/dev/null 2>>"$out/kiosk$1.log"
}
# systemd's Restart=always for kiosk one.
supervise() {
	while [ ! -e "$out/stop" ]; do
		(run_kiosk 1) &
		echo $! >"$out/k1.pid"
		wait $!
		echo "restart" >>"$out/restarts"
		sleep 0.3
	done
}
# The path unit: the helper runs when the app leaves a request.
watch_requests() {
	while [ ! -e "$out/stop" ]; do
		if [ -e "$out/data1/software/request.mkb" ]; then
			"$helper" apply --config "$out/k1.conf" --data "$out/data1" --state "$out/upd" \
				--backups "$out/backups" \
				--dpkg "$out/bin/dpkg" --systemctl "$out/bin/systemctl" \
				--wait-s 20 --steady-s 2 >>"$out/helper.log" 2>&1
		fi
		sleep 0.3
	done
}
mkdir -p "$out/data1/software" && chmod 0755 "$out/data1/software"
supervise >/dev/null 2>&1 &
sup=$!
watch_requests >/dev/null 2>&1 &
watch=$!
run_kiosk 2 &
k2=$!

# Waits (up to $2 s) until `software` lists kiosk $1's line matching $3.
kiosk_says() {
	for _ in $(seq 1 $(($2 * 5))); do
		"$col" software $cfg 2>/dev/null | grep "^$1 " | grep -Eq "$3" && return 0
		sleep 0.2
	done
	return 1
}
kiosk_says "$id1" 60 "$running +0 +current" || fail "kiosk one never said it runs $running"
kiosk_says "$id2" 60 "$running +0 +current" || fail "kiosk two never said it runs $running"

step "1. package 1 ($running): published, four eyes, rolled out to kiosk one only"
"$kiosk" bundle-package "$(deb "$running")" "$out/p1.mkb" --key "$out/sw.key" --version 1 >/dev/null ||
	fail "bundle-package 1"
"$col" publish-package "$out/p1.mkb" --note "same as running" --as ana $cfg >"$out/publish.out" 2>&1 ||
	fail "publish-package 1: $(cat "$out/publish.out")"
"$col" approve 1 --package --as ana $cfg >"$out/approve.out" 2>&1 && fail "the uploader approved package 1"
grep -q "four eyes" "$out/approve.out" || fail "the uploader's approval was refused without saying why"
"$col" approve 1 --package --as ben $cfg >/dev/null 2>&1 || fail "approve 1"
"$col" rollout 1 kiosk "$id1" --package $cfg >/dev/null 2>&1 || fail "rollout 1"
kiosk_says "$id1" 120 "$running +1 +installed" || fail "kiosk one never said it installed package 1"
[ "$(installed)" = "$running" ] || fail "dpkg says $(installed) is installed, not $running"
[ "$(dpkg-deb --field "$out/upd/previous.deb" Version 2>/dev/null)" = "" ] ||
	fail "a previous.deb appeared for a kiosk installed by hand"
[ "$(dpkg-deb --field "$out/upd/current.deb" Version)" = "$running" ] || fail "current.deb is not package 1"
grep -q "software-package-handed-over version=1" "$out/kiosk1.log" || fail "kiosk one never handed package 1 over"
kiosk_says "$id2" 5 "$running +0 +current" || fail "kiosk two left 'current'"
grep -q "sync_offer.*kind=package" "$out/kiosk2.log" && fail "kiosk two was offered a package"

step "2. package 2 (99.0) never starts: the helper puts package 1 back by itself"
"$kiosk" bundle-package "$(deb 99.0)" "$out/p2.mkb" --key "$out/sw.key" --version 2 >/dev/null ||
	fail "bundle-package 2"
"$col" publish-package "$out/p2.mkb" --note "never starts" --as ben $cfg >/dev/null 2>&1 || fail "publish 2"
"$col" approve 2 --package --as ana $cfg >/dev/null 2>&1 || fail "approve 2"
"$col" rollout 2 kiosk "$id1" --package $cfg >/dev/null 2>&1 || fail "rollout 2"
kiosk_says "$id1" 180 "$running +2 +rolled-back +2 .*99.0" ||
	fail "the collector never heard that kiosk one rolled package 2 back"
[ "$(installed)" = "$running" ] || fail "dpkg says $(installed) is installed after the rollback"
grep -q "99.0" "$out/dpkg.log" || fail "dpkg never installed 99.0"
# Never offered again: a few heartbeats after the kiosk said so, no offer of
# package 2, and it was downloaded once.
sleep 4
sed -n '/software-package-status version=2 state=rolled-back/,$p' "$out/kiosk1.log" |
	grep -q "sync_offer version=2 .*kind=package" && fail "kiosk one was offered package 2 again"
[ "$(grep -c "sync_download version=2 .*kind=package" "$out/kiosk1.log")" = 1 ] ||
	fail "kiosk one downloaded package 2 more than once"
kiosk_says "$id1" 5 "$running +2 +rolled-back" || fail "kiosk one's state changed after the rollback"
echo "software-e2e: all passed"
