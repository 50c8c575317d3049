// The CDK CLI's own template diff engine (@aws-cdk/cloudformation-diff, the library behind `cdk diff --template`),
// run over pairs of CloudFormation templates. It knows from the CloudFormation resource specification which property
// changes replace a resource, so make diff does not guess. Offline: it reads files and prints JSON, nothing else.
//
// usage: node scripts/template-diff.mjs <request.json>
//   request: {"pairs": [{"key": "...", "old": "<template file or null>", "new": "<template file or null>"}]}
//   prints:  {"pairs": [{"key": "...", "resources": [{"logicalId", "oldType", "newType",
//            "impact", "properties": {"<name>": "<impact>"}, "other": ["DeletionPolicy", ...]}]}]}
// A missing side (null) is an empty template: every resource is then added, or removed.
import { readFileSync } from 'node:fs';
import cfnDiff from '@aws-cdk/cloudformation-diff';

const load = (file) => (file ? JSON.parse(readFileSync(file, 'utf8')) : {});

const [requestFile] = process.argv.slice(2);
if (!requestFile) {
  console.error('usage: node scripts/template-diff.mjs <request.json>');
  process.exit(2);
}

const request = JSON.parse(readFileSync(requestFile, 'utf8'));
const pairs = request.pairs.map(({ key, old: oldFile, new: newFile }) => {
  const diff = cfnDiff.fullDiff(load(oldFile), load(newFile));
  const resources = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (!change.isDifferent) return;
    resources.push({
      logicalId,
      oldType: change.oldResourceType ?? null,
      newType: change.newResourceType ?? null,
      impact: change.changeImpact,
      properties: Object.fromEntries(
        Object.entries(change.propertyUpdates).map(([name, property]) => [name, property.changeImpact ?? 'WILL_UPDATE'])),
      other: Object.keys(change.otherChanges),
    });
  });
  return { key, resources };
});

process.stdout.write(JSON.stringify({ pairs }));
