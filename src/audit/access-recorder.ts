/**
 * Collects what one request released, withheld and wrote, one event per child per action per basis,
 * and appends them to their areas' chains in one statement inside the request's transaction, before
 * the response leaves (fail closed: if the append throws, the transaction rolls back and no data is sent).
 */
import type { Actor } from '../domain/actor.js';
import type { Db } from '../platform/db/database.js';
import { fixedStatement, runFixed } from '../platform/db/fixed-statement.js';
import type { AccessBasis, AuditAction, DataCategory, SectionCode } from '../domain/vocabulary.js';
import { chainOf } from './hash-chain.js';

/**
 * docs/audit.md: an actor reading more than this many distinct children in an hour is flagged BULK (the
 * count and the flag are `audit_append_request`'s, migration 0014).
 */
export const DEFAULT_BULK_ACCESS_THRESHOLD = 50;

export interface AccessNote {
  childId: string | null;
  /** The area the event belongs to: the child's, or for child-less events the area they concern. */
  areaCode: string | null;
  action: AuditAction;
  basis: AccessBasis;
  categories?: readonly DataCategory[];
  sections?: readonly SectionCode[];
  flags?: readonly string[];
}

interface PendingEvent {
  childId: string | null;
  areaCode: string | null;
  action: AuditAction;
  basis: AccessBasis;
  categories: Set<string>;
  sections: Set<string>;
  flags: Set<string>;
}

export class AccessRecorder {
  private readonly pending = new Map<string, PendingEvent>();

  constructor(
    private readonly actor: Actor,
    private readonly requestId: string,
    private operationName: string | null = null,
    /** config BULK_ACCESS_THRESHOLD (ScopedData.settings.bulkAccessThreshold). */
    private readonly bulkAccessThreshold: number = DEFAULT_BULK_ACCESS_THRESHOLD,
  ) {}

  setOperationName(name: string | null | undefined): void {
    this.operationName = name ?? null;
  }

  /** Adds to the request's events; repeated notes for one child, action and basis merge into one event. */
  note(n: AccessNote): void {
    const key = `${n.childId ?? ''}|${n.areaCode ?? ''}|${n.action}|${n.basis}`;
    let event = this.pending.get(key);
    if (!event) {
      event = { childId: n.childId, areaCode: n.areaCode, action: n.action, basis: n.basis, categories: new Set(), sections: new Set(), flags: new Set() };
      this.pending.set(key, event);
    }
    n.categories?.forEach((c) => event.categories.add(c));
    n.sections?.forEach((s) => event.sections.add(s));
    n.flags?.forEach((f) => event.flags.add(f));
    if (n.basis === 'BREAK_GLASS') event.flags.add('BREAK_GLASS');
  }

  get size(): number {
    return this.pending.size;
  }

  /**
   * Appends every pending event to its area's chain: one prepared statement, `audit_append_request`
   * (migration 0014), which also counts the actor's recent reads for BULK, locks only the chains
   * appended to until the commit, hashes and inserts. Must run inside the request's transaction, as its
   * last statement. The events go as parallel arrays, the fields they share once.
   */
  async flush(tx: Db): Promise<number> {
    const n = this.pending.size;
    if (n === 0) return 0;
    const chains = new Array<string>(n);
    const childIds = new Array<string | null>(n);
    const areaCodes = new Array<string | null>(n);
    const actions = new Array<string>(n);
    const bases = new Array<string>(n);
    const categories = new Array<string>(n);
    const sections = new Array<string>(n);
    const flags = new Array<string>(n);
    let i = 0;
    for (const p of this.pending.values()) {
      chains[i] = chainOf(p.areaCode);
      childIds[i] = p.childId;
      areaCodes[i] = p.areaCode;
      actions[i] = p.action;
      bases[i] = p.basis;
      categories[i] = joinedCodes(p.categories);
      sections[i] = joinedCodes(p.sections);
      flags[i] = joinedCodes(p.flags);
      i += 1;
    }
    const [row] = await runFixed(tx, APPEND_REQUEST, [
      this.requestId, this.actor.sub, this.actor.org, this.actor.role, this.operationName, this.bulkAccessThreshold,
      chains, childIds, areaCodes, actions, bases, categories, sections, flags,
    ]);
    this.pending.clear();
    return Number(row?.n ?? n);
  }
}

/** migration 0014: the request's common fields, then one array element per event. */
const APPEND_REQUEST = fixedStatement<{ n: number }>(
  'select audit_append_request($1::text, $2::text, $3::text, $4::text, $5::text, $6::integer, $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) as n',
);

/**
 * A set of vocabulary codes as `audit_append_request` takes it: sorted (the canonical JSON's order), joined
 * by commas, '' for none. A code never holds a comma; one that did would split into two, so it is refused.
 */
function joinedCodes(codes: ReadonlySet<string>): string {
  if (codes.size === 0) return '';
  const sorted = [...codes].sort();
  for (const code of sorted) if (code.includes(',')) throw new Error(`audit: the code ${JSON.stringify(code)} holds a comma`);
  return sorted.join(',');
}

/** ISO-8601 UTC with microseconds, formatted by the database so the verifier can reproduce it exactly. */
export const AUDIT_TIME_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
