/**
 * Cuts the definitions the hub's FHIR output can reach out of the official FHIR R4 JSON schema
 * (fhir.schema.json, http://hl7.org/fhir/json-schema/4.0, 4.0.1), so the tests compile a few hundred
 * kilobytes instead of 2.8 MB. Every definition is copied unchanged, with one exception: ResourceList
 * (what Bundle.entry.resource and contained may hold) lists only the resource types the hub emits.
 *
 *   node test/support/fhir-r4-schema/subset.mjs path/to/fhir.schema.json 'where it came from' \
 *     > test/support/fhir-r4-schema/fhir-r4-subset.schema.json
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const EMITTED = ['AuditEvent', 'Bundle', 'CapabilityStatement', 'Consent', 'OperationOutcome', 'RelatedPerson'];

const text = readFileSync(process.argv[2], 'utf8');
const full = JSON.parse(text);
if (full.id !== 'http://hl7.org/fhir/json-schema/4.0') throw new Error(`not the FHIR R4 schema: ${full.id}`);
if (!full.definitions.CapabilityStatement.properties.fhirVersion.enum.includes('4.0.1')) throw new Error('not the 4.0.1 schema');

const keep = new Set(['ResourceList']);
const visit = (node) => {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/definitions/', '');
    if (!keep.has(name)) {
      keep.add(name);
      visit(full.definitions[name]);
    }
  }
  Object.values(node).forEach(visit);
};
for (const name of EMITTED) {
  keep.add(name);
  visit(full.definitions[name]);
}

const definitions = {};
for (const name of Object.keys(full.definitions)) {
  if (keep.has(name)) definitions[name] = full.definitions[name];
}
definitions.ResourceList = { oneOf: EMITTED.map((name) => ({ $ref: `#/definitions/${name}` })) };

const subset = {
  $schema: full.$schema,
  id: full.id,
  description: `${full.description}. Subset for ehc-hub tests: the definitions reachable from ${EMITTED.join(', ')}; ResourceList narrowed to those. Source: ${process.argv[3] ?? process.argv[2]}, sha256 ${createHash('sha256').update(text).digest('hex')}.`,
  definitions,
};
process.stdout.write(`${JSON.stringify(subset, null, 1)}\n`);
