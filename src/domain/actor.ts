import type { Agency, Role } from './vocabulary.js';

/** The verified caller of one request, built only from a token whose signature and claims passed. */
export interface Actor {
  /** Subject: a practitioner's, coordinator's or family member's stable identifier. */
  sub: string;
  /** Organisation code (ODS code for NHS bodies, council or school code otherwise). */
  org: string;
  /** Required for PRACTITIONER and CASE_COORDINATOR. */
  agency: Agency | null;
  role: Role;
  /** ONS local authority codes (E06/E08/E09/E10…) the actor works in. */
  areas: string[];
}

/** The organisation recorded for a family member (citizen tokens carry none). */
export const FAMILY_ORG = 'FAMILY';
