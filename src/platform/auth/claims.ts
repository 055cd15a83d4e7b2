import { z } from 'zod';
import { isValidAreaCode } from '../../domain/identifiers.js';
import { AGENCIES, ROLES } from '../../domain/vocabulary.js';
import { FAMILY_ORG, type Actor } from '../../domain/actor.js';

const areaCode = z.string().refine(isValidAreaCode, 'an ONS code of an English local authority with education duties');

/** The token claims (README.md). Anything that does not fit is an unauthenticated request. */
export const claimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    // Citizen identity providers (NHS login, council portals) issue family tokens with no organisation.
    org: z.string().min(1).max(100).optional(),
    agency: z.enum(AGENCIES).optional(),
    role: z.enum(ROLES),
    areas: z.array(areaCode).max(200).default([]),
  })
  .refine((c) => !(c.role === 'PRACTITIONER' || c.role === 'CASE_COORDINATOR') || c.agency !== undefined, {
    message: 'agency is required for PRACTITIONER and CASE_COORDINATOR',
    path: ['agency'],
  })
  .refine((c) => c.role === 'FAMILY' || c.org !== undefined, { message: 'org is required for every role but FAMILY', path: ['org'] });

/** Parses verified token claims into an Actor, or returns null when their shapes are wrong. */
export function actorFromClaims(claims: unknown): Actor | null {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { sub, org, agency, role, areas } = parsed.data;
  // A family member acts for their child, not for an organisation or agency, whatever the token says.
  if (role === 'FAMILY') return { sub, org: org ?? FAMILY_ORG, agency: null, role, areas };
  return { sub, org: org!, agency: agency ?? null, role, areas };
}
