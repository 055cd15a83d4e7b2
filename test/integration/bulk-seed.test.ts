/**
 * The benchmarks' set-based seeder (seeds/bulk.ts): its children are valid records of the shape
 * generate.ts makes (valid, unique NHS numbers and UPNs, HMAC record keys, a plan each, a need exactly
 * when the plan has reached assessment, a placement exactly when it is final), and areaNeeds counts them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey, protectCount, recordKey } from '../../policies/disclosure/index.js';
import { seedChildrenBulk } from '../../seeds/bulk.js';
import type { DemoArea } from '../../seeds/demo-areas.js';
import { isValidNhsNumber, isValidUpn } from '../../src/domain/identifiers.js';
import { queryRows } from '../../src/platform/db/database.js';
import { commissionerOf, newAreaCode, newOrg } from '../support/factories.js';
import type { TestHub } from '../support/test-hub.js';
import { startIsolatedHub } from './commissioning.support.js';

const CHILDREN = 600;
let t: TestHub;
let area: DemoArea;
beforeAll(async () => {
  t = await startIsolatedHub();
  const code = newAreaCode();
  area = {
    code, name: 'Bulk area', senTeamOrg: newOrg('LA'), healthOrgs: [newOrg('RH')], socialCareOrg: newOrg('SC'),
    localities: ['North', 'South'].map((name, i) => ({ code: `E02${code.slice(-5)}${i}`, name })), postcodeAreas: ['ZZ1'],
  };
  // Two runs, the second continuing the numbering in small chunks: ids and NHS numbers must not collide.
  await seedChildrenBulk(t.hub.database.db, { children: CHILDREN / 2, area, disclosureKey: t.config.disclosureKey, today: '2025-06-01' });
  await seedChildrenBulk(t.hub.database.db, { children: CHILDREN / 2, area, disclosureKey: t.config.disclosureKey, today: '2025-06-01', startIndex: CHILDREN / 2, chunkSize: 70 });
}, 120_000);
afterAll(() => t?.close());

describe('seedChildrenBulk', () => {
  it('makes valid children with unique NHS numbers and HMAC record keys', async () => {
    const rows = await queryRows<Record<string, any>>(t.hub.database.db, sql`
      select id::text, nhs_number, upn, record_key, locality from children where area_code = ${area.code}`);
    expect(rows).toHaveLength(CHILDREN);
    expect(new Set(rows.map((r) => r.nhs_number)).size).toBe(CHILDREN);
    for (const r of rows) {
      expect(isValidNhsNumber(r.nhs_number)).toBe(true);
      expect(r.nhs_number.startsWith('9990')).toBe(false);
      expect(isValidUpn(r.upn)).toBe(true);
      expect(Number(r.record_key)).toBe(recordKey(t.config.disclosureKey, r.id));
      expect(area.localities.map((l) => l.code)).toContain(r.locality);
    }
  });

  it('gives every child a plan, a section B need once assessed, a placement once final', async () => {
    const rows = await queryRows<Record<string, any>>(t.hub.database.db, sql`
      select p.status,
        (select count(*)::int from sections s join needs n on n.version_id = s.current_version_id and n.rank = 1 where s.child_id = c.id and s.code = 'B') as needs,
        (select count(*)::int from sections s join placements pl on pl.version_id = s.current_version_id where s.child_id = c.id and s.code = 'I') as placements
      from children c left join plans p on p.child_id = c.id where c.area_code = ${area.code}`);
    for (const r of rows) {
      expect(r.status).not.toBeNull();
      expect(r.needs).toBe(['REQUESTED', 'NOT_ASSESSED'].includes(r.status) ? 0 : 1);
      expect(r.placements).toBe(['FINAL', 'CEASED'].includes(r.status) ? 1 : 0);
    }
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThan(3);
  });

  it('is counted by areaNeeds', async () => {
    const counted = await queryRows<Record<string, any>>(t.hub.database.db, sql`
      select c.record_key from children c join sections sb on sb.child_id = c.id and sb.code = 'B'
      join needs n on n.version_id = sb.current_version_id and n.rank = 1 where c.area_code = ${area.code}`);
    const result = await t.gql(commissionerOf(area.code), `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED], asOf: "2025-06-01") { total } }`, { a: area.code });
    expect(result.errors).toBeUndefined();
    expect(result.data.areaNeeds.total).toBe(protectCount(counted.length, cellKey(counted.map((r) => Number(r.record_key)))).count);
  });
});
