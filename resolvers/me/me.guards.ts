import { publicType } from '../../src/access/guards.js';

/** The caller's own verified claims: no child data. */
export const meTypes = [publicType('Actor', "the caller's own token claims")];
