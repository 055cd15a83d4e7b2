/**
 * Everything the access decision needs to know about one child, loaded in batches (one statement per
 * kind of row per tick, whatever the page size) and kept for the request only, so a withdrawn consent
 * or an expired grant is seen on the very next request.
 */
import DataLoader from 'dataloader';
import { getTableColumns } from 'drizzle-orm';
import { breakGlassGrants, capacityRecords, careTeamMembers, children, consents, familyLinks, organisations } from '../../schema/tables.js';
import type { FieldAccessDecision, ChildAccessFacts, ConsentFacts, BreakGlassFacts } from '../../policies/field-access.js';
import type { Db } from '../platform/db/database.js';
import { fixedSelect, runFixed, type FixedStatement } from '../platform/db/fixed-statement.js';

export type ChildRow = typeof children.$inferSelect;
/** A care team member with its name from the organisation register (null when unregistered). */
export type CareTeamRow = typeof careTeamMembers.$inferSelect & { orgName: string | null };
export type FamilyLinkRow = typeof familyLinks.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type BreakGlassRow = typeof breakGlassGrants.$inferSelect;
export type CapacityRow = typeof capacityRecords.$inferSelect;

/** One child as the data layer holds it during a request. */
export interface ChildRecord {
  readonly id: string;
  readonly areaCode: string;
  readonly row: ChildRow;
  readonly careTeam: readonly CareTeamRow[];
  readonly family: readonly FamilyLinkRow[];
  readonly consents: readonly ConsentRow[];
  readonly breakGlass: readonly BreakGlassRow[];
  readonly capacity: readonly CapacityRow[];
  /** The facts in the shape the pure decision takes. */
  readonly facts: ChildAccessFacts;
  readonly consentFacts: readonly ConsentFacts[];
  readonly breakGlassFacts: readonly BreakGlassFacts[];
  /**
   * Decisions already taken for this child in this request, by guard key (category × owner), each with
   * the sections it was noted for in the audit trail (noted once per section).
   */
  readonly decisions: Map<string, { readonly decision: FieldAccessDecision; readonly notedSections: Set<string> }>;
}

/** Groups rows by key, in the order of `keys` (DataLoader's contract). */
export function groupBy<R>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string): R[][] {
  const groups = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

function byChild<R extends { childId: string }>(db: Db, statement: FixedStatement<R>) {
  return new DataLoader<string, R[]>(async (ids) => groupBy(ids, await runFixed(db, statement, [ids]), (r) => r.childId));
}

// The access facts' statements: fixed texts, prepared once per connection (src/platform/db/fixed-statement.ts).
const CHILDREN = fixedSelect<ChildRow>(getTableColumns(children), 'from "children" where "children"."id" = any($1::uuid[])');
const CARE_TEAM = fixedSelect<CareTeamRow>(
  { ...getTableColumns(careTeamMembers), orgName: organisations.name },
  'from "care_team_members" left join "organisations" on "organisations"."code" = "care_team_members"."org" where "care_team_members"."child_id" = any($1::uuid[]) order by "care_team_members"."created_at", "care_team_members"."org"',
);
const FAMILY = fixedSelect<FamilyLinkRow>(getTableColumns(familyLinks), 'from "family_links" where "family_links"."child_id" = any($1::uuid[])');
const CONSENTS = fixedSelect<ConsentRow>(getTableColumns(consents), 'from "consents" where "consents"."child_id" = any($1::uuid[])');
const BREAK_GLASS = fixedSelect<BreakGlassRow>(getTableColumns(breakGlassGrants), 'from "break_glass_grants" where "break_glass_grants"."child_id" = any($1::uuid[])');
const CAPACITY = fixedSelect<CapacityRow>(
  getTableColumns(capacityRecords),
  'from "capacity_records" where "capacity_records"."child_id" = any($1::uuid[]) order by "capacity_records"."created_at", "capacity_records"."id"',
);

/** The per-request loaders of the access facts. */
export function createFactLoaders(db: Db) {
  return {
    child: new DataLoader<string, ChildRow | null>(async (ids) => {
      const rows = await runFixed(db, CHILDREN, [ids]);
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    careTeam: byChild(db, CARE_TEAM),
    family: byChild(db, FAMILY),
    consents: byChild(db, CONSENTS),
    breakGlass: byChild(db, BREAK_GLASS),
    capacity: byChild(db, CAPACITY),
  };
}
export type FactLoaders = ReturnType<typeof createFactLoaders>;

/** Loads one child's record, or null when no such child exists. */
export async function loadChildRecord(loaders: FactLoaders, id: string): Promise<ChildRecord | null> {
  const [row, careTeam, family, consentRows, grants, capacity] = await Promise.all([
    loaders.child.load(id),
    loaders.careTeam.load(id),
    loaders.family.load(id),
    loaders.consents.load(id),
    loaders.breakGlass.load(id),
    loaders.capacity.load(id),
  ]);
  if (!row) return null;
  return {
    id: row.id,
    areaCode: row.areaCode,
    row,
    careTeam,
    family,
    consents: consentRows,
    breakGlass: grants,
    capacity,
    facts: {
      id: row.id,
      areaCode: row.areaCode,
      dateOfBirth: row.dateOfBirth,
      careTeam: careTeam.map((m) => ({ org: m.org, agency: m.agency })),
      family: family.map((f) => ({ subject: f.subject, relationship: f.relationship })),
      lacksCapacity: lacksCapacity(capacity),
    },
    consentFacts: consentRows.map(toConsentFacts),
    // A grant ends early when its organisation leaves the care team (revokedAt).
    breakGlassFacts: grants.map((g) => ({ actorSub: g.actorSub, actorOrg: g.actorOrg, expiresAt: g.revokedAt && g.revokedAt < g.expiresAt ? g.revokedAt : g.expiresAt })),
    decisions: new Map(),
  };
}

/** The newest capacity record not withdrawn decides (Mental Capacity Act 2005; reg 64). */
function lacksCapacity(records: readonly CapacityRow[]): boolean {
  const current = records.filter((r) => r.withdrawnAt === null).at(-1);
  return current?.lacksCapacity === true;
}

export function toConsentFacts(row: ConsentRow): ConsentFacts {
  return {
    id: row.id,
    kind: row.kind,
    categories: row.categories,
    granteeAgency: row.granteeAgency,
    granteeOrg: row.granteeOrg,
    granteeSubject: row.granteeSubject,
    givenBy: row.givenBy,
    validUntil: row.validUntil,
    withdrawnAt: row.withdrawnAt,
  };
}
