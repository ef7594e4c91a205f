#!/bin/sh
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL 15 server for the collector's tests.
#
#   pg_server.sh start DIR   initdb + start on 127.0.0.1 (a free port), a
#                            database mk_test, its URI in DIR/uri
#   pg_server.sh stop DIR    stop it and remove its data
#
# The cluster lives in a fresh folder under /tmp (named in DIR/data_dir),
# not in DIR, because PostgreSQL refuses to run as root: as root we run it
# as the "postgres" user (runuser), which must be able to reach its folder
# whatever the permissions of the build tree. Trust authentication on
# loopback only; fsync off, since the tests never crash the server.
set -eu

BIN=${MK_PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

if [ "$(id -u)" = 0 ]; then
	user=postgres
	as() { runuser -u postgres -- "$@"; }
else
	user=$(id -un)
	as() { "$@"; }
fi

stop() {
	[ -f "$dir/data_dir" ] || return 0
	data=$(cat "$dir/data_dir")
	if [ -f "$data/db/postmaster.pid" ]; then
		as "$BIN/pg_ctl" -D "$data/db" -m fast -w -t 30 stop >/dev/null 2>&1 || true
	fi
	case "$data" in /tmp/mk_pg.*) rm -rf "$data" ;; esac
	rm -f "$dir/data_dir" "$dir/uri"
}

start() {
	[ -x "$BIN/postgres" ] || { echo "no PostgreSQL server in $BIN (apt-get install postgresql)" >&2; exit 1; }
	stop # a server a killed run left behind
	mkdir -p "$dir"
	data=$(mktemp -d /tmp/mk_pg.XXXXXX)
	echo "$data" >"$dir/data_dir"
	[ "$user" = postgres ] && chown postgres "$data"
	if ! as "$BIN/initdb" -D "$data/db" -U "$user" -A trust -E UTF8 --locale=C --no-sync \
		>"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		exit 1
	fi
	base=$(( 20000 + $$ % 20000 ))
	for try in 0 1 2 3 4 5 6 7 8 9; do
		port=$(( base + try * 997 % 20000 ))
		if as "$BIN/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 30 \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=200" \
			start >/dev/null 2>&1; then
			as "$BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" mk_test
			echo "postgresql://$user@127.0.0.1:$port/mk_test" >"$dir/uri"
			echo "PostgreSQL on 127.0.0.1:$port ($data)"
			return 0
		fi
	done
	echo "PostgreSQL did not start; its log:" >&2
	cat "$data/server.log" >&2 || true
	exit 1
}

case "$cmd" in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
