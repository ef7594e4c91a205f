#!/bin/sh
# SPDX-License-Identifier: MIT
# The collector's rooms and their arrows (src/collector/CMakeLists.txt):
# each room may include the headers of the rooms below it and no others.
#   http, db, vet: none; export, rollout: db; api: db, http;
#   web: db, http, export, rollout, vet;
#   api and web also the program's shared state (collector.h), nothing
#   else of the program (main_int.h).
# Prints every #include that runs up or sideways and fails; a header named
# by two rooms would make the check ambiguous, so that fails too.
# Usage: rooms.sh SRC_COLLECTOR_DIR
dir=${1:?usage: rooms.sh src/collector}
allowed() {
	case $1 in
	http|db|vet) echo "" ;;
	export|rollout) echo "db" ;;
	api) echo "db http collector.h" ;;
	web) echo "db http export rollout vet collector.h" ;;
	esac
}
# The room a header belongs to: its folder, or the header itself when it is
# the program's (top level).
room_of() {
	for r in http db export rollout api web vet; do
		[ -f "$dir/$r/$1" ] && { echo "$r"; return; }
	done
	[ -f "$dir/$1" ] && echo "$1"
}
bad=0
for r in http db export rollout api web vet; do
	[ -d "$dir/$r" ] || { echo "rooms: no room $dir/$r"; bad=1; continue; }
	ok=$(allowed "$r")
	for f in "$dir/$r"/*.c "$dir/$r"/*.h; do
		[ -f "$f" ] || continue
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			to=$(room_of "$(basename "$h")")
			[ -z "$to" ] || [ "$to" = "$r" ] && continue
			case " $ok " in
			*" $to "*) ;;
			*) echo "rooms: $r/$(basename "$f") includes $h ($to): an arrow $r -> $to is not allowed"
			   bad=1 ;;
			esac
		done
	done
done
dups=$(for r in http db export rollout api web vet; do ls "$dir/$r" 2>/dev/null | grep '\.h$'; done | sort | uniq -d)
[ -z "$dups" ] || { echo "rooms: headers in two rooms: $dups"; bad=1; }
[ $bad -eq 0 ] && echo "rooms: every arrow runs down"
exit $bad
