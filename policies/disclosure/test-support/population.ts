/**
 * Test support for the disclosure tests: a seeded generator and an in-memory stand-in for the
 * aggregate SQL (`GROUP BY … COUNT(*), SUM(record_key) % 256`), so properties can be checked over
 * whole populations without a database. Not used by production code.
 */
import { cellKey } from '../record-key.js';

/** Deterministic PRNG (mulberry32) so Monte Carlo tests are reproducible. */
export function seededRandom(seed: number): { next(): number; int(lo: number, hi: number): number } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)) };
}

export const DIMENSIONS = {
  need: ['ASD', 'SEMH', 'SLCN', 'MLD', 'PD'],
  ageBand: ['0-4', '5-10', '11-15', '16-19', '20-25'],
  locality: ['North', 'South', 'East', 'West'],
  setting: ['mainstream', 'special', 'post16'],
  planStatus: ['draft', 'final', 'ceased'],
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];

export type Child = { id: number; recordKey: number } & Record<Dimension, string>;

/** A cell as the SQL would return it: grouping values, true count, cell key. */
export interface SqlCell {
  key: string[];
  count: number;
  cellKey: number;
}

/** `SELECT dims…, COUNT(*), SUM(record_key) % 256 FROM children WHERE filter GROUP BY dims…`. */
export function groupBy(children: readonly Child[], dims: readonly Dimension[], filter: (c: Child) => boolean = () => true): SqlCell[] {
  const groups = new Map<string, { key: string[]; keys: number[] }>();
  for (const child of children) {
    if (!filter(child)) continue;
    const key = dims.map((d) => child[d]);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, keys: [] };
    group.keys.push(child.recordKey);
    groups.set(id, group);
  }
  return [...groups.values()].map((g) => ({ key: g.key, count: g.keys.length, cellKey: cellKey(g.keys) }));
}

/** `SELECT COUNT(*), SUM(record_key) % 256 FROM children WHERE filter`: one cell, possibly empty. */
export function countWhere(children: readonly Child[], filter: (c: Child) => boolean): SqlCell {
  const keys = children.filter(filter).map((c) => c.recordKey);
  return { key: [], count: keys.length, cellKey: cellKey(keys) };
}
