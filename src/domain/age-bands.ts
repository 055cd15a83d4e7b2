/**
 * The DfE age bands (src/domain/vocabulary.ts AGE_BANDS) as one table, from which the SQL of the
 * commissioning aggregates, the local offer's age taxonomy and code all derive: a child is in the band
 * whose first age it has reached on the reference date and whose next band's first age it has not.
 */
import { addMonths } from './statutory-clock.js';
import { AGE_BANDS, type AgeBand } from './vocabulary.js';

/** The bands DfE publishes (0–25: CFA 2014 s.83(2)); AGE_26_PLUS exists only for far-off reference dates. */
export type PublishedAgeBand = Exclude<AgeBand, 'AGE_26_PLUS'>;
export const PUBLISHED_AGE_BANDS = AGE_BANDS.filter((b): b is PublishedAgeBand => b !== 'AGE_26_PLUS');

/** Inclusive whole-year ages of each band, with its published name. */
export const AGE_BAND_RANGES: Readonly<Record<AgeBand, { from: number; to: number; name: string }>> = {
  UNDER_5: { from: 0, to: 4, name: 'Under 5' },
  AGE_5_10: { from: 5, to: 10, name: 'Aged 5 to 10' },
  AGE_11_15: { from: 11, to: 15, name: 'Aged 11 to 15' },
  AGE_16_19: { from: 16, to: 19, name: 'Aged 16 to 19' },
  AGE_20_25: { from: 20, to: 25, name: 'Aged 20 to 25' },
  AGE_26_PLUS: { from: 26, to: Number.POSITIVE_INFINITY, name: 'Aged 26 or over' },
};

/**
 * For each band but the oldest, the date of birth after which a child is younger than the next band
 * on `asOf` (born after asOf − n years: not yet n), youngest band first.
 */
export function ageBandBoundaries(asOf: string): { band: AgeBand; bornAfter: string }[] {
  return AGE_BANDS.slice(0, -1).map((band, i) => ({ band, bornAfter: addMonths(asOf, -12 * AGE_BAND_RANGES[AGE_BANDS[i + 1]!].from) }));
}
