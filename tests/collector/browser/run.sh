#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard in a real browser: starts the real mesokiosk-collector on a
# free loopback port with a fresh SQLite database, a clinic key pair, a
# staff account and a kiosk; sends it a kiosk's records through the API
# (web_seed: reports, an emergency alert, photos); then dashboard.js signs
# in, acknowledges the alert, sees a second kiosk visit's alert (web_seed
# run again) arrive on the open page without a reload, and opens the
# patient's chart in Debian's headless Chromium, saving screenshots in
# OUT_DIR. With KIOSK (the mesokiosk binary), content.js then walks content
# rollout: two publishers, a bundle with a problem, the shipped content
# uploaded as a folder and previewed by the real kiosk binary, approval,
# rollout, a changed bundle's diff and a remote screenshot.
#
# usage: run.sh COLLECTOR WEB_SEED OUT_DIR [KIOSK]
# playwright-core is installed from npm into OUT_DIR/npm with this folder's
# package.json (once); the browser is /usr/bin/chromium, never a download.
set -eu

COLLECTOR=$1
SEED=$2
OUT=$3
KIOSK_BIN=${4:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
NPM_DIR="$OUT/npm"

if [ ! -x /usr/bin/chromium ]; then
	echo "skipped: /usr/bin/chromium is missing (apt-get install -y chromium)"
	exit 77
fi
mkdir -p "$OUT" "$NPM_DIR"
if [ ! -f "$NPM_DIR/node_modules/playwright-core/package.json" ] ||
   ! cmp -s "$HERE/package.json" "$NPM_DIR/package.json"; then
	cp "$HERE/package.json" "$NPM_DIR/package.json"
	npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error
fi

TMP=$(mktemp -d /tmp/mkbrowserXXXXXX)
PID=
cleanup() {
	if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB="$TMP/collector.db"
"$COLLECTOR" keygen "$TMP/clinic" >/dev/null
printf 'correct-horse-battery\n' | "$COLLECTOR" add-user alice --db "$DB" >/dev/null
KIOSK=$("$COLLECTOR" add-kiosk "Waiting room" --db "$DB")
TOKEN=$(printf '%s\n' "$KIOSK" | sed -n 's/^token: //p')
KIOSK_ID=$(printf '%s\n' "$KIOSK" | sed -n 's/^kiosk id: //p')
[ -n "$TOKEN" ] && [ -n "$KIOSK_ID" ] || { echo "add-kiosk printed no token"; exit 1; }

# Content rollout: a content-signing key the kiosks would trust, two
# publishers, and the collector told where the kiosk binary is.
CONF="$TMP/collector.conf"
: >"$CONF"
if [ -n "$KIOSK_BIN" ]; then
	"$KIOSK_BIN" keygen --content "$TMP/content" >/dev/null
	printf 'content_keys = %s\ncontent_key = %s\nkiosk_binary = %s\n' \
		"$TMP/content.pub" "$TMP/content.key" "$KIOSK_BIN" >"$CONF"
	printf 'publisher-one-pass\n' | "$COLLECTOR" add-user pat --publisher --db "$DB" >/dev/null
	printf 'publisher-two-pass\n' | "$COLLECTOR" add-user quinn --publisher --db "$DB" >/dev/null
	# Version 1: the what-is page's French title gone (a missing translation).
	cp -r "$ROOT/assets/content" "$TMP/bad"
	sed -i '6{/^    fr = /d}' "$TMP/bad/pages/20-what-is.lua"
	"$KIOSK_BIN" bundle "$TMP/bad" "$TMP/bad.mkb" --key "$TMP/content.key" --version 1 >/dev/null
	# Version 3: one title said more plainly.
	cp -r "$ROOT/assets/content" "$TMP/changed"
	sed -i 's/en = "What is mesotherapy?",/en = "Mesotherapy in short",/' \
		"$TMP/changed/pages/20-what-is.lua"
	"$KIOSK_BIN" bundle "$TMP/changed" "$TMP/changed.mkb" --key "$TMP/content.key" \
		--version 3 >/dev/null
fi

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
BASE="http://127.0.0.1:$PORT"
"$COLLECTOR" serve --listen "127.0.0.1:$PORT" --db "$DB" --key "$TMP/clinic.key" \
	--config "$CONF" --insecure-cookies >"$OUT/collector.log" 2>&1 &
PID=$!
i=0
until curl -s -o /dev/null "$BASE/signin"; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$PID" 2>/dev/null; then
		echo "the collector did not start:"; cat "$OUT/collector.log"; exit 1
	fi
	sleep 0.1
done

CODE=$("$SEED" "$BASE" "$TOKEN" "$TMP/clinic.pub")
echo "seeded patient $CODE from $KIOSK_ID"

BASE="$BASE" USER_NAME=alice USER_PASSWORD=correct-horse-battery PATIENT_CODE="$CODE" \
	KIOSK_ID="$KIOSK_ID" OUT_DIR="$OUT" NPM_DIR="$NPM_DIR" \
	SEED="$SEED" TOKEN="$TOKEN" CLINIC_PUB="$TMP/clinic.pub" \
	node "$HERE/dashboard.js"
echo "screenshots: $OUT/alerts.png $OUT/after-ack.png $OUT/live-alert.png $OUT/patient.png $OUT/compare.png"
[ -n "$KIOSK_BIN" ] || exit 0

BASE="$BASE" OUT_DIR="$OUT" NPM_DIR="$NPM_DIR" TOKEN="$TOKEN" KIOSK_ID="$KIOSK_ID" \
	STAFF_NAME=alice STAFF_PASSWORD=correct-horse-battery \
	PUB1=pat PUB1_PASSWORD=publisher-one-pass PUB2=quinn PUB2_PASSWORD=publisher-two-pass \
	BAD_BUNDLE="$TMP/bad.mkb" GOOD_DIR="$ROOT/assets/content" CHANGED_BUNDLE="$TMP/changed.mkb" \
	SHOT_PNG="$(ls "$ROOT"/tests/app/ref/*.png | head -1)" \
	node "$HERE/content.js"
echo "screenshots: $OUT/content-*.png"
