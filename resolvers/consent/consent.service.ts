/**
 * Consent lifecycle and break-glass (policies/field-access.ts rules 6–7). Only the current consent
 * holder gives, refuses or withdraws consent (policies/consent-rules.ts), or the area's coordinator
 * recording a decision given on paper, with evidence.
 */
import { randomUUID } from 'node:crypto';
import { actingForHolder, namesOwnOrganisation } from '../../policies/consent-rules.js';
import type { BreakGlassRow, ConsentRow } from '../../src/access/child-record.js';
import type { ChildRef, Sealed } from '../../src/access/sealed.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isOrgCode } from '../../src/domain/identifiers.js';
import type { AccessBasis, ConsentKind } from '../../src/domain/vocabulary.js';
import { badInput, forbidden, notFound } from '../../src/platform/errors.js';
import * as store from './consent.store.js';
import type { GrantConsentInput } from './consent.types.js';

const MAX_NOTE = 2000;
const MIN_REASON_LETTERS = 10;

/** The basis on which the actor acts for the consent holder (and whether on paper evidence), or the refusal. */
function actingFor(data: ScopedData, child: ChildRef, evidenceNote: string | null | undefined): { basis: Extract<AccessBasis, 'FAMILY' | 'STATUTORY'>; paper: boolean } {
  const result = actingForHolder({
    relationships: data.relationships(child),
    familyLink: data.familyLinkOf(child, data.actor.sub),
    holder: data.consentHolder(child),
    evidenceNote,
  });
  if (result.ok) return result;
  if (result.code === 'BAD_USER_INPUT') throw badInput(result.field!, result.reason);
  throw forbidden(result.reason);
}

function validateGrant(data: ScopedData, child: ChildRef, input: GrantConsentInput): { granteeOrg: string | null; granteeSubject: string | null } {
  if (input.categories.length === 0) throw badInput('categories', 'name at least one category');
  // Safeguarding is shared on statutory safeguarding duties or break-glass, never by consent (Working Together 2023).
  if (input.categories.includes('SAFEGUARDING')) throw badInput('categories', 'SAFEGUARDING cannot be shared by consent');
  if (input.categories.includes('IDENTITY')) throw badInput('categories', 'IDENTITY is shared with the care team already');
  const granteeSubject = input.granteeSubject?.trim() || null;
  if (!input.granteeAgency && !input.granteeOrg && !granteeSubject) throw badInput('granteeAgency', 'name the agency, organisation or family member the consent is for');
  const granteeOrg = input.granteeOrg?.trim().toUpperCase() || null;
  if (granteeOrg && !isOrgCode(granteeOrg)) throw badInput('granteeOrg', 'must be an organisation code');
  // CFA 2014 s.83(2): a young person may share with a parent; only a linked family member can be named.
  if (granteeSubject && (granteeSubject === data.actor.sub || data.familyLinkOf(child, granteeSubject) === null)) {
    throw badInput('granteeSubject', 'must be another family member linked to this child');
  }
  if (input.validUntil && input.validUntil.getTime() <= data.now.getTime()) throw badInput('validUntil', 'must be in the future');
  if ((input.evidenceNote?.length ?? 0) > MAX_NOTE) throw badInput('evidenceNote', `must be at most ${MAX_NOTE} characters`);
  return { granteeOrg, granteeSubject };
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
  const { basis, paper } = actingFor(data, child, input.evidenceNote);
  const { granteeOrg, granteeSubject } = validateGrant(data, child, input);
  if (paper && namesOwnOrganisation(data.actor, { granteeOrg, granteeAgency: input.granteeAgency ?? null })) {
    throw forbidden('A decision recorded on paper evidence cannot name your own organisation or agency');
  }
  const id = randomUUID();
  const categories = [...new Set(input.categories)];
  await data.write(store.insertConsent, {
    id,
    childId: child.id,
    kind,
    categories,
    granteeAgency: input.granteeAgency ?? null,
    granteeOrg,
    granteeSubject,
    givenBy: data.consentHolder(child),
    grantedBySub: data.actor.sub,
    grantedByOrg: data.actor.org,
    evidenceNote: input.evidenceNote?.trim() || null,
    validUntil: input.validUntil ?? null,
  });
  // A decision recorded on paper is flagged for the DPO's review.
  data.noteAction(child, kind === 'GRANT' ? 'GRANT_CONSENT' : 'REFUSE_CONSENT', basis, { categories, flags: paper ? ['PAPER_CONSENT'] : [] });
  data.forget(child);
  return consentById(data, await data.requireChild(child.id), id);
}

/**
 * Withdraws a consent or lifts a refusal: the holder, or the coordinator with the holder's paper
 * withdrawal (flagged). Hidden and missing consents get the same answer.
 */
export async function withdrawConsent(data: ScopedData, id: string, evidenceNote?: string | null): Promise<Sealed<ConsentRow>> {
  const missing = () => notFound('consent');
  const child = await data.requireChildOf((db) => store.childOfConsent(db, id), missing);
  data.assertCan('consent.withdraw', { child });
  const { basis, paper } = actingFor(data, child, evidenceNote);
  await data.write(store.withdrawConsent, { id, bySub: data.actor.sub, evidenceNote: paper ? evidenceNote!.trim() : null });
  data.noteAction(child, 'WITHDRAW_CONSENT', basis, { categories: ['IDENTITY'], flags: paper ? ['PAPER_CONSENT'] : [] });
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
  // A real reason, for the DPO's review: at least ten letters ("." or a lone zero-width space is none).
  if ((why.match(/\p{L}/gu) ?? []).length < MIN_REASON_LETTERS) {
    throw badInput('reason', `say why in words (at least ${MIN_REASON_LETTERS} letters): break-glass access is reviewed by the data protection officer`);
  }
  if (why.length > MAX_NOTE) throw badInput('reason', `must be at most ${MAX_NOTE} characters`);
  const id = randomUUID();
  const expiresAt = new Date(data.now.getTime() + data.settings.breakGlassHours * 3_600_000);
  await data.write(store.insertBreakGlass, { id, childId: child.id, actorSub: data.actor.sub, actorOrg: data.actor.org, reason: why, expiresAt });
  data.noteAction(child, 'BREAK_GLASS', 'BREAK_GLASS', { flags: ['BREAK_GLASS'] });
  data.forget(child);
  const fresh = await data.requireChild(child.id);
  return data.where(data.breakGlassGrantsOf(fresh), (g) => g.id === id)[0]!;
}
