#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a test program against two throwaway software TPMs (swtpm, TPM 2.0):
# "the kiosk's" TPM, whose dictionary-attack lockout is set low (3 wrong
# authorizations, then one more try every MK_TPM_RECOVERY seconds), and
# "another machine's" TPM. Their TCTI strings are given to the program as
# MK_TEST_TPM (the kiosk's) and MK_TEST_TPM_OTHER. Each swtpm listens on
# loopback on a free port pair (server P, control P+1), keeps its state in
# a temporary folder, and is stopped (by its process id) when the program
# ends, whatever happens.
#
# Usage: tpm_run.sh PROGRAM [ARGS...]
set -u
recovery=${MK_TPM_RECOVERY:-5}
for tool in swtpm tpm2_dictionarylockout tpm2_getcap; do
	command -v "$tool" >/dev/null ||
		{ echo "$tool is missing (apt-get install swtpm swtpm-tools tpm2-tools)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/mktpm.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# start_tpm NAME: starts one swtpm; prints its TCTI.
start_tpm() {
	local name=$1 port try tcti
	mkdir -p "$tmp/$name"
	for try in $(seq 0 19); do
		port=$(( 20000 + (RANDOM * 7 + try * 1009) % 40000 ))
		port=$(( port - port % 2 ))
		swtpm socket --tpm2 --tpmstate dir="$tmp/$name" \
			--server type=tcp,port=$port,bindaddr=127.0.0.1 \
			--ctrl type=tcp,port=$((port + 1)),bindaddr=127.0.0.1 \
			--flags not-need-init,startup-clear --log file="$tmp/$name.log" \
			>>"$tmp/$name.out" 2>&1 &
		local pid=$!
		tcti="swtpm:host=127.0.0.1,port=$port"
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			if TSS2_LOG=all+none tpm2_getcap -T "$tcti" properties-variable >/dev/null 2>&1; then
				pids+=("$pid")
				echo "$tcti"
				return 0
			fi
			sleep 0.1
		done
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	echo "swtpm $name did not start (see $tmp/$name.log)" >&2
	return 1
}

# Not in a subshell: the pids must reach this shell's cleanup.
start_tpm kiosk >"$tmp/kiosk.tcti" || exit 1
start_tpm other >"$tmp/other.tcti" || exit 1
MK_TEST_TPM=$(cat "$tmp/kiosk.tcti")
MK_TEST_TPM_OTHER=$(cat "$tmp/other.tcti")
TSS2_LOG=all+none tpm2_dictionarylockout -T "$MK_TEST_TPM" --setup-parameters \
	--max-tries=3 --recovery-time="$recovery" --lockout-recovery-time="$recovery" || exit 1
export MK_TEST_TPM MK_TEST_TPM_OTHER MK_TPM_RECOVERY=$recovery
"$@"
