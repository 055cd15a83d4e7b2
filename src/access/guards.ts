/**
 * Field guards: every field of every GraphQL type that carries data about a child declares, once,
 * how it is released. The composition root installs one resolver per guarded field
 * (src/app/install-guards.ts), so a module cannot return a value without its guard, and a test walks
 * the emitted schema and fails on any field without one (test/unit/field-guards.test.ts).
 *
 * Kinds:
 * - `value`: decided by the field access decision (policies/field-access.ts) on the guard's category
 *   and owner, noted for the audit trail, withheld as null plus an error at its path.
 * - `loaded`: the same, for a value computed from rows loaded (batched) under the parent.
 * - `view`: a row a named data-layer method already scoped to this reader (the access log, the
 *   break-glass review queue); released as read, with staff identifiers redacted for families.
 * - `relation`: resolved by the module's own field resolver, which can only obtain sealed values from
 *   the data layer (each element is then guarded by its own type).
 * - whole types (`releasedWhole`): plain objects released in one piece by a `value` field of their parent.
 * - `public` / `aggregate` types: no child data (the caller's own claims; disclosure-controlled tables).
 */
import type { Actor } from '../domain/actor.js';
import type { Agency, DataCategory, SectionCode } from '../domain/vocabulary.js';
import type { ChildRecord } from './child-record.js';
import type { RowsDef } from './rows.js';

/**
 * The organisation (and its agency) that owns a value: a section's author, the organisation that gave
 * advice. `org: null` for a value addressed to an agency (an advice request to "health").
 */
export interface Owner {
  agency: Agency;
  org: string | null;
}

/** What a value is, for the access decision and the audit trail. */
export interface FieldGuard {
  category: DataCategory;
  /** The plan section the value belongs to, recorded in the audit event. */
  section?: SectionCode | null;
  owner?: Owner | null;
}

export const IDENTITY_GUARD: FieldGuard = { category: 'IDENTITY' };

/** What a field reader may know about who is reading (to redact, never to decide). */
export interface ReleaseView {
  actor: Actor;
  /** The request's instant and its UTC calendar date. */
  now: Date;
  today: string;
  /** Staff identifiers never reach a family: an organisation code stands in for them. */
  staffIdentifier(sub: string, org: string): string;
}

export type FieldSpec<R> =
  | { readonly kind: 'value'; readonly guard: (row: R) => FieldGuard; readonly read: (row: R, view: ReleaseView, child: ChildRecord | null) => unknown }
  | {
      readonly kind: 'loaded';
      readonly guard: (row: R) => FieldGuard;
      readonly rows: RowsDef<R, any>;
      readonly read: (row: R, rows: any[], view: ReleaseView) => unknown;
    }
  | { readonly kind: 'view'; readonly read: (row: R, view: ReleaseView) => unknown; readonly why: string }
  | { readonly kind: 'relation'; readonly why: string };

export type TypeGuards =
  | { readonly typeName: string; readonly kind: 'fields'; readonly fields: Readonly<Record<string, FieldSpec<any>>> }
  | { readonly typeName: string; readonly kind: 'releasedWhole'; readonly by: readonly string[] }
  | { readonly typeName: string; readonly kind: 'public' | 'aggregate'; readonly why: string };

/** A value field: released when the decision on `guard(row)` allows it. */
export const value = <R>(guard: (row: R) => FieldGuard, read: (row: R, view: ReleaseView, child: ChildRecord | null) => unknown): FieldSpec<R> => ({ kind: 'value', guard, read });
const identityGuard = (): FieldGuard => IDENTITY_GUARD;
/** A value field of the child's identity (rule 2 of the decision: everyone with a relationship); one guard function for all, so a row decides it once. */
export const identity = <R>(read: (row: R, view: ReleaseView, child: ChildRecord | null) => unknown): FieldSpec<R> => value(identityGuard, read);
/**
 * A value field computed from rows loaded under the parent (batched): decided on `guard(parent)`
 * before anything is loaded, then `read(parent, rows)`.
 */
export const loaded = <P, R>(
  guard: (row: P) => FieldGuard,
  rows: RowsDef<P, R>,
  read: (row: P, rows: R[], view: ReleaseView) => unknown,
): FieldSpec<P> => ({ kind: 'loaded', guard, rows, read });
/** A field of a row already scoped to this reader by a named data-layer method. */
export const view = <R>(why: string, read: (row: R, view: ReleaseView) => unknown): FieldSpec<R> => ({ kind: 'view', read, why });
/** A field the module resolves itself, from sealed values only. */
export const relation = (why: string): FieldSpec<any> => ({ kind: 'relation', why });

/**
 * Declares the guards of one GraphQL type. `T`, when given, is the type's class: every one of its
 * declared fields must then have a guard here (checked by the compiler).
 */
export function guardType<R, T = Record<string, unknown>>(
  typeName: string,
  fields: { readonly [K in keyof T & string]-?: FieldSpec<R> } & Record<string, FieldSpec<R>>,
): TypeGuards {
  return { typeName, kind: 'fields', fields };
}

/** A type whose values are released in one piece by the named parent fields (`Type.field`). */
export const releasedWhole = (typeName: string, ...by: string[]): TypeGuards => ({ typeName, kind: 'releasedWhole', by });
/** A type that carries no child data. */
export const publicType = (typeName: string, why: string): TypeGuards => ({ typeName, kind: 'public', why });
/** A disclosure-controlled aggregate (policies/disclosure): no child can be singled out. */
export const aggregateType = (typeName: string, why: string): TypeGuards => ({ typeName, kind: 'aggregate', why });
