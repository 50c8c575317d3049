# Infra: every target installs what it needs first (npm ci from package-lock.json, dotnet restore from the lock files).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export CDK_DISABLE_CLI_TELEMETRY := true
export CDK_DISABLE_VERSION_CHECK := true

# jsii (the CDK's JavaScript runtime) prints a 10-line banner on every synth once Node.js is past its end of life, as Node
# 20 has been since 2026-04-30. Silenced here for Node 20 only; make plan says it in one line (scripts/synth.sh) and
# make plan JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION= shows the banner again. Any other version's banner shows.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?= 20

# One line per long step when it ends, "build ... 41.2 s"; --quiet prints the step's own output only if it fails.
STEP := scripts/step.sh

CDK := node_modules/.bin/cdk
# The app as make build left it: `dotnet run` would check the build again (seconds per call) after make already built it.
# cdk.json keeps `dotnet run` for the CDK CLI used by hand, which builds when it must.
APP := dotnet stacks/bin/Debug/net10.0/Infra.Stacks.dll
export INFRA_APP := $(APP)
OUT := cdk.out
PACKAGES := artifacts/packages
PACKABLE := components/Infra.Components.csproj policies/Infra.Policies.csproj

.PHONY: help install build plan deploy-plan cost config diff diff-usage diagram test policy rules pack chaos clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

node_modules/.installed: package.json package-lock.json
	@$(STEP) --quiet "installing the CDK CLI, the kubectl layer, the diff engine and the resource schema (npm ci)" npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.installed ## Install the CDK CLI and the kubectl layer (npm ci) and restore NuGet packages
	@$(STEP) --quiet "restoring NuGet packages" dotnet restore Infra.sln

build: install ## Compile every project (warnings are errors)
	@$(STEP) --quiet "building (warnings are errors)" dotnet build Infra.sln --no-restore --nologo -v quiet

plan: build ## Synthesize every environment (or ENV=<name>) offline into cdk.out, summarize it and print its deploy plan; FINDINGS=all lists every finding
	@rm -rf $(OUT)
	@$(STEP) "cdk synth" scripts/synth.sh $(OUT) $(if $(ENV),--context environment=$(ENV))
	@$(APP) summary $(OUT) $(if $(FINDINGS),--findings $(FINDINGS))
	@$(APP) deploy-plan $(OUT) $(if $(ENV),--environment $(ENV)) --summary

deploy-plan: plan ## Print each environment's deploy waves, stack estimates and critical path in full (or ENV=<name>)
	@$(APP) deploy-plan $(OUT) $(if $(ENV),--environment $(ENV))

cost: build ## The monthly idle cost of every environment (or ENV=<name>): line items, assumptions, price date; artifacts/cost/cost.{md,json}
	@rm -rf $(OUT)
	@$(STEP) "cdk synth" scripts/synth.sh $(OUT) $(if $(ENV),--context environment=$(ENV))
	@$(STEP) "estimating the monthly cost" $(APP) cost $(OUT) --out artifacts/cost $(if $(ENV),--environment $(ENV))

config: build ## Print one environment's effective configuration, each value with the file and line that set it: make config ENV=prod
	@test -n "$(ENV)" || { echo "usage: make config ENV=<name>"; exit 2; }
	@$(APP) config "$(ENV)"

diff: diff-usage build ## Preview a change offline against a git ref: make diff BASE=origin/main [ENV=<name>] (exit 2 on a blocking change)
	@ENV="$(ENV)" scripts/diff.sh "$$BASE" "$${DIFF_OUT:-artifacts/diff}"

diff-usage:
	@test -n "$${BASE:-}" || { echo "usage: make diff BASE=<git ref> [ENV=<name>] [DIFF_OUT=artifacts/diff]"; exit 2; }

diagram: plan ## Redraw the architecture (Mermaid, from the synthesized app) in README.md
	$(APP) diagram $(OUT) --write README.md

policy: build ## Check any CloudFormation templates: make policy TEMPLATES=<dir or file> [PROFILE=production] [ENVIRONMENT=<name>] [REPORTS=artifacts/policy] [FINDINGS=all]
	@test -n "$(TEMPLATES)" || { echo "usage: make policy TEMPLATES=<dir or file> [PROFILE=development|preproduction|production] [ENVIRONMENT=<name>] [REPORTS=artifacts/policy] [FINDINGS=all]"; exit 2; }
	@$(APP) policy "$(TEMPLATES)" $(if $(ENVIRONMENT),--environment $(ENVIRONMENT)) $(if $(PROFILE),--profile $(PROFILE)) $(if $(REPORTS),--reports $(REPORTS)) $(if $(FINDINGS),--findings $(FINDINGS))

rules: build ## Regenerate RULES.md from the policy pack
	$(APP) rules RULES.md

chaos: build ## Show an environment's FIS experiment and its stop conditions, and start it with CONFIRM=<env>: make chaos ENV=dev EXPERIMENT=karpenterCapacityLoss
	@test -n "$(ENV)" -a -n "$(EXPERIMENT)" || { echo "usage: make chaos ENV=<name> EXPERIMENT=<name> [CONFIRM=<name>] (docs/runbooks/game-day.md)"; exit 2; }
	@scripts/chaos.sh "$(ENV)" "$(EXPERIMENT)" "$(CONFIRM)"


test: build ## Run the whole test suite (one line per test project, then the totals)
	@scripts/run-tests.sh

# Release builds with source paths mapped to /_/ and zip timestamps at the commit's time, so packing a commit again (same
# SDK) gives the same bytes. The version is VersionPrefix in Directory.Build.props unless VERSION is given; the repository
# URL is REPOSITORY_URL, else the git remote's, else absent (never guessed). docs/reuse.md explains how to consume them.
pack: install ## Build the Infra.Components and Infra.Policies NuGet packages into artifacts/packages [VERSION=1.2.3] [REPOSITORY_URL=https://...]
	rm -rf $(PACKAGES)
	@if git rev-parse -q --verify HEAD >/dev/null && ! git diff --quiet HEAD --; then \
	  echo "warning: uncommitted changes: the packages name commit $$(git rev-parse --short HEAD) but hold the working tree" >&2; fi
	for project in $(PACKABLE); do \
	  SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null) dotnet pack "$$project" --configuration Release --no-restore --nologo -v quiet \
	    --output $(PACKAGES) -p:ContinuousIntegrationBuild=true $(if $(VERSION),-p:Version=$(VERSION)) $(if $(REPOSITORY_URL),-p:RepositoryUrl=$(REPOSITORY_URL)); \
	done
	@for package in $(PACKAGES)/*; do printf '  %s  %s bytes\n' "$$package" "$$(wc -c < "$$package")"; done

clean: ## Remove build output, the cloud assembly, the packages and the diff cache
	rm -rf $(OUT) */bin */obj tests/*/bin tests/*/obj TestResults artifacts .cache
