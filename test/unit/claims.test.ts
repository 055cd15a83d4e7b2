import { describe, expect, it } from 'vitest';
import { actorFromClaims } from '../../src/platform/auth/claims.js';

const base = { sub: 'u1', org: 'RQM', agency: 'HEALTH', role: 'PRACTITIONER', areas: ['E09000033'] };

describe('token claims', () => {
  it('builds an actor from claims of the right shape', () => {
    expect(actorFromClaims(base)).toEqual({ sub: 'u1', org: 'RQM', agency: 'HEALTH', role: 'PRACTITIONER', areas: ['E09000033'] });
    expect(actorFromClaims({ sub: 'f', org: 'FAMILY', role: 'FAMILY' })).toMatchObject({ agency: null, areas: [] });
  });

  it('accepts a family token from a citizen identity provider, with neither org nor agency', () => {
    expect(actorFromClaims({ sub: 'nhs-login:123', role: 'FAMILY' })).toEqual({ sub: 'nhs-login:123', org: 'FAMILY', agency: null, role: 'FAMILY', areas: [] });
    // A family member acts for their child, not for an agency, whatever the token claims.
    expect(actorFromClaims({ sub: 'f', role: 'FAMILY', org: 'RQM', agency: 'HEALTH' })).toMatchObject({ agency: null });
  });

  it.each([
    ['unknown role', { ...base, role: 'ADMIN' }],
    ['unknown agency', { ...base, agency: 'POLICE' }],
    ['practitioner without agency', { ...base, agency: undefined }],
    ['coordinator without agency', { ...base, role: 'CASE_COORDINATOR', agency: undefined }],
    ['malformed area', { ...base, areas: ['Westminster'] }],
    ['areas not an array', { ...base, areas: 'E09000033' }],
    ['missing sub', { ...base, sub: undefined }],
    ['empty org', { ...base, org: '' }],
    ['practitioner without org', { ...base, org: undefined }],
    ['coordinator without org', { ...base, role: 'CASE_COORDINATOR', org: undefined }],
    ['commissioner without org', { sub: 'c', role: 'COMMISSIONER', areas: ['E09000033'] }],
    ['DPO without org', { sub: 'd', role: 'DPO', areas: ['E09000033'] }],
  ])('refuses %s', (_name, claims) => {
    expect(actorFromClaims(claims)).toBeNull();
  });
});
