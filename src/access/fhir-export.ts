/**
 * FHIR R4 for NHS systems (docs/fhir.md) as named reads of the data layer: a child's consents and
 * access history by NHS number, for the readers the GraphQL API gives them to. The child is found only
 * among the children the reader may see (any other NHS number, another area's child included, is
 * NOT_FOUND, as for one that does not exist) and handed out, so the export is recorded as a read of the
 * child in the request's audit events. Rows leave as the plain records of src/platform/fhir/records.ts,
 * which drop what must not leave (who recorded a consent, the evidence text).
 */
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents, careTeamMembers, children, consents, familyLinks, organisations } from '../../schema/tables.js';
import { badInput, forbidden, notFound } from '../platform/errors.js';
import { toAuditEventRecord, toConsentRecord, type AuditEventRecord, type ConsentRecord, type FhirAudience, type FhirOrganisation, type FhirPatient } from '../platform/fhir/records.js';
import type { SearchPage } from '../platform/fhir/search-bundle.js';
import type { FhirSearchQuery } from '../platform/fhir/search-params.js';
import type { FamilyRelationship } from '../domain/vocabulary.js';
import { ONLY_SAFEGUARDING } from './access-log.js';
import { internalsOf } from './internal/scope-internals.js';
import type { ChildRef } from './sealed.js';
import type { ScopedData } from './scoped-data.js';

export interface FhirRead<R> {
  patient: FhirPatient;
  page: SearchPage<R>;
  operator: FhirOrganisation;
  now: Date;
  audience: FhirAudience;
}

/** The visible child with this NHS number, handed out (recorded as an IDENTITY read); NOT_FOUND otherwise. */
async function patientChild(data: ScopedData, nhsNumber: string): Promise<ChildRef> {
  const found = await data.childrenFoundBy(async (db) => (await db.select({ id: children.id }).from(children).where(eq(children.nhsNumber, nhsNumber))).map((r) => r.id));
  const child = found[0];
  if (!child) throw notFound('patient');
  return child;
}

/** The council running the child's EHC process (the care team's EDUCATION member, CFA 2014 s.24): Consent.organization, AuditEvent.source. */
async function operatorOf(data: ScopedData, child: ChildRef): Promise<FhirOrganisation> {
  const { tx } = internalsOf(data);
  const [council] = await tx
    .select({ code: careTeamMembers.org, name: organisations.name })
    .from(careTeamMembers)
    .leftJoin(organisations, eq(organisations.code, careTeamMembers.org))
    .where(and(eq(careTeamMembers.childId, child.id), eq(careTeamMembers.agency, 'EDUCATION')))
    .orderBy(asc(careTeamMembers.org))
    .limit(1);
  return council ? { code: council.code, name: council.name ?? council.code } : { code: child.areaCode, name: `Local authority ${child.areaCode}` };
}

/** Offsets as page tokens (`o<n>`): consents per child are few, and the order is fixed. */
function offsetOf(cursor: string | null): number {
  if (cursor === null) return 0;
  const match = /^o(\d{1,9})$/.exec(cursor);
  if (!match) throw badInput('_cursor', 'is not a page token this server gave');
  return Number(match[1]);
}

/** `GET /fhir/Consent?patient=`: every consent and refusal recorded for the child, to whoever may read the child (as `Child.consents`). */
export async function fhirConsents(data: ScopedData, query: FhirSearchQuery): Promise<FhirRead<ConsentRecord>> {
  data.assertCan('child.read');
  const { tx } = internalsOf(data);
  const child = await patientChild(data, query.nhsNumber);
  const offset = offsetOf(query.cursor);
  const [{ n }] = (await tx.select({ n: count() }).from(consents).where(eq(consents.childId, child.id))) as [{ n: number }];
  const rows = query.count === 0 ? [] : await tx.select().from(consents).where(eq(consents.childId, child.id)).orderBy(asc(consents.createdAt), asc(consents.id)).limit(query.count).offset(offset);
  const total = Number(n);
  return {
    patient: { nhsNumber: query.nhsNumber, consentHolder: data.consentHolder(child) },
    page: { records: rows.map(toConsentRecord), total, nextCursor: query.count > 0 && offset + rows.length < total ? `o${offset + rows.length}` : null },
    operator: await operatorOf(data, child),
    now: data.now,
    audience: data.actor.role === 'FAMILY' ? 'family' : 'staff',
  };
}

/**
 * `GET /fhir/AuditEvent?patient=`: the child's access history, for the readers of the access log
 * (UK GDPR Art. 15 and 38–39): a DPO of the child's area, or the family member who decides for the
 * child (after the end of compulsory school age the young person, CFA 2014 s.83(2)), without
 * safeguarding activity. Newest first; page tokens are positions in the global event order (`s<seq>`).
 */
export async function fhirAuditEvents(data: ScopedData, query: FhirSearchQuery): Promise<FhirRead<AuditEventRecord>> {
  data.assertCan('audit.log');
  const { tx } = internalsOf(data);
  const family = data.actor.role === 'FAMILY';
  const child = await patientChild(data, query.nhsNumber);
  if (family && !data.decidesFor(child)) throw forbidden('The young person decides who sees their record now: ask them to share it with you');
  let before: number | null = null;
  if (query.cursor !== null) {
    const match = /^s(\d{1,15})$/.exec(query.cursor);
    if (!match) throw badInput('_cursor', 'is not a page token this server gave');
    before = Number(match[1]);
  }
  const where = (extra?: SQL) =>
    and(
      eq(auditEvents.childId, child.id),
      // Safeguarding activity never reaches a family (Working Together to Safeguard Children 2023), as in the access log.
      family ? sql`not ${ONLY_SAFEGUARDING}` : undefined,
      query.recordedFrom ? gte(auditEvents.at, query.recordedFrom.toISOString()) : undefined,
      query.recordedBefore ? lt(auditEvents.at, query.recordedBefore.toISOString()) : undefined,
      extra,
    );
  const [{ n }] = (await tx.select({ n: count() }).from(auditEvents).where(where())) as [{ n: number }];
  const rows = query.count === 0 ? [] : await tx.select().from(auditEvents).where(where(before !== null ? lt(auditEvents.seq, before) : undefined)).orderBy(desc(auditEvents.seq)).limit(query.count + 1);
  const shown = rows.slice(0, query.count);
  const relationships = new Map<string, FamilyRelationship>(
    (await tx.select({ subject: familyLinks.subject, relationship: familyLinks.relationship }).from(familyLinks).where(eq(familyLinks.childId, child.id))).map((l) => [l.subject, l.relationship as FamilyRelationship]),
  );
  return {
    patient: { nhsNumber: query.nhsNumber, consentHolder: data.consentHolder(child) },
    page: {
      records: shown.map((row) => toAuditEventRecord(row, row.actorRole === 'FAMILY' ? (relationships.get(row.actorSub) ?? null) : null)),
      total: Number(n),
      nextCursor: rows.length > query.count ? `s${shown.at(-1)!.seq}` : null,
    },
    operator: await operatorOf(data, child),
    now: data.now,
    audience: family ? 'family' : 'staff',
  };
}
