/**
 * EHC plan sections: agencies append versions of their own sections; reads go through ScopedData so
 * every entry is decided on its own category.
 */
import { relationshipsOf } from '../../policies/field-access.js';
import type { SectionHeadRow } from '../../src/access/loaders.js';
import type { FieldGuard, ScopedData, VisibleChild } from '../../src/access/scoped-data.js';
import { SECTION_DEFAULT_CATEGORY, SECTION_OWNER, type DataCategory, type SectionCode } from '../../src/domain/vocabulary.js';
import { conflict, forbidden } from '../../src/platform/errors.js';
import { writeBasis } from './section-rules.js';
import { appendSectionVersion, isUniqueViolation, StaleVersionError } from './section.store.js';
import type { ContributeSectionInput } from './section.types.js';
import {
  validateBudget, validateEntries, validateNeeds, validatePlacement, validateProvisions, validateShape,
} from './validate-contribution.js';

/** A section as resolvers see it: the child (for decisions) and the current head row. */
export interface SectionView {
  child: VisibleChild;
  head: SectionHeadRow;
}

/** The guard for a section's typed parts and for entries of the default category. */
export function sectionGuard(view: SectionView, category: DataCategory = SECTION_DEFAULT_CATEGORY[view.head.code]): FieldGuard {
  return { category, sectionCode: view.head.code, sectionOwner: SECTION_OWNER[view.head.code], sectionAuthorOrg: view.head.authorOrg };
}

export async function sectionsOf(data: ScopedData, child: VisibleChild): Promise<SectionView[]> {
  const heads = await data.loaders.sectionHeads.load(child.id);
  return heads.map((head) => ({ child, head }));
}

export async function sectionOf(data: ScopedData, child: VisibleChild, code: SectionCode): Promise<SectionView | null> {
  return (await sectionsOf(data, child)).find((s) => s.head.code === code) ?? null;
}

/** Appends a new version of one section (reg 12 content), refusing stale or concurrent writers. */
export async function contributeSection(data: ScopedData, input: ContributeSectionInput): Promise<SectionView> {
  const child = await data.requireChild(input.childId);
  const { actor } = data;
  const basis = writeBasis(actor, relationshipsOf(actor, child), input.code);
  if (!basis) {
    data.noteAction(child.id, 'WRITE', 'DENIED', { sections: [input.code] });
    throw forbidden(`You may not write section ${input.code} of this child's plan`);
  }
  const today = data.now.toISOString().slice(0, 10);
  validateShape(input, child.dateOfBirth, today);
  const entries = validateEntries(input.code, input.entries);
  const version = {
    childId: child.id,
    code: input.code,
    agency: SECTION_OWNER[input.code],
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
    await data.write((tx) => appendSectionVersion(tx, version));
  } catch (error) {
    if (error instanceof StaleVersionError) throw conflict(`Section ${input.code} is at version ${error.current}: reload and reapply your change`);
    if (isUniqueViolation(error)) throw conflict(`Section ${input.code} was changed by someone else at the same time: reload and reapply your change`);
    throw error;
  }
  data.noteAction(child.id, 'WRITE', basis, { sections: [input.code], categories: [...new Set(entries.map((e) => e.category))] });
  data.forget(child.id);
  const view = await sectionOf(data, child, input.code);
  return view!;
}
