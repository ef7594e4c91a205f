#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Two collectors, one PostgreSQL: both `serve` on a fresh database of the
# test server; a clinician signs in on each; kiosks spread over the two
# (multi_kiosk, the real wire protocol) send batches while collector A is
# killed with SIGKILL in the middle of them. Before that, a red flag sent
# to A shows on B's live alerts stream. Then every record sent is in
# the database exactly once, each kiosk finished on B, and both dashboard
# sessions, the one made on A too, still work on B (pages and a form).
#
#   multi.sh COLLECTOR MULTI_KIOSK PG_URI_FILE
set -u
col=$1 client=$2 pgfile=$3
out=$(mktemp -d /tmp/mkmulti.XXXXXX)
pa= pb= pk= ps=
base=$(cat "$pgfile") || { echo "multi: no PostgreSQL URI in $pgfile" >&2; exit 1; }
name=mk_multi_$$_$RANDOM
db=${base%/*}/$name
cleanup() {
	for p in $pa $pb $pk $ps; do kill -9 "$p" 2>/dev/null; done
	psql -q "$base" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1
	rm -rf "$out"
}
trap cleanup EXIT
fail() {
	echo "multi: FAILED: $*" >&2
	for f in "$out"/*.log; do echo "--- $f" >&2; grep -v "level=info" "$f" | tail -20 >&2; done
	exit 1
}
step() { echo "multi: $*"; }
sql() { psql -Atq "$db" -c "$1"; }

psql -q "$base" -c "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
free_port() {
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 30000))
		(echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
porta=$(free_port) portb=$(free_port)
[ -n "$porta" ] && [ -n "$portb" ] && [ "$porta" != "$portb" ] || fail "no free ports"
A=http://127.0.0.1:$porta B=http://127.0.0.1:$portb

"$col" keygen "$out/clinic" >/dev/null || fail "keygen"
printf 'correct-horse-battery\n' | "$col" add-user alice --db "$db" >/dev/null || fail "add-user"
for i in 1 2 3 4; do
	"$col" add-kiosk "Room $i" --db "$db" | sed -n 's/^token: *//p' >>"$out/tokens"
done
[ "$(wc -l <"$out/tokens")" = 4 ] || fail "add-kiosk printed no tokens"

serve() { # PORT LOG
	"$col" serve --listen "127.0.0.1:$1" --db "$db" --key "$out/clinic.key" \
		--insecure-cookies 2>>"$out/$2" &
}
up() { # URL
	for _ in $(seq 1 100); do curl -s -o /dev/null "$1/signin" && return 0; sleep 0.1; done
	fail "the collector at $1 did not start"
}
serve "$porta" a.log; pa=$!
serve "$portb" b.log; pb=$!
up "$A"; up "$B"
step "collectors A ($A) and B ($B) on one database"

signin() { # URL JAR
	local pre
	pre=$(curl -s -c "$2" "$1/signin" | sed -n 's/.*name="pre" value="\([0-9a-f]*\)".*/\1/p')
	[ -n "$pre" ] || fail "no sign-in form at $1"
	curl -s -o /dev/null -b "$2" -c "$2" -w '%{http_code}' --data-urlencode "pre=$pre" \
		--data-urlencode name=alice --data-urlencode password=correct-horse-battery \
		"$1/signin"
}
[ "$(signin "$A" "$out/jar_a")" = 303 ] || fail "sign-in on A"
[ "$(signin "$B" "$out/jar_b")" = 303 ] || fail "sign-in on B"

# The front desk watches B's live alerts; a kiosk's red flag reaches A.
curl -s -N -b "$out/jar_b" "$B/alerts/events" >"$out/stream" 2>/dev/null &
ps=$!
for _ in $(seq 1 100); do grep -q '^data: ' "$out/stream" && break; sleep 0.1; done
first=$(grep -m1 '^data: ' "$out/stream")
[ -n "$first" ] || fail "no live stream on B"
b64() { head -c "$1" /dev/urandom | base64 -w0; }
puuid=$(cat /proc/sys/kernel/random/uuid) auuid=$(cat /proc/sys/kernel/random/uuid)
alert="{\"records\":[{\"uuid\":\"$auuid\",\"kind\":\"alert\",\"created_at\":$(date +%s),\
\"patient\":{\"uuid\":\"$puuid\",\"code\":\"BRAVE234\"},\"course\":null,\"session\":0,\
\"alert_level\":2,\"sealed_key\":\"$(b64 80)\",\"nonce\":\"$(b64 24)\",\"ciphertext\":\"$(b64 64)\"}]}"
curl -s -H "Authorization: Bearer $(head -1 "$out/tokens")" -H 'Content-Type: application/json' \
	--data "$alert" "$A/api/v1/records" | grep -Eq "\"accepted\": *\[\"$auuid\"" ||
	fail "A did not take the alert"
for _ in $(seq 1 150); do
	[ "$(grep '^data: ' "$out/stream" | grep -vxF "$first" | wc -l)" -gt 0 ] && break
	sleep 0.1
done
kill "$ps" 2>/dev/null; wait "$ps" 2>/dev/null; ps=
grep '^data: ' "$out/stream" | grep -vqxF "$first" ||
	fail "the alert sent to A was not announced on B's live stream: $(cat "$out/stream")"
step "an alert sent to A is announced on B's live alerts stream"

"$client" "$A" "$B" "$out/tokens" 40 "$out/uuids" >"$out/client.out" 2>"$out/client.log" &
pk=$!
for _ in $(seq 1 600); do
	n=$(sql "SELECT COUNT(*) FROM records")
	[ "${n:-0}" -ge 400 ] && break
	kill -0 "$pk" 2>/dev/null || break
	sleep 0.05
done
kill -0 "$pk" 2>/dev/null || fail "the kiosks finished before A could be killed (${n:-0} records)"
kill -9 "$pa"; wait "$pa" 2>/dev/null; pa=
step "A killed with ${n:-0} records in; the kiosks go on"
wait "$pk"; rc=$?; pk=
cat "$out/client.out"
[ $rc = 0 ] || fail "a batch was never accepted"
grep -q 'switched=[1-9]' "$out/client.out" || fail "no kiosk had to turn to B"

sent=$(sort -u "$out/uuids" | wc -l)
[ "$sent" = "$(wc -l <"$out/uuids")" ] && [ "$sent" = 4000 ] || fail "the kiosks sent $sent UUIDs"
before=$(sql "SELECT COUNT(*) FROM records WHERE kind = 'alert'") # the one alert above
sql "CREATE TABLE sent (uuid TEXT PRIMARY KEY)" >/dev/null
psql -q "$db" -c "\\copy sent FROM '$out/uuids'" >/dev/null || fail "cannot load the UUIDs sent"
[ "$(sql "SELECT COUNT(*) FROM records WHERE kind = 'report'")" = "$sent" ] ||
	fail "the database has $(sql "SELECT COUNT(*) FROM records WHERE kind = 'report'") reports for $sent sent"
[ "$before" = 1 ] || fail "$before alerts"
[ "$(sql "SELECT COUNT(*) FROM sent s WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.uuid = s.uuid)")" = 0 ] ||
	fail "records sent are missing"
[ "$(sql "SELECT COUNT(*) - COUNT(DISTINCT uuid) FROM records")" = 0 ] || fail "a record is there twice"
[ "$(sql "SELECT SUM(records) FROM kiosks")" = "$((sent + 1))" ] || fail "the kiosks' counts are $(sql "SELECT SUM(records) FROM kiosks")"
step "every one of the $sent records is stored exactly once"

for jar in jar_a jar_b; do
	page=$(curl -s -b "$out/$jar" -w '\n%{http_code}' "$B/patients")
	[ "$(printf '%s' "$page" | tail -1)" = 200 ] || fail "the session of $jar does not work on B"
	printf '%s' "$page" | grep -q SPREAD22 || fail "B's patient list for $jar lacks the kiosks' patients"
	csrf=$(curl -s -b "$out/$jar" "$B/alerts" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	[ -n "$csrf" ] || fail "no form for $jar on B"
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$out/$jar" --data-urlencode "csrf=$csrf" "$B/signout")
	[ "$code" = 303 ] || fail "signing out of $jar on B answered $code"
done
step "both dashboard sessions, the one made on A too, work on B"
