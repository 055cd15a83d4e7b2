/**
 * Who may read the access log and what it shows (docs/audit.md): DPO by area with filters and pages,
 * families for their own child only and in plain terms, nobody else. Plus completeness of the events,
 * the BULK flag, the break-glass review queue and the subject access export.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, breakGlassGrants } from '../../schema/tables.js';
import { AccessRecorder } from '../../src/audit/access-recorder.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Db } from '../../src/platform/db/database.js';
import {
  childScenario, commissionerOf, coordinatorOf, dpoOf, familyMember, newAreaCode, newNhsNumber, practitioner, registerChild,
} from '../support/factories.js';
import { codes, startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const LOG = `query Log($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at actorSub actorOrg actorRole childId action basis categories sections flags operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const READ_CHILD = `query ReadChild($id: ID!) { child(id: $id) { givenName familyName } }`;

const eventsBy = (sub: string) => t.hub.database.db.select().from(auditEvents).where(eq(auditEvents.actorSub, sub)).orderBy(auditEvents.seq);
const nodes = (r: any) => r.data.accessLog.edges.map((e: any) => e.node);

describe('accessLog for the DPO', () => {
  it('shows events of the DPO\'s areas, newest first, filtered and paged', async () => {
    const s = await childScenario(t);
    const other = await childScenario(t);
    await t.gql(s.health, READ_CHILD, { id: s.childId });
    await t.gql(s.parent, READ_CHILD, { id: s.childId });
    await t.gql(other.health, READ_CHILD, { id: other.childId });
    const dpo = dpoOf(s.areaCode);

    const all = await t.gql(dpo, LOG, { first: 100 });
    expect(all.errors).toBeUndefined();
    const events = nodes(all);
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect([s.childId, null]).toContain(e.childId);
    const ats = events.map((e: any) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
    const healthRead = events.find((e: any) => e.actorSub === s.health.sub && e.action === 'READ');
    expect(healthRead).toMatchObject({ actorOrg: s.health.org, actorRole: 'PRACTITIONER', basis: 'STATUTORY', categories: ['IDENTITY'], operationName: 'ReadChild', flags: [] });

    const byActor = nodes(await t.gql(dpo, LOG, { filter: { actorSub: s.health.sub } }));
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: any) => e.actorSub === s.health.sub)).toBe(true);
    const byOrg = nodes(await t.gql(dpo, LOG, { filter: { actorOrg: s.coordinator.org, childId: s.childId } }));
    expect(byOrg.map((e: any) => e.action)).toContain('REGISTER');
    expect(byOrg.every((e: any) => e.actorOrg === s.coordinator.org)).toBe(true);
    const byBasis = nodes(await t.gql(dpo, LOG, { filter: { basis: 'FAMILY' } }));
    expect(byBasis.length).toBeGreaterThan(0);
    expect(byBasis.every((e: any) => e.basis === 'FAMILY' && e.actorSub === s.parent.sub)).toBe(true);
    const future = nodes(await t.gql(dpo, LOG, { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } }));
    expect(future).toEqual([]);
    const past = nodes(await t.gql(dpo, LOG, { filter: { to: new Date(Date.now() - 3_600_000).toISOString(), childId: s.childId } }));
    expect(past).toEqual([]);

    const paged: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: any = await t.gql(dpo, LOG, { filter: { childId: s.childId }, first: 3, after });
      paged.push(...nodes(page).map((e: any) => e.id));
      if (!page.data.accessLog.pageInfo.hasNextPage) break;
      after = page.data.accessLog.pageInfo.endCursor;
    }
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBeGreaterThan(6);
    expect(codes(await t.gql(dpo, LOG, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(dpo, LOG, { first: 1, after: 'nope' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers NOT_FOUND for another area\'s child, and its events never appear', async () => {
    const s = await childScenario(t);
    const other = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    expect(codes(await t.gql(dpo, LOG, { filter: { childId: other.childId } }))).toEqual(['NOT_FOUND']);
    const all = await t.gql(dpo, LOG, { first: 100 });
    expect(JSON.stringify(all)).not.toContain(other.childId);
  });

  it('records the DPO\'s reading of a child\'s log as a READ of IDENTITY', async () => {
    const s = await childScenario(t);
    const dpo = dpoOf(s.areaCode);
    await t.gql(dpo, LOG, { filter: { childId: s.childId } });
    const mine = await eventsBy(dpo.sub);
    expect(mine).toEqual([expect.objectContaining({ childId: s.childId, action: 'READ', basis: 'STATUTORY', categories: ['IDENTITY'] })]);
  });
});

describe('accessLog for families and everyone else', () => {
  it('shows a family member their own child\'s events only, in plain terms', async () => {
    const s = await childScenario(t);
    const other = await childScenario(t);
    await t.gql(s.health, READ_CHILD, { id: s.childId });
    await t.gql(other.health, READ_CHILD, { id: other.childId });
    await t.gql(s.parent, READ_CHILD, { id: s.childId });

    const log = await t.gql(s.parent, LOG, { first: 100 });
    expect(log.errors).toBeUndefined();
    const events = nodes(log);
    expect(events.length).toBeGreaterThan(3);
    expect(events.every((e: any) => e.childId === s.childId)).toBe(true);
    const text = JSON.stringify(log);
    for (const hidden of [s.health.sub, s.coordinator.sub, other.childId, 'ReadChild']) expect(text).not.toContain(hidden);
    expect(events).toContainEqual(expect.objectContaining({ actorSub: s.health.org, actorOrg: s.health.org, actorRole: 'PRACTITIONER', action: 'READ', operationName: null }));
    expect(events).toContainEqual(expect.objectContaining({ actorSub: s.parent.sub, basis: 'FAMILY' }));

    const explicit = nodes(await t.gql(s.parent, LOG, { filter: { childId: s.childId } }));
    expect(explicit.length).toBeGreaterThan(0);
    expect(explicit.every((e: any) => e.childId === s.childId)).toBe(true);
    // Reading the log was itself recorded, on the FAMILY basis.
    expect((await eventsBy(s.parent.sub)).filter((e) => e.basis === 'FAMILY').length).toBeGreaterThan(0);

    expect(codes(await t.gql(s.parent, LOG, { filter: { childId: other.childId } }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(s.parent, LOG, { filter: { childId: 'not-a-uuid' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(s.parent, LOG, { filter: { actorSub: s.health.sub } }))).toEqual(['BAD_USER_INPUT']);
    const stranger = familyMember();
    expect(nodes(await t.gql(stranger, LOG, {}))).toEqual([]);
  });

  it('forbids commissioners, practitioners and coordinators', async () => {
    const s = await childScenario(t);
    for (const actor of [commissionerOf(s.areaCode), s.health, s.coordinator]) {
      const r = await t.gql(actor, LOG, { filter: { childId: s.childId } });
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.data).toBeNull();
      expect(codes(await t.gql(actor, `{ auditChainStatus { intact } }`))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(actor, `{ breakGlassReviews { id } }`))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(actor, `query($c: ID!) { subjectAccessExport(childId: $c) }`, { c: s.childId }))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('completeness: events cover every child whose data was returned', () => {
  it('across generated query shapes (single, list, aliases, fragments)', async () => {
    const areaCode = newAreaCode();
    const registrar = coordinatorOf(areaCode);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await registerChild(t, registrar, { givenName: `Kid${i}` }));
    const FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'upn'] as const;
    const style = fc.constantFrom('direct', 'fragment', 'inline');
    const selection = fc.record({ child: fc.nat({ max: ids.length - 1 }), fields: fc.subarray([...FIELDS], { minLength: 1 }), style });
    const shape = fc.oneof(
      fc.record({ kind: fc.constant('roots' as const), picks: fc.array(selection, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('list' as const), first: fc.integer({ min: 1, max: 5 }), fields: fc.subarray([...FIELDS], { minLength: 1 }), style }),
    );
    const render = (fields: readonly string[], how: string, n: number) =>
      how === 'direct' ? `id ${fields.join(' ')}` : how === 'fragment' ? `id ...F${n}` : `id ... on Child { ${fields.join(' ')} }`;

    await fc.assert(fc.asyncProperty(shape, async (sh) => {
      const actor = coordinatorOf(areaCode);
      let query: string;
      const fragments: string[] = [];
      if (sh.kind === 'roots') {
        const roots = sh.picks.map((p, n) => {
          if (p.style === 'fragment') fragments.push(`fragment F${n} on Child { ${p.fields.join(' ')} }`);
          return `a${n}: child(id: "${ids[p.child]}") { ${render(p.fields, p.style, n)} }`;
        });
        query = `query Shape { ${roots.join(' ')} } ${fragments.join(' ')}`;
      } else {
        if (sh.style === 'fragment') fragments.push(`fragment F0 on Child { ${sh.fields.join(' ')} }`);
        query = `query Shape { children(first: ${sh.first}) { edges { node { ${render(sh.fields, sh.style, 0)} } } } } ${fragments.join(' ')}`;
      }
      const r = await t.gql(actor, query);
      expect(r.errors).toBeUndefined();
      const returned = new Set<string>();
      const visit = (v: any) => {
        if (v && typeof v === 'object') {
          if (typeof v.id === 'string' && ids.includes(v.id)) returned.add(v.id);
          Object.values(v).forEach(visit);
        }
      };
      visit(r.data);
      const events = await eventsBy(actor.sub);
      const covered = new Set(events.filter((e) => e.action === 'READ' && e.basis === 'STATUTORY' && e.categories.includes('IDENTITY')).map((e) => e.childId));
      expect(returned.size).toBeGreaterThan(0);
      for (const id of returned) expect(covered).toContain(id);
      // one event per child per action per basis in the request
      const keys = events.map((e) => `${e.requestId}|${e.childId}|${e.action}|${e.basis}`);
      expect(new Set(keys).size).toBe(keys.length);
    }), { numRuns: 20 });
  });

  it('records a denied attempt on another area\'s child as DENIED, and nothing is returned', async () => {
    const s = await childScenario(t);
    const outsider = practitioner('HEALTH');
    const r = await t.gql(outsider, READ_CHILD, { id: s.childId });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(await eventsBy(outsider.sub)).toEqual([expect.objectContaining({ childId: s.childId, basis: 'DENIED' })]);
  });
});

describe('BULK flag', () => {
  const recordReads = async (actor: Actor, childIds: string[], threshold: number, alsoWrite = false) => {
    const db = t.hub.database.db;
    return db.transaction(async (tx) => {
      const recorder = new AccessRecorder(actor, randomUUID(), 'BulkTest', threshold);
      for (const id of childIds) recorder.note({ childId: id, areaCode: null, action: 'READ', basis: 'STATUTORY', categories: ['IDENTITY'] });
      if (alsoWrite) recorder.note({ childId: childIds[0]!, areaCode: null, action: 'WRITE', basis: 'STATUTORY' });
      await recorder.flush(tx as unknown as Db);
    });
  };

  it('flags READ events once the actor has read more than the threshold of distinct children in an hour', async () => {
    const actor = coordinatorOf(newAreaCode());
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await recordReads(actor, [a, b], 2);
    await recordReads(actor, [a, b], 2); // same children again: still two
    const unflagged = await eventsBy(actor.sub);
    expect(unflagged.length).toBeGreaterThan(0);
    expect(unflagged.every((e) => e.flags.length === 0)).toBe(true);
    await recordReads(actor, [c], 2, true);
    const last = (await eventsBy(actor.sub)).slice(-2);
    expect(last.find((e) => e.action === 'READ')!.flags).toEqual(['BULK']);
    expect(last.find((e) => e.action === 'WRITE')!.flags).toEqual([]);
    // Another actor is unaffected.
    const other = coordinatorOf(newAreaCode());
    await recordReads(other, [a], 2);
    expect((await eventsBy(other.sub))[0]!.flags).toEqual([]);
  });

  it('flags a page read past the configured default of 50 through the API, visible to the DPO', async () => {
    const areaCode = newAreaCode();
    const registrar = coordinatorOf(areaCode);
    const reader = coordinatorOf(areaCode);
    await Promise.all(Array.from({ length: 51 }, () => registerChild(t, registrar)));
    const small = await t.gql(reader, `{ children(first: 50) { edges { node { id givenName } } } }`);
    expect(small.data.children.edges).toHaveLength(50);
    const firstPage = await eventsBy(reader.sub);
    expect(firstPage.length).toBeGreaterThan(0); // else the next line would hold of nothing
    expect(firstPage.every((e) => !e.flags.includes('BULK'))).toBe(true);
    await t.gql(reader, `{ children(first: 100) { edges { node { id givenName } } } }`);
    const events = await eventsBy(reader.sub);
    expect(events.filter((e) => e.flags.includes('BULK'))).toHaveLength(51);
    const dpoView = nodes(await t.gql(dpoOf(areaCode), LOG, { filter: { actorSub: reader.sub }, first: 100 }));
    expect(dpoView.filter((e: any) => e.flags.includes('BULK'))).toHaveLength(51);
  });
});

describe('break-glass review queue', () => {
  async function grant(childId: string, actor: Actor) {
    const [row] = await t.hub.database.db.insert(breakGlassGrants).values({
      childId, actorSub: actor.sub, actorOrg: actor.org, reason: 'Unconscious at A&E, need medication history',
      expiresAt: new Date(Date.now() + 3_600_000),
    }).returning();
    return row!;
  }

  it('lists pending grants to the DPO of the area, records one review, and audits it', async () => {
    const s = await childScenario(t);
    const other = await childScenario(t);
    const g = await grant(s.childId, s.health);
    const g2 = await grant(other.childId, other.health);
    const dpo = dpoOf(s.areaCode);
    const queue = await t.gql(dpo, `{ breakGlassReviews(pending: true) { id childId actorSub actorOrg reason outcome } }`);
    expect(queue.errors).toBeUndefined();
    expect(queue.data.breakGlassReviews).toEqual([{ id: g.id, childId: s.childId, actorSub: s.health.sub, actorOrg: s.health.org, reason: g.reason, outcome: null }]);

    const REVIEW = `mutation($id: ID!, $o: BreakGlassOutcome!, $n: String!) { reviewBreakGlass(id: $id, outcome: $o, note: $n) { id outcome note reviewedBySub reviewedAt } }`;
    expect(codes(await t.gql(dpo, REVIEW, { id: g.id, o: 'JUSTIFIED', n: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(dpo, REVIEW, { id: g2.id, o: 'JUSTIFIED', n: 'ok' }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(s.coordinator, REVIEW, { id: g.id, o: 'JUSTIFIED', n: 'ok' }))).toEqual(['FORBIDDEN']);
    const reviewed = await t.gql(dpo, REVIEW, { id: g.id, o: 'NOT_JUSTIFIED', n: 'No clinical emergency recorded' });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data.reviewBreakGlass).toMatchObject({ id: g.id, outcome: 'NOT_JUSTIFIED', reviewedBySub: dpo.sub });
    expect(codes(await t.gql(dpo, REVIEW, { id: g.id, o: 'JUSTIFIED', n: 'again' }))).toEqual(['CONFLICT']);

    expect((await t.gql(dpo, `{ breakGlassReviews(pending: true) { id } }`)).data.breakGlassReviews).toEqual([]);
    expect((await t.gql(dpo, `{ breakGlassReviews(pending: false) { id outcome } }`)).data.breakGlassReviews).toEqual([{ id: g.id, outcome: 'NOT_JUSTIFIED' }]);
    const audited = (await eventsBy(dpo.sub)).filter((e) => e.action === 'REVIEW_BREAK_GLASS');
    expect(audited).toEqual([expect.objectContaining({ childId: s.childId, basis: 'STATUTORY', flags: ['BREAK_GLASS'] })]);
  });
});

describe('subject access export', () => {
  it('gives the DPO of the area everything held on the child plus its access history, audited as EXPORT', async () => {
    const nhsNumber = newNhsNumber();
    const s = await childScenario(t, { givenName: 'Ottoline', nhsNumber });
    const contributed = await t.gql(s.coordinator, `mutation($c: ID!) { contributeSection(input: { childId: $c, code: B, entries: [{ key: "summary", value: "Loves trains" }], needs: [{ type: ASD, rank: 1 }] }) { version } }`, { c: s.childId });
    expect(contributed.errors).toBeUndefined();
    await t.gql(s.health, READ_CHILD, { id: s.childId });
    const dpo = dpoOf(s.areaCode);
    const EXPORT = `query($c: ID!) { subjectAccessExport(childId: $c) }`;
    // UK GDPR Art. 15: the export answers a recorded request.
    const asked = await t.gql(s.parent, `mutation($c: ID!, $d: Date!) { recordSubjectAccessRequest(childId: $c, receivedOn: $d) { id } }`, { c: s.childId, d: new Date().toISOString().slice(0, 10) });
    expect(asked.errors).toBeUndefined();
    const r = await t.gql(dpo, EXPORT, { c: s.childId });
    expect(r.errors).toBeUndefined();
    const doc = JSON.parse(r.data.subjectAccessExport);
    expect(doc.identity).toMatchObject({ id: s.childId, givenName: 'Ottoline', nhsNumber });
    expect(doc.careTeam.map((m: any) => m.org).sort()).toEqual([s.coordinator.org, s.health.org, s.social.org].sort());
    expect(doc.familyLinks).toEqual([expect.objectContaining({ subject: s.parent.sub, relationship: 'PARENT' })]);
    expect(doc.sectionVersions).toEqual([expect.objectContaining({
      code: 'B', version: 1, entries: [expect.objectContaining({ key: 'summary', value: 'Loves trains', category: 'EDUCATION' })],
      needs: [expect.objectContaining({ type: 'ASD', rank: 1 })],
    })]);
    expect(doc.accessHistory.some((e: any) => e.actorSub === s.health.sub && e.action === 'READ')).toBe(true);
    for (const key of ['plan', 'consents', 'breakGlassGrants', 'sections']) expect(doc).toHaveProperty(key);
    // The export is recorded as EXPORT; like every response that carries a child, it is also an IDENTITY read.
    const events = await eventsBy(dpo.sub);
    expect(events).toHaveLength(2);
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ childId: s.childId, action: 'EXPORT', basis: 'STATUTORY', sections: ['B'] }),
      expect.objectContaining({ childId: s.childId, action: 'READ', basis: 'STATUTORY', categories: ['IDENTITY'] }),
    ]));

    expect(codes(await t.gql(dpoOf(newAreaCode()), EXPORT, { c: s.childId }))).toEqual(['NOT_FOUND']);
  });

  it('npm run sar -- --child ID prints the same document and audits the export (PostgreSQL)', async () => {
    if (!process.env.DATABASE_URL) return; // PGlite in memory is private to this process
    const s = await childScenario(t, { givenName: 'Barnaby' });
    const asked = await t.gql(s.parent, `mutation($c: ID!, $d: Date!) { recordSubjectAccessRequest(childId: $c, receivedOn: $d) { id } }`, { c: s.childId, d: new Date().toISOString().slice(0, 10) });
    expect(asked.errors).toBeUndefined();
    const run = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/sar.ts', '--child', s.childId, '--operator', 'test-runner'], {
      env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.identity.givenName).toBe('Barnaby');
    const cliEvents = await eventsBy('cli:test-runner').then((es) => es.filter((e) => e.childId === s.childId));
    expect(cliEvents.filter((e) => e.action === 'EXPORT')).toEqual([expect.objectContaining({ action: 'EXPORT', actorOrg: 'HUB-OPERATOR' })]);
    expect(cliEvents.some((e) => e.action === 'READ' && e.categories.includes('IDENTITY'))).toBe(true);
    const missing = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/sar.ts', '--child', randomUUID()], {
      env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(missing.status).toBe(1);
  });
});

