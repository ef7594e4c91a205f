#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The dashboard's whole-clinic download streams. A clinic made up with
# bench_clinic (sealed to the clinic's key, a dashboard session for
# "bench") is served by the real collector; clinic IT downloads everyone's
# FHIR bundle from /export. The collector's peak memory (VmHWM in
# /proc/PID/status, reset just before) may grow by at most LIMIT_MIB for a
# download many times that size: built in memory, the download alone would
# take its whole size.
# The bundle arrives whole (every patient in it, its closing line). Then
# the number of downloads at once is bounded: with CHTTP_MAX_DOWNLOADS slow
# clients downloading, one more is told to try again (503) on the form, a
# client that goes away frees its place, and the collector stops cleanly
# (exit 0) in the middle of a download.
#
#   download.sh COLLECTOR BENCH_CLINIC [PG_URI_FILE]
set -u
col=$1 gen=$2 pgfile=${3:-}
PATIENTS=60 RECORDS=12000 LIMIT_MIB=8 MAX_DOWNLOADS=4
out=$(mktemp -d /tmp/mkdownload.XXXXXX)
pid= slow=() name=
cleanup() {
	for p in $pid "${slow[@]}"; do kill -9 "$p" 2>/dev/null; done
	[ -n "$name" ] && psql -q "$base" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
		>/dev/null 2>&1
	rm -rf "$out"
}
trap cleanup EXIT
fail() {
	echo "download: FAILED: $*" >&2
	grep -v "level=info" "$out/collector.log" 2>/dev/null | tail -20 >&2
	exit 1
}
step() { echo "download: $*"; }

if [ -n "$pgfile" ]; then
	base=$(cat "$pgfile") || fail "no PostgreSQL URI in $pgfile"
	name=mk_download_$$_$RANDOM
	psql -q "$base" -c "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
	db=${base%/*}/$name
else
	db=$out/clinic.db
fi
"$col" keygen "$out/clinic" >/dev/null || fail "keygen"
"$gen" "$db" "$out/clinic.pub" "$out" $PATIENTS $RECORDS 5 >/dev/null || fail "bench_clinic"
cookie="mk_sid=$(cat "$out/cookie")"

# An eighth of the patients' part in memory is all ASan may keep of what
# was freed, so the peak measures what the collector holds, not ASan.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"
"$col" serve --listen 127.0.0.1:0 --db "$db" --key "$out/clinic.key" --insecure-cookies \
	2>"$out/collector.log" &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$out/collector.log")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || fail "the collector did not start"

get() { # PATH FILE: prints the status and the size received
	curl -s -o "$2" -w '%{http_code} %{size_download}' -b "$cookie" "$url$1"
}
hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }

# Warm up: a page, the whole CSV and a first FHIR download fill what stays
# filled whatever the size (the database's caches, the allocator's pools;
# under ASan, 14 MiB). Then the peak is reset (Linux's clear_refs): signing
# in's hashing also set a high one at start that would hide a download's.
[ "$(get /alerts /dev/null | cut -d' ' -f1)" = 200 ] || fail "the alerts page"
[ "$(get "/export?format=csv" "$out/all.csv" | cut -d' ' -f1)" = 200 ] || fail "the CSV export"
head -c 25 "$out/all.csv" | grep -q '^patient_code,course_uuid,' || fail "the CSV's header"
[ "$(get "/export?format=fhir" /dev/null | cut -d' ' -f1)" = 200 ] || fail "the FHIR export"
echo 5 >"/proc/$pid/clear_refs" || fail "cannot reset the collector's peak memory"
before=$(hwm)
read -r code size < <(get "/export?format=fhir" "$out/all.json")
after=$(hwm)
[ "$code" = 200 ] || fail "the FHIR download answered $code"
[ -n "$before" ] && [ -n "$after" ] || fail "no VmHWM in /proc/$pid/status"
grow=$(( (after - before) / 1024 ))
step "a FHIR download of $((size >> 20)) MiB; the collector's peak grew by $grow MiB" \
	"($before -> $after kB)"
[ "$size" -ge $((8 * LIMIT_MIB << 20)) ] || fail "the download is too small to tell ($size bytes)"
[ "$grow" -le $LIMIT_MIB ] || fail "the collector's peak grew by $grow MiB (at most $LIMIT_MIB)"
head -c 24 "$out/all.json" | grep -q '^{"resourceType":"Bundle"' || fail "not a bundle"
[ "$(tail -c 4 "$out/all.json" | od -An -c | tr -d ' ')" = '\n]}\n' ] ||
	fail "the bundle does not end"
n=$(grep -c '"resource":{"resourceType":"Patient"' "$out/all.json")
[ "$n" = $PATIENTS ] || fail "$n patients in the bundle, not $PATIENTS"
rm -f "$out/all.json" "$out/all.csv"

# Slow clients take every place; one more is told to come back.
for i in $(seq 1 $MAX_DOWNLOADS); do
	curl -s -o "$out/slow$i" --limit-rate 64k -b "$cookie" "$url/export?format=fhir" &
	slow+=($!)
done
for i in $(seq 1 $MAX_DOWNLOADS); do
	for _ in $(seq 1 300); do [ -s "$out/slow$i" ] && break; sleep 0.1; done
	[ -s "$out/slow$i" ] || fail "slow download $i never started"
done
[ "$(get "/export?format=fhir" "$out/busy" | cut -d' ' -f1)" = 503 ] ||
	fail "a download beyond $MAX_DOWNLOADS at once was not refused"
grep -q "Try again in a minute" "$out/busy" || fail "the refusal does not say what to do"
kill "${slow[0]}"; wait "${slow[0]}" 2>/dev/null
ok=
for _ in $(seq 1 100); do
	[ "$(get "/export?format=csv&patient=G2222222" /dev/null | cut -d' ' -f1)" = 200 ] &&
		ok=1 && break
	sleep 0.1
done
[ -n "$ok" ] || fail "a client that went away kept its place"
step "$MAX_DOWNLOADS downloads at once, the next refused, a place freed when a client goes"

kill -TERM "$pid"
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "the collector did not stop during downloads"
wait "$pid"; rc=$?; pid=
[ $rc = 0 ] || fail "the collector stopped with $rc during downloads"
step "the collector stops cleanly in the middle of downloads"
