#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Content rollout end to end on loopback (issue 20): the real collector
# (SQLite, or PostgreSQL with PG_URI_FILE) and two real kiosks (headless,
# driven) over HTTPS. The shipped guide is published as version 1 and
# rolled out to all; a change (the start page's heading) is published as
# version 2, checked and previewed by the collector with the kiosk's own
# binary (the diff names the start page), refused to its uploader's
# approval, approved by a second publisher and rolled out to one of the two
# kiosks only: that kiosk shows the new heading (the driver's `expect`) and
# says version 2 in its heartbeat, the other stays on 1. Then a rollback
# makes version 3 of the old content and that kiosk shows it. Last, a
# version that stops the kiosk on trial twice is set aside by the kiosk's
# crash guard, which goes back to version 3 by itself, and the collector
# lists the kiosk as having rejected it, with the reason.
# Usage: rollout_e2e.sh COLLECTOR MESOKIOSK CONTENT [PG_URI_FILE]
# MK_E2E_HEARTBEAT (seconds, default 1) is the kiosks' heartbeat_s; with it
# set the script prints how long approve-and-rollout took to reach the
# screen (scripts/bench uses 10).
set -u
col=$1 kiosk=$2 content=$3 pgfile=${4:-}
beat=${MK_E2E_HEARTBEAT:-1}
out=$(mktemp -d /tmp/mkroll.XXXXXX)
cpid= k1= k2=
cleanup() {
	for p in $k1 $k2 $cpid; do kill -9 "$p" 2>/dev/null; done
	[ -n "${MK_KEEP_SHOTS:-}" ] && mkdir -p "$MK_KEEP_SHOTS" && cp "$out"/*.png "$MK_KEEP_SHOTS/" 2>/dev/null
	[ -n "${MK_KEEP_OUT:-}" ] || rm -rf "$out"
}
trap cleanup EXIT
fail() {
	echo "rollout-e2e: FAILED: $*" >&2
	for f in "$out"/*.log; do echo "--- $f" >&2; grep -v "level=info" "$f" | tail -15 >&2; done
	"$col" content --config "$out/collector.conf" >&2 2>&1
	exit 1
}
step() { echo "rollout-e2e: $*"; }

if [ -n "$pgfile" ]; then
	base=$(cat "$pgfile") || fail "no PostgreSQL URI in $pgfile"
	name=mk_roll_$$_$RANDOM
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

# The clinic's keys and certificate; the publisher's content-signing key
# (the collector holds it too, for rollbacks); two publishers; two kiosks.
"$col" keygen "$out/clinic" >/dev/null || fail "keygen"
"$kiosk" keygen --content "$out/pub" >/dev/null || fail "keygen --content"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/tls.key" -out "$out/tls.pem" -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || fail "openssl"
cat >"$out/collector.conf" <<CONF
db = $db
content_keys = $out/pub.pub
content_key = $out/pub.key
kiosk_binary = $kiosk
previews = $out/previews
CONF
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

# Each kiosk: its own data and configuration, the shipped guide as its
# content folder, trusting the publisher's key.
kconf() { # N TOKEN
	local c=$out/k$1.conf
	echo 1234 | "$kiosk" --set-staff-pin --config "$c" 2>/dev/null || fail "staff pin"
	cat >>"$c" <<CONF
clinic_public_key = $out/clinic.pub
collector_url = https://127.0.0.1:$port
collector_ca = $out/tls.pem
collector_token = $2
collector_timeout_seconds = 5
content_keys = $out/pub.pub
heartbeat_s = $beat
CONF
	cp -r "$content" "$out/live$1"
}
kconf 1 "$t1" && kconf 2 "$t2"
# Kiosk one follows the rollout; kiosk two shows version 1 and then stays
# on it while the test looks. Both wait at the end (a script that failed
# has ended the kiosk: alive() says so) and are stopped by the test.
cat >"$out/one.drive" <<DRIVE
wait-content showing 1 300
expect Welcome
wait-content showing 2 300
expect Hello rollout
screenshot $out/kiosk-one-v2.png
wait-content showing 3 300
expect Welcome
expect-not Hello rollout
wait-content showing 99 3600
DRIVE
cat >"$out/two.drive" <<DRIVE
wait-content showing 1 300
expect Welcome
wait-content showing 99 3600
DRIVE
# Run in the background: the job's process becomes the kiosk (exec), so
# $! is the kiosk's own pid and the cleanup stops it, not a shell around it
# (in the foreground, call it in a subshell).
run_kiosk() { # N SCRIPT
	cd "$out" && exec "$kiosk" --headless --windowed 1920x1080 --config "$out/k$1.conf" \
		--data "$out/data$1" --content "$out/live$1" --drive "$out/$2" 2>>"$out/kiosk$1.log"
}
# A kiosk whose script failed has stopped: its screen did not show what
# the script expects.
alive() { kill -0 "$1" 2>/dev/null || fail "kiosk $2's script failed (see its log)"; }
# Waits (up to $2 s) until `content` lists kiosk $1's line matching $3.
kiosk_says() {
	for _ in $(seq 1 $(($2 * 5))); do
		"$col" content $cfg 2>/dev/null | grep "^$1 " | grep -Eq "$3" && return 0
		sleep 0.2
	done
	return 1
}
# Waits (up to $2 s) until version $1 is checked: prints its state.
checked() {
	for _ in $(seq 1 $(($2 * 5))); do
		s=$("$col" content $cfg 2>/dev/null | awk -v v="$1" '$1 == v { print $2 }')
		[ -n "$s" ] && [ "$s" != checking ] && { echo "$s"; return 0; }
		sleep 0.2
	done
	echo timeout
}

step "1. the shipped guide as version 1, checked, approved and rolled out to all"
"$kiosk" bundle "$content" "$out/v1.mkb" --key "$out/pub.key" --version 1 >/dev/null || fail "bundle v1"
"$col" publish "$out/v1.mkb" --note "the shipped guide" --as ana $cfg >"$out/publish.out" 2>&1 ||
	fail "publish v1: $(cat "$out/publish.out")"
[ "$(checked 1 600)" = ready ] || fail "version 1 was not checked ready"
"$col" approve 1 --as ben $cfg >/dev/null 2>&1 || fail "approve v1"
"$col" rollout 1 all $cfg >/dev/null 2>&1 || fail "rollout v1"
run_kiosk 1 one.drive &
k1=$!
run_kiosk 2 two.drive &
k2=$!
kiosk_says "$id1" 40 " 1 +1 +showing" || fail "kiosk one never said it shows version 1"
kiosk_says "$id2" 120 " 1 +1 +showing" || fail "kiosk two never said it shows version 1"

step "2. a changed start page as version 2: checked, previewed, four eyes"
rm -rf "$out/v" && cp -r "$content" "$out/v" &&
	sed -i 's/en = "Welcome"/en = "Hello rollout"/' "$out/v/pages/10-home.lua" &&
	grep -q "Hello rollout" "$out/v/pages/10-home.lua" || fail "no start page heading to change"
"$kiosk" bundle "$out/v" "$out/v2.mkb" --key "$out/pub.key" --version 2 >/dev/null || fail "bundle v2"
"$col" publish "$out/v2.mkb" --note "a new welcome" --as ana $cfg >"$out/publish.out" 2>&1 ||
	fail "publish v2: $(cat "$out/publish.out")"
[ "$(checked 2 600)" = ready ] || fail "version 2 was not checked ready"
# The preview: the start page changed, in English, in both orientations;
# nothing else did.
changed=$(cut -d' ' -f1 "$out/previews/2/changed.txt" 2>/dev/null | sort | tr '\n' ' ')
[ "$changed" = "en-land-01.png en-port-01.png " ] || fail "the preview's changes: '$changed'"
[ -s "$out/previews/2/sheet.png" ] || fail "no contact sheet for version 2"
cp "$out/previews/2/diff-en-land-01.png" "$out/preview-diff.png" 2>/dev/null
"$col" approve 2 --as ana $cfg >"$out/approve.out" 2>&1 && fail "the uploader approved version 2"
grep -q "four eyes" "$out/approve.out" || fail "the uploader's approval was refused without saying why"
t0=$(date +%s.%N)
"$col" approve 2 --as ben $cfg >/dev/null 2>&1 || fail "approve v2"

step "3. version 2 to kiosk one only"
"$col" rollout 2 kiosk "$id1" $cfg >/dev/null 2>&1 || fail "rollout v2"
kiosk_says "$id1" 120 " 2 +2 +showing" || fail "kiosk one never said it shows version 2"
alive "$k1" one
grep -q 'content-bundle-shown.*version=2' "$out/kiosk1.log" || fail "kiosk one's log never showed version 2"
kiosk_says "$id2" 5 " 1 +1 +showing" || fail "kiosk two left version 1"
grep -q 'sync_offer version=2 ' "$out/kiosk2.log" && fail "kiosk two was offered version 2"

step "4. roll back: version 3 is version 1's content, on kiosk one"
"$col" rollback --as ana $cfg >"$out/rollback.out" 2>&1 || fail "rollback: $(cat "$out/rollback.out")"
kiosk_says "$id1" 120 " 3 +3 +showing" || fail "kiosk one never said it shows version 3"
kiosk_says "$id2" 5 " 1 +1 +showing" || fail "kiosk two left version 1"
alive "$k1" one && alive "$k2" two
# From the approval to the new page on kiosk one's screen (its log's time
# of content-bundle-shown), for scripts/bench.
shown=$(sed -n 's/^ts=\([^ ]*\)Z .*event=content-bundle-shown version=2 .*/\1/p' "$out/kiosk1.log" | head -1)
t2=$(date -u -d "$shown" +%s.%N 2>/dev/null) || fail "no time of content-bundle-shown in kiosk one's log"
awk -v a="$t0" -v b="$t2" -v h="$beat" 'BEGIN { printf "rollout-e2e: approve to screen: %.1f s (heartbeat %s s)\n", b - a, h }'
kill "$k1" "$k2" 2>/dev/null
wait "$k1" "$k2" 2>/dev/null
k1= k2=

step "5. version 4 stops kiosk one on trial, twice: it goes back by itself, the collector hears 'rejected'"
# The driver's crash stands in for content that kills the kiosk while it
# is on trial (a hang in a C library, the watchdog): the crash guard's case.
sed -i 's/en = "Hello rollout"/en = "Hello crash"/' "$out/v/pages/10-home.lua"
"$kiosk" bundle "$out/v" "$out/v4.mkb" --key "$out/pub.key" --version 4 >/dev/null || fail "bundle v4"
"$col" publish "$out/v4.mkb" --note "stops the kiosk" --as ben $cfg >"$out/publish.out" 2>&1 ||
	fail "publish v4: $(cat "$out/publish.out")"
"$col" approve 4 --as ana $cfg >/dev/null 2>&1 || fail "approve v4"
"$col" rollout 4 kiosk "$id1" $cfg >/dev/null 2>&1 || fail "rollout v4"
printf 'wait-content showing 4 300\nexpect Hello crash\ncrash\n' >"$out/crash1.drive"
printf 'expect Hello crash\ncrash\n' >"$out/crash2.drive"
printf 'wait-content rejected 4 60\nexpect Welcome\nwait-content showing 99 3600\n' >"$out/after.drive"
(run_kiosk 1 crash1.drive)
[ $? = 70 ] || fail "kiosk one did not stop on version 4"
(run_kiosk 1 crash2.drive)
[ $? = 70 ] || fail "kiosk one did not try version 4 once more"
run_kiosk 1 after.drive &
k1=$!
kiosk_says "$id1" 120 " 4 +3 +rejected +4 .*stopped the kiosk twice" ||
	fail "the collector never heard that kiosk one rejected version 4"
alive "$k1" one
kill "$k1" 2>/dev/null
wait "$k1" 2>/dev/null
k1=
echo "rollout-e2e: all passed"
