/**
 * What the data layer hands out: sealed values. A `Sealed<T>` carries a row about a child, but no
 * code outside src/access can read it; resolvers pass it on to the GraphQL fields, whose guards
 * (declared once per type, see guards.ts) release each value through `ScopedData.releaseField`.
 * Forgetting the check is a compile error, not a leak.
 */
declare const SEALED: unique symbol;

/** A row the caller may not read directly. */
export interface Sealed<T> {
  readonly [SEALED]: T;
}

/**
 * A child the caller has a relationship with (anyone else gets NOT_FOUND). Its id and area are open
 * because every service needs them to act (and every reader of the child is recorded on hand-out);
 * every other value is sealed.
 */
export interface ChildRef extends Sealed<import('./child-record.js').ChildRecord> {
  readonly id: string;
  readonly areaCode: string;
}
