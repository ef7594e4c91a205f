#!/bin/sh
# SPDX-License-Identifier: MIT
# The dashboard in a real browser: starts the real mesokiosk-collector on a
# free loopback port with a fresh SQLite database, a clinic key pair, a
# staff account and a kiosk; sends it a kiosk's records through the API
# (web_seed: reports, an emergency alert, photos); then dashboard.js signs
# in, acknowledges the alert, sees a second kiosk visit's alert (web_seed
# run again) arrive on the open page without a reload, and opens the
# patient's chart in Debian's headless Chromium, saving screenshots in
# OUT_DIR.
#
# usage: run.sh COLLECTOR WEB_SEED OUT_DIR
# playwright-core is installed from npm into OUT_DIR/npm with this folder's
# package.json (once); the browser is /usr/bin/chromium, never a download.
set -eu

COLLECTOR=$1
SEED=$2
OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
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

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
BASE="http://127.0.0.1:$PORT"
"$COLLECTOR" serve --listen "127.0.0.1:$PORT" --db "$DB" --key "$TMP/clinic.key" \
	--insecure-cookies >"$OUT/collector.log" 2>&1 &
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
