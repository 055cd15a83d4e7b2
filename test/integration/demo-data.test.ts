/**
 * The demo data `npm start` loads shows every role something real, through the same data path as any
 * client: the family its own child's record and an open copy request, the health trust its sections,
 * the school its pupils with the council's sections withheld, the DPO emergency accesses to review
 * and paper consents to check, and a young person recorded as lacking capacity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTORS, seedDemoIfEmpty } from '../../seeds/demo.js';
import { startIsolatedHub, type IsolatedHub } from '../support/isolated-hub.js';

let iso: IsolatedHub;
beforeAll(async () => {
  iso = await startIsolatedHub();
  await seedDemoIfEmpty(iso.t.hub.database.db, iso.t.config.disclosureKey);
});
afterAll(() => iso?.close());

const actor = (key: string) => DEMO_ACTORS.find((a) => a.key === key)!.actor;
const SECTIONS = `{ children(first: 50) { edges { node { id sections { code } } } } }`;
type Listed = { data: { children: { edges: { node: { id: string; sections: { code: string }[] } }[] } } };

describe('demo data', () => {
  it('gives the demo family one child with a record across agencies and an open copy request', async () => {
    const result = await iso.t.gql<Listed['data']>(actor('family'), SECTIONS);
    expect(result.errors).toBeUndefined();
    const [child] = result.data!.children.edges;
    expect(result.data!.children.edges).toHaveLength(1);
    expect(child!.node.sections.map((s) => s.code)).toEqual(expect.arrayContaining(['A', 'B', 'I']));
    const requests = await iso.t.gql(actor('family'), `query($id: ID!) { child(id: $id) { subjectAccessRequests { requestedByRole dueOn answeredAt } } }`, { id: child!.node.id });
    expect(requests.errors).toBeUndefined();
    expect(requests.data.child.subjectAccessRequests).toEqual([expect.objectContaining({ requestedByRole: 'FAMILY', answeredAt: null })]);
  });

  it('gives the health trust its own sections C and G on children of its care team', async () => {
    const result = await iso.t.gql<Listed['data']>(actor('health'), SECTIONS);
    expect(result.errors).toBeUndefined();
    const codes = result.data!.children.edges.flatMap((e) => e.node.sections.map((s) => s.code));
    expect(codes).toEqual(expect.arrayContaining(['C', 'G']));
  });

  it("gives the school its pupils, with the council's sections only where the family consented", async () => {
    const result = await iso.t.gql<Listed['data']>(actor('school'), SECTIONS);
    expect(result.errors).toBeUndefined();
    const pupils = result.data!.children.edges;
    expect(pupils.length).toBeGreaterThan(10);
    const withSections = pupils.filter((e) => e.node.sections.length > 0);
    expect(withSections.length).toBeGreaterThan(0);
    expect(withSections.length).toBeLessThan(pupils.length);
  });

  it('gives the DPO emergency accesses to review and paper consents to check', async () => {
    const dpo = actor('dpo');
    const reviews = await iso.t.gql(dpo, `{ breakGlassReviews { reason outcome } }`);
    expect(reviews.errors).toBeUndefined();
    expect(reviews.data.breakGlassReviews.length).toBeGreaterThanOrEqual(2);
    expect(reviews.data.breakGlassReviews.some((r: { outcome: string | null }) => r.outcome === null)).toBe(true);
    const flagged = await iso.t.gql(dpo, `{ flaggedRecords { kind childId } }`);
    expect(flagged.errors).toBeUndefined();
    expect(flagged.data.flaggedRecords.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['PAPER_CONSENT', 'CAPACITY']));
  });

  it('links a young person recorded as lacking capacity, for the DPO to check', async () => {
    const flagged = await iso.t.gql(actor('dpo'), `{ flaggedRecords { kind childId } }`);
    const capacity = flagged.data.flaggedRecords.find((f: { kind: string }) => f.kind === 'CAPACITY');
    const child = await iso.t.gql(actor('coordinator'), `query($id: ID!) { child(id: $id) { familyMembers { relationship } } }`, { id: capacity.childId });
    expect(child.errors).toBeUndefined();
    expect(child.data.child.familyMembers.map((m: { relationship: string }) => m.relationship)).toContain('YOUNG_PERSON');
  });

  it("gives the coordinator a caseload by next deadline: late invitations, a review decision due, a phase transfer, a second episode, a draft with the family's requests", async () => {
    const coordinator = actor('coordinator');
    // The whole caseload, page by page in deadline order (a page of 20 stays within the query cost limit).
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const r: any = await iso.t.gql(coordinator, `query($after: String) { children(orderBy: NEXT_DEADLINE, first: 20, after: $after, filter: { planStatus: [FINAL, ASSESSING, DRAFT, REQUESTED] }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id planHistory { episode status }
          plan { episode status deadlines { kind overdue } clockExceptions { qualifies } preferences { outcome grounds } familyComments { withinStatutoryPeriod } personalBudgetRequests { decision } } } } } }`, { after });
      expect(r.errors).toBeUndefined();
      nodes.push(...r.data.children.edges.map((e: any) => e.node));
      totalCount = r.data.children.totalCount;
      after = r.data.children.pageInfo.hasNextPage ? r.data.children.pageInfo.endCursor : null;
    } while (after);
    expect(nodes).toHaveLength(totalCount);
    const kinds = nodes.flatMap((n: any) => n.plan.deadlines.map((d: any) => `${d.kind}:${d.overdue}`));
    expect(kinds).toEqual(expect.arrayContaining(['REVIEW_INVITATIONS:true', 'REVIEW_DECISION:false', 'PHASE_TRANSFER:false', 'ADVICE:true', 'DRAFT_COMMENTS:false']));
    expect(nodes.some((n: any) => n.plan.episode === 2 && n.planHistory.map((e: any) => e.status).join() === 'NOT_ASSESSED,REQUESTED')).toBe(true);
    expect(nodes.some((n: any) => n.plan.clockExceptions.some((e: any) => e.qualifies))).toBe(true);
    const draft = nodes.find((n: any) => n.plan.preferences.length > 0);
    expect(draft.plan.preferences.map((p: any) => p.outcome)).toEqual(['REFUSED', null]);
    expect(draft.plan.familyComments).toEqual([{ withinStatutoryPeriod: true }]);
    expect(draft.plan.personalBudgetRequests).toEqual([{ decision: null }]);
  });
});

describe('demo data for the reforms beyond the plan', () => {
  it('gives the school its pupils on SEN support: reviews, some overdue, some parents not yet informed', async () => {
    const result = await iso.t.gql(actor('school'), `{ children(first: 50) { edges { node { senSupport { reviews { outcomesMet } overdue parentsNotInformed } } } } }`);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const support = result.data.children.edges.map((e: { node: { senSupport: unknown } }) => e.node.senSupport).filter(Boolean) as { reviews: unknown[]; overdue: boolean; parentsNotInformed: boolean }[];
    expect(support.length).toBeGreaterThan(20);
    expect(support.some((s) => s.reviews.length > 0)).toBe(true);
    expect(support.some((s) => s.overdue)).toBe(true);
    expect(support.some((s) => s.parentsNotInformed)).toBe(true);
  });

  it('gives the demo family the mediation it asked for, and the coordinator disputes at every stage', async () => {
    const family = await iso.t.gql(actor('family'), `{ children(first: 5) { edges { node { disputes { kind mediationDueBy } } } } }`);
    expect(family.errors).toBeUndefined();
    expect(family.data.children.edges[0].node.disputes).toEqual([expect.objectContaining({ kind: 'MEDIATION' })]);
    const coordinator = await iso.t.gql(actor('coordinator'), `{ children(first: 100) { edges { node { disputes { kind outcome complianceSteps { dueOn } } } } } }`);
    expect(coordinator.errors).toBeUndefined();
    const all = coordinator.data.children.edges.flatMap((e: { node: { disputes: { kind: string; outcome: string | null; complianceSteps: unknown[] }[] } }) => e.node.disputes);
    expect(new Set(all.map((d: { outcome: string | null }) => d.outcome ?? 'OPEN'))).toEqual(new Set(['OPEN', 'NOT_PURSUED', 'NOT_AGREED', 'AGREED', 'ALLOWED', 'DISMISSED', 'CONCEDED']));
    expect(all.some((d: { complianceSteps: unknown[] }) => d.complianceSteps.length > 0)).toBe(true);
  });

  it('gives the commissioner SEN support beside EHC plans, disputes and need against supply', async () => {
    const commissioner = actor('commissioner');
    const area = commissioner.areas[0]!;
    const needs = await iso.t.gql(commissioner, `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [SUPPORT_LEVEL]) { cells { key { value } count } } }`, { a: area });
    expect(needs.errors).toBeUndefined();
    const level = Object.fromEntries(needs.data.areaNeeds.cells.map((c: { key: { value: string }[]; count: number | null }) => [c.key[0]!.value, c.count]));
    expect(level.SEN_SUPPORT).toBeGreaterThan(level.EHC_PLAN);
    const disputes = await iso.t.gql(commissioner, `query($a: String!, $y: Int!) { areaDisputes(areaCode: $a, year: $y) { cells { kind } } }`, { a: area, y: Number(new Date().toISOString().slice(0, 4)) - 1 });
    expect(disputes.errors).toBeUndefined();
    const sufficiency = await iso.t.gql(commissioner, `query($a: String!) { areaSufficiency(areaCode: $a, groupBy: [PRIMARY_NEED]) { cells { key { value } need capacity gap } csv } }`, { a: area });
    expect(sufficiency.errors).toBeUndefined();
    expect(sufficiency.data.areaSufficiency.cells.some((c: { capacity: number }) => c.capacity > 0)).toBe(true);
    expect(sufficiency.data.areaSufficiency.cells.some((c: { gap: number | null }) => c.gap !== null)).toBe(true);
    const outcomes = await iso.t.gql(commissioner, `query($a: String!) { areaSenSupportOutcomes(areaCode: $a) { schools { schoolOrg schoolName pupils { count } percentage } } }`, { a: area });
    expect(outcomes.errors).toBeUndefined();
    expect(outcomes.data.areaSenSupportOutcomes.schools.length).toBeGreaterThanOrEqual(2);
  });
});
