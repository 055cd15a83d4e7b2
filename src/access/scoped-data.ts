/**
 * The one data path (DESIGN.md §3, STYLE.md habit 2). Built per request around the request's
 * transaction; every resolver reads and writes through it, and so does every DataLoader, so no alias,
 * fragment, nested list or batch can skip the access decision or the audit note.
 *
 * - `requireChild` answers NOT_FOUND when the actor has no relationship with the child (no hint it exists).
 * - `release` runs the field decision on a value about to leave and notes it for the audit trail; a
 *   withheld value becomes an error at its path (CONSENT_REQUIRED or FORBIDDEN) and a DENIED event.
 * - `write` runs a change in a savepoint so a refused or conflicting write leaves nothing behind while
 *   the request's audit events (including the refusal) still commit.
 */
import { isUuid } from '../domain/identifiers.js';
import {
  canSeeChild,
  decideFieldAccess,
  type BreakGlassFacts,
  type ChildAccessFacts,
  type ConsentFacts,
  type FieldAccessDecision,
} from '../../policies/field-access.js';
import type { Actor } from '../domain/actor.js';
import type { AccessRecorder } from '../audit/access-recorder.js';
import type { Db } from '../platform/db/database.js';
import type { AccessBasis, Agency, AuditAction, DataCategory, SectionCode } from '../domain/vocabulary.js';
import { HubError, notFound } from '../platform/errors.js';
import { createLoaders, type BreakGlassRow, type ChildRow, type ConsentRow, type Loaders } from './loaders.js';

/** A child the actor has a relationship with, plus the facts the access decision needs. */
export interface VisibleChild extends ChildAccessFacts {
  row: ChildRow;
}

/** What a value is, for the access decision: its category and the section it belongs to. */
export interface FieldGuard {
  category: DataCategory;
  sectionCode: SectionCode | null;
  sectionOwner: Agency | null;
  sectionAuthorOrg: string | null;
}

export const IDENTITY_GUARD: FieldGuard = { category: 'IDENTITY', sectionCode: null, sectionOwner: null, sectionAuthorOrg: null };

/** Settings the data path needs from config. */
export interface AccessSettings {
  disclosureKey: string;
  breakGlassHours: number;
  bulkAccessThreshold: number;
}


export class ScopedData {
  readonly loaders: Loaders;
  private readonly decisions = new Map<string, Promise<FieldAccessDecision>>();
  private readonly settled = new Map<string, FieldAccessDecision>();

  constructor(
    readonly actor: Actor,
    readonly requestId: string,
    /** The request's transaction. Only stores use it, always through this object. */
    readonly tx: Db,
    readonly recorder: AccessRecorder,
    readonly settings: AccessSettings,
    /** One instant per request, so every decision in a response agrees. */
    readonly now: Date = new Date(),
  ) {
    this.loaders = createLoaders(tx);
  }

  /** The child, if the actor may know it exists; NOT_FOUND otherwise, whether it exists or not. */
  async requireChild(id: string): Promise<VisibleChild> {
    const child = isUuid(id) ? await this.loadFacts(id) : null;
    if (!child) throw notFound();
    if (!canSeeChild(this.actor, child)) {
      // A denied attempt on a real record is evidence for the DPO, though the caller learns nothing.
      this.recorder.note({ childId: id, action: 'READ', basis: 'DENIED', categories: ['IDENTITY'] });
      throw notFound();
    }
    return child;
  }

  /** Children from a list query, keeping only those the actor may see (a second, in-memory check). */
  async visibleChildren(ids: readonly string[]): Promise<VisibleChild[]> {
    const facts = await Promise.all(ids.map((id) => this.loadFacts(id)));
    return facts.filter((c): c is VisibleChild => c !== null && canSeeChild(this.actor, c));
  }

  /** Decides one value; releases it (noting the basis) or throws the withholding error. */
  release<T>(child: VisibleChild, guard: FieldGuard, value: T): T | Promise<T> {
    // Once a decision is known for this request, apply it synchronously: a page has thousands of values.
    const known = this.settled.get(decisionKey(child, guard));
    if (known) return this.apply(child, guard, known, value);
    return this.decide(child, guard).then((decision) => this.apply(child, guard, decision, value));
  }

  private apply<T>(child: VisibleChild, guard: FieldGuard, decision: FieldAccessDecision, value: T): T {
    const sections = guard.sectionCode ? [guard.sectionCode] : [];
    this.recorder.note({ childId: child.id, action: 'READ', basis: decision.basis, categories: [guard.category], sections });
    if (decision.allow) return value;
    throw decision.reason === 'CONSENT_REQUIRED'
      ? new HubError('CONSENT_REQUIRED', `${guard.category} data needs the family's consent`)
      : new HubError('FORBIDDEN', `${guard.category} data is not available to you`);
  }

  /** The decision alone, memoised per request (the facts cannot change within one request). */
  decide(child: VisibleChild, guard: FieldGuard): Promise<FieldAccessDecision> {
    const key = decisionKey(child, guard);
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = this.decideNow(child, guard).then((d) => {
        this.settled.set(key, d);
        return d;
      });
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** Notes a write or other action for the audit trail. */
  noteAction(childId: string | null, action: AuditAction, basis: AccessBasis, detail: { categories?: DataCategory[]; sections?: SectionCode[]; flags?: string[] } = {}): void {
    this.recorder.note({ childId, action, basis, ...detail });
  }

  /** Runs a change in a savepoint: all of it or none of it, whatever else the request does. */
  write<T>(change: (tx: Db) => Promise<T>): Promise<T> {
    return this.tx.transaction((savepoint) => change(savepoint as unknown as Db));
  }

  /** Forgets cached rows for a child after this request changed them. */
  forget(childId: string): void {
    for (const loader of Object.values(this.loaders)) loader.clear(childId);
    for (const key of this.decisions.keys()) if (key.startsWith(childId)) this.decisions.delete(key);
    for (const key of this.settled.keys()) if (key.startsWith(childId)) this.settled.delete(key);
  }

  private async decideNow(child: VisibleChild, guard: FieldGuard): Promise<FieldAccessDecision> {
    const [consents, grants] = await Promise.all([
      this.loaders.consents.load(child.id),
      this.loaders.breakGlass.load(child.id),
    ]);
    return decideFieldAccess({
      actor: this.actor,
      child,
      category: guard.category,
      sectionOwner: guard.sectionOwner,
      sectionAuthorOrg: guard.sectionAuthorOrg,
      consents: consents.map(toConsentFacts),
      breakGlass: grants.map(toBreakGlassFacts),
      now: this.now,
    });
  }

  private async loadFacts(id: string): Promise<VisibleChild | null> {
    const [row, careTeam, family] = await Promise.all([
      this.loaders.child.load(id),
      this.loaders.careTeam.load(id),
      this.loaders.family.load(id),
    ]);
    if (!row) return null;
    return {
      id: row.id,
      areaCode: row.areaCode,
      dateOfBirth: row.dateOfBirth,
      careTeam: careTeam.map((m) => ({ org: m.org, agency: m.agency })),
      family: family.map((f) => ({ subject: f.subject, relationship: f.relationship })),
      row,
    };
  }
}

const decisionKey = (child: VisibleChild, guard: FieldGuard) =>
  `${child.id}|${guard.category}|${guard.sectionOwner}|${guard.sectionAuthorOrg}`;

export function toConsentFacts(row: ConsentRow): ConsentFacts {
  return {
    id: row.id,
    kind: row.kind,
    categories: row.categories,
    granteeAgency: row.granteeAgency,
    granteeOrg: row.granteeOrg,
    givenBy: row.givenBy,
    validUntil: row.validUntil,
    withdrawnAt: row.withdrawnAt,
  };
}

function toBreakGlassFacts(row: BreakGlassRow): BreakGlassFacts {
  return { actorSub: row.actorSub, actorOrg: row.actorOrg, expiresAt: row.expiresAt };
}
