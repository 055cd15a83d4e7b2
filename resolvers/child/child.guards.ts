/**
 * Guards of the child registry's types. Identity (name, birth date, identifiers, address, who shares
 * the record) goes to everyone with a relationship, each on their own basis (policies/field-access.ts
 * rule 2); the list itself is the data layer's (children handed out are recorded).
 */
import type { ChildRecord } from '../../src/access/child-record.js';
import { guardType, identity, publicType, releasedWhole } from '../../src/access/guards.js';
import type { Child } from './child.types.js';

export const childGuards = guardType<ChildRecord, Child>('Child', {
  id: identity((c) => c.id),
  areaCode: identity((c) => c.areaCode),
  givenName: identity((c) => c.row.givenName),
  familyName: identity((c) => c.row.familyName),
  dateOfBirth: identity((c) => c.row.dateOfBirth),
  nhsNumber: identity((c) => c.row.nhsNumber),
  upn: identity((c) => c.row.upn),
  postcode: identity((c) => c.row.postcode),
  locality: identity((c) => c.row.locality),
  sex: identity((c) => c.row.sex),
  ethnicity: identity((c) => c.row.ethnicity),
  careTeam: identity((c) => c.careTeam.map((m) => ({ org: m.org, orgName: m.orgName ?? m.org, agency: m.agency }))),
  familyMembers: identity((c) => c.family.map((f) => ({ subject: f.subject, relationship: f.relationship }))),
});

export const childRegistryTypes = [
  childGuards,
  releasedWhole('CareTeamMember', 'Child.careTeam'),
  releasedWhole('FamilyMember', 'Child.familyMembers'),
  publicType('ChildConnection', 'Relay structure: its nodes are sealed children'),
  publicType('ChildEdge', 'Relay structure: its node is a sealed child, its cursor the id of a child handed out (and recorded)'),
  publicType('PageInfo', 'Relay structure'),
];
