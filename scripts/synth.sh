#!/usr/bin/env bash
# synth.sh <output dir> [cdk synth options]: cdk synth into <output dir>, without the two lines the CDK CLI ends with
# ("Successfully synthesized to ..." and, since every stack is in a stage, "Supply a stack id () ..."): the plan
# summary that follows says where everything is. The app's own lines (each environment, the policy verdict, every
# blocking error) pass through, after one line about an end-of-life Node.js whose banner the Makefile silenced. Exits
# with cdk synth's status.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/synth.sh <output dir> [cdk synth options]}
shift
# The one line that stands for jsii's end-of-life banner when the Makefile silences it
# (JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION lists the majors; Node 20's end of life was 2026-04-30).
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -le 20 ] && [[ ",${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-}," == *",${node_major},"* ]]; then
  echo "note: Node.js $(node --version) is past its end of life and unsupported by jsii, the CDK's runtime; install Node.js 22 or newer (make silences jsii's banner about it)."
fi
# make passes the built app (INFRA_APP) so the synth does not build again; by hand, cdk.json's `dotnet run` is used.
node_modules/.bin/cdk synth ${INFRA_APP:+--app "$INFRA_APP"} --quiet --output "$out" "$@" 2>&1 \
  | awk '!/^Successfully synthesized to / && !/^Supply a stack id \(/ { print; fflush() }'
