#!/usr/bin/env bash
# make chaos ENV=<env> EXPERIMENT=<name> [CONFIRM=<env>]: finds the environment's FIS experiment template by its tag and
# shows it with the state of its stop-condition alarms; with CONFIRM set to the environment's name, starts it and says
# how to follow it. Needs the AWS CLI and credentials for the environment's account; never runs without both.
set -euo pipefail
cd "$(dirname "$0")/.."
environment=${1:?usage: make chaos ENV=<env> EXPERIMENT=<name> [CONFIRM=<env>]}
experiment=${2:?usage: make chaos ENV=<env> EXPERIMENT=<name> [CONFIRM=<env>]}
confirm=${3:-}

target=$(dotnet run --project stacks/Infra.Stacks.csproj --no-build --no-launch-profile -- chaos-target "$environment" "$experiment") || exit 2
value() { sed -n "s/^$1=//p" <<<"$target"; }
account=$(value account) region=$(value region) tag=$(value tag) name=$(value name) log=$(value log)

if ! command -v aws >/dev/null 2>&1; then
  echo "chaos: the AWS CLI (aws) is not installed; install it, sign in to account $account and run again." >&2
  exit 2
fi
if ! caller=$(aws sts get-caller-identity --region "$region" --query Account --output text 2>/dev/null); then
  echo "chaos: no AWS credentials: sign in to account $account (for example aws sso login, or AWS_PROFILE=<profile>) and run again." >&2
  exit 2
fi
if [ "$caller" != "$account" ]; then
  echo "chaos: the credentials are for account $caller, not $environment's account $account; switch profiles and run again." >&2
  exit 2
fi

id=$(aws fis list-experiment-templates --region "$region" --output text \
  --query "experimentTemplates[?tags.\"$tag\"=='$name'].id | [0]")
if [ -z "$id" ] || [ "$id" = "None" ]; then
  echo "chaos: no experiment template tagged $tag=$name in $region: deploy the environment's resilience stack first (npx cdk deploy '<Stage>/Resilience-$region')." >&2
  exit 2
fi

echo "Experiment $name: template $id in $account/$region"
aws fis get-experiment-template --id "$id" --region "$region" --query experimentTemplate.description --output text
echo "Stop conditions (FIS refuses to start while one is in ALARM, and stops the experiment when one goes there):"
for alarm in $(aws fis get-experiment-template --id "$id" --region "$region" --query 'experimentTemplate.stopConditions[].value' --output text); do
  aws cloudwatch describe-alarms --region "$region" --alarm-names "${alarm##*:alarm:}" \
    --query 'MetricAlarms[0].[AlarmName,StateValue]' --output text | sed 's/^/  /'
done

if [ "$confirm" != "$environment" ]; then
  echo "Not started. To start it: make chaos ENV=$environment EXPERIMENT=$experiment CONFIRM=$environment"
  exit 0
fi

run=$(aws fis start-experiment --region "$region" --experiment-template-id "$id" \
  --tags "$tag=$name,started-by=make-chaos" --query experiment.id --output text)
echo "Started experiment $run. Follow it:"
echo "  aws fis get-experiment --region $region --id $run --query 'experiment.[state.status,state.reason]' --output text"
echo "  aws logs tail $log --region $region --follow"
echo "Stop it (FIS rolls back what it can): aws fis stop-experiment --region $region --id $run"
