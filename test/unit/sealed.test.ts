/**
 * Rows leave the data layer sealed: reading one is a compile error (the `@ts-expect-error` lines fail
 * the type check the day a sealed value becomes readable), and at run time nothing of it shows
 * through a cast, a spread or a serialiser.
 */
import { describe, expect, it } from 'vitest';
import { Parcel } from '../../src/access/internal/parcel.js';
import type { Sealed } from '../../src/access/sealed.js';

const row = { givenName: 'Secretname', key: 'concern.suspected-neglect' };
const sealed = new Parcel(null, row) as unknown as Sealed<typeof row>;

describe('a sealed row', () => {
  it('cannot be read without the release step (compile time)', () => {
    // @ts-expect-error a sealed row has no readable fields
    expect(sealed.givenName).toBeUndefined();
    // @ts-expect-error nor does its key
    expect(sealed.key).toBeUndefined();
  });

  it('shows nothing through a cast, a spread or JSON', () => {
    expect((sealed as unknown as Record<string, unknown>).givenName).toBeUndefined();
    expect({ ...(sealed as object) }).toEqual({});
    expect(() => JSON.stringify(sealed)).toThrow(/sealed/);
    expect(Object.values(sealed as object)).toEqual([]);
  });
});
