// An independent judge of Ardent's FHIR: the `fhir` package validates a resource against the
// FHIR R4 StructureDefinitions it carries (no network). Errors and warnings count as problems;
// informational messages (value sets it cannot expand offline) do not.
'use strict';
const { Fhir, ParseConformance, Versions } = require('fhir');

const fhir = new Fhir(new ParseConformance(true, Versions.R4));  // the bundled R4 definitions

function validate(resource) {
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  const found = result.messages
    .filter((m) => m.severity === 'error' || m.severity === 'warning')
    .map((m) => `${m.severity} at ${m.location}: ${m.message}`);
  if (!result.valid && found.length === 0) found.push('invalid, without a message');
  return found;
}

// The package does not descend into Questionnaire.item.item (defined by a contentReference to
// Questionnaire.item), so the items inside groups are also validated lifted to the top level.
function liftedItems(items) {
  return (items || []).flatMap((item) => {
    const { item: children, ...own } = item;
    return [own, ...liftedItems(children)];
  });
}

function problems(resource) {
  const found = validate(resource);
  if (resource.resourceType === 'Questionnaire') {
    for (const p of validate({ ...resource, item: liftedItems(resource.item) })) found.push(`${p} (items lifted)`);
  }
  return found;
}

module.exports = { problems };

// `node validate.cjs FILE...`: prints the problems of each file; exits 1 when there are any.
if (require.main === module) {
  const fs = require('node:fs');
  let failed = false;
  for (const file of process.argv.slice(2)) {
    for (const p of problems(JSON.parse(fs.readFileSync(file, 'utf8')))) {
      console.error(`${file}: ${p}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
