/**
 * Conformance checks for the hub's FHIR R4 output, in two layers:
 *
 * 1. The official FHIR R4 (4.0.1) JSON schema, `fhir.schema.json` (http://hl7.org/fhir/json-schema/4.0),
 *    cut to the definitions our resources reach (fhir-r4-schema/, see its subset.mjs), compiled with
 *    ajv: element names, types, required code bindings, primitive patterns, required complex elements.
 * 2. What that schema cannot say (it leaves out required primitives, minimum array sizes and every
 *    FHIRPath invariant), checked by hand from the R4 specification: required primitives and 1..*
 *    arrays of the elements we emit, ele-1, ext-1, ref-1, dom-2..5, ppc-1/2, sev-1, bdl-1..5/7/8,
 *    cpb-2/14, plus the hub's own rules (valid NHS numbers; no staff identifier for a family).
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { isValidNhsNumber } from '../../src/domain/identifiers.js';
import { HUB_STAFF_USER_SYSTEM, NHS_NUMBER_SYSTEM } from '../../src/platform/fhir/code-systems.js';

const require = createRequire(import.meta.url);
const FHIR_SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();

/** The schema's validator for one definition (compiled once per process). */
function schemaFor(definition: string): ValidateFunction {
  let v = validators.get(definition);
  if (v) return v;
  if (!ajv) {
    const { id, ...schema } = require('./fhir-r4-schema/fhir-r4-subset.schema.json') as Record<string, unknown>;
    if (id !== FHIR_SCHEMA_ID) throw new Error(`not the FHIR R4 schema: ${String(id)}`);
    // The schema is draft-06 but names itself with draft-04's `id`; ajv 8 wants `$id`. It also carries
    // OpenAPI's `discriminator`, which ajv would otherwise try to honour: strict off, nothing else changed.
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    ajv.addSchema({ ...schema, $id: FHIR_SCHEMA_ID });
  }
  v = ajv.getSchema(`${FHIR_SCHEMA_ID}#/definitions/${definition}`);
  if (!v) throw new Error(`the FHIR R4 schema has no definition ${definition}`);
  validators.set(definition, v);
  return v;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const objs = (v: Json | undefined): Obj[] => arr(v).filter(isObj);

export interface ConformanceOptions {
  /** Family-facing output: no identifier may use the staff user system. */
  familyFacing?: boolean;
}

/** Every problem found with `resource` (an empty list means conformant). */
export function fhirProblems(resource: unknown, options: ConformanceOptions = {}): string[] {
  const problems: string[] = [];
  if (!isObj(resource) || typeof resource.resourceType !== 'string') return ['not a resource'];
  const validate = schemaFor(resource.resourceType);
  if (!validate(resource)) {
    for (const e of validate.errors ?? []) problems.push(`schema ${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
  }
  if (resource.resourceType === 'Bundle') {
    // The Bundle's schema checks entries through a oneOf over every resource type, whose errors name
    // every type but the right one: check each entry against its own definition too.
    objs(resource.entry).forEach((e, i) => {
      if (!isObj(e.resource) || typeof e.resource.resourceType !== 'string') return;
      const own = schemaFor(e.resource.resourceType);
      if (!own(e.resource)) for (const err of own.errors ?? []) problems.push(`schema /entry/${i}/resource${err.instancePath}: ${err.message} ${JSON.stringify(err.params)}`);
    });
  }
  walk(resource, '', problems, options);
  checkResource(resource, '', problems);
  return problems;
}

/** ele-1, ext-1 and the identifier rules, everywhere in the tree. */
function walk(node: Json, path: string, problems: string[], options: ConformanceOptions): void {
  if (node === null) problems.push(`${path}: null is not a FHIR value (ele-1)`);
  else if (typeof node === 'string') {
    if (node.trim() === '') problems.push(`${path}: empty or blank string (ele-1)`);
  } else if (Array.isArray(node)) {
    if (node.length === 0) problems.push(`${path}: empty array (ele-1)`);
    node.forEach((item, i) => walk(item, `${path}[${i}]`, problems, options));
  } else if (typeof node === 'object') {
    const keys = Object.keys(node);
    if (keys.length === 0) problems.push(`${path}: empty object (ele-1)`);
    if (path.endsWith('extension') || /extension\[\d+\]$/.test(path)) {
      const values = keys.filter((k) => k.startsWith('value'));
      if (typeof node.url !== 'string') problems.push(`${path}: extension without url`);
      if (values.length + (node.extension ? 1 : 0) !== 1) problems.push(`${path}: an extension has either one value[x] or extensions (ext-1)`);
    }
    if (typeof node.system === 'string' && typeof node.value === 'string') {
      if (node.system === NHS_NUMBER_SYSTEM && !isValidNhsNumber(node.value)) problems.push(`${path}: invalid NHS number ${node.value}`);
      if (options.familyFacing && node.system === HUB_STAFF_USER_SYSTEM) problems.push(`${path}: a staff identifier in family-facing output`);
    }
    for (const key of keys) walk(node[key]!, `${path}/${key}`, problems, options);
  }
}

function need(problems: string[], path: string, value: Json | undefined, what: string): void {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) problems.push(`${path}: ${what} is required`);
}

function checkResource(r: Obj, path: string, problems: string[]): void {
  const at = (suffix: string) => `${path}${suffix}`;
  switch (r.resourceType) {
    case 'Consent': {
      need(problems, at('/status'), r.status, 'status (1..1)');
      need(problems, at('/scope'), r.scope, 'scope (1..1)');
      need(problems, at('/category'), r.category, 'category (1..*)');
      if (!r.policy && !r.policyRule) problems.push(`${path}: policy or policyRule (ppc-1)`);
      const privacy = objs(isObj(r.scope) ? r.scope.coding : undefined).some((c) => c.code === 'patient-privacy');
      if (privacy && !r.patient) problems.push(`${path}: a privacy consent needs a patient (ppc-2)`);
      for (const [i, p] of provisions(isObj(r.provision) ? r.provision : null).entries()) {
        for (const [j, a] of objs(p.actor).entries()) {
          need(problems, at(`/provision#${i}/actor[${j}]/role`), a.role, 'actor.role (1..1)');
          need(problems, at(`/provision#${i}/actor[${j}]/reference`), a.reference, 'actor.reference (1..1)');
        }
      }
      break;
    }
    case 'AuditEvent': {
      need(problems, at('/type'), r.type, 'type (1..1)');
      need(problems, at('/recorded'), r.recorded, 'recorded (1..1)');
      need(problems, at('/agent'), r.agent, 'agent (1..*)');
      objs(r.agent).forEach((a, i) => {
        if (typeof a.requestor !== 'boolean') problems.push(`${path}/agent[${i}]/requestor: required (1..1)`);
      });
      need(problems, at('/source/observer'), isObj(r.source) ? r.source.observer : undefined, 'source.observer (1..1)');
      objs(r.entity).forEach((e, i) => {
        if (e.name !== undefined && e.query !== undefined) problems.push(`${path}/entity[${i}]: name or query, not both (sev-1)`);
        objs(e.detail).forEach((d, j) => {
          need(problems, at(`/entity[${i}]/detail[${j}]/type`), d.type, 'detail.type (1..1)');
          if (d.valueString === undefined && d.valueBase64Binary === undefined) problems.push(`${path}/entity[${i}]/detail[${j}]: value[x] (1..1)`);
        });
      });
      break;
    }
    case 'RelatedPerson':
      need(problems, at('/patient'), r.patient, 'patient (1..1)');
      break;
    case 'OperationOutcome':
      need(problems, at('/issue'), r.issue, 'issue (1..*)');
      objs(r.issue).forEach((issue, i) => {
        need(problems, at(`/issue[${i}]/severity`), issue.severity, 'severity (1..1)');
        need(problems, at(`/issue[${i}]/code`), issue.code, 'code (1..1)');
      });
      break;
    case 'CapabilityStatement':
      for (const key of ['status', 'date', 'kind', 'fhirVersion', 'format']) need(problems, at(`/${key}`), r[key], `${key} (1..)`);
      if (!r.description && !r.software && !r.implementation) problems.push(`${path}: description, software or implementation (cpb-2)`);
      if (r.kind === 'instance' && !r.implementation) problems.push(`${path}: an instance statement has implementation (cpb-14)`);
      objs(r.rest).forEach((rest, i) => {
        need(problems, at(`/rest[${i}]/mode`), rest.mode, 'mode (1..1)');
        objs(rest.resource).forEach((res, j) => {
          need(problems, at(`/rest[${i}]/resource[${j}]/type`), res.type, 'type (1..1)');
          objs(res.interaction).forEach((x, k) => need(problems, at(`/rest[${i}]/resource[${j}]/interaction[${k}]/code`), x.code, 'code (1..1)'));
          objs(res.searchParam).forEach((s, k) => {
            need(problems, at(`/rest[${i}]/resource[${j}]/searchParam[${k}]/name`), s.name, 'name (1..1)');
            need(problems, at(`/rest[${i}]/resource[${j}]/searchParam[${k}]/type`), s.type, 'type (1..1)');
          });
        });
      });
      break;
    case 'Bundle':
      checkBundle(r, path, problems);
      break;
  }
  checkContained(r, path, problems);
}

function provisions(p: Obj | null): Obj[] {
  return p ? [p, ...objs(p.provision).flatMap((c) => provisions(c))] : [];
}

/** dom-2..5 and ref-1: contained resources are flat, referenced, unversioned, unlabelled; `#id` resolves. */
function checkContained(r: Obj, path: string, problems: string[]): void {
  const contained = objs(r.contained);
  const ids = new Set(contained.map((c) => c.id));
  const localRefs = new Set<string>();
  // Local references of this resource only: not of the resources inside a Bundle's entries.
  const collect = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (isObj(node) && (node === r || typeof node.resourceType !== 'string')) {
      if (typeof node.reference === 'string' && node.reference.startsWith('#')) localRefs.add(node.reference.slice(1));
      for (const [k, v] of Object.entries(node)) if (k !== 'contained') collect(v);
    }
  };
  collect(r);
  for (const ref of localRefs) if (!ids.has(ref)) problems.push(`${path}: #${ref} has no contained resource (ref-1)`);
  contained.forEach((c, i) => {
    if (c.contained) problems.push(`${path}/contained[${i}]: nested contained (dom-2)`);
    if (!localRefs.has(String(c.id))) problems.push(`${path}/contained[${i}]: not referenced from the resource (dom-3)`);
    const meta = isObj(c.meta) ? c.meta : null;
    if (meta?.versionId || meta?.lastUpdated) problems.push(`${path}/contained[${i}]: versionId/lastUpdated (dom-4)`);
    if (meta?.security) problems.push(`${path}/contained[${i}]: security label (dom-5)`);
    checkResource(c, `${path}/contained[${i}]`, problems);
  });
}

function checkBundle(b: Obj, path: string, problems: string[]): void {
  need(problems, `${path}/type`, b.type, 'type (1..1)');
  const search = b.type === 'searchset';
  if (b.total !== undefined && !search && b.type !== 'history') problems.push(`${path}: total only in a searchset or history (bdl-1)`);
  objs(b.link).forEach((l, i) => {
    need(problems, `${path}/link[${i}]/relation`, l.relation, 'relation (1..1)');
    need(problems, `${path}/link[${i}]/url`, l.url, 'url (1..1)');
  });
  const seen = new Set<string>();
  objs(b.entry).forEach((e, i) => {
    const p = `${path}/entry[${i}]`;
    if (e.search && !search) problems.push(`${p}: search only in a searchset (bdl-2)`);
    if (e.request) problems.push(`${p}: request only in batch/transaction/history (bdl-3)`);
    if (e.response) problems.push(`${p}: response only in responses/history (bdl-4)`);
    if (!e.resource && !e.request && !e.response) problems.push(`${p}: resource, request or response (bdl-5)`);
    if (typeof e.fullUrl === 'string') {
      if (seen.has(e.fullUrl)) problems.push(`${p}: duplicate fullUrl (bdl-7)`);
      seen.add(e.fullUrl);
      if (e.fullUrl.includes('/_history/')) problems.push(`${p}: version-specific fullUrl (bdl-8)`);
      if (isObj(e.resource) && !e.fullUrl.endsWith(`/${String(e.resource.resourceType)}/${String(e.resource.id)}`)) {
        problems.push(`${p}: fullUrl does not name the resource`);
      }
    }
    if (isObj(e.resource)) checkResource(e.resource, `${p}/resource`, problems);
  });
}
