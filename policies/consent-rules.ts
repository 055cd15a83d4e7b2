/**
 * Who may give, refuse or withdraw a consent for a child, and what a consent may name. Pure.
 *
 * - The consent holder decides: the parent until the end of compulsory school age, then the young
 *   person (CFA 2014 s.83(2), src/domain/consent-holder.ts).
 * - The area's coordinator may record a decision the holder made on paper, citing the document and its
 *   date; such a record is flagged for the DPO's review, and may never name the coordinator's own
 *   organisation or agency (the council cannot consent on its own behalf).
 * - Withdrawing a decision — above all lifting a holder's refusal — needs the holder, or the coordinator
 *   with the same paper evidence (and flag).
 */
import type { Actor } from '../src/domain/actor.js';
import type { AccessBasis, Agency, FamilyRelationship } from '../src/domain/vocabulary.js';
import type { Relationship } from './field-access.js';

export type ActingFor =
  | { ok: true; basis: Extract<AccessBasis, 'FAMILY' | 'STATUTORY'>; paper: boolean }
  | { ok: false; code: 'FORBIDDEN' | 'BAD_USER_INPUT'; field?: string; reason: string };

export interface ActingForFacts {
  relationships: readonly Relationship[];
  /** The actor's own family link to the child, if any. */
  familyLink: FamilyRelationship | null;
  holder: FamilyRelationship;
  /** A coordinator recording a paper decision must cite it. */
  evidenceNote?: string | null;
}

/** A date in the note, as people write them: 2026-11-02, 2/11/2026 or 2 November 2026. */
const A_DATE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b/i;
const MIN_EVIDENCE_LETTERS = 10;

/** A real evidence reference: the document (in words) and its date; "x" is none. */
export function isEvidenceReference(note: string | null | undefined): boolean {
  const text = note?.trim() ?? '';
  return A_DATE.test(text) && (text.match(/\p{L}/gu) ?? []).length >= MIN_EVIDENCE_LETTERS;
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
    return { ok: true, basis: 'FAMILY', paper: false };
  }
  if (f.relationships.includes('COORDINATOR')) {
    if (!isEvidenceReference(f.evidenceNote)) {
      return { ok: false, code: 'BAD_USER_INPUT', field: 'evidenceNote', reason: "cite the holder's signed document and its date, e.g. 'Consent form SF-1234 signed 2026-11-02'" };
    }
    return { ok: true, basis: 'STATUTORY', paper: true };
  }
  return { ok: false, code: 'FORBIDDEN', reason: 'Only the consent holder, or the coordinator recording a decision given on paper, may do this' };
}

/** A recorded decision may never name the recorder's own organisation or agency. */
export function namesOwnOrganisation(actor: Actor, grantee: { granteeOrg: string | null; granteeAgency: Agency | null }): boolean {
  return grantee.granteeOrg === actor.org || (grantee.granteeAgency !== null && grantee.granteeAgency === actor.agency);
}
