#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The kiosk's screen layers include only downward: app (the shell) uses
# staff and screens, staff uses screens, screens use widgets, and nothing
# below includes a header from above (that is how a 15-file include cycle
# grew inside src/app before). Each `#include "x.h"` of a file in these
# folders is matched to the folder that holds x.h; one that points up
# fails the test and is named as file:line.
#
# usage: layers.sh SRC_DIR
set -u
src=${1:?usage: layers.sh SRC_DIR}
layers="widgets screens staff app" # bottom to top
level() {
	local i=0 l
	for l in $layers; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
# Which of the layers holds a header of that name (none: another module).
owner() {
	local l
	for l in $layers; do
		[ -f "$src/$l/$1" ] && { echo "$l"; return; }
	done
}
bad=0 seen=0
for from in $layers; do
	[ -d "$src/$from" ] || { echo "layers: no folder $src/$from" >&2; exit 2; }
	lf=$(level "$from")
	for f in "$src/$from"/*.[ch]; do
		[ -e "$f" ] || continue
		while IFS=: read -r line inc; do
			seen=$((seen + 1))
			case "$inc" in */*) echo "$f:$line: includes \"$inc\" by a path: name a module's header" >&2; bad=1; continue ;; esac
			to=$(owner "$inc")
			[ -n "$to" ] || continue
			if [ "$(level "$to")" -gt "$lf" ]; then
				echo "$f:$line: $from includes $to's \"$inc\": $from is below $to" >&2
				bad=1
			fi
		done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			 sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
	done
done
[ "$seen" -gt 0 ] || { echo "layers: no #include found under $src" >&2; exit 2; }
[ "$bad" -eq 0 ] && echo "layers: $seen includes, none upward ($layers, bottom to top)"
exit "$bad"
