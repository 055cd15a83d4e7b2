/**
 * Consent lifecycle and break-glass (DESIGN.md §3 rules 6-7). Only the current consent holder gives or
 * withdraws consent — the parent until the end of compulsory school age, then the young person (CFA
 * 2014 s.80) — or the area's coordinator recording a consent given on paper, with evidence.
 */
import { isUuid } from '../../src/domain/identifiers.js';
import { currentConsentHolder, relationshipsOf } from '../../policies/field-access.js';
import type { ConsentRow } from '../../src/access/loaders.js';
import { toConsentFacts, type ScopedData, type VisibleChild } from '../../src/access/scoped-data.js';
import type { AccessBasis, ConsentKind, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { badInput, forbidden, notFound } from '../../src/platform/errors.js';
import * as store from './consent.store.js';
import type { ConsentType, GrantConsentInput } from './consent.types.js';

const MAX_NOTE = 2000;
const ORG_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;

/**
 * Who is acting for the consent holder, and on what basis; FORBIDDEN for anyone else. A coordinator
 * recording a new consent given on paper must cite the evidence (`requireEvidence`).
 */
function actingFor(
  data: ScopedData,
  child: VisibleChild,
  { evidenceNote, requireEvidence }: { evidenceNote?: string | null; requireEvidence: boolean },
): { holder: FamilyRelationship; basis: AccessBasis } {
  const { actor } = data;
  const holder = currentConsentHolder(child.dateOfBirth, data.now);
  const rels = relationshipsOf(actor, child);
  if (rels.includes('FAMILY')) {
    const link = child.family.find((f) => f.subject === actor.sub);
    if (link?.relationship !== holder) {
      throw forbidden(holder === 'YOUNG_PERSON'
        ? 'The young person decides now: consent passed to them at the end of compulsory school age'
        : 'Only the parent decides until the end of compulsory school age');
    }
    return { holder, basis: 'FAMILY' };
  }
  if (rels.includes('COORDINATOR')) {
    if (requireEvidence && !evidenceNote?.trim()) throw badInput('evidenceNote', 'is required when recording a consent given on paper');
    return { holder, basis: 'STATUTORY' };
  }
  throw forbidden('Only the consent holder, or the coordinator recording a paper consent, may do this');
}

function validateGrant(data: ScopedData, input: GrantConsentInput): { granteeOrg: string | null } {
  if (input.categories.length === 0) throw badInput('categories', 'name at least one category');
  // Safeguarding is shared on statutory safeguarding duties or break-glass, never by consent (Working Together 2023).
  if (input.categories.includes('SAFEGUARDING')) throw badInput('categories', 'SAFEGUARDING cannot be shared by consent');
  if (input.categories.includes('IDENTITY')) throw badInput('categories', 'IDENTITY is shared with the care team already');
  if (!input.granteeAgency && !input.granteeOrg) throw badInput('granteeAgency', 'name the agency or organisation the consent is for');
  const granteeOrg = input.granteeOrg?.trim().toUpperCase() || null;
  if (granteeOrg && !ORG_CODE.test(granteeOrg)) throw badInput('granteeOrg', 'must be an organisation code');
  if (input.validUntil && input.validUntil.getTime() <= data.now.getTime()) throw badInput('validUntil', 'must be in the future');
  if ((input.evidenceNote?.length ?? 0) > MAX_NOTE) throw badInput('evidenceNote', `must be at most ${MAX_NOTE} characters`);
  return { granteeOrg };
}

export async function recordConsent(data: ScopedData, input: GrantConsentInput, kind: ConsentKind): Promise<ConsentType> {
  const child = await data.requireChild(input.childId);
  const { holder, basis } = actingFor(data, child, { evidenceNote: input.evidenceNote, requireEvidence: true });
  const { granteeOrg } = validateGrant(data, input);
  const row = await data.write((tx) =>
    store.insertConsent(tx, {
      childId: child.id,
      kind,
      categories: [...new Set(input.categories)],
      granteeAgency: input.granteeAgency ?? null,
      granteeOrg,
      givenBy: holder,
      grantedBySub: data.actor.sub,
      evidenceNote: input.evidenceNote?.trim() || null,
      validUntil: input.validUntil ?? null,
    }),
  );
  data.noteAction(child.id, kind === 'GRANT' ? 'GRANT_CONSENT' : 'REFUSE_CONSENT', basis, { categories: row.categories });
  data.forget(child.id);
  return consentView(row, child, data.now);
}

export async function withdrawConsent(data: ScopedData, id: string): Promise<ConsentType> {
  const existing = isUuid(id) ? await store.findConsent(data.tx, id) : null;
  if (!existing) throw notFound('consent');
  const child = await data.requireChild(existing.childId);
  const { basis } = actingFor(data, child, { requireEvidence: false });
  const row = (await data.write((tx) => store.withdrawConsent(tx, id, data.actor.sub))) ?? existing;
  data.noteAction(child.id, 'WITHDRAW_CONSENT', basis, { categories: row.categories });
  data.forget(child.id);
  return consentView(row, child, data.now);
}
export async function consentsOf(data: ScopedData, child: VisibleChild): Promise<ConsentType[]> {
  const rows = await data.loaders.consents.load(child.id);
  const views = rows.map((r) => consentView(r, child, data.now)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return data.release(child, { category: 'IDENTITY', sectionCode: null, sectionOwner: null, sectionAuthorOrg: null }, views);
}

function consentView(row: ConsentRow, child: VisibleChild, now: Date): ConsentType {
  const f = toConsentFacts(row);
  const active =
    (f.withdrawnAt === null || f.withdrawnAt > now) &&
    (f.validUntil === null || f.validUntil > now) &&
    f.givenBy === currentConsentHolder(child.dateOfBirth, now);
  return { ...row, active };
}

/**
 * Break-glass (DESIGN.md §3 rule 7): a practitioner on the care team, in an emergency, with a reason;
 * time-limited, releases every category while active, flagged for DPO review.
 */
export async function breakGlass(data: ScopedData, childId: string, reason: string) {
  const child = await data.requireChild(childId);
  const { actor } = data;
  if (actor.role !== 'PRACTITIONER' || !relationshipsOf(actor, child).includes('CARE_TEAM')) {
    throw forbidden('Only a practitioner on the child\'s care team may break the glass');
  }
  const why = reason.trim();
  if (!why) throw badInput('reason', 'say why: break-glass access is reviewed by the data protection officer');
  if (why.length > MAX_NOTE) throw badInput('reason', `must be at most ${MAX_NOTE} characters`);
  const expiresAt = new Date(data.now.getTime() + data.settings.breakGlassHours * 3_600_000);
  const row = await data.write((tx) => store.insertBreakGlass(tx, { childId: child.id, actorSub: actor.sub, actorOrg: actor.org, reason: why, expiresAt }));
  data.noteAction(child.id, 'BREAK_GLASS', 'BREAK_GLASS', { flags: ['BREAK_GLASS'] });
  data.forget(child.id);
  return row;
}
