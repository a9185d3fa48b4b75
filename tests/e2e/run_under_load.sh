#!/usr/bin/env bash
# Run the whole test suite (unit and browser tests) N times (default 5) while every core is kept busy,
# to show whether it holds up on a busy machine. Prints passed/failed and wall time per run, then the tests that failed
# in some runs but not all (flaky) and those that failed every time; exits 1 if any run failed.
#
#   tests/e2e/run_under_load.sh [N] [-- extra pytest arguments]
#   PYTHON=/path/to/python tests/e2e/run_under_load.sh 3 -- tests/e2e -k "not chinese"
#
# The load: one `python -c "while True: pass"` per core (nproc), started before the first run and
# stopped (by their process ids) when the script ends, however it ends. Logs: .pytest_cache/load/.
set -uo pipefail
cd "$(dirname "$0")/../.."

runs=5
if [[ $# -gt 0 && $1 != "--" ]]; then runs=$1; shift; fi
[[ $# -gt 0 && $1 == "--" ]] && shift
if [[ -z ${PYTHON:-} ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
logs=.pytest_cache/load
mkdir -p "$logs"

busy=()
stop_load() {
    for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
    wait "${busy[@]}" 2>/dev/null
}
trap stop_load EXIT
trap 'exit 130' INT TERM
cores=$(nproc)
for _ in $(seq "$cores"); do
    "$PYTHON" -c "while True: pass" &
    busy+=($!)
done
echo "load: $cores busy loop(s) (pids ${busy[*]}); $runs run(s) of: $PYTHON -m pytest -q ${*:-tests}"

failed_runs=0
: > "$logs/failures.txt"
for run in $(seq "$runs"); do
    log="$logs/run$run.txt"
    start=$(date +%s)
    "$PYTHON" -m pytest -q -p no:cacheprovider "${@:-tests}" > "$log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    summary=$(grep -E "[0-9]+ (passed|failed|errors?)\b.* in [0-9.]+s" "$log" | tail -1 | tr -d '=')
    printf 'run %d: %s (exit %d, wall %d s)\n' "$run" "${summary:-no summary, see $log}" "$status" "$seconds"
    grep -E "^(FAILED|ERROR) " "$log" | sed -E 's/ - .*//' | sed "s/^/  /" | tee -a "$logs/failures.txt"
    [[ $status -ne 0 ]] && failed_runs=$((failed_runs + 1))
done

echo "runs failed: $failed_runs of $runs"
if [[ -s $logs/failures.txt ]]; then
    echo "failures by test (count of runs):"
    sort "$logs/failures.txt" | uniq -c | sort -rn | while read -r count kind test; do
        verdict=$([[ $count -eq $runs ]] && echo "every run" || echo "FLAKY")
        printf '  %d/%d %-6s %s %s\n' "$count" "$runs" "$verdict" "$kind" "$test"
    done
fi
[[ $failed_runs -eq 0 ]]
