/**
 * The DPO's break-glass review queue as a named read of the data layer: emergency accesses to
 * children of the DPO's areas, oldest first (UK GDPR Art. 38–39: the DPO monitors processing).
 * Reading the reasons is an access to each child, recorded on hand-out.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants, children } from '../../schema/tables.js';
import type { BreakGlassRow } from './child-record.js';
import { Parcel } from './internal/parcel.js';
import { internalsOf } from './internal/scope-internals.js';
import type { Sealed } from './sealed.js';
import type { ScopedData } from './scoped-data.js';

export async function breakGlassQueue(data: ScopedData, pending: boolean | null | undefined): Promise<Sealed<BreakGlassRow>[]> {
  const { tx } = internalsOf(data);
  const { areas } = data.actor;
  if (areas.length === 0) return [];
  const rows = await tx
    .select({ id: breakGlassGrants.id, childId: breakGlassGrants.childId })
    .from(breakGlassGrants)
    .innerJoin(children, eq(children.id, breakGlassGrants.childId))
    .where(and(
      inArray(children.areaCode, areas),
      pending === true ? isNull(breakGlassGrants.reviewOutcome) : pending === false ? sql`${breakGlassGrants.reviewOutcome} is not null` : undefined,
    ))
    .orderBy(asc(breakGlassGrants.createdAt), asc(breakGlassGrants.id))
    .limit(500);
  const visible = await data.childrenByIds(rows.map((r) => r.childId));
  const byId = new Map(visible.flatMap((child) => data.breakGlassGrantsOf(child).map((g) => [Parcel.open(g as unknown as Parcel<BreakGlassRow>).id, g] as const)));
  return rows.map((r) => byId.get(r.id)).filter((g): g is Sealed<BreakGlassRow> => g !== undefined);
}
