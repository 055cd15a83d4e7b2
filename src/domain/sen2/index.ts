/**
 * The DfE SEN2 person-level return from plain hub records: `produceSen2Return(input)` gives the XML, every
 * issue found (each naming the child, never dropping a record) and the counts. docs/sen2.md documents the
 * mapping, the sources of the element names and codes, and the guesses.
 */
import { deriveSen2, type Sen2Derivation } from './derive.js';
import type { Sen2Issue, Sen2ReturnInput } from './model.js';
import { summariseSen2, type Sen2Summary } from './summary.js';
import { writeSen2Xml } from './xml.js';

export * from './codes.js';
export type * from './model.js';
export { collectionPeriod, deriveSen2, type Sen2Derivation } from './derive.js';
export { summariseSen2, type Sen2Summary } from './summary.js';
export { writeSen2Xml, xmlSafe } from './xml.js';

export interface Sen2Return {
  xml: string;
  issues: Sen2Issue[];
  summary: Sen2Summary;
  /** Children considered with nothing in scope, and why. */
  outOfScope: Sen2Derivation['outOfScope'];
}

/** Builds, validates and counts the return in one pass over the same derived records. */
export function produceSen2Return(input: Sen2ReturnInput): Sen2Return {
  const derived = deriveSen2(input);
  return { xml: writeSen2Xml(derived.header, derived.persons), issues: derived.issues, summary: summariseSen2(derived), outOfScope: derived.outOfScope };
}
