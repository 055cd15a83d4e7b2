import { describe, expect, it } from 'vitest';
import { actorFromClaims } from '../../src/platform/auth/claims.js';

const base = { sub: 'u1', org: 'RQM', agency: 'HEALTH', role: 'PRACTITIONER', areas: ['E09000033'] };

describe('token claims', () => {
  it('builds an actor from claims of the right shape', () => {
    expect(actorFromClaims(base)).toEqual({ sub: 'u1', org: 'RQM', agency: 'HEALTH', role: 'PRACTITIONER', areas: ['E09000033'] });
    expect(actorFromClaims({ sub: 'f', org: 'FAMILY', role: 'FAMILY' })).toMatchObject({ agency: null, areas: [] });
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
  ])('refuses %s', (_name, claims) => {
    expect(actorFromClaims(claims)).toBeNull();
  });
});
