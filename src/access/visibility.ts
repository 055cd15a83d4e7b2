/**
 * The SQL form of "who may see a child" (policies/field-access.ts `canSeeChild` is the in-memory form,
 * applied again to every id this returns; test/integration/visibility.property.test.ts checks that the
 * two agree): coordinators and DPOs by area, the care team by organisation, family by link.
 * Commissioners match nothing.
 */
import { inArray, or, sql, type SQL } from 'drizzle-orm';
import { careTeamMembers, children, familyLinks } from '../../schema/tables.js';
import type { Actor } from '../domain/actor.js';

export function visibleTo(actor: Actor): SQL {
  const coordinator = actor.role === 'CASE_COORDINATOR' && actor.agency === 'EDUCATION';
  const byArea = actor.areas.length > 0 && (coordinator || actor.role === 'DPO')
    ? inArray(children.areaCode, actor.areas)
    : undefined;
  // The agency recorded for the organisation on the care team must be the token's.
  const byCareTeam = (actor.role === 'PRACTITIONER' || actor.role === 'CASE_COORDINATOR') && actor.agency
    ? sql`exists (select 1 from ${careTeamMembers} where ${careTeamMembers.childId} = ${children.id} and ${careTeamMembers.org} = ${actor.org} and ${careTeamMembers.agency} = ${actor.agency})`
    : undefined;
  const byFamily = actor.role === 'FAMILY'
    ? sql`exists (select 1 from ${familyLinks} where ${familyLinks.childId} = ${children.id} and ${familyLinks.subject} = ${actor.sub})`
    : undefined;
  return or(byArea, byCareTeam, byFamily) ?? sql`false`;
}
