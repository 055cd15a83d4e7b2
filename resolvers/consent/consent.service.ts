/**
 * Consent lifecycle and break-glass (policies/field-access.ts rules 6–7). Only the current consent
 * holder gives, refuses or withdraws consent (policies/consent-rules.ts), or the area's coordinator
 * recording a decision given on paper, with evidence.
 */
import { randomUUID } from 'node:crypto';
import { actingForHolder } from '../../policies/consent-rules.js';
import type { BreakGlassRow, ConsentRow } from '../../src/access/child-record.js';
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isOrgCode } from '../../src/domain/identifiers.js';
import type { AccessBasis, ConsentKind } from '../../src/domain/vocabulary.js';
import { badInput, forbidden, notFound } from '../../src/platform/errors.js';
import * as store from './consent.store.js';
import type { GrantConsentInput } from './consent.types.js';

const MAX_NOTE = 2000;

/** The basis on which the actor acts for the consent holder, or the refusal. */
function actingFor(data: ScopedData, child: ChildRef, evidenceNote: string | null | undefined, requireEvidence: boolean): Extract<AccessBasis, 'FAMILY' | 'STATUTORY'> {
  const result = actingForHolder({
    relationships: data.relationships(child),
    familyLink: data.familyLinkOf(child, data.actor.sub),
    holder: data.consentHolder(child),
    evidenceNote,
    requireEvidence,
  });
  if (result.ok) return result.basis;
  if (result.code === 'BAD_USER_INPUT') throw badInput(result.field!, result.reason);
  throw forbidden(result.reason);
}

function validateGrant(data: ScopedData, input: GrantConsentInput): { granteeOrg: string | null } {
  if (input.categories.length === 0) throw badInput('categories', 'name at least one category');
  // Safeguarding is shared on statutory safeguarding duties or break-glass, never by consent (Working Together 2023).
  if (input.categories.includes('SAFEGUARDING')) throw badInput('categories', 'SAFEGUARDING cannot be shared by consent');
  if (input.categories.includes('IDENTITY')) throw badInput('categories', 'IDENTITY is shared with the care team already');
  if (!input.granteeAgency && !input.granteeOrg) throw badInput('granteeAgency', 'name the agency or organisation the consent is for');
  const granteeOrg = input.granteeOrg?.trim().toUpperCase() || null;
  if (granteeOrg && !isOrgCode(granteeOrg)) throw badInput('granteeOrg', 'must be an organisation code');
  if (input.validUntil && input.validUntil.getTime() <= data.now.getTime()) throw badInput('validUntil', 'must be in the future');
  if ((input.evidenceNote?.length ?? 0) > MAX_NOTE) throw badInput('evidenceNote', `must be at most ${MAX_NOTE} characters`);
  return { granteeOrg };
}

function consentById(data: ScopedData, child: ChildRef, id: string): Sealed<ConsentRow> {
  return data.where(data.consentsOf(child), (c) => c.id === id)[0]!;
}

export function consentsOf(data: ScopedData, child: ChildRef): Sealed<ConsentRow>[] {
  return data.consentsOf(child);
}

export async function recordConsent(data: ScopedData, input: GrantConsentInput, kind: ConsentKind): Promise<Sealed<ConsentRow>> {
  const child = await data.requireChild(input.childId);
  data.assertCan('consent.record', { child });
  const basis = actingFor(data, child, input.evidenceNote, true);
  const { granteeOrg } = validateGrant(data, input);
  const id = randomUUID();
  const categories = [...new Set(input.categories)];
  await data.write(store.insertConsent, {
    id,
    childId: child.id,
    kind,
    categories,
    granteeAgency: input.granteeAgency ?? null,
    granteeOrg,
    givenBy: data.consentHolder(child),
    grantedBySub: data.actor.sub,
    grantedByOrg: data.actor.org,
    evidenceNote: input.evidenceNote?.trim() || null,
    validUntil: input.validUntil ?? null,
  });
  data.noteAction(child, kind === 'GRANT' ? 'GRANT_CONSENT' : 'REFUSE_CONSENT', basis, { categories });
  data.forget(child);
  return consentById(data, await data.requireChild(child.id), id);
}

/** Withdraws a consent: hidden and missing consents get the same answer. */
export async function withdrawConsent(data: ScopedData, id: string): Promise<Sealed<ConsentRow>> {
  const missing = () => notFound('consent');
  const child = await data.requireChildOf((db) => store.childOfConsent(db, id), missing);
  data.assertCan('consent.withdraw', { child });
  const basis = actingFor(data, child, null, false);
  await data.write(store.withdrawConsent, { id, bySub: data.actor.sub });
  data.noteAction(child, 'WITHDRAW_CONSENT', basis, { categories: ['IDENTITY'] });
  data.forget(child);
  return consentById(data, await data.requireChild(child.id), id);
}

/**
 * Break-glass (policies/field-access.ts rule 7): a practitioner on the care team, in an emergency, with
 * a reason; time-limited, releases every category while active, flagged for DPO review.
 */
export async function breakGlass(data: ScopedData, childId: string, reason: string): Promise<Sealed<BreakGlassRow>> {
  const child = await data.requireChild(childId);
  data.assertCan('breakGlass.open', { child });
  const why = reason.trim();
  if (!why) throw badInput('reason', 'say why: break-glass access is reviewed by the data protection officer');
  if (why.length > MAX_NOTE) throw badInput('reason', `must be at most ${MAX_NOTE} characters`);
  const id = randomUUID();
  const expiresAt = new Date(data.now.getTime() + data.settings.breakGlassHours * 3_600_000);
  await data.write(store.insertBreakGlass, { id, childId: child.id, actorSub: data.actor.sub, actorOrg: data.actor.org, reason: why, expiresAt });
  data.noteAction(child, 'BREAK_GLASS', 'BREAK_GLASS', { flags: ['BREAK_GLASS'] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  return data.where(data.breakGlassGrantsOf(fresh), (g) => g.id === id)[0]!;
}
