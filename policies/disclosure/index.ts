/**
 * Disclosure control for commissioning aggregates (docs/disclosure-control.md): pure functions, no database.
 * The aggregate SQL computes, per cell, the true count and `SUM(record_key) % 256`; these functions
 * turn them into publishable values.
 */
export { recordKey, cellKey, assertKey, CELL_KEY_SQL, KEY_SPACE } from './record-key.js';
export { perturb, rowIndex, rowDistribution, MAX_PERTURBATION } from './perturbation-table.js';
export {
  protectCount,
  protectTable,
  DISCLOSURE_RULES,
  SUPPRESS_MAX,
  ROUNDING_BASE,
  MIN_PUBLISHED,
  SMALL_GROUP_MAX,
  SUPPRESSION_REASONS,
  suppressionReasonOf,
} from './protect-count.js';
export type { ProtectedCount, ProtectedCell, ProtectedTable, SuppressionReason, TableCellInput } from './protect-count.js';
export { publishSum, SUM_ROUNDING_BASE } from './dominance.js';
export type { ProtectedSum } from './dominance.js';
