/**
 * The one data path. Built per request around the request's transaction (src/app/request-scope.ts);
 * every module reads and writes through it, and nothing else holds the transaction:
 *
 * - Children are handed out only to actors with a relationship (`requireChild`: NOT_FOUND otherwise,
 *   the same answer as for an id that does not exist), and each one handed out is recorded as an
 *   IDENTITY read, so even a response carrying only `id` or `__typename` leaves a trace.
 * - Rows come out sealed (`load`); only `releaseField`, called by the resolvers the composition root
 *   installs for every guarded field, opens them: it takes the access decision
 *   (policies/field-access.ts) once per child × category × owner per request, notes it for the audit
 *   trail, and returns the value or throws the withholding error.
 * - Lists of entries pass `partition`: what may not be read never shows its key; what a consent could
 *   release is counted, so the reader knows what to ask for; what no consent could release leaves no trace.
 * - Writes run in a savepoint (`write`) and return only primitives, so a refused or conflicting write
 *   leaves nothing behind while the request's audit events still commit.
 * - Reads that are not about one child's fields (lists, the access log, aggregates, exports) are named
 *   methods here, each with its own rule.
 */
import DataLoader from 'dataloader';
import { can, type Action } from '../../policies/actions.js';
import {
  canSeeChild, claimsAnotherAgency, decideFieldAccess, decidesForChild, relationshipsOf, type FieldAccessDecision, type Relationship,
} from '../../policies/field-access.js';
import { consentHolderOn } from '../domain/consent-holder.js';
import type { Actor } from '../domain/actor.js';
import { ageOn, isUuid } from '../domain/identifiers.js';
import type { AccessBasis, AuditAction, DataCategory, FamilyRelationship, SectionCode } from '../domain/vocabulary.js';
import type { AccessRecorder } from '../audit/access-recorder.js';
import type { ChainMonitor } from '../audit/chain-monitor.js';
import type { Db } from '../platform/db/database.js';
import { forbidden, HubError, notFound } from '../platform/errors.js';
import { createFactLoaders, loadChildRecord, type BreakGlassRow, type ChildRecord, type ConsentRow, type FactLoaders } from './child-record.js';
import { IDENTITY_GUARD, type FieldGuard, type FieldSpec, type ReleaseView } from './guards.js';
import { Parcel } from './internal/parcel.js';
import { bindInternals } from './internal/scope-internals.js';
import type { RowsDef } from './rows.js';
import type { ChildRef, Sealed } from './sealed.js';
import { listChildIds, type ChildListQuery } from './child-list.js';

/** Settings the data path needs from config. */
export interface AccessSettings {
  disclosureKey: string;
  breakGlassHours: number;
  bulkAccessThreshold: number;
}

/** How many entries of a category a consent could release to this reader. */
export interface WithheldCount {
  section: SectionCode | null;
  category: DataCategory;
  count: number;
}

/** What a write may hand back: primitives only, never rows (reads go through `load`). */
export type WriteResult = string | number | boolean | null | void;

/** The request's internals, given only by the request-scope factory. */
export interface ScopeInternals {
  actor: Actor;
  requestId: string;
  tx: Db;
  recorder: AccessRecorder;
  settings: AccessSettings;
  chain?: ChainMonitor | null;
  now?: Date;
}

/** A child the data layer knows: the parcel handed out, with its open id and area. */
class ChildParcel extends Parcel<ChildRecord> implements Partial<ChildRef> {
  readonly id: string;
  readonly areaCode: string;
  constructor(record: ChildRecord) {
    super(record, record);
    this.id = record.id;
    this.areaCode = record.areaCode;
  }
}

export class ScopedData {
  readonly actor: Actor;
  readonly requestId: string;
  /** One instant per request, so every decision in a response agrees. */
  readonly now: Date;
  readonly today: string;
  readonly settings: AccessSettings;
  readonly view: ReleaseView;
  readonly #tx: Db;
  readonly #recorder: AccessRecorder;
  readonly #facts: FactLoaders;
  readonly #rows = new Map<RowsDef<any, any>, DataLoader<string, any[]>>();
  readonly #records = new Map<string, Promise<ChildRecord | null>>();

  constructor(internals: ScopeInternals) {
    this.actor = internals.actor;
    this.requestId = internals.requestId;
    this.now = internals.now ?? new Date();
    this.today = this.now.toISOString().slice(0, 10);
    this.settings = internals.settings;
    this.#tx = internals.tx;
    this.#recorder = internals.recorder;
    this.#facts = createFactLoaders(internals.tx);
    bindInternals(this, { tx: internals.tx, recorder: internals.recorder, chain: internals.chain ?? null, memo: new Map() });
    const actor = this.actor;
    this.view = {
      actor,
      now: this.now,
      today: this.today,
      // Staff identifiers never reach a family: the organisation stands in for them.
      staffIdentifier: (sub, org) => (actor.role === 'FAMILY' && sub !== actor.sub ? org : sub),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Children
  // ---------------------------------------------------------------------------------------------

  /**
   * The child, if the actor has a relationship with it; otherwise `notFoundError` (by default "No child
   * with that id"), exactly as for an id that does not exist. A refusal on a real record is recorded.
   */
  async requireChild(id: string, notFoundError: () => HubError = () => notFound()): Promise<ChildRef> {
    const record = isUuid(id) ? await this.#record(id) : null;
    if (!record) throw notFoundError();
    if (claimsAnotherAgency(this.actor, record.facts)) {
      // The care team's recorded agency is the truth: a token claiming another for this organisation is refused.
      this.#recorder.note({ childId: record.id, areaCode: record.areaCode, action: 'READ', basis: 'DENIED', categories: ['IDENTITY'], flags: ['AGENCY_MISMATCH'] });
      throw forbidden("Your token's agency is not the one recorded for your organisation on this child's care team");
    }
    if (!canSeeChild(this.actor, record.facts)) {
      this.#recorder.note({ childId: record.id, areaCode: record.areaCode, action: 'READ', basis: 'DENIED', categories: ['IDENTITY'] });
      throw notFoundError();
    }
    return this.#handOut(record);
  }

  /** The child a row belongs to (a consent, a grant, an advice request), with the row's own not-found answer. */
  async requireChildOf(find: (db: Db) => Promise<string | null>, notFoundError: () => HubError): Promise<ChildRef> {
    const childId = await find(this.#tx);
    if (!childId) throw notFoundError();
    return this.requireChild(childId, notFoundError);
  }

  /** The child a sealed row was loaded under (an advice request's child, say), handed out again and so recorded. */
  childOfRow<R>(item: Sealed<R>): ChildRef | null {
    const record = Parcel.childOf(asParcel<R>(item));
    return record ? this.#handOut(record) : null;
  }

  /** The children among `ids` the actor may see, in order; the others are left out silently. */
  async childrenByIds(ids: readonly string[]): Promise<ChildRef[]> {
    const records = await Promise.all([...new Set(ids)].map((id) => (isUuid(id) ? this.#record(id) : null)));
    return records
      .filter((r): r is ChildRecord => r !== null && canSeeChild(this.actor, r.facts))
      .map((r) => this.#handOut(r));
  }

  /** Children found by a module's query (ids only), narrowed to those the actor may see. */
  async childrenFoundBy(find: (db: Db) => Promise<string[]>): Promise<ChildRef[]> {
    return this.childrenByIds(await find(this.#tx));
  }

  /**
   * A page of the children the actor may see, filtered and ordered (child-list.ts): narrowed in SQL,
   * confirmed in memory, each handed out (and recorded); `keys` continue the list after each child.
   */
  async listChildren(query: Omit<ChildListQuery, 'today'>): Promise<{ children: ChildRef[]; keys: string[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
    const page = await listChildIds(this.#tx, this.actor, { ...query, today: this.today });
    const found = await this.childrenByIds(page.ids);
    const keyOf = new Map(page.ids.map((id, i) => [id, page.keys[i]!]));
    return { children: found, keys: found.map((c) => keyOf.get(c.id)!), hasNextPage: page.hasNextPage, totalCount: page.totalCount };
  }

  /** Notes, on the existing record, a registration refused because its NHS number is that record's (its area's DPO sees the attempt). */
  async noteDuplicateRegistration(childId: string): Promise<void> {
    const record = await this.#record(childId);
    if (record) this.#recorder.note({ childId: record.id, areaCode: record.areaCode, action: 'REGISTER', basis: 'DENIED', categories: ['IDENTITY'], flags: ['DUPLICATE_NHS_NUMBER'] });
  }

  /**
   * Refuses (FORBIDDEN, with the rule's reason in words that leak nothing) unless the actor may perform
   * the action on the target (policies/actions.ts). A refusal about a child is recorded as DENIED.
   */
  assertCan(action: Action, target: { child?: ChildRef; areaCode?: string | null } = {}): void {
    const relationships = target.child ? this.relationships(target.child) : undefined;
    const decision = can(this.actor, action, { relationships, areaCode: target.areaCode ?? target.child?.areaCode ?? null });
    if (decision.allowed) return;
    if (target.child) this.noteAction(target.child, 'WRITE', 'DENIED', { flags: [`REFUSED:${action}`] });
    throw forbidden(decision.reason);
  }

  /** The actor's relationships with the child (for authorisation, never released). */
  relationships(child: ChildRef): Relationship[] {
    return relationshipsOf(this.actor, recordOf(child).facts);
  }

  /** Who decides for the child today (CFA 2014 s.83(2): the parent, then the young person). */
  consentHolder(child: ChildRef): FamilyRelationship {
    return consentHolderOn(recordOf(child).row.dateOfBirth, this.today);
  }

  /** Whether a capacity record in force says the young person lacks capacity (reg 64), for rules that turn on it. */
  youngPersonLacksCapacity(child: ChildRef): boolean {
    return recordOf(child).facts.lacksCapacity === true;
  }

  /** Whether the actor, a family member, decides for the child now (the holder, or a parent for a young person lacking capacity). */
  decidesFor(child: ChildRef): boolean {
    return decidesForChild(this.actor, recordOf(child).facts, this.now);
  }

  /** The child's age in whole years today (section H1 is for under-18s). */
  ageOf(child: ChildRef): number {
    return ageOn(recordOf(child).row.dateOfBirth, this.today);
  }

  /** The child's date of birth, for rules computed from it (never released from here). */
  dateOfBirthOf(child: ChildRef): string {
    return recordOf(child).row.dateOfBirth;
  }

  /** The agency recorded for an organisation on the child's care team, or null. */
  careTeamAgencyOf(child: ChildRef, org: string) {
    return recordOf(child).careTeam.find((m) => m.org === org)?.agency ?? null;
  }

  /** The family link of a subject, or null. */
  familyLinkOf(child: ChildRef, subject: string): FamilyRelationship | null {
    return recordOf(child).family.find((f) => f.subject === subject)?.relationship ?? null;
  }

  /** The child's consents and refusals, newest first, sealed (released by the Consent guards). */
  consentsOf(child: ChildRef): Sealed<ConsentRow>[] {
    const record = recordOf(child);
    return [...record.consents]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map((row) => new Parcel(record, row, asParcel(child)) as unknown as Sealed<ConsentRow>);
  }

  /** The child's break-glass grants, newest first, sealed. */
  breakGlassGrantsOf(child: ChildRef): Sealed<BreakGlassRow>[] {
    const record = recordOf(child);
    return [...record.breakGlass]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((row) => new Parcel(record, row, asParcel(child)) as unknown as Sealed<BreakGlassRow>);
  }

  // ---------------------------------------------------------------------------------------------
  // Rows and their release
  // ---------------------------------------------------------------------------------------------

  /** Rows under a child or another sealed row, batched per request, handed out sealed. */
  load<P, R>(parent: Sealed<P>, def: RowsDef<P, R>): Promise<Sealed<R>[]> {
    const outer = asParcel<P>(parent);
    const key = def.key(Parcel.open(outer));
    if (key === null) return Promise.resolve([]);
    // The loader's own promise, mapped (no extra async frame: this runs for every section and row list).
    const child = Parcel.childOf(outer);
    return this.#loader(def).load(key).then((rows) => rows.map((row) => new Parcel<R>(child, row, outer) as unknown as Sealed<R>));
  }

  /**
   * The sealed items whose row matches a predicate (a section's code, say). The predicate runs here,
   * on the rows, and only its yes or no leaves.
   */
  where<R>(items: readonly Sealed<R>[], predicate: (row: R) => boolean): Sealed<R>[] {
    return items.filter((item) => predicate(Parcel.open(asParcel<R>(item))));
  }

  /** Sealed items in the order of a comparison of their rows (due date, say). */
  sorted<R>(items: readonly Sealed<R>[], compare: (a: R, b: R) => number): Sealed<R>[] {
    return [...items].sort((a, b) => compare(Parcel.open(asParcel<R>(a)), Parcel.open(asParcel<R>(b))));
  }

  /** Releases one field of a sealed value by its guard (called by the installed field resolvers). */
  releaseField(parent: unknown, spec: FieldSpec<any>): unknown {
    const parcel = asParcel<unknown>(parent);
    const row = Parcel.open(parcel);
    if (spec.kind === 'view') return spec.read(row, this.view);
    if (spec.kind === 'loaded') return this.releaseLoaded(parent, spec);
    if (spec.kind !== 'value') throw new Error('a relation field has no value to release');
    const { guard, decision } = this.#guarded(parcel, row, spec.guard);
    if (!decision.allow) throw withheldError(guard, decision.reason);
    return spec.read(row, this.view, Parcel.childOf(parcel));
  }

  /** Releases a field computed from rows under the parent: decided before anything is loaded. */
  releaseLoaded(parent: unknown, spec: Extract<FieldSpec<any>, { kind: 'loaded' }>): Promise<unknown> | unknown {
    const parcel = asParcel<unknown>(parent);
    const row = Parcel.open(parcel);
    const { guard, decision } = this.#guarded(parcel, row, spec.guard);
    if (!decision.allow) throw withheldError(guard, decision.reason);
    const key = spec.rows.key(row);
    if (key === null) return spec.read(row, [], this.view);
    return this.#loader(spec.rows).load(key).then((rows) => spec.read(row, rows, this.view));
  }

  /** Whether a value under this guard may be released (noted like a release). */
  decision<R>(item: Sealed<R>, guard: (row: R) => FieldGuard): FieldAccessDecision {
    const parcel = asParcel<R>(item);
    return this.#guarded(parcel, Parcel.open(parcel), guard).decision;
  }

  /** Throws the withholding error unless a value under this guard may be released. */
  assertReleasable<R>(item: Sealed<R>, guard: (row: R) => FieldGuard): void {
    const parcel = asParcel<R>(item);
    const { guard: fieldGuard, decision } = this.#guarded(parcel, Parcel.open(parcel), guard);
    if (!decision.allow) throw withheldError(fieldGuard, decision.reason);
  }

  /**
   * Splits items into those the reader may see and counts of those a consent could release (by
   * section and category). Items no consent could release to this reader leave no trace at all.
   */
  partition<R>(items: readonly Sealed<R>[], guard: (row: R) => FieldGuard): { released: Sealed<R>[]; withheld: WithheldCount[] } {
    const released: Sealed<R>[] = [];
    const counts = new Map<string, WithheldCount>();
    for (const item of items) {
      const parcel = asParcel<R>(item);
      const { guard: fieldGuard, decision } = this.#guarded(parcel, Parcel.open(parcel), guard);
      if (decision.allow) released.push(item);
      else if (decision.reason === 'CONSENT_REQUIRED') {
        const key = `${fieldGuard.section ?? ''}|${fieldGuard.category}`;
        const count = counts.get(key) ?? { section: fieldGuard.section ?? null, category: fieldGuard.category, count: 0 };
        count.count += 1;
        counts.set(key, count);
      }
    }
    return { released, withheld: [...counts.values()] };
  }

  // ---------------------------------------------------------------------------------------------
  // Writes and actions
  // ---------------------------------------------------------------------------------------------

  /** Runs a store function in a savepoint: all of it or none of it, whatever else the request does. */
  write<A, R extends WriteResult>(writer: (db: Db, args: A) => Promise<R>, args: A): Promise<R> {
    return this.#tx.transaction((savepoint) => writer(savepoint as unknown as Db, args));
  }

  /**
   * Reads tables that hold no child data at all (the local offer's services, organisations and
   * locations). The module's store for them must touch only those tables (its test checks it); the
   * result is released as it is.
   */
  readPublic<A, R>(reader: (db: Db, args: A) => Promise<R>, args: A): Promise<R> {
    return reader(this.#tx, args);
  }

  /** Notes a write or other action for the audit trail (child-less ones carry the area they concern). */
  noteAction(
    about: ChildRef | { areaCode: string | null },
    action: AuditAction,
    basis: AccessBasis,
    detail: { categories?: readonly DataCategory[]; sections?: readonly SectionCode[]; flags?: readonly string[] } = {},
  ): void {
    const childId = about instanceof ChildParcel ? about.id : null;
    this.#recorder.note({ childId, areaCode: about.areaCode, action, basis, ...detail });
  }

  /** Forgets what this request loaded about a child after it changed it. */
  forget(child: ChildRef): void {
    this.#records.delete(child.id);
    for (const loader of Object.values(this.#facts)) loader.clear(child.id);
    for (const loader of this.#rows.values()) loader.clearAll();
  }

  // ---------------------------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------------------------

  #record(id: string): Promise<ChildRecord | null> {
    let record = this.#records.get(id);
    if (!record) {
      record = loadChildRecord(this.#facts, id);
      this.#records.set(id, record);
    }
    return record;
  }

  /** Every child handed out is an IDENTITY read on the reader's own basis (and counts towards BULK). */
  #handOut(record: ChildRecord): ChildRef {
    this.#decide(record, IDENTITY_GUARD);
    return new ChildParcel(record) as unknown as ChildRef;
  }

  /**
   * The guard of a row and its decision, decided (and noted) the first time a guard function is asked
   * of the row, remembered on the row's parcel for its other fields (internal/parcel.ts).
   */
  #guarded<R>(parcel: Parcel<R>, row: R, guardFn: (row: R) => FieldGuard): Guarded {
    let guarded = Parcel.decided<Guarded>(parcel, guardFn);
    if (!guarded) {
      const guard = guardFn(row);
      guarded = { guard, decision: this.#decide(Parcel.childOf(parcel), guard) };
      Parcel.remember(parcel, guardFn, guarded);
    }
    return guarded;
  }

  #decide(child: ChildRecord | null, guard: FieldGuard): FieldAccessDecision {
    if (!child) throw new Error('a value about no child cannot be decided by the field access rules');
    const key = `${guard.category}|${guard.owner?.agency ?? ''}|${guard.owner ? (guard.owner.org ?? '*') : ''}`;
    let decided = child.decisions.get(key);
    if (!decided) {
      const decision = decideFieldAccess({
        actor: this.actor,
        child: child.facts,
        category: guard.category,
        sectionOwner: guard.owner?.agency ?? null,
        sectionAuthorOrg: guard.owner ? guard.owner.org : null,
        consents: child.consentFacts as never,
        breakGlass: child.breakGlassFacts as never,
        now: this.now,
      });
      decided = { decision, notedSections: new Set() };
      child.decisions.set(key, decided);
    }
    const { decision, notedSections } = decided;
    // Noted once per child × category × owner × section (the record lives for this request only).
    const section = guard.section ?? '';
    if (!notedSections.has(section)) {
      notedSections.add(section);
      this.#recorder.note({
        childId: child.id,
        areaCode: child.areaCode,
        action: 'READ',
        basis: decision.basis,
        categories: [guard.category],
        sections: guard.section ? [guard.section] : [],
      });
    }
    return decision;
  }

  #loader<P, R>(def: RowsDef<P, R>): DataLoader<string, R[]> {
    let loader = this.#rows.get(def) as DataLoader<string, R[]> | undefined;
    if (!loader) {
      loader = new DataLoader<string, R[]>(async (keys) => {
        const rows = await def.batch(this.#tx, keys);
        const groups = new Map<string, R[]>(keys.map((k) => [k, []]));
        for (const row of rows) groups.get(def.keyOf(row))?.push(row);
        return keys.map((k) => groups.get(k) ?? []);
      });
      this.#rows.set(def, loader);
    }
    return loader;
  }
}

/** A row's field guard and the decision taken on it. */
interface Guarded {
  readonly guard: FieldGuard;
  readonly decision: FieldAccessDecision;
}

function asParcel<T>(value: unknown): Parcel<T> {
  if (!Parcel.is(value)) throw new Error('expected a sealed value from the data layer');
  return value as Parcel<T>;
}

function recordOf(child: ChildRef): ChildRecord {
  return Parcel.open(asParcel<ChildRecord>(child));
}

function withheldError(guard: FieldGuard, reason: 'CONSENT_REQUIRED' | 'FORBIDDEN'): HubError {
  return reason === 'CONSENT_REQUIRED'
    ? new HubError('CONSENT_REQUIRED', `${guard.category} data needs the family's consent`)
    : new HubError('FORBIDDEN', `${guard.category} data is not available to you`);
}
