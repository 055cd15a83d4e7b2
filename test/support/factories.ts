/** Typed factories: scenarios built through the public GraphQL API, each in its own fresh area. */
import { randomInt, randomUUID } from 'node:crypto';
import type { Actor } from '../../src/domain/actor.js';
import { nhsCheckDigit } from '../../src/domain/identifiers.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import type { TestHub } from './test-hub.js';

/** A random, valid ONS unitary-authority code, so concurrent tests never share an area. */
export const newAreaCode = () => `E06${String(randomInt(100000, 999999))}`;
/**
 * A fresh valid NHS number for a test registration: one NHS number is one record, and a PostgreSQL test
 * database outlives a run. Tests draw from 9990…, which the synthetic seed (seeds/generate.ts) never uses.
 */
export function newNhsNumber(): string {
  for (;;) {
    const first9 = `9990${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const check = nhsCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}
/** An NHS number as people write it: 3, 3 and 4 digits. */
export const spacedNhsNumber = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
export const newOrg = (prefix: string) => `${prefix}${randomInt(10000, 99999)}`;

export const coordinatorOf = (areaCode: string, org = newOrg('LA')): Actor => ({
  sub: `coordinator:${randomUUID()}`, org, agency: 'EDUCATION', role: 'CASE_COORDINATOR', areas: [areaCode],
});
export const practitioner = (agency: Agency, org = newOrg(agency.slice(0, 2))): Actor => ({
  sub: `practitioner:${randomUUID()}`, org, agency, role: 'PRACTITIONER', areas: [],
});
export const familyMember = (sub = `family:${randomUUID()}`): Actor => ({ sub, org: 'FAMILY', agency: null, role: 'FAMILY', areas: [] });
export const commissionerOf = (areaCode: string): Actor => ({ sub: `commissioner:${randomUUID()}`, org: 'ICB-TEST', agency: null, role: 'COMMISSIONER', areas: [areaCode] });
export const dpoOf = (areaCode: string): Actor => ({ sub: `dpo:${randomUUID()}`, org: newOrg('LA'), agency: null, role: 'DPO', areas: [areaCode] });

export interface ChildInput {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  nhsNumber?: string | null;
  upn?: string | null;
  postcode?: string | null;
  locality?: string | null;
  /** DfE Sex code (M, F, U). */
  sex?: 'M' | 'F' | 'U' | null;
  /** DfE main ethnicity code (WBRI … NOBT). */
  ethnicity?: string | null;
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterChildInput!) {
    registerChild(input: $input) { id areaCode givenName familyName dateOfBirth nhsNumber upn }
  }`;

/** Registers a child as the coordinator; throws if the hub refuses. */
export async function registerChild(t: TestHub, coordinator: Actor, input: ChildInput = {}): Promise<string> {
  const result = await t.gql(coordinator, REGISTER, {
    input: {
      givenName: 'Test', familyName: 'Child', dateOfBirth: '2015-04-01', areaCode: coordinator.areas[0], ...input,
    },
  });
  if (!result.data?.registerChild) throw new Error(`registerChild failed: ${JSON.stringify(result.errors)}`);
  return result.data.registerChild.id;
}

export async function addToCareTeam(t: TestHub, coordinator: Actor, childId: string, member: Actor): Promise<void> {
  const result = await t.gql(coordinator, `mutation($c: ID!, $o: String!, $a: Agency!) { addCareTeamMember(childId: $c, org: $o, agency: $a) { id } }`, {
    c: childId, o: member.org, a: member.agency,
  });
  if (!result.data?.addCareTeamMember) throw new Error(`addCareTeamMember failed: ${JSON.stringify(result.errors)}`);
}

export async function linkFamily(t: TestHub, coordinator: Actor, childId: string, member: Actor, relationship: FamilyRelationship = 'PARENT'): Promise<void> {
  const result = await t.gql(coordinator, `mutation($c: ID!, $s: String!, $r: FamilyRelationship!) { linkFamilyMember(childId: $c, subject: $s, relationship: $r) { id } }`, {
    c: childId, s: member.sub, r: relationship,
  });
  if (!result.data?.linkFamilyMember) throw new Error(`linkFamilyMember failed: ${JSON.stringify(result.errors)}`);
}

/** A school (EDUCATION practitioner) whose token names the area it is in: it may register the pupils it supports there. */
export const schoolOf = (areaCode: string, org = newOrg('URN')): Actor => ({ ...practitioner('EDUCATION', org), areas: [areaCode] });

/** A child in a fresh area with a coordinator, a health and a social care practitioner and a parent. */
export async function childScenario(t: TestHub, input: ChildInput = {}) {
  const areaCode = newAreaCode();
  const coordinator = coordinatorOf(areaCode);
  const health = practitioner('HEALTH');
  const social = practitioner('SOCIAL_CARE');
  const parent = familyMember();
  const childId = await registerChild(t, coordinator, input);
  await addToCareTeam(t, coordinator, childId, health);
  await addToCareTeam(t, coordinator, childId, social);
  await linkFamily(t, coordinator, childId, parent);
  return { areaCode, coordinator, health, social, parent, childId };
}
