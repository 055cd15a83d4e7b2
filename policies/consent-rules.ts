/**
 * Who may give, refuse or withdraw a consent for a child: the consent holder — the parent until the
 * end of compulsory school age, then the young person (CFA 2014 s.83(2), src/domain/consent-holder.ts)
 * — or the area's coordinator recording a decision the holder made on paper, with evidence. Pure.
 */
import type { AccessBasis, FamilyRelationship } from '../src/domain/vocabulary.js';
import type { Relationship } from './field-access.js';

export type ActingFor =
  | { ok: true; basis: Extract<AccessBasis, 'FAMILY' | 'STATUTORY'> }
  | { ok: false; code: 'FORBIDDEN' | 'BAD_USER_INPUT'; field?: string; reason: string };

export interface ActingForFacts {
  relationships: readonly Relationship[];
  /** The actor's own family link to the child, if any. */
  familyLink: FamilyRelationship | null;
  holder: FamilyRelationship;
  /** A coordinator recording a paper decision must cite it. */
  evidenceNote?: string | null;
  requireEvidence: boolean;
}

export function actingForHolder(f: ActingForFacts): ActingFor {
  if (f.relationships.includes('FAMILY')) {
    if (f.familyLink !== f.holder) {
      return {
        ok: false,
        code: 'FORBIDDEN',
        reason: f.holder === 'YOUNG_PERSON'
          ? 'The young person decides now: consent passed to them at the end of compulsory school age'
          : 'Only the parent decides until the end of compulsory school age',
      };
    }
    return { ok: true, basis: 'FAMILY' };
  }
  if (f.relationships.includes('COORDINATOR')) {
    if (f.requireEvidence && !f.evidenceNote?.trim()) {
      return { ok: false, code: 'BAD_USER_INPUT', field: 'evidenceNote', reason: 'is required when recording a consent given on paper' };
    }
    return { ok: true, basis: 'STATUTORY' };
  }
  return { ok: false, code: 'FORBIDDEN', reason: 'Only the consent holder, or the coordinator recording a paper consent, may do this' };
}
