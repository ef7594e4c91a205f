#!/bin/sh
# SPDX-License-Identifier: MIT
# mesokiosk-collector's command line, as an administrator uses it: keygen
# (0600 private key, never overwritten), add-kiosk (an id and a token that
# works), add-user (the password from a pipe), serve (refuses a private key
# others can read and a missing database unless --init, serves the API,
# stops cleanly on SIGTERM), kiosk-group, export (a
# 0600 file), and every wrong command line answered with a message and
# exit status 2.   Usage: cli.sh PATH/TO/mesokiosk-collector
set -u
col=$1
d=$(mktemp -d /tmp/mkcli.XXXXXX)
spid=
cleanup() { [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null; rm -rf "$d"; }
trap cleanup EXIT
failed=0
fail() { echo "cli: FAILED: $*" >&2; failed=1; }
db=$d/c.db

# Runs the collector; status in $rc, output in $d/out and $d/err.
run() { "$col" "$@" >"$d/out" 2>"$d/err"; rc=$?; }
# The command line must be refused (2) with a message naming the problem.
usage_error() { # WORD ARGS...
	word=$1; shift
	run "$@"
	[ "$rc" = 2 ] || fail "'$*' exited $rc, not 2"
	grep -q -- "$word" "$d/err" || fail "'$*' did not say '$word': $(cat "$d/err")"
}

run --version
[ "$rc" = 0 ] && grep -q '^mesokiosk-collector [0-9]' "$d/out" || fail "--version"
run --help
[ "$rc" = 0 ] && grep -q 'add-kiosk' "$d/out" || fail "--help"

# keygen: PREFIX.pub and PREFIX.key (0600); a second run overwrites nothing.
run keygen "$d/clinic"
[ "$rc" = 0 ] || fail "keygen exited $rc: $(cat "$d/err")"
[ -f "$d/clinic.pub" ] && [ -f "$d/clinic.key" ] || fail "keygen wrote no key files"
[ "$(stat -c %a "$d/clinic.key")" = 600 ] || fail "clinic.key is mode $(stat -c %a "$d/clinic.key")"
[ "$(wc -c <"$d/clinic.key")" -ge 64 ] || fail "clinic.key is not a key"
sum=$(cat "$d/clinic.key" "$d/clinic.pub" | cksum)
run keygen "$d/clinic"
[ "$rc" != 0 ] || fail "keygen overwrote an existing key pair"
grep -q 'already exists' "$d/err" || fail "keygen over a key did not say why: $(cat "$d/err")"
[ "$(cat "$d/clinic.key" "$d/clinic.pub" | cksum)" = "$sum" ] || fail "the key pair changed"

# add-kiosk: an id, a token ID.SECRET, and where to put it.
run add-kiosk "Waiting room" --db "$db"
[ "$rc" = 0 ] || fail "add-kiosk exited $rc: $(cat "$d/err")"
id=$(sed -n 's/^kiosk id: //p' "$d/out")
token=$(sed -n 's/^token: //p' "$d/out")
echo "$id" | grep -Eq '^kiosk-[0-9a-f]{8}$' || fail "add-kiosk printed id '$id'"
echo "$token" | grep -Eq "^$id\.[0-9a-f]{64}$" || fail "add-kiosk printed token '$token'"
grep -q collector_token "$d/out" || fail "add-kiosk did not say where the token goes"
run add-kiosk --db "$db"
[ "$rc" = 0 ] && ! grep -q "$id" "$d/out" || fail "a second kiosk got the same id"

# add-user: the password as one line from a pipe; names are unique.
echo 'correct horse battery' | "$col" add-user alice --db "$db" >"$d/out" 2>"$d/err"
[ $? = 0 ] || fail "add-user from a pipe: $(cat "$d/err")"
echo 'another password' | "$col" add-user alice --db "$db" >"$d/out" 2>"$d/err"
[ $? = 1 ] && grep -q 'already exists' "$d/err" || fail "add-user took a name twice"
echo 'short' | "$col" add-user bob --db "$db" >"$d/out" 2>"$d/err"
[ $? = 1 ] || fail "add-user took a 5-byte password"
"$col" add-user carol --db "$db" </dev/null >"$d/out" 2>"$d/err"
[ $? = 1 ] && grep -q 'no password' "$d/err" || fail "add-user without a password"

# serve refuses a private key that others can read, and a .pub that is
# not the key's.
cp "$d/clinic.key" "$d/open.key"; cp "$d/clinic.pub" "$d/open.pub"; chmod 644 "$d/open.key"
run serve --db "$db" --key "$d/open.key" --listen 127.0.0.1:0
[ "$rc" = 1 ] && grep -q 'chmod 600' "$d/err" || fail "serve took a 0644 key ($rc): $(cat "$d/err")"
"$col" keygen "$d/other" >/dev/null 2>&1
cp "$d/clinic.key" "$d/mixed.key"; cp "$d/other.pub" "$d/mixed.pub"; chmod 600 "$d/mixed.key"
run serve --db "$db" --key "$d/mixed.key" --listen 127.0.0.1:0
[ "$rc" = 1 ] && grep -q 'does not belong' "$d/err" || fail "serve took a mismatched pair: $(cat "$d/err")"

# serve: answers the API with the token from add-kiosk, stops on SIGTERM.
"$col" serve --db "$db" --key "$d/clinic.key" --listen 127.0.0.1:0 2>"$d/serve.log" &
spid=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*serving on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$d/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	fail "serve did not start: $(cat "$d/serve.log")"
else
	url=http://127.0.0.1:$port/api/v1/heartbeat
	code=$(curl -s -o "$d/body" -w '%{http_code}' -H "Authorization: Bearer $token" --data '{}' "$url")
	[ "$code" = 200 ] && grep -q '"ok":true' "$d/body" || fail "heartbeat with the token: $code"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $id.0" --data '{}' "$url")
	[ "$code" = 401 ] || fail "heartbeat with a wrong token: $code"
	kill -TERM "$spid"
	for _ in $(seq 1 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$spid" 2>/dev/null; then
		fail "serve did not stop on SIGTERM"
	else
		wait "$spid"; src=$?; spid=
		[ "$src" = 0 ] || fail "serve exited $src after SIGTERM"
	fi
	grep -q 'event=collector-stop' "$d/serve.log" || fail "serve did not log its stop"
	! grep -qi 'correct horse' "$d/serve.log" || fail "a password reached the log"
fi

# Cookies keep the Secure flag behind a proxy that serves HTTPS
# (--https-proxy, or https_proxy in the config file), as --help says; plain
# HTTP without it has none (a browser would not send it back).
printf 'https_proxy = true\n' >"$d/proxy.conf"
for mode in plain flag conf; do
	set --
	[ $mode = flag ] && set -- --https-proxy
	[ $mode = conf ] && set -- --config "$d/proxy.conf"
	log=$d/serve-$mode.log # its own: the shell opens it in the background
	"$col" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$log" &
	spid=$!
	port=
	for _ in $(seq 1 100); do
		port=$(sed -n 's/.*serving on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$log" 2>/dev/null)
		[ -n "$port" ] && break
		sleep 0.1
	done
	[ -n "$port" ] || fail "serve ($mode) did not start: $(cat "$log")"
	cookie=$(curl -s -D - -o /dev/null "http://127.0.0.1:$port/signin" | grep -i '^set-cookie: mk_pre=')
	case $mode in
	plain) [ -n "$cookie" ] && ! echo "$cookie" | grep -q 'Secure' ||
		fail "plain HTTP set '$cookie'" ;;
	*) echo "$cookie" | grep -q '; Secure' || fail "behind an HTTPS proxy ($mode) set '$cookie'" ;;
	esac
	kill -TERM "$spid"
	wait "$spid"
	spid=
done
usage_error 'not with --insecure-cookies' serve --https-proxy --insecure-cookies --db "$db"

# --config: the same settings from a file (as the service reads
# /etc/mesokiosk/collector.conf); an option on the command line wins; a
# mistake names file:line and nothing runs.
printf '# the clinic collector\ndb = %s\nkey = %s\n' "$db" "$d/clinic.key" >"$d/collector.conf"
run export --config "$d/collector.conf" --format csv --out "$d/conf.csv"
[ "$rc" = 0 ] && [ -s "$d/conf.csv" ] || fail "export --config read no db/key: $rc $(cat "$d/err")"
run add-kiosk "From the file" --config "$d/collector.conf" --db "$d/other.db"
[ "$rc" = 0 ] && [ -s "$d/other.db" ] || fail "--db did not win over the file's db: $(cat "$d/err")"
printf 'db = %s\nlisten 127.0.0.1:1\n' "$db" >"$d/bad.conf"
usage_error 'bad.conf:2: expected' serve --config "$d/bad.conf"
printf 'db = %s\nport = 8443\n' "$db" >"$d/bad.conf"
usage_error "bad.conf:2: unknown setting 'port'" serve --config "$d/bad.conf"
run serve --config "$d/nowhere.conf"
[ "$rc" = 1 ] && grep -q 'nowhere.conf: cannot read' "$d/err" || fail "a missing --config file: $rc $(cat "$d/err")"

# export writes a 0600 file.
run export --key "$d/clinic.key" --db "$db" --format csv --out "$d/all.csv"
[ "$rc" = 0 ] || fail "export exited $rc: $(cat "$d/err")"
[ "$(stat -c %a "$d/all.csv" 2>/dev/null)" = 600 ] || fail "the export is not 0600"

# serve does not start an empty database where its own vanished, unless
# told to (--init); add-kiosk creates one.
run serve --db "$d/none.db" --listen 127.0.0.1:0
[ "$rc" = 1 ] && grep -q 'serve --init' "$d/err" && [ ! -e "$d/none.db" ] ||
	fail "serve without --init on no database: $rc $(cat "$d/err")"
: >"$d/empty.db"
run serve --db "$d/empty.db" --listen 127.0.0.1:0
[ "$rc" = 1 ] && grep -q 'no collector data' "$d/err" ||
	fail "serve without --init on an empty file: $rc $(cat "$d/err")"
"$col" serve --init --db "$d/none.db" --listen 127.0.0.1:0 2>"$d/init.log" &
ipid=$!
for _ in $(seq 1 50); do
	grep -q 'serving on' "$d/init.log" && break
	sleep 0.1
done
kill "$ipid" 2>/dev/null; wait "$ipid" 2>/dev/null
grep -q 'serving on' "$d/init.log" && [ -s "$d/none.db" ] ||
	fail "serve --init did not start an empty database: $(cat "$d/init.log")"

# kiosk-group: kiosks of one group share their patients.
run kiosk-group "$id" front-desk --db "$db"
[ "$rc" = 0 ] && grep -q 'group front-desk' "$d/out" || fail "kiosk-group: $rc $(cat "$d/err")"
run kiosk-group "$id" --db "$db"
[ "$rc" = 0 ] && grep -q 'in no group' "$d/out" || fail "kiosk-group (none): $rc $(cat "$d/err")"
run kiosk-group kiosk-nosuch front-desk --db "$db"
[ "$rc" = 1 ] && grep -q 'no kiosk kiosk-nosuch' "$d/err" || fail "kiosk-group, no such kiosk: $rc"

# Wrong command lines: exit 2 and a message that names the problem.
usage_error 'usage' 
usage_error 'unknown command frobnicate' frobnicate
usage_error 'unknown option --bogus' serve --bogus
usage_error '--listen needs a value' serve --listen
usage_error 'listen address' serve --listen nonsense --db "$db"
usage_error '--tls-key go together' serve --tls-cert "$d/x.pem" --db "$db"
usage_error 'expected PREFIX.key' serve --key "$d/clinic.pub" --db "$db"
usage_error 'unexpected argument' serve extra
usage_error "time zone 'Mars/Olympus' is not known" serve --time-zone Mars/Olympus --db "$db"
usage_error 'expected one NAME' add-user --db "$db"
usage_error 'expected a KIOSK-ID' kiosk-group --db "$db"
usage_error 'expected one PREFIX' keygen
usage_error '--db given twice' add-kiosk --db a.db --db b.db
usage_error '--key FILE.key is needed' export --format csv --db "$db"
usage_error '--format fhir or --format csv' export --key "$d/clinic.key" --format xml
usage_error '--from: expected a date' export --key "$d/clinic.key" --format csv --from 2026-13-01
usage_error '--from is after --to' export --key "$d/clinic.key" --format csv --from 2026-02-01 --to 2026-01-01

[ "$failed" = 0 ] && echo "cli: all passed"
exit "$failed"
