#!/usr/bin/env bash
# step.sh [--quiet] <label> <command> [args...]: runs one long step of a make target and prints one line for it when
# it ends, "<label> ... 12.3 s" (the app prints the same lines for its own steps: stacks/StepLog.cs). With --quiet the
# command's output is held back and printed only when it fails (dotnet build's summary, npm's counts), and on a
# terminal the label shows while the step runs. The exit status is the command's. Times go to the console only.
set -uo pipefail

quiet=false
if [ "${1:-}" = --quiet ]; then
  quiet=true
  shift
fi
label=${1:?usage: scripts/step.sh [--quiet] <label> <command> [args...]}
shift
[ $# -gt 0 ] || { echo "usage: scripts/step.sh [--quiet] <label> <command> [args...]" >&2; exit 2; }

# Seconds with a fraction (bash 5's EPOCHREALTIME, whose separator follows the locale), else whole seconds.
now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s; fi; }

start=$(now)
status=0
inline=false
if $quiet; then
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if [ -t 1 ]; then
    printf '%s ...' "$label"
    inline=true
  fi
  "$@" >"$log" 2>&1 || status=$?
else
  "$@" || status=$?
fi
seconds=$(LC_ALL=C awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }')

if [ "$status" -eq 0 ]; then
  if $inline; then printf ' %s s\n' "$seconds"; else printf '%s ... %s s\n' "$label" "$seconds"; fi
else
  if $inline; then printf '\n'; fi
  if $quiet; then cat "$log"; fi
  printf '%s ... failed (exit %s) after %s s\n' "$label" "$status" "$seconds" >&2
fi
exit "$status"
