/**
 * EHC plan sections: writers append versions of the sections the registry gives them (src/domain/sections.ts);
 * readers get the sections and entries the access decision releases, and counts of what a consent could.
 */
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData, WithheldCount } from '../../src/access/scoped-data.js';
import { sectionWriteBasis } from '../../policies/section-writers.js';
import { SECTIONS } from '../../src/domain/sections.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import { conflict, forbidden, HubError } from '../../src/platform/errors.js';
import { entryGuard, sectionGuard } from './section.guards.js';
import * as store from './section.store.js';
import type { ContributeSectionInput } from './section.types.js';
import {
  validateBudget, validateEntries, validateNeeds, validatePlacement, validateProvisions, validateShape,
} from './validate-contribution.js';

export type SealedSection = Sealed<store.SectionHeadRow>;

/** The sections whose structure the reader may see. */
export async function sectionsOf(data: ScopedData, child: ChildRef): Promise<SealedSection[]> {
  return data.partition(await data.load(child, store.sectionHeadRows), sectionGuard).released;
}

/**
 * One section: null when absent or when no consent could release it to this reader (no trace);
 * CONSENT_REQUIRED when a consent could.
 */
export async function sectionOf(data: ScopedData, child: ChildRef, code: SectionCode): Promise<SealedSection | null> {
  const [head] = data.where(await data.load(child, store.sectionHeadRows), (h) => h.code === code);
  if (!head) return null;
  const decision = data.decision(head, sectionGuard);
  if (decision.allow) return head;
  if (decision.reason === 'CONSENT_REQUIRED') throw new HubError('CONSENT_REQUIRED', `Section ${code} needs the family's consent`);
  return null;
}

/** The entries of a section the reader may see. */
export async function entriesOf(data: ScopedData, section: SealedSection) {
  return data.partition(await data.load(section, store.entryRows), entryGuard).released;
}

/** What a consent could release in this section. */
export async function withheldIn(data: ScopedData, section: SealedSection): Promise<WithheldCount[]> {
  return data.partition(await data.load(section, store.entryRows), entryGuard).withheld;
}

/** What a consent could release anywhere in the child's plan, section by section. */
export async function withheldFrom(data: ScopedData, child: ChildRef): Promise<WithheldCount[]> {
  const heads = await data.load(child, store.sectionHeadRows);
  const counts = await Promise.all(heads.map(async (head) => data.partition(await data.load(head, store.entryRows), entryGuard).withheld));
  return counts.flat();
}

/** Appends a new version of one section (reg 12 content), refusing stale or concurrent writers. */
export async function contributeSection(data: ScopedData, input: ContributeSectionInput): Promise<SealedSection> {
  const child = await data.requireChild(input.childId);
  data.assertCan('section.write', { child });
  const { actor } = data;
  const basis = sectionWriteBasis(actor, data.relationships(child), input.code);
  if (!basis) {
    data.noteAction(child, 'WRITE', 'DENIED', { sections: [input.code] });
    throw forbidden(`You may not write section ${input.code} of this child's plan`);
  }
  validateShape(input, data.ageOf(child));
  const entries = validateEntries(input.code, input.entries);
  const version: store.NewSectionVersion = {
    childId: child.id,
    code: input.code,
    agency: SECTIONS[input.code].agency,
    authorOrg: actor.org,
    authorSub: actor.sub,
    expectedVersion: input.expectedVersion ?? null,
    entries,
    needs: validateNeeds(input.needs, input.code),
    provisions: validateProvisions(input.provisions),
    placement: validatePlacement(input.placement),
    personalBudget: validateBudget(input.personalBudget),
    icbAgreed: input.icbAgreed ?? null,
  };
  try {
    await data.write(store.appendSectionVersion, version);
  } catch (error) {
    if (error instanceof store.StaleVersionError) throw conflict(`Section ${input.code} is at version ${error.current}: reload and reapply your change`);
    if (store.isUniqueViolation(error)) throw conflict(`Section ${input.code} was changed by someone else at the same time: reload and reapply your change`);
    throw error;
  }
  data.noteAction(child, 'WRITE', basis, { sections: [input.code], categories: [...new Set(entries.map((e) => e.category))] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  const written = await sectionOf(data, fresh, input.code);
  if (!written) throw forbidden(`Section ${input.code} was written; you may not read it back`);
  return written;
}
