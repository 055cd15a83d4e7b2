/**
 * Who may write a section of a child's plan, from the section registry (src/domain/sections.ts,
 * SEND Regulations 2014 reg 12, Code of Practice 9.62). Pure: the caller passes the relationships.
 */
import type { Actor } from '../src/domain/actor.js';
import { SECTIONS } from '../src/domain/sections.js';
import type { AccessBasis, SectionCode } from '../src/domain/vocabulary.js';
import type { Relationship } from './field-access.js';

export type WriteBasis = Exclude<AccessBasis, 'DENIED' | 'CONSENT' | 'BREAK_GLASS'>;

/** The basis on which the actor may write the section, or null when they may not. */
export function sectionWriteBasis(actor: Actor, relationships: readonly Relationship[], code: SectionCode): WriteBasis | null {
  const rule = SECTIONS[code];
  const writes = (writer: (typeof rule.writers)[number]) => rule.writers.includes(writer);
  if (writes('AGENCY_ON_CARE_TEAM') && actor.role === 'PRACTITIONER' && relationships.includes('CARE_TEAM') && actor.agency === rule.agency) return 'OWNER';
  if (writes('COORDINATOR') && actor.role === 'CASE_COORDINATOR' && relationships.includes('COORDINATOR')) return 'STATUTORY';
  if (writes('FAMILY') && actor.role === 'FAMILY' && relationships.includes('FAMILY')) return 'FAMILY';
  return null;
}
