#!/usr/bin/env bash
# Runs every test project once (the CDK tests synthesize each environment once per run) and ends with one
# "N passed, N failed" line summed over the projects.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Infra.sln --no-build --nologo 2>&1 | tee "$log" || status=$?
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
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
