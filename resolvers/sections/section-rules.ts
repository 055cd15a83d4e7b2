/**
 * Who writes which EHC plan section, and what categories its entries may carry (DESIGN.md §1, issue 3).
 */
import type { Relationship } from '../../policies/field-access.js';
import type { Actor } from '../../src/domain/actor.js';
import {
  SECTION_DEFAULT_CATEGORY, SECTION_OWNER, type AccessBasis, type DataCategory, type SectionCode,
} from '../../src/domain/vocabulary.js';

/** Sections the council SEN team writes itself (Code 9.62: A recorded by the council; B, E, F, I, J, K). */
const COORDINATOR_SECTIONS: readonly SectionCode[] = ['A', 'B', 'E', 'F', 'I', 'J', 'K'];

/**
 * The basis on which the actor may write a section, or null. Practitioners write their own agency's
 * sections for children on their care team; the area's coordinator the council's sections; a linked
 * family member section A, their own views (CFA 2014 s.19).
 */
export function writeBasis(actor: Actor, rels: readonly Relationship[], code: SectionCode): Exclude<AccessBasis, 'DENIED'> | null {
  if (actor.role === 'PRACTITIONER' && rels.includes('CARE_TEAM') && actor.agency === SECTION_OWNER[code]) return 'OWNER';
  if (actor.role === 'CASE_COORDINATOR' && rels.includes('COORDINATOR') && COORDINATOR_SECTIONS.includes(code)) return 'STATUTORY';
  if (actor.role === 'FAMILY' && rels.includes('FAMILY') && code === 'A') return 'FAMILY';
  return null;
}

/** The only raises an author may make: to the more sensitive category of the same agency. */
const RAISES: Partial<Record<DataCategory, DataCategory>> = {
  HEALTH: 'HEALTH_SENSITIVE',
  SOCIAL_CARE: 'SAFEGUARDING',
};

/**
 * The category an entry is stored with: the section's default, or its more sensitive variant. Lowering
 * a category or moving it to another agency's would widen who can read it, so it is refused (null).
 */
export function entryCategory(code: SectionCode, requested: DataCategory | null | undefined): DataCategory | null {
  const fallback = SECTION_DEFAULT_CATEGORY[code];
  if (!requested || requested === fallback) return fallback;
  return RAISES[fallback] === requested ? requested : null;
}

/** Which typed parts a section may carry. */
export const TYPED_PARTS = {
  needs: ['B'],
  provisions: ['F', 'G', 'H1', 'H2'],
  placement: ['I'],
  personalBudget: ['J'],
  icbAgreed: ['G'],
} as const satisfies Record<string, readonly SectionCode[]>;

export const LIMITS = {
  entries: 200,
  keyLength: 100,
  valueLength: 20_000,
  provisions: 100,
  textLength: 2_000,
} as const;
