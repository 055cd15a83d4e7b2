/**
 * SEN support (Code of Practice 6.44–6.72): the school on the child's care team records the support it
 * provides, reviews it termly and records that it informed the parents (CFA 2014 s.68). Who may act is the
 * action table's (policies/actions.ts); the rules of the review date are src/domain/sen-support.ts.
 */
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isIsoDate } from '../../src/domain/identifiers.js';
import { checkTerms, SEN_SUPPORT_NEED_TYPES, type Term } from '../../src/domain/sen-support.js';
import { badInput } from '../../src/platform/errors.js';
import { senSupportGuard } from './sen-support.guards.js';
import * as store from './sen-support.store.js';
import type { SchoolTermInput, SenSupportInput, SenSupportReviewInput } from './sen-support.types.js';

export type SealedSenSupport = Sealed<store.SenSupportRow>;

const MAX_INTERVENTIONS = 20;
const MAX_TEXT = 500;
const MAX_NOTE = 2000;
const MAX_TERMS = 30;

/** The child's SEN support, or null; CONSENT_REQUIRED (whether or not there is one) when only a consent could release it. */
export async function senSupportOf(data: ScopedData, child: ChildRef): Promise<SealedSenSupport | null> {
  data.assertReleasable(child, () => senSupportGuard({ schoolOrg: null }));
  const [row] = await data.load(child, store.senSupportRows);
  return row ?? null;
}

/**
 * The SEN support history an EHC needs assessment request carries as evidence (Code 6.63, 9.14: what the
 * school has done and its effect), read under the SEN support guard.
 */
export async function senSupportEvidence(data: ScopedData, plan: Sealed<{ childId: string }>): Promise<SealedSenSupport | null> {
  data.assertReleasable(plan, () => senSupportGuard({ schoolOrg: null }));
  const [row] = await data.load(plan, store.senSupportOfPlanRows);
  return row ?? null;
}

/** A day that has happened: between 1900 and today. */
function pastDate(field: string, value: string, today: string): string {
  if (!isIsoDate(value) || value < '1900-01-01') throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  if (value > today) throw badInput(field, 'must not be in the future');
  return value;
}

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) throw badInput(field, `must be 1 to ${max} characters`);
  return trimmed;
}

async function schoolChild(data: ScopedData, childId: string): Promise<ChildRef> {
  const child = await data.requireChild(childId);
  data.assertCan('senSupport.record', { child });
  return child;
}

async function write<A>(data: ScopedData, writer: (db: never, args: A) => Promise<void>, args: A, child: ChildRef, flag: string): Promise<SealedSenSupport> {
  try {
    await data.write(writer as never, args);
  } catch (error) {
    if (error instanceof store.SenSupportRefusal) throw badInput(error.field, error.message);
    throw error;
  }
  data.noteAction(child, 'WRITE', 'OWNER', { categories: ['EDUCATION'], flags: [flag] });
  data.forget(child);
  return (await senSupportOf(data, await data.requireChild(child.id)))!;
}

/** Code 6.48: the school sets out the pupil's needs, the interventions and the outcomes expected of them. */
export async function recordSenSupport(data: ScopedData, input: SenSupportInput): Promise<SealedSenSupport> {
  const child = await schoolChild(data, input.childId);
  const startedOn = pastDate('startedOn', input.startedOn, data.today);
  if (input.needs.length === 0) throw badInput('needs', 'list at least one need, the primary need first (NSA when no specialist assessment has been made)');
  if (new Set(input.needs).size !== input.needs.length) throw badInput('needs', 'name each need once');
  for (const n of input.needs) if (!SEN_SUPPORT_NEED_TYPES.includes(n)) throw badInput('needs', `unknown need type ${n}`);
  if (input.needs.includes('NSA') && input.needs.length > 1) throw badInput('needs', 'NSA means no type of need has been assessed: list it alone');
  if (input.interventions.length === 0 || input.interventions.length > MAX_INTERVENTIONS) throw badInput('interventions', `list 1 to ${MAX_INTERVENTIONS} interventions, each with its expected outcome`);
  const interventions = input.interventions.map((x, i) => ({
    description: text(`interventions[${i}].description`, x.description, MAX_TEXT),
    expectedOutcome: text(`interventions[${i}].expectedOutcome`, x.expectedOutcome, MAX_TEXT),
  }));
  return write(data, store.recordSenSupport, {
    childId: child.id, schoolOrg: data.actor.org, startedOn, needs: input.needs, interventions, recordedBySub: data.actor.sub,
  }, child, 'SEN_SUPPORT');
}

/** Code 6.65: the termly review of progress towards the expected outcomes. */
export async function reviewSenSupport(data: ScopedData, input: SenSupportReviewInput): Promise<SealedSenSupport> {
  const child = await schoolChild(data, input.childId);
  const heldOn = pastDate('heldOn', input.heldOn, data.today);
  const note = input.note?.trim() ? text('note', input.note, MAX_NOTE) : null;
  return write(data, store.reviewSenSupport, {
    childId: child.id, schoolOrg: data.actor.org, heldOn, outcomesMet: input.outcomesMet, note, recordedBySub: data.actor.sub,
  }, child, 'SEN_SUPPORT_REVIEW');
}

/** CFA 2014 s.68(2): the school informs the parents that it is making special educational provision. */
export async function recordParentsInformed(data: ScopedData, childId: string, on: string): Promise<SealedSenSupport> {
  const child = await schoolChild(data, childId);
  return write(data, store.recordParentsInformed, { childId: child.id, schoolOrg: data.actor.org, on: pastDate('on', on, data.today) }, child, 'SEN_SUPPORT_PARENTS_INFORMED');
}

/** The area's school terms, which set the termly review date (Code 6.65). */
export async function recordTermDates(data: ScopedData, areaCode: string, terms: readonly SchoolTermInput[]): Promise<Term[]> {
  data.assertCan('area.manage', { areaCode });
  if (terms.length === 0 || terms.length > MAX_TERMS) throw badInput('terms', `list 1 to ${MAX_TERMS} terms`);
  const clean = terms.map((t) => ({ startsOn: t.startsOn, endsOn: t.endsOn }));
  for (const [i, t] of clean.entries()) {
    if (!isIsoDate(t.startsOn) || !isIsoDate(t.endsOn) || t.startsOn < '1900-01-01' || t.endsOn > '2100-12-31') throw badInput(`terms[${i}]`, 'dates must be calendar dates between 1900 and 2100');
  }
  const problem = checkTerms(clean);
  if (problem) throw badInput('terms', problem);
  await data.write(store.recordTermDates, { areaCode, terms: clean });
  data.noteAction({ areaCode }, 'WRITE', 'STATUTORY', { flags: ['TERM_DATES'] });
  return termDates(data, areaCode);
}

export function termDates(data: ScopedData, areaCode: string): Promise<Term[]> {
  data.assertCan('area.read', { areaCode });
  return data.readPublic(store.termDates, areaCode);
}
