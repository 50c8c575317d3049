#!/usr/bin/env bash
# make diff BASE=<git ref>: synthesize the base ref in a temporary git worktree and the working tree as it is
# (uncommitted edits included), then compare them stack by stack with the CDK CLI's diff engine and the policy
# reports. Offline: no AWS credentials, no lookups. Writes <out>/preview.md (one pull-request comment) and
# <out>/preview.json; exits 0, 2 when a change blocks, 1 when a side cannot be synthesized.
#
# The base's cloud assembly is cached by commit in .cache/diff/<sha> (a commit never changes), so a second diff
# against the same base only synthesizes the working tree. Each long step ends with one line saying how long it took
# (each synth's own lines, one per environment, follow it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

base_ref=${1:?usage: scripts/diff.sh <git ref> [output dir]}
out=${2:-artifacts/diff}
case $out in /*) ;; *) out=$root/$out ;; esac
keep_bases=5   # cached base assemblies kept (about 60 MB each); the oldest go first
head_label=${HEAD_LABEL:-$(git rev-parse --abbrev-ref HEAD) + working tree}

if ! sha=$(git rev-parse --verify --quiet "${base_ref}^{commit}"); then
  echo "make diff: '${base_ref}' is not a commit in this clone. Fetch it first (git fetch origin ${base_ref#origin/}) or pass a commit." >&2
  exit 1
fi
short=$(git rev-parse --short "$sha")

now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s; fi; }
since() { LC_ALL=C awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# cdk synth exits non-zero when the policy pack finds an error, after writing the assembly and the reports: the
# preview still compares it (and lists the errors as introduced). A side without manifest.json did not synthesize.
# Prints "make diff: synthesizing the <label> ... 81.0 s" (on a terminal the label shows while it runs), then the
# app's step lines from its log: how long the CDK took to start, each environment and the policy pack.
synth() { # <source dir> <output dir> <label> [cdk synth options]
  local status=0 start
  start=$(now)
  if [ -t 1 ]; then printf 'make diff: synthesizing the %s ...' "$3"; fi
  (cd "$1" && node_modules/.bin/cdk synth --quiet --output "$2" "${@:4}" >"$2.log" 2>&1) || status=$?
  if [ -t 1 ]; then printf ' %s s\n' "$(since "$start")"; else printf 'make diff: synthesizing the %s ... %s s\n' "$3" "$(since "$start")"; fi
  grep -E '^(starting the CDK|synthesizing|checking policies) ' "$2.log" | sed 's/^/  /' || true
  if [ "$status" -ne 0 ] && { [ ! -f "$2/manifest.json" ] || [ ! -f "$2/policy-report.json" ]; }; then
    echo "make diff: the $3 does not synthesize (exit $status):" >&2
    tail -n 40 "$2.log" >&2
    exit 1
  fi
  [ "$status" -eq 0 ] || echo "make diff: the $3 synthesizes with policy errors; they show as introduced findings."
}

cache=$root/.cache/diff/$sha
if [ -f "$cache/manifest.json" ]; then
  echo "make diff: base ${base_ref} (${short}) from the cache, $cache"
else
  worktree=$(mktemp -d "${TMPDIR:-/tmp}/infra-diff-base.XXXXXX")
  partial=
  cleanup() {
    git -C "$root" worktree remove --force "$worktree" >/dev/null 2>&1 || rm -rf "$worktree"
    git -C "$root" worktree prune
    if [ -n "$partial" ]; then rm -rf "$partial" "$partial.log"; fi   # an interrupted or failed base synth
  }
  trap cleanup EXIT
  git worktree add --detach --quiet "$worktree" "$sha"
  # The base's own toolchain: share node_modules when its lock file is ours, else install from its lock file.
  if cmp -s "$root/package-lock.json" "$worktree/package-lock.json"; then
    ln -s "$root/node_modules" "$worktree/node_modules"
  else
    (cd "$worktree" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  fi
  # Synthesize into a private folder and move it into place whole: an interrupted or concurrent run never leaves a
  # half-written cache entry behind, and never deletes another run's.
  mkdir -p "$(dirname "$cache")"
  partial=$(mktemp -d "$cache.partial.XXXXXX")
  synth "$worktree" "$partial" "base ${base_ref} (${short}) in a temporary worktree"
  if ! mv -T "$partial" "$cache" 2>/dev/null; then
    rm -rf "$partial"   # another run cached this commit first
  fi
  mv "$partial.log" "$cache.log" 2>/dev/null || rm -f "$partial.log"
  # Keep the newest few bases.
  find "$(dirname "$cache")" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial.*' -printf '%T@ %p\n' \
    | sort -rn | tail -n +$((keep_bases + 1)) | cut -d' ' -f2- | while read -r old; do rm -rf "$old" "$old.log"; done
fi

# ENV=<name> synthesizes only that environment of the working tree and compares only its stacks; the base is
# synthesized (and cached) whole, so one cache serves every ENV.
scope=()
only=()
if [ -n "${ENV:-}" ]; then
  scope=(--context "environment=${ENV}")
  only=(--environment "${ENV}")
fi
head=$out/head.out
rm -rf "$head"
mkdir -p "$out"
synth "$root" "$head" "working tree${ENV:+ (environment ${ENV})}" "${scope[@]}"

status=0
start=$(now)
dotnet run --project stacks/Infra.Stacks.csproj --no-build --no-launch-profile -- \
  preview "$cache" "$head" --out "$out" --base-label "${base_ref} @ ${short}" --head-label "$head_label" "${only[@]}" || status=$?
echo "make diff: comparing every stack (the CDK's diff engine) and the policy reports ... $(since "$start") s"
exit "$status"
