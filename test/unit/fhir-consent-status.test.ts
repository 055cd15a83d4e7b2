/**
 * The FHIR Consent status says whether a consent counts, so it must agree with the access decision
 * itself (policies/field-access.ts, rule 6). This walks every combination of withdrawal, expiry, who
 * gave it and who decides now, and asks `decideFieldAccess` the question the consent answers.
 */
import { describe, expect, it } from 'vitest';
import { decideFieldAccess, type ConsentFacts, type FieldAccessRequest } from '../../policies/field-access.js';
import type { Actor } from '../../src/domain/actor.js';
import type { FamilyRelationship } from '../../src/domain/vocabulary.js';
import { consentState } from '../../src/platform/fhir/consent-resource.js';
import type { ConsentRecord } from '../../src/platform/fhir/records.js';
import { consentRecord } from '../support/fhir-fixtures.js';

const NOW = new Date('2026-03-02T10:00:00.000Z');
/** Dates of birth for which, on NOW, the parent or the young person decides. */
const BORN: Record<FamilyRelationship, string> = { PARENT: '2016-05-04', YOUNG_PERSON: '2007-05-04' };
const HEALTH: Actor = { sub: 'practitioner:h1', org: 'RQM', agency: 'HEALTH', role: 'PRACTITIONER', areas: [] };

const instants = { none: null, past: new Date(NOW.getTime() - 60_000), now: NOW, future: new Date(NOW.getTime() + 60_000) } as const;
type When = keyof typeof instants;
const WHENS = Object.keys(instants) as When[];

function facts(r: ConsentRecord): ConsentFacts {
  return { id: r.id, kind: r.kind, categories: [...r.categories], granteeAgency: r.granteeAgency, granteeOrg: r.granteeOrg, givenBy: r.givenBy, validUntil: r.validUntil, withdrawnAt: r.withdrawnAt };
}

/** A health practitioner on the care team reading an education entry: only a consent can release it. */
function released(consents: ConsentRecord[], holder: FamilyRelationship): boolean {
  const req: FieldAccessRequest = {
    actor: HEALTH,
    child: { id: 'c1', areaCode: 'E09000033', dateOfBirth: BORN[holder], careTeam: [{ org: 'RQM', agency: 'HEALTH' }], family: [] },
    category: 'EDUCATION',
    sectionOwner: 'EDUCATION',
    sectionAuthorOrg: 'LA213',
    consents: consents.map(facts),
    breakGlass: [],
    now: NOW,
  };
  return decideFieldAccess(req).allow;
}

const cases = WHENS.flatMap((withdrawn) =>
  WHENS.flatMap((expires) =>
    (['PARENT', 'YOUNG_PERSON'] as const).flatMap((givenBy) => (['PARENT', 'YOUNG_PERSON'] as const).map((holder) => ({ withdrawn, expires, givenBy, holder }))),
  ),
);

describe('Consent.status agrees with the access decision', () => {
  it.each(cases)('withdrawn $withdrawn, expires $expires, given by $givenBy, holder now $holder', ({ withdrawn, expires, givenBy, holder }) => {
    const base = { categories: ['EDUCATION'] as const, granteeAgency: 'HEALTH' as const, givenBy, withdrawnAt: instants[withdrawn], validUntil: instants[expires] };
    const grant = consentRecord({ ...base, kind: 'GRANT' });
    const active = consentState(grant, { nhsNumber: '9449305552', consentHolder: holder }, NOW).status === 'active';
    expect(active).toBe(released([grant], holder));

    // A refusal shows active exactly when it still blocks a standing grant from the current holder.
    const refusal = consentRecord({ ...base, kind: 'REFUSAL' });
    const standing = consentRecord({ categories: ['EDUCATION'], granteeAgency: 'HEALTH', givenBy: holder, kind: 'GRANT' });
    const refusalActive = consentState(refusal, { nhsNumber: '9449305552', consentHolder: holder }, NOW).status === 'active';
    expect(refusalActive).toBe(!released([standing, refusal], holder));
  });
});
