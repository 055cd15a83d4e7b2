/**
 * The runtime form of a sealed value. Its row, its child and its parent sit in ECMAScript private
 * fields, so nothing outside this class can read them, not even with a cast or JSON.stringify; only
 * the static accessors can, and only the data layer (src/access) may import this file (the layer
 * check in .dependency-cruiser.cjs enforces it).
 */
import type { ChildRecord } from '../child-record.js';

export class Parcel<T = unknown> {
  readonly #row: T;
  readonly #child: ChildRecord | null;
  readonly #parent: Parcel | null;
  /**
   * The last guard function asked of this row and what it decided (its field guard and decision).
   * A guard is a pure function of the row and decisions hold for the request (parcels live no
   * longer), so a row's second and later fields under the same guard (an entry's key, category and
   * value) reuse the first answer instead of building the guard and deciding again.
   */
  #guardFn: unknown = null;
  #guarded: unknown = null;

  constructor(
    /** The child the value is about; null for rows scoped by a named read (the access log). */
    child: ChildRecord | null,
    row: T,
    /** The parcel this one was loaded under (an entry's section, a version's section). */
    parent: Parcel | null = null,
  ) {
    this.#row = row;
    this.#child = child;
    this.#parent = parent;
  }

  static open<T>(parcel: Parcel<T>): T {
    return parcel.#row;
  }

  static childOf(parcel: Parcel): ChildRecord | null {
    return parcel.#child;
  }

  static parentOf(parcel: Parcel): Parcel | null {
    return parcel.#parent;
  }

  /** What `guardFn` decided for this row earlier in the request, or undefined. */
  static decided<D>(parcel: Parcel, guardFn: unknown): D | undefined {
    return parcel.#guardFn === guardFn ? (parcel.#guarded as D) : undefined;
  }

  static remember(parcel: Parcel, guardFn: unknown, decided: unknown): void {
    parcel.#guardFn = guardFn;
    parcel.#guarded = decided;
  }

  static is(value: unknown): value is Parcel {
    return typeof value === 'object' && value !== null && #row in value;
  }

  /** A sealed value that reaches a serialiser is a bug, never a leak. */
  toJSON(): never {
    throw new Error('a sealed value cannot be serialised: release its fields through their guards');
  }
}
