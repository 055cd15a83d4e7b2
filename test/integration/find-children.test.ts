/**
 * Finding a child and the caseworker's caseload: `children(filter, orderBy)` with totalCount, NHS numbers
 * as people write them (`944 930 5552`), one record per NHS number (a second registration is CONFLICT and
 * recorded on the existing record), and the caseload ordered by the next statutory deadline.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upnCheckLetter } from '../../src/domain/identifiers.js';
import { coordinatorOf, dpoOf, newAreaCode, newNhsNumber, practitioner, registerChild, spacedNhsNumber } from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

/** A fresh NHS number, spaced as people write it, and the ten digits stored. */
function spacedNhs(): { spaced: string; stored: string } {
  const stored = newNhsNumber();
  return { spaced: spacedNhsNumber(stored), stored };
}
const upnFor = (la: string) => {
  const last12 = `${la}${String(randomInt(0, 10_000)).padStart(4, '0')}18${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return `${upnCheckLetter(last12)}${last12}`;
};

const FIND = `query($f: ChildFilter, $o: ChildOrder, $first: Int, $after: String) {
  children(filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id givenName familyName nhsNumber plan { nextDeadline { kind dueOn } overdue } } } } }`;
const REQUEST = `mutation($c: ID!, $d: Date!) { requestAssessment(childId: $c, receivedOn: $d) { status } }`;
const ADVANCE = `mutation($c: ID!, $e: PlanEvent!, $on: Date!) { advancePlan(childId: $c, event: $e, on: $on) { status } }`;

describe('NHS numbers: written with spaces, one record per number', () => {
  it('stores the ten digits, finds the child by either form and refuses a second registration', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const nhs = spacedNhs();
    const id = await registerChild(t, coordinator, { givenName: 'Ada', familyName: 'Lovelace', nhsNumber: nhs.spaced });
    const found = await t.gql(coordinator, FIND, { f: { nhsNumber: nhs.spaced } });
    expect(found.data.children.totalCount).toBe(1);
    expect(found.data.children.edges[0].node).toMatchObject({ id, nhsNumber: nhs.stored });
    expect((await t.gql(coordinator, FIND, { f: { nhsNumber: nhs.stored } })).data.children.edges[0].node.id).toBe(id);
    // A wrong check digit is bad input, not an empty answer.
    const wrong = `${nhs.stored.slice(0, 9)}${(Number(nhs.stored[9]) + 1) % 10}`;
    expect(codes(await t.gql(coordinator, FIND, { f: { nhsNumber: wrong } }))).toEqual(['BAD_USER_INPUT']);

    const register = (actor: typeof coordinator, areaCode: string) =>
      t.gql(actor, `mutation($i: RegisterChildInput!) { registerChild(input: $i) { id } }`, { i: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '2015-04-01', areaCode, nhsNumber: nhs.stored } });
    const again = await register(coordinator, area);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toMatch(/already registered in this area/);
    const elsewhere = coordinatorOf(newAreaCode());
    const other = await register(elsewhere, elsewhere.areas[0]!);
    expect(codes(other)).toEqual(['CONFLICT']);
    expect(other.errors![0]!.message).toBe('A child with this NHS number is already registered with another council: ask for a transfer');
    expect(JSON.stringify(other)).not.toContain(id);
    expect((await t.gql(coordinator, FIND, { f: { nhsNumber: nhs.stored } })).data.children.totalCount).toBe(1);
    // The attempt is recorded on the existing record, where its council's DPO sees it.
    const log = await t.gql(dpoOf(area), `query($c: ID!) { accessLog(filter: { childId: $c }, first: 50) { edges { node { action basis flags actorSub } } } }`, { c: id });
    const refused = log.data.accessLog.edges.map((e: any) => e.node).filter((n: any) => n.flags.includes('DUPLICATE_NHS_NUMBER'));
    expect(refused.map((n: any) => [n.action, n.basis, n.actorSub]).sort()).toEqual([['REGISTER', 'DENIED', coordinator.sub], ['REGISTER', 'DENIED', elsewhere.sub]].sort());
  });
});

describe('children(filter): find a child by UPN, name, date of birth, status', () => {
  it('matches every field given and counts all pages', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const upn = upnFor('999');
    const ada = await registerChild(t, coordinator, { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '2014-12-10', upn });
    const alan = await registerChild(t, coordinator, { givenName: 'Alan', familyName: 'Turing', dateOfBirth: '2013-06-23' });
    const anne = await registerChild(t, coordinator, { givenName: 'Anne', familyName: 'de Lovelace', dateOfBirth: '2016-01-01' });
    const ids = async (f: Record<string, unknown>, o?: string) => {
      const r = await t.gql(coordinator, FIND, { f, o, first: 100 });
      expect(r.errors).toBeUndefined();
      return { ids: r.data.children.edges.map((e: any) => e.node.id), total: r.data.children.totalCount };
    };
    expect(await ids({ upn: upn.toLowerCase() })).toEqual({ ids: [ada], total: 1 });
    expect((await ids({ name: 'love' }, 'NAME')).ids).toEqual([anne, ada]); // "de Lovelace" sorts under d
    expect((await ids({ name: 'ada LOVE' })).ids).toEqual([ada]);
    expect((await ids({ dateOfBirth: '2013-06-23' })).ids).toEqual([alan]);
    expect((await ids({ name: '%' })).ids).toEqual([]); // LIKE wildcards are literal
    await t.gql(coordinator, REQUEST, { c: alan, d: '2026-01-05' });
    expect((await ids({ planStatus: ['REQUESTED'] })).ids).toEqual([alan]);
    expect((await ids({})).total).toBe(3);
    // Outsiders count nothing of this area.
    const outsider = await t.gql(coordinatorOf(newAreaCode()), FIND, { f: { name: 'ada' } });
    expect(outsider.data.children.totalCount).toBe(0);
    expect(codes(await t.gql(coordinator, FIND, { f: { dueWithinDays: -1 } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the caseload: ordered by the next statutory deadline', () => {
  it('puts the earliest deadline first, no deadline last, filters overdue and due-within, and pages by position', async () => {
    const area = newAreaCode();
    const coordinator = coordinatorOf(area);
    const today = new Date().toISOString().slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const none = await registerChild(t, coordinator, { givenName: 'Nobody' });
    const late = await registerChild(t, coordinator, { givenName: 'Late' });
    const soon = await registerChild(t, coordinator, { givenName: 'Soon' });
    const later = await registerChild(t, coordinator, { givenName: 'Later' });
    // reg 5(1): the decision is due 42 days after the request.
    await t.gql(coordinator, REQUEST, { c: late, d: shift(-50) }); // due 8 days ago: overdue
    await t.gql(coordinator, REQUEST, { c: soon, d: shift(-40) }); // due in 2 days
    await t.gql(coordinator, REQUEST, { c: later, d: shift(-10) }); // due in 32 days
    await t.gql(coordinator, ADVANCE, { c: later, e: 'DECIDE_TO_ASSESS', on: shift(-5) }); // now the decision whether to issue
    const page = async (f: Record<string, unknown> | null, first: number, after?: string) => {
      const r = await t.gql(coordinator, FIND, { f, o: 'NEXT_DEADLINE', first, after });
      expect(r.errors).toBeUndefined();
      return r.data.children;
    };
    const all = await page(null, 10);
    expect(all.edges.map((e: any) => e.node.givenName)).toEqual(['Late', 'Soon', 'Later', 'Nobody']);
    expect(all.edges.map((e: any) => e.node.plan?.nextDeadline ?? null)).toEqual([
      { kind: 'DECISION_TO_ASSESS', dueOn: shift(-8) },
      { kind: 'DECISION_TO_ASSESS', dueOn: shift(2) },
      { kind: 'NOT_TO_ISSUE', dueOn: shift(102) }, // reg 10(1): 16 weeks from the request
      null,
    ]);
    const first = await page(null, 2);
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(null, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e: any) => e.node.id)).toEqual([later, none]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await page({ overdue: true }, 10)).edges.map((e: any) => e.node.id)).toEqual([late]);
    const within = await page({ dueWithinDays: 30 }, 10);
    expect({ ids: within.edges.map((e: any) => e.node.id), total: within.totalCount }).toEqual({ ids: [late, soon], total: 2 });
    // A keyset cursor is not a position cursor.
    const byId = await t.gql(coordinator, FIND, { first: 1 });
    expect(codes(await t.gql(coordinator, FIND, { o: 'NEXT_DEADLINE', first: 1, after: byId.data.children.pageInfo.endCursor }))).toEqual(['BAD_USER_INPUT']);
    // A practitioner's caseload is their care team's children only.
    expect((await t.gql(practitioner('HEALTH'), FIND, { o: 'NEXT_DEADLINE' })).data.children.totalCount).toBe(0);
  });
});
