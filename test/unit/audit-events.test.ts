import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { accessEventGuards } from '../../resolvers/audit/audit.guards.js';
import type { AuditEventRow } from '../../src/access/access-log.js';
import type { ReleaseView } from '../../src/access/guards.js';
import { canonicalEvent, chainHash, GENESIS_HASH, type ChainedEvent } from '../../src/audit/hash-chain.js';

const row: AuditEventRow = {
  seq: 7, chain: 'E09000033', chainSeq: 3, id: '6f1c1c4e-9a43-4c1e-9a1a-0c3f1b0c2d11', at: '2025-03-01 10:00:00.123456+00', requestId: 'r1',
  actorSub: 'practitioner:alice', actorOrg: 'RX1', actorRole: 'PRACTITIONER', childId: '0b7b2f7e-58b6-4d43-9a53-7d0f0a4a3e55',
  action: 'READ', basis: 'CONSENT', categories: ['HEALTH'], sections: ['C'], operationName: 'SecretQueryName', flags: ['BULK'],
  prevHash: GENESIS_HASH, hash: 'x', areaCode: 'E09000033', actorOrgName: 'Royal Example Trust',
};

/** The event as the AccessEvent guards release it to a reader (`familyReader`: the family member's sub, else null). */
function toAccessEvent(event: AuditEventRow, familyReader: string | null): Record<string, unknown> {
  if (accessEventGuards.kind !== 'fields') throw new Error('AccessEvent has field guards');
  const view = {} as ReleaseView;
  return Object.fromEntries(Object.entries(accessEventGuards.fields).map(([field, spec]) => {
    if (spec.kind !== 'view') throw new Error(`${field} is a view field`);
    return [field, spec.read({ row: event, familyReader }, view)];
  }));
}

describe('toAccessEvent', () => {
  it('shows a DPO every field', () => {
    expect(toAccessEvent(row, null)).toMatchObject({ actorSub: 'practitioner:alice', operationName: 'SecretQueryName', flags: ['BULK'], sections: ['C'] });
  });

  it('shows a family member the organisation instead of a member of staff\'s sub, and no operation name', () => {
    expect(toAccessEvent(row, 'family:bob')).toMatchObject({ actorSub: 'RX1', actorOrg: 'RX1', actorRole: 'PRACTITIONER', operationName: null, basis: 'CONSENT' });
  });

  it('never shows a family member safeguarding activity', () => {
    expect(toAccessEvent({ ...row, categories: ['SAFEGUARDING', 'SOCIAL_CARE'] }, 'family:bob').categories).toEqual(['SOCIAL_CARE']);
    expect(toAccessEvent({ ...row, categories: ['SAFEGUARDING', 'SOCIAL_CARE'] }, null).categories).toEqual(['SAFEGUARDING', 'SOCIAL_CARE']);
  });

  it('names the organisation from the register', () => {
    expect(toAccessEvent(row, 'family:bob').actorOrgName).toBe('Royal Example Trust');
    expect(toAccessEvent({ ...row, actorOrgName: null }, 'family:bob').actorOrgName).toBe('RX1');
  });

  it('shows a family member their own sub on their own events', () => {
    expect(toAccessEvent({ ...row, actorSub: 'family:bob', actorOrg: 'FAMILY' }, 'family:bob').actorSub).toBe('family:bob');
  });
});

describe('hash chain', () => {
  const event: ChainedEvent = {
    seq: 1, id: 'i', at: '2025-01-01T00:00:00.000000Z', requestId: 'r', actorSub: 's', actorOrg: 'o', actorRole: 'DPO', childId: null,
    action: 'READ', basis: 'STATUTORY', categories: ['IDENTITY', 'HEALTH'], sections: ['C', 'B'], operationName: null, flags: ['BULK', 'BREAK_GLASS'],
  };

  it('hashes set-valued fields in canonical order', () => {
    const reordered = { ...event, categories: ['HEALTH', 'IDENTITY'], sections: ['B', 'C'], flags: ['BREAK_GLASS', 'BULK'] };
    expect(canonicalEvent(reordered)).toBe(canonicalEvent(event));
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, event));
  });

  it('changes with any field and with the previous hash', () => {
    const h = chainHash(GENESIS_HASH, event);
    expect(chainHash(GENESIS_HASH, { ...event, flags: ['BULK'] })).not.toBe(h);
    expect(chainHash(GENESIS_HASH, { ...event, seq: 2 })).not.toBe(h);
    expect(chainHash('1'.repeat(64), event)).not.toBe(h);
  });
});
