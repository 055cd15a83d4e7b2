import { publicType } from '../../src/access/guards.js';

/** The local offer is published to everyone (CFA 2014 s.30): services, not people. */
export const localOfferTypes = [publicType('LocalOfferService', 'the public local offer: services, no child data')];
