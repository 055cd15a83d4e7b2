/**
 * Guards of consents and break-glass grants. Who has agreed to share what with whom is released to
 * everyone with a relationship with the child (they need to know what they may ask for); the member
 * of staff who recorded a paper consent is never named to a family (their organisation stands in).
 */
import type { BreakGlassRow, ConsentRow } from '../../src/access/child-record.js';
import { guardType, identity, relation } from '../../src/access/guards.js';
import { consentInForce } from '../../policies/field-access.js';
import { consentHolderOn } from '../../src/domain/consent-holder.js';
import type { BreakGlassGrantType, ConsentType } from './consent.types.js';

export const consentGuards = guardType<ConsentRow, ConsentType>('Consent', {
  id: identity((c) => c.id),
  kind: identity((c) => c.kind),
  categories: identity((c) => c.categories),
  granteeAgency: identity((c) => c.granteeAgency),
  granteeOrg: identity((c) => c.granteeOrg),
  granteeSubject: identity((c) => c.granteeSubject),
  givenBy: identity((c) => c.givenBy),
  grantedBySub: identity((c, view) => view.staffIdentifier(c.grantedBySub, c.grantedByOrg ?? 'COUNCIL')),
  evidenceNote: identity((c) => c.evidenceNote),
  validUntil: identity((c) => c.validUntil),
  withdrawnAt: identity((c) => c.withdrawnAt),
  createdAt: identity((c) => c.createdAt),
  active: identity((c, view, child) => consentInForce(c, consentHolderOn(child!.row.dateOfBirth, view.today), view.now)),
});

export const breakGlassGrantGuards = guardType<BreakGlassRow, BreakGlassGrantType>('BreakGlassGrant', {
  id: identity((g) => g.id),
  expiresAt: identity((g) => g.expiresAt),
  reason: identity((g) => g.reason),
});

export const consentTypes = [
  guardType('Child', { consents: relation("the child's consents, each under the Consent guards") }),
  consentGuards,
  breakGlassGrantGuards,
];
