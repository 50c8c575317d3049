#!/usr/bin/env bash
# Runs every test project once (the CDK tests synthesize each environment once per run). Prints one line per project
# as it finishes, "testing Infra.Stacks.Tests ... 1 m 25 s: 358 passed, 0 failed, 0 skipped" (the projects run in
# parallel, so their times overlap), every failure in full, and ends with one line summed over the projects:
# "tests ... 152.3 s: 1197 passed, 0 failed, 0 skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s; fi; }
start=$(now)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# dotnet test's own progress ("Test run for ...", "A total of 1 test files matched ...", blank lines) is left out; its
# per-project result line becomes one step line; everything else (failures, their messages and stack traces) passes.
dotnet test Infra.sln --no-build --nologo 2>&1 | tee "$log" | awk '
  /^Test run for / || /^A total of [0-9]+ test files? matched/ || /^[[:space:]]*$/ { next }
  /(Passed|Failed)! +- +Failed:/ {
    line = $0; gsub(",", "", line); n = split(line, w, /[[:space:]]+/)
    for (i = 1; i <= n; i++) {
      if (w[i] == "Failed:") f = w[i + 1]; if (w[i] == "Passed:") p = w[i + 1]; if (w[i] == "Skipped:") s = w[i + 1]
    }
    duration = $0; sub(/.*Duration: /, "", duration); sub(/ - .*/, "", duration)
    project = $0; sub(/.* - /, "", project); sub(/\.dll.*/, "", project)
    printf "testing %s ... %s: %s passed, %s failed, %s skipped\n", project, duration, p, f, s; fflush(); next
  }
  { print; fflush() }' || status=$?
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1);
      if ($i == "Passed:") p += $(i + 1);
      if ($i == "Skipped:") s += $(i + 1);
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
seconds=$(LC_ALL=C awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }')
echo "tests ... ${seconds} s: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
