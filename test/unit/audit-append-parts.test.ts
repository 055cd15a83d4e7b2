/**
 * The audit append hashes in the database (migration 0010, `audit_append`) from the canonical JSON the
 * hub splits around `at` and `seq`: the parts put back together must be exactly `canonicalEvent`, or
 * every appended event would fail verification.
 */
import { describe, expect, it } from 'vitest';
import { canonicalAround } from '../../src/audit/access-recorder.js';
import { canonicalEvent, type ChainedEvent } from '../../src/audit/hash-chain.js';

const base: Omit<ChainedEvent, 'seq' | 'at'> = {
  id: '7d1c2f0e-1111-4a4a-8888-000000000001', requestId: 'r-1', actorSub: 'health:1', actorOrg: 'RB1', actorRole: 'PRACTITIONER',
  childId: '7d1c2f0e-1111-4a4a-8888-000000000002', areaCode: 'E06000001', action: 'READ', basis: 'CONSENT',
  categories: ['HEALTH', 'IDENTITY'], sections: ['C'], operationName: 'Page', flags: ['BULK'],
};

const joined = (event: Omit<ChainedEvent, 'seq' | 'at'>, at: string, seq: number) => {
  const { pre, mid } = canonicalAround(event);
  return `${pre}"${at}"${mid}${seq}}`;
};

describe('audit_append canonical parts', () => {
  const at = '2026-12-07T10:45:00.123456Z';
  it.each([
    ['an event with an area', base],
    ['a child-less event without an area', { ...base, childId: null, areaCode: null, sections: [], flags: [] }],
    ['an operation name that imitates the at key', { ...base, operationName: '"at":"@", "seq":0}' }],
    ['an actor with quotes and non-ASCII', { ...base, actorSub: 'family:"Zoë" \\ ☃' }],
  ])('%s joins back to canonicalEvent', (_name, event) => {
    for (const seq of [1, 42, 9_007_199]) expect(joined(event, at, seq)).toBe(canonicalEvent({ ...event, at, seq }));
  });
});
