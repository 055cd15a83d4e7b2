import { z } from 'zod';
import { isValidAreaCode } from '../../domain/identifiers.js';
import { AGENCIES, ROLES } from '../../domain/vocabulary.js';
import type { Actor } from '../../domain/actor.js';

const areaCode = z.string().refine(isValidAreaCode, 'an ONS code of an English local authority with education duties');

/** The token claims (README.md). Anything that does not fit is an unauthenticated request. */
export const claimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    org: z.string().min(1).max(100),
    agency: z.enum(AGENCIES).optional(),
    role: z.enum(ROLES),
    areas: z.array(areaCode).max(200).default([]),
  })
  .refine((c) => !(c.role === 'PRACTITIONER' || c.role === 'CASE_COORDINATOR') || c.agency !== undefined, {
    message: 'agency is required for PRACTITIONER and CASE_COORDINATOR',
    path: ['agency'],
  });

/** Parses verified token claims into an Actor, or returns null when their shapes are wrong. */
export function actorFromClaims(claims: unknown): Actor | null {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { sub, org, agency, role, areas } = parsed.data;
  return { sub, org, agency: agency ?? null, role, areas };
}
