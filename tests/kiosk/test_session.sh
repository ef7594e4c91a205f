#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the kiosk as the systemd unit would and looks at the screen.
#
# The app is installed into a temporary prefix (the installed layout, not the
# build tree), then started with the unit's own ExecStart= and Environment=
# lines, read from kiosk/mesokiosk.service, as an unprivileged user (cage
# refuses root, and the unit runs it as User=mesokiosk). cage runs with
# wlroots' headless backend and the pixman renderer; a small preloaded shim
# (vmonitor.so) gives its one output the size under test. grim takes what
# cage shows, and the test compares it with the same binary's headless
# picture at that size: the kiosk must show the whole layout for its screen,
# not black, not a corner of another size. It listens where systemd would
# (NOTIFY_SOCKET) for READY=1 and WATCHDOG=1.
#
# Usage: test_session.sh CASE BUILD_DIR KIOSK_DIR IMGDIFF VMONITOR NOTIFY_SINK
#   CASE: WxH[@ROT][:PATH]  the output's size, kiosk.conf's rotation, and its
#                    renderer (gl or software; auto when not given)
#         tap        1920x1080: a click through X11 (software path) opens a page
#         lifecycle  1920x1080, then watchdog (SIGSTOP/SIGCONT) and a clean stop
#         badconf    a wrong rotation: the problem is shown, never black
#         content    which content folder the installed binary shows, and says
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CASE=$1 BUILD=$2 KIOSK=$3 IMGDIFF=$4 VMONITOR=$5 SINK=$6
UNIT=$KIOSK/mesokiosk.service
TMP=$(mktemp -d /tmp/mksession.XXXXXX)
chmod 0755 "$TMP"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -CONT "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; done
	wait 2>/dev/null
	[ -n "${MK_KEEP_SESSION:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT


for tool in cage grim Xwayland setpriv; do
	command -v "$tool" >/dev/null || { bad "$tool is installed" "scripts/test installs it (MK_PKGS_TEST)"; finish; }
done

# ---- the installed layout ---------------------------------------------------
PREFIX=$TMP/usr
cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1 ||
	{ bad "cmake --install into a temporary prefix" "$(tail -5 "$TMP/install.log")"; finish; }
mkdir -p "$TMP/run" "$TMP/cache" "$TMP/data" "$TMP/home" "$TMP/bin" "$TMP/shots"

# The unit's Environment= lines, with its specifiers (%t runtime, %C cache)
# pointing into the temporary folder. Not copied here: a line the unit loses
# is a line this test loses.
UNIT_ENV=()
while IFS= read -r line; do
	line=${line//%t/$TMP/run}
	line=${line//%C/$TMP/cache}
	UNIT_ENV+=("$line")
done < <(sed -n 's/^Environment=//p' "$UNIT")
# ExecStart=, with the installed paths moved into the temporary prefix.
EXEC=$(sed -n 's/^ExecStart=//p' "$UNIT")
EXEC=${EXEC//\/usr\/bin\/mesokiosk/$PREFIX/bin/mesokiosk}
EXEC=${EXEC//\/var\/lib\/mesokiosk/$TMP/data}
read -r -a EXEC_ARGV <<<"$EXEC"
RUNTIME=$(printf '%s\n' "${UNIT_ENV[@]}" | sed -n 's/^XDG_RUNTIME_DIR=//p')
[ -n "$RUNTIME" ] || { bad "the unit sets XDG_RUNTIME_DIR"; finish; }
mkdir -p "$RUNTIME"

# cage, as the session finds it on PATH, with the virtual monitor preloaded.
cat >"$TMP/bin/cage" <<EOF
#!/bin/sh
LD_PRELOAD=$VMONITOR exec $(command -v cage) "\$@"
EOF
chmod 0755 "$TMP/bin/cage"

# "${AS_KIOSK[@]}" CMD... : runs as the unprivileged kiosk user (nobody under
# CI's root), or as ourselves when we are not root.
AS_KIOSK=()
[ "$(id -u)" -eq 0 ] && AS_KIOSK=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
[ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$TMP/run" "$TMP/cache" "$TMP/data" "$TMP/home" "$TMP/shots" "$RUNTIME"
chmod 0700 "$RUNTIME"

# session_start WxH ROT : starts notify_sink and the session; sets SESSION
# and SINK_PID.
session_start() {
	local size=$1 rot=$2
	printf 'rotation = %s\nrenderer = %s\n' "$rot" "${RENDERER:-auto}" >"$TMP/kiosk.conf"
	[ -n "${EXTRA_CONF:-}" ] && printf '%s\n' "$EXTRA_CONF" >"$TMP/kiosk.conf"
	chmod 0644 "$TMP/kiosk.conf"
	"$SINK" "$TMP/notify.sock" >"$TMP/notify.log" 2>&1 &
	SINK_PID=$!
	PIDS+=("$SINK_PID")
	for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
	"${AS_KIOSK[@]}" env -i "${UNIT_ENV[@]}" PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" \
		NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=2000000 \
		WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1 \
		WLR_LIBINPUT_NO_DEVICES=1 MK_TEST_OUTPUT="$size" \
		ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"${EXEC_ARGV[@]}" --config "$TMP/kiosk.conf" >"$TMP/session.log" 2>&1 &
	SESSION=$!
	PIDS+=("$SESSION")
}

# wait_line PATTERN FILE SECONDS : 0 once FILE has a line matching PATTERN.
wait_line() {
	local i
	for i in $(seq $(($3 * 10))); do
		grep -q "$1" "$2" 2>/dev/null && return 0
		kill -0 "$SESSION" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# The app: cage's child running the installed mesokiosk.
app_pid() {
	local c
	c=$(pgrep -P "$SESSION" -x cage) || return 1
	pgrep -P "$c" -f "$PREFIX/bin/mesokiosk" | head -1
}

# shoot NAME : grim's picture of what cage shows, as the kiosk user.
shoot() {
	"${AS_KIOSK[@]}" env XDG_RUNTIME_DIR="$RUNTIME" WAYLAND_DISPLAY=wayland-0 grim "$TMP/shots/$1.png"
}

# same_as REF NAME : cage's screen (shot again as NAME) matches the headless
# REF. A busy machine may still be drawing (pictures are rasterised on
# threads, with a placeholder meanwhile), so it looks again for up to 10 s;
# the last comparison's words are in $out.
same_as() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		out=$("$IMGDIFF" "$TMP/shots/$1.png" "$TMP/shots/$2.png" 2>&1) && return 0
		sleep 1
		shoot "$2" || return 1
	done
	out=$("$IMGDIFF" "$TMP/shots/$1.png" "$TMP/shots/$2.png" 2>&1)
}

# reference W H NAME : the same binary and content, headless, at W x H.
reference() {
	printf 'screenshot %s\ndump %s\n' "$TMP/shots/$3.png" "$TMP/shots/$3.json" >"$TMP/ref.drive"
	env -i PATH=/usr/bin:/bin HOME="$TMP" SDL_VIDEODRIVER=dummy ASAN_OPTIONS=detect_leaks=0 \
		"$PREFIX/bin/mesokiosk" --headless --windowed "${1}x$2" --data "$TMP/refdata" \
		--config "$TMP/kiosk.conf" --drive "$TMP/ref.drive" >"$TMP/ref.log" 2>&1
}

# top_bar_inside W H JSON : the top bar's controls (Home, Back, the three
# languages, and every button that starts in the top eighth of the screen)
# lie wholly on the W x H screen, by the semantic tree the app dumped.
top_bar_inside() {
	local w=$1 h=$2 json=$3 out
	out=$(sed -n 's/.*"role": "button", "text": "\([^"]*\)", "rect": \[\(-\?[0-9]*\), \(-\?[0-9]*\), \([0-9]*\), \([0-9]*\)\].*/\2 \3 \4 \5 \1/p' "$json")
	awk -v W="$w" -v H="$h" '
		{ label = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ /, "", label) }
		$2 < H / 8 || label ~ /^(Home|Back|English|Français|العربية)$/ {
			n++; seen[label] = 1
			if ($1 < 0 || $2 < 0 || $1 + $3 > W || $2 + $4 > H) { print "off screen: " $0; bad = 1 }
		}
		END {
			split("Home Back English Français العربية", want, " ")
			for (i in want) if (!(want[i] in seen)) { print "missing: " want[i]; bad = 1 }
			exit bad
		}' <<<"$out"
}

stop_session() {
	local i rc
	kill -TERM "$SESSION"
	for i in $(seq 150); do kill -0 "$SESSION" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$SESSION" 2>/dev/null; then
		bad "the session stops within 15 s of SIGTERM" "$(tail -20 "$TMP/session.log")"
		return
	fi
	wait "$SESSION"
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q 'Assertion' "$TMP/session.log"; then
		ok "SIGTERM (systemctl stop) is a clean stop: exit 0, cage did not abort"
	else
		bad "SIGTERM (systemctl stop) is a clean stop: exit 0, cage did not abort" \
			"exit $rc" "$(grep -v 'Basic output test' "$TMP/session.log" | tail -8)"
	fi
	kill "$SINK_PID" 2>/dev/null
}

# present_check NAME : the start line names the presentation path; it is
# the one asked for, or without a GPU (no render node here) the software
# path, and then the kiosk has no Mesa and no LLVM in memory.
present_check() {
	local name=$1 path want app
	path=$(sed -n 's/.*event=start .*present=\([a-z]*\).*/\1/p' "$TMP/session.log")
	want=${RENDERER:-auto}
	if [ "$want" = auto ]; then
		want=gl
		ls /sys/class/drm/renderD* >/dev/null 2>&1 || want=software
	fi
	if [ "$path" = "$want" ]; then
		ok "$name: the start line names the path taken: present=$path"
	else
		bad "$name: the start line names the path taken: present=$want" "$(grep 'event=start' "$TMP/session.log")"
	fi
	app=$(app_pid)
	[ "$path" = software ] && [ -n "$app" ] || return 0
	if grep -q 'libLLVM\|swrast_dri\|libGLX_mesa' "/proc/$app/maps"; then
		bad "$name: no Mesa and no LLVM in the kiosk on the software path" \
			"$(grep -o '/[^ ]*\(LLVM\|dri\|GLX\)[^ ]*' "/proc/$app/maps" | sort -u)"
	else
		ok "$name: no Mesa and no LLVM in the kiosk on the software path"
	fi
}

# screen_case WxH ROT : the kiosk shows the right layout at that size.
screen_case() {
	local size=$1 rot=$2 ow oh w h name out
	ow=${size%x*} oh=${size#*x}
	w=$ow h=$oh
	if [ $((rot % 180)) -eq 90 ]; then w=$oh h=$ow; fi
	name="${w}x$h"
	session_start "$size" "$rot"
	if ! wait_line 'READY=1' "$TMP/notify.log" 90; then
		bad "$name: READY=1 arrives on NOTIFY_SOCKET" "$(grep -v 'Basic output test' "$TMP/session.log" | tail -15)"
		return 1
	fi
	ok "$name: READY=1 arrives on NOTIFY_SOCKET"
	if [ "$rot" != 0 ]; then
		if grep -q "command=\"cage -s$(printf ' -r%.0s' $(seq $((rot / 90))))" "$TMP/session.log"; then
			ok "$name: rotation = $rot in kiosk.conf reaches cage"
		else
			bad "$name: rotation = $rot in kiosk.conf reaches cage" "$(grep session-start "$TMP/session.log")"
		fi
	fi
	present_check "$name"
	if grep -q "event=screen w=$w h=$h" "$TMP/session.log"; then
		ok "$name: the app opened at the screen's own size"
	else
		bad "$name: the app opened at the screen's own size" "$(grep 'event=screen' "$TMP/session.log")"
	fi
	sleep 1 # the compositor's next frame
	if ! shoot "cage-$name"; then
		bad "$name: grim takes a screenshot" "$(tail -5 "$TMP/session.log")"
		return 1
	fi
	if out=$("$IMGDIFF" --colours "$TMP/shots/cage-$name.png" 200); then
		ok "$name: the screen is not black ($out)"
	else
		bad "$name: the screen is not black" "$out"
	fi
	if ! reference "$w" "$h" "ref-$name"; then
		bad "$name: the headless reference runs" "$(tail -5 "$TMP/ref.log")"
		return 1
	fi
	if out=$(top_bar_inside "$w" "$h" "$TMP/shots/ref-$name.json"); then
		ok "$name: the whole top bar is on screen"
	else
		bad "$name: the whole top bar is on screen" "$out"
	fi
	if same_as "ref-$name" "cage-$name"; then
		ok "$name: cage shows the layout for this screen ($out)"
	else
		bad "$name: cage shows the layout for this screen" "$out" \
			"(MK_KEEP_SESSION=1 keeps $TMP/shots)"
	fi
	[ -n "${MK_KEEP_SHOTS:-}" ] && mkdir -p "$MK_KEEP_SHOTS" && cp "$TMP/shots/"*.png "$MK_KEEP_SHOTS/"
	return 0
}

lifecycle_case() {
	local app n0 n1
	screen_case 1920x1080 0 || return
	if grep -q 'WATCHDOG=1' "$TMP/notify.log" || wait_line 'WATCHDOG=1' "$TMP/notify.log" 5; then
		ok "WATCHDOG=1 arrives while the app runs"
	else
		bad "WATCHDOG=1 arrives while the app runs" "$(cat "$TMP/notify.log")"
	fi
	if ! app=$(app_pid) || [ -z "$app" ]; then
		bad "the app runs as cage's child" "$(ps -ef --forest | tail -20)"
		return
	fi
	kill -STOP "$app"
	sleep 0.5
	n0=$(grep -c 'WATCHDOG=1' "$TMP/notify.log")
	sleep 4 # two watchdog periods of 2 s
	n1=$(grep -c 'WATCHDOG=1' "$TMP/notify.log")
	if [ "$n1" -eq "$n0" ]; then
		ok "a frozen app (SIGSTOP) sends no WATCHDOG=1 for 4 s"
	else
		bad "a frozen app (SIGSTOP) sends no WATCHDOG=1 for 4 s" "$((n1 - n0)) arrived"
	fi
	kill -CONT "$app"
	sleep 3
	if [ "$(grep -c 'WATCHDOG=1' "$TMP/notify.log")" -gt "$n1" ]; then
		ok "after SIGCONT the watchdog is fed again"
	else
		bad "after SIGCONT the watchdog is fed again"
	fi
	stop_session
}

badconf_case() {
	EXTRA_CONF='rotation = 45' session_start 1280x720 0
	if wait_line 'READY=1' "$TMP/notify.log" 90; then
		ok "a wrong setting: the kiosk still reports READY=1 (it shows the problem)"
	else
		bad "a wrong setting: the kiosk still reports READY=1 (it shows the problem)" \
			"$(grep -v 'Basic output test' "$TMP/session.log" | tail -10)"
		return
	fi
	if grep -q "kiosk.conf:1: rotation must be 0, 90, 180 or 270" "$TMP/session.log"; then
		ok "the log names kiosk.conf:1 and what is wrong"
	else
		bad "the log names kiosk.conf:1 and what is wrong" "$(grep -v 'Basic output' "$TMP/session.log" | tail -5)"
	fi
	sleep 1
	shoot badconf || bad "grim takes a screenshot"
	local out
	if out=$("$IMGDIFF" --colours "$TMP/shots/badconf.png" 50); then
		ok "the problem is on screen, not a black screen ($out)"
	else
		bad "the problem is on screen, not a black screen" "$out"
	fi
	[ -n "${MK_KEEP_SHOTS:-}" ] && mkdir -p "$MK_KEEP_SHOTS" && cp "$TMP/shots/badconf.png" "$MK_KEEP_SHOTS/"
	stop_session
}

# content_case: --content, then kiosk.conf's content, then the installed
# folder; the checkout's never (this binary is not in a build tree); the
# start line says which. A folder that does not exist is kiosk.conf:LINE.
content_case() {
	local log=$TMP/content.log own=$TMP/own-content
	cp -r "$PREFIX/share/mesokiosk/content" "$own"
	start_line() {
		env -i PATH=/usr/bin:/bin HOME="$TMP" SDL_VIDEODRIVER=dummy ASAN_OPTIONS=detect_leaks=0 \
			"$PREFIX/bin/mesokiosk" --headless --data "$TMP/cdata" --config "$TMP/kiosk.conf" \
			--drive /dev/null "$@" >"$log" 2>&1
		grep 'event=start ' "$log"
	}
	: >"$TMP/kiosk.conf"
	if start_line | grep -q "content=\"$PREFIX/share/mesokiosk/content\" content_from=installed"; then
		ok "no setting: the installed content, named in the start line"
	else
		bad "no setting: the installed content, named in the start line" "$(cat "$log" | head -3)"
	fi
	printf '# staff content\ncontent = %s\n' "$own" >"$TMP/kiosk.conf"
	if start_line | grep -q "content=\"$own\" content_from=config"; then
		ok "kiosk.conf's content wins over the installed one"
	else
		bad "kiosk.conf's content wins over the installed one" "$(head -3 "$log")"
	fi
	if start_line --content "$PREFIX/share/mesokiosk/content" |
		grep -q "content=\"$PREFIX/share/mesokiosk/content\" content_from=flag"; then
		ok "--content wins over kiosk.conf"
	else
		bad "--content wins over kiosk.conf" "$(head -3 "$log")"
	fi
	printf '# staff content\ncontent = %s/gone\n' "$TMP" >"$TMP/kiosk.conf"
	start_line >/dev/null
	if grep -q "kiosk.conf:2: content folder '$TMP/gone' does not exist" "$log"; then
		ok "a content folder that does not exist is kiosk.conf:2 at start"
	else
		bad "a content folder that does not exist is kiosk.conf:2 at start" "$(head -3 "$log")"
	fi
}

# tap_case: the software path takes input through X11: a click (XTEST, as a
# touch reaches Xwayland) on "When to call us" opens that page in cage, as
# the same tap does headless.
tap_case() {
	local app disp xy
	command -v xdotool >/dev/null || { bad "xdotool is installed" "scripts/test installs it"; return; }
	RENDERER=software
	screen_case 1920x1080 0 || return
	app=$(app_pid)
	disp=$(tr '\0' '\n' <"/proc/$app/environ" | sed -n 's/^DISPLAY=//p')
	xy=$(sed -n 's/.*"role": "button", "text": "When to call us", "rect": \[\([0-9]*\), \([0-9]*\), \([0-9]*\), \([0-9]*\)\].*/\1 \2 \3 \4/p' \
		"$TMP/shots/ref-1920x1080.json" | tail -1)
	read -r bx by bw bh <<<"$xy"
	"${AS_KIOSK[@]}" env DISPLAY="$disp" xdotool mousemove $((bx + bw / 2)) $((by + bh / 2)) click 1
	sleep 1
	shoot cage-tapped
	printf 'tap When to call us\nwait 500\nscreenshot %s\n' "$TMP/shots/ref-tapped.png" >"$TMP/ref.drive"
	env -i PATH=/usr/bin:/bin HOME="$TMP" SDL_VIDEODRIVER=dummy ASAN_OPTIONS=detect_leaks=0 \
		"$PREFIX/bin/mesokiosk" --headless --windowed 1920x1080 --data "$TMP/refdata" \
		--config "$TMP/kiosk.conf" --drive "$TMP/ref.drive" >"$TMP/ref.log" 2>&1
	local out
	if same_as ref-tapped cage-tapped; then
		ok "a click in cage opens the page, as the same tap does headless ($out)"
	else
		bad "a click in cage opens the page, as the same tap does headless" "$out"
	fi
	stop_session
	if grep -q 'taps=[1-9]' "$TMP/session.log"; then
		ok "the stop line counts the tap and its time to the screen ($(grep -o 'taps=[0-9]* tap_to_present_p50_ms=[0-9.]*' "$TMP/session.log"))"
	else
		bad "the stop line counts the tap and its time to the screen" "$(grep 'event=stop' "$TMP/session.log")"
	fi
}

case $CASE in
tap) tap_case ;;
content) content_case ;;
lifecycle) lifecycle_case ;;
badconf) badconf_case ;;
*x*)
	rot=0 spec=${CASE%:*}
	[[ $CASE == *:* ]] && RENDERER=${CASE#*:}
	[[ $spec == *@* ]] && rot=${spec#*@}
	screen_case "${spec%@*}" "$rot" && stop_session
	;;
*) bad "unknown case $CASE" ;;
esac
finish
