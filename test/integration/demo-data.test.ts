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
