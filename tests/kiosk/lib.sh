# SPDX-License-Identifier: MIT
# Shared by the shell tests in this folder: one line per assertion, "ok" or
# "FAIL" with the evidence indented under it, and a count at the end.
# Sourced, not run.
PASSED=0
FAILED=0

ok() {
	PASSED=$((PASSED + 1))
	printf 'ok    %s\n' "$1"
}
# bad NAME [EVIDENCE...]
bad() {
	FAILED=$((FAILED + 1))
	printf 'FAIL  %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/        /'
	return 0
}
# check NAME CMD... : one assertion from a command's exit status.
check() {
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi
}
# finish : the count, and the exit status (0 when nothing failed).
finish() {
	printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
	[ "$FAILED" -eq 0 ]
	exit $?
}
# skip WHY : this test cannot run on this machine (ctest SKIP_RETURN_CODE 77).
skip() {
	printf 'skip  %s\n' "$1"
	exit 77
}
