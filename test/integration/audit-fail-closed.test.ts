/**
 * Fail closed (docs/audit.md): if the request's audit events cannot be appended, no personal value leaves
 * and no write survives. A trigger that raises on INSERT into audit_events, scoped to this test's actor
 * (the PostgreSQL database is shared with parallel test files), makes the append fail.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorOf, newAreaCode, newNhsNumber, practitioner, registerChild } from '../support/factories.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.close());

const NAME = 'Zephyrine';

async function withFailingAudit<T>(actorSub: string, run: () => Promise<T>): Promise<T> {
  const suffix = randomBytes(6).toString('hex');
  const fn = `audit_fail_${suffix}`;
  const trigger = `audit_fail_trigger_${suffix}`;
  const db = t.hub.database.db;
  await db.execute(sql.raw(`create function ${fn}() returns trigger language plpgsql as $$
    begin raise exception 'audit store unavailable (test)'; end $$`));
  await db.execute(sql.raw(`create trigger ${trigger} before insert on audit_events for each row
    when (new.actor_sub = '${actorSub.replace(/'/g, "''")}') execute function ${fn}()`));
  try {
    return await run();
  } finally {
    await db.execute(sql.raw(`drop trigger if exists ${trigger} on audit_events`));
    await db.execute(sql.raw(`drop function if exists ${fn}()`));
  }
}

async function raw(actorToken: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await t.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${actorToken}` });
  return { status: res.status, text: await res.text() };
}

describe('fail closed', () => {
  it('returns no personal data and keeps no write when the audit append fails', async () => {
    const areaCode = newAreaCode();
    const registrar = coordinatorOf(areaCode);
    const nhsNumber = newNhsNumber();
    const childId = await registerChild(t, registrar, { givenName: NAME, familyName: 'Quillfeather', nhsNumber });
    const reader = { ...coordinatorOf(areaCode), sub: `fail-closed:${randomUUID()}` };
    const token = await t.token(reader);
    const health = practitioner('HEALTH');

    await withFailingAudit(reader.sub, async () => {
      const shapes = [
        [`query One($id: ID!) { child(id: $id) { id givenName familyName nhsNumber dateOfBirth } }`, { id: childId }],
        [`{ children(first: 10) { edges { node { id givenName } } } }`, {}],
        [`query($id: ID!) { a: child(id: $id) { ...F } } fragment F on Child { givenName familyName }`, { id: childId }],
        [`mutation($c: ID!, $o: String!) { addCareTeamMember(childId: $c, org: $o, agency: HEALTH) { id givenName } }`, { c: childId, o: health.org }],
      ] as const;
      for (const [query, variables] of shapes) {
        const res = await raw(token, query, variables);
        expect(res.status).toBe(500);
        const body = JSON.parse(res.text);
        expect(body.data).toBeNull();
        expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
        for (const secret of [NAME, 'Quillfeather', nhsNumber, childId, '2015-04-01']) expect(res.text).not.toContain(secret);
      }
    });

    // The write made while the audit failed was rolled back with it.
    const team = await t.gql(registrar, `query($id: ID!) { child(id: $id) { careTeam { org } } }`, { id: childId });
    expect(team.data.child.careTeam.map((m: any) => m.org)).not.toContain(health.org);
    // Once the audit store works again, the same request succeeds (and is audited).
    const ok = await raw(token, `query($id: ID!) { child(id: $id) { givenName } }`, { id: childId });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text).data.child.givenName).toBe(NAME);
  });

  it('other actors are unaffected while one actor\'s append fails (the trigger is scoped)', async () => {
    const areaCode = newAreaCode();
    const registrar = coordinatorOf(areaCode);
    const childId = await registerChild(t, registrar, { givenName: NAME });
    await withFailingAudit(`nobody:${randomUUID()}`, async () => {
      const res = await t.gql(registrar, `query($id: ID!) { child(id: $id) { givenName } }`, { id: childId });
      expect(res.data.child.givenName).toBe(NAME);
    });
  });
});
