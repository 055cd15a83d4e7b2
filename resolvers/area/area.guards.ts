import { publicType } from '../../src/access/guards.js';

/** Reference data: ward and MSOA codes and names, no child. */
export const areaTypes = [publicType('Locality', "an area's register of localities: reference data, no child")];
