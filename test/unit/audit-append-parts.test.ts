/**
 * The audit append hashes in the database (migration 0012, `audit_append`) from the canonical JSON the
 * hub splits around `at`, `chainSeq` and `seq`: the parts put back together must be exactly
 * `canonicalEvent`, or every appended event would fail verification.
 */
import { describe, expect, it } from 'vitest';
import { canonicalParts, type AppendedEvent } from '../../src/audit/access-recorder.js';
import { canonicalEvent, chainOf, NO_AREA_CHAIN } from '../../src/audit/hash-chain.js';

const base: AppendedEvent = {
  id: '7d1c2f0e-1111-4a4a-8888-000000000001', requestId: 'r-1', actorSub: 'health:1', actorOrg: 'RB1', actorRole: 'PRACTITIONER',
  childId: '7d1c2f0e-1111-4a4a-8888-000000000002', areaCode: 'E06000001', chain: 'E06000001', action: 'READ', basis: 'CONSENT',
  categories: ['HEALTH', 'IDENTITY'], sections: ['C'], operationName: 'Page', flags: ['BULK'],
};

const joined = (event: AppendedEvent, at: string, chainSeq: number, seq: number) => {
  const [p0, p1, p2] = canonicalParts(event);
  return `${p0}"${at}"${p1}${chainSeq}${p2}${seq}}`;
};

describe('audit_append canonical parts', () => {
  const at = '2026-12-07T10:45:00.123456Z';
  it.each([
    ['an event with an area', base],
    ['a child-less event without an area', { ...base, childId: null, areaCode: null, chain: chainOf(null), sections: [], flags: [] }],
    ['an operation name that imitates the keys', { ...base, operationName: '"at":"@","chainSeq":0,"seq":0}' }],
    ['an actor with quotes and non-ASCII', { ...base, actorSub: 'family:"Zoë" \\ ☃' }],
  ])('%s joins back to canonicalEvent', (_name, event) => {
    for (const [chainSeq, seq] of [[1, 1], [7, 42], [123_456, 9_007_199]] as const) {
      expect(joined(event, at, chainSeq, seq)).toBe(canonicalEvent({ ...event, at, chainSeq, seq }));
    }
  });

  it('hashes the chain and the position in it, so neither can change unseen', () => {
    const text = canonicalEvent({ ...base, at, chainSeq: 7, seq: 42 });
    expect(text).toContain('"chain":"E06000001","chainSeq":7,');
    expect(canonicalEvent({ ...base, chain: 'E06000002', at, chainSeq: 7, seq: 42 })).not.toBe(text);
  });

  it('an event with no area goes to the national chain; the legacy chain hashes without chain fields', () => {
    expect(chainOf(null)).toBe(NO_AREA_CHAIN);
    expect(chainOf('E06000001')).toBe('E06000001');
    const { chain: _chain, ...legacy } = base;
    expect(canonicalEvent({ ...legacy, at, seq: 42 })).not.toContain('chain');
  });
});
