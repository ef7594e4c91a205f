#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End to end on loopback: the real kiosk (headless, driven) sends to the
# real collector over HTTPS, through faults, and every record arrives
# exactly once. Usage:
#   e2e.sh COLLECTOR MESOKIOSK E2E_CHECK CONTENT [PG_URI_FILE]
# With PG_URI_FILE the collector uses a fresh database on that PostgreSQL
# server, else an SQLite file.
set -u
col=$1 kiosk=$2 check=$3 content=$4 pgfile=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/mke2e.XXXXXX)
cpid=
cleanup() {
	[ -n "$cpid" ] && kill -9 "$cpid" 2>/dev/null
	[ -n "${MK_KEEP_SHOTS:-}" ] && mkdir -p "$MK_KEEP_SHOTS" && cp "$out"/*.png "$MK_KEEP_SHOTS/" 2>/dev/null
	rm -rf "$out"
}
trap cleanup EXIT
fail() {
	echo "e2e: FAILED: $*" >&2
	for f in "$out"/*.log; do echo "--- $f" >&2; grep -v "level=info" "$f" | tail -20 >&2; done
	exit 1
}
step() { echo "e2e: $*"; }

if [ -n "$pgfile" ]; then
	base=$(cat "$pgfile") || fail "no PostgreSQL URI in $pgfile"
	name=mk_e2e_$$_$RANDOM
	psql -q "$base" -c "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
	db=${base%/*}/$name
	trap 'cleanup; psql -q "$base" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1' EXIT
else
	db=$out/collector.db
fi

# A free port on loopback.
port=
for _ in $(seq 1 50); do
	p=$((20000 + RANDOM % 30000))
	(echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { port=$p; break; }
done
[ -n "$port" ] || fail "no free port"

# The clinic: its key pair, the collector's certificate, a kiosk token.
"$col" keygen "$out/clinic" >/dev/null || fail "keygen"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/tls.key" -out "$out/tls.pem" -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || fail "openssl"
token=$("$col" add-kiosk "Waiting room" --db "$db" | sed -n 's/^token: *//p')
[ -n "$token" ] || fail "add-kiosk printed no token"

start_collector() {
	"$col" serve --listen "127.0.0.1:$port" --db "$db" --key "$out/clinic.key" \
		--tls-cert "$out/tls.pem" --tls-key "$out/tls.key" 2>>"$out/collector.log" &
	cpid=$!
	for _ in $(seq 1 100); do
		curl -s -o /dev/null --cacert "$out/tls.pem" "https://127.0.0.1:$port/signin" && return 0
		sleep 0.1
	done
	fail "the collector did not start"
}
stop_collector() { kill "${1:--TERM}" "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; cpid=; }

# The kiosk: staff PIN 1234, the clinic's public key, the collector.
conf=$out/kiosk.conf
echo 1234 | "$kiosk" --set-staff-pin --config "$conf" 2>/dev/null || fail "staff pin"
cat >>"$conf" <<CONF
clinic_public_key = $out/clinic.pub
camera = test:yuyv:640x480
collector_url = https://127.0.0.1:$port
collector_ca = $out/tls.pem
collector_timeout_seconds = 2
CONF
export MK_TEST_SYNC_FAST=1
run_kiosk() { # SCRIPT TOKEN
	sed -i '/^collector_token/d' "$conf"
	echo "collector_token = $2" >>"$conf"
	(cd "$out" && "$kiosk" --headless --windowed 1920x1080 --config "$conf" --data "$out/data" \
		--content "$content" --drive "$here/$1" 2>>"$out/kiosk.log")
}
count() { "$check" count "$db" | sed -n 's/^records=\([0-9]*\).*/\1/p'; }
matches() { "$check" match "$out/data" "$db" || fail "$1"; }

step "1. the collector is down for the whole session"
run_kiosk e2e_record.drive "$token" || fail "recording while the collector is down"
start_collector
run_kiosk e2e_sent.drive "$token" || fail "sending once the collector is up"
matches "after the collector came up"
# The red-flag screen's call for staff went too, once.
[ "$("$check" calls "$db")" = calls=1 ] || fail "the call for staff did not arrive once"

step "2. every record sent again (acknowledgements lost): stored once"
"$check" requeue "$out/data" || fail "requeue"
run_kiosk e2e_sent.drive "$token" || fail "sending the replay"
matches "after the replay"

step "2b. a session staff undid reaches the clinic alone, once, and again after a replay"
run_kiosk e2e_undo.drive "$token" || fail "recording and undoing a session"
run_kiosk e2e_sent.drive "$token" || fail "sending the undone session"
"$check" undone "$out/data" "$db" || fail "the undone session at the clinic"
"$check" requeue "$out/data" || fail "requeue"
run_kiosk e2e_sent.drive "$token" || fail "sending the replay"
"$check" undone "$out/data" "$db" || fail "the undone session after a replay"
matches "after the undone session"

step "2c. a photo the clinic has, deleted by the patient, goes from the clinic too, once"
run_kiosk e2e_delete.drive "$token" || fail "taking, sending and deleting a photo"
run_kiosk e2e_sent.drive "$token" || fail "sending the deletion"
matches "after the patient deleted a photo"
"$check" requeue "$out/data" || fail "requeue"
run_kiosk e2e_sent.drive "$token" || fail "sending the replay"
matches "after the deletion's replay"

step "3. a wrong token: 401, nothing stored, the kiosk keeps everything"
before=$(count)
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$out/tls.pem" -H "Authorization: Bearer ${token%.*}.0000" \
	-H 'Content-Type: application/json' --data '{"records":[]}' "https://127.0.0.1:$port/api/v1/records")
[ "$code" = 401 ] || fail "a wrong token got $code"
run_kiosk e2e_record.drive "${token%.*}.$(printf '%064d' 7)" || fail "recording with a wrong token"
[ "$(count)" = "$before" ] || fail "records arrived with a wrong token"
run_kiosk e2e_sent.drive "$token" || fail "sending after the token was fixed"
matches "after the token was fixed"

step "4. malformed, oversized and too-long batches are refused; the collector goes on"
post() { curl -s -o /dev/null -w '%{http_code}' --cacert "$out/tls.pem" -H "Authorization: Bearer $token" \
	-H 'Content-Type: application/json' --data-binary "@$1" "https://127.0.0.1:$port/api/v1/records"; }
printf 'not json at all' >"$out/bad.json"
[ "$(post "$out/bad.json")" = 400 ] || fail "a malformed batch was not 400"
head -c $((9 << 20)) /dev/zero | tr '\0' 'a' | sed 's/^/{"records":["/; s/$/"]}/' >"$out/big.json"
[ "$(post "$out/big.json")" = 413 ] || fail "an oversized batch was not 413"
{ printf '{"records":['; for i in $(seq 1 101); do [ "$i" -gt 1 ] && printf ','; printf '{}'; done; printf ']}'; } >"$out/long.json"
[ "$(post "$out/long.json")" = 413 ] || fail "101 items were not 413"
matches "after bad batches"

step "5. killed and restarted in the middle of batches, then a pause (timeouts)"
stop_collector
run_kiosk e2e_record.drive "$token" || fail "recording a second patient"
run_kiosk e2e_record.drive "$token" || fail "recording a third patient"
run_kiosk e2e_sent_kills.drive "$token" &
kpid=$!
for i in 1 2 3 4 5; do
	start_collector
	sleep "0.0$((RANDOM % 9 + 1))"
	stop_collector -9
done
start_collector
wait "$kpid" || fail "sending through kills"
matches "after kills"
# Paused, the collector takes connections but never answers: each request
# is abandoned after collector_timeout_seconds (2 here) and tried again.
kill -STOP "$cpid"
run_kiosk e2e_record.drive "$token" || fail "recording while the collector is paused"
run_kiosk e2e_paused.drive "$token" || fail "staff were not told of the time-out"
kill -CONT "$cpid"
run_kiosk e2e_sent.drive "$token" || fail "sending after the pause"
matches "after a pause"

step "6. the collector's storage fails under it (500s), then is mended"
"$check" sql "$db" "ALTER TABLE records RENAME TO records_away" || fail "breaking the storage"
run_kiosk e2e_record.drive "$token" || fail "recording while the collector answers 500"
run_kiosk e2e_failing.drive "$token" || fail "staff were not told of the collector's error"
grep -q 'path="/api/v1/records" status=500' "$out/collector.log" || fail "the collector never answered 500"
"$check" sql "$db" "ALTER TABLE records_away RENAME TO records" || fail "mending the storage"
run_kiosk e2e_sent.drive "$token" || fail "sending after the storage was mended"
matches "after 500s"
stop_collector
echo "e2e: all passed ($(count) records at the collector)"
