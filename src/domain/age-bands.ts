/**
 * The DfE age bands (src/domain/vocabulary.ts AGE_BANDS) as one table, from which both the SQL of the
 * commissioning aggregates and code derive: a child is in the band whose first age it has reached on
 * the reference date and whose next band's first age it has not.
 */
import { addMonths } from './statutory-clock.js';
import { AGE_BANDS, type AgeBand } from './vocabulary.js';

/** The first whole-year age of each band. */
export const AGE_BAND_STARTS: Readonly<Record<AgeBand, number>> = {
  UNDER_5: 0, AGE_5_10: 5, AGE_11_15: 11, AGE_16_19: 16, AGE_20_25: 20, AGE_26_PLUS: 26,
};

/**
 * For each band but the oldest, the date of birth after which a child is younger than the next band
 * on `asOf` (born after asOf − n years: not yet n), youngest band first.
 */
export function ageBandBoundaries(asOf: string): { band: AgeBand; bornAfter: string }[] {
  return AGE_BANDS.slice(0, -1).map((band, i) => ({ band, bornAfter: addMonths(asOf, -12 * AGE_BAND_STARTS[AGE_BANDS[i + 1]!]) }));
}
