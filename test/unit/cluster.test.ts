/** The primary's restart delays (src/app/cluster.ts): a crash loop backs off, up to 30 s. */
import { describe, expect, it } from 'vitest';
import { restartDelayMs } from '../../src/app/cluster.js';

describe('restarting a dead hub worker', () => {
  it('waits 0.5 s after a first crash, doubling with each crash in a row, never more than 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
