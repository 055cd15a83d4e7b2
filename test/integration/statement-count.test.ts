import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededArea } from '../support/seeded-area.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const PAGE = `query($first: Int) { children(first: $first) { edges { node {
  id givenName familyName dateOfBirth nhsNumber upn careTeam { org } familyMembers { subject }
  plan { status decisionDue finalPlanDue overdue adviceRequests { dueOn } clockExceptions { reason } }
  consents { id categories active }
  sections { code version agency entries { key category value } needs { type rank } provisions { description }
    placement { settingType } personalBudget { form } history { version authorOrg } }
} } } }`;

/** Statements the database saw for one request (DataLoader batching: independent of page size). */
async function statementsFor(actor: any, first: number): Promise<number> {
  const before = t.hub.database.statements.count;
  const result = await t.gql(actor, PAGE, { first });
  expect(result.errors).toBeUndefined();
  expect(result.data.children.edges).toHaveLength(first);
  return t.hub.database.statements.count - before;
}

describe('no N+1 (docs/quality-targets.md)', () => {
  it('a 100-child page with all sections, entries, plans and consents costs no more statements than a 5-child page', async () => {
    const { coordinator } = await seededArea(t, 120);
    await statementsFor(coordinator, 5); // warm-up
    const five = await statementsFor(coordinator, 5);
    const hundred = await statementsFor(coordinator, 100);
    console.log(`SQL statements per request: 5 children → ${five}, 100 children → ${hundred}`);
    expect(hundred).toBeLessThanOrEqual(five);
  });
});

describe('totalCount is counted only when asked for', () => {
  it('costs exactly one statement more with totalCount than without, and counts every match', async () => {
    const { coordinator } = await seededArea(t, 12);
    const query = (withTotal: boolean) => `{ children(first: 5) { edges { node { id } } ${withTotal ? 'totalCount' : ''} } }`;
    const cost = async (withTotal: boolean) => {
      const before = t.hub.database.statements.count;
      const result = await t.gql(coordinator, query(withTotal));
      expect(result.errors).toBeUndefined();
      expect(result.data.children.edges).toHaveLength(5);
      return { statements: t.hub.database.statements.count - before, total: result.data.children.totalCount };
    };
    await cost(false); // warm-up
    const without = await cost(false);
    const withTotal = await cost(true);
    expect(withTotal.statements).toBe(without.statements + 1);
    expect(withTotal.total).toBeGreaterThanOrEqual(12);
  });
});

