/**
 * The hub's codes in words a family, a coordinator or a commissioner would use. Pure functions,
 * no DOM, so they are unit-tested (test/unit/ui-plain-words.test.ts).
 */

/** EHC plan sections (SEND Regulations 2014 reg 12). */
export const SECTION_NAMES = {
  A: 'views, interests and aspirations',
  B: 'special educational needs',
  C: 'health needs',
  D: 'social care needs',
  E: 'outcomes',
  F: 'special educational provision',
  G: 'health provision',
  H1: 'social care provision',
  H2: 'other social care provision',
  I: 'school or other setting',
  J: 'personal budget',
  K: 'advice and information',
};

export const CATEGORY_NAMES = {
  IDENTITY: 'name and contact details',
  VIEWS: 'views and wishes',
  EDUCATION: 'education information',
  HEALTH: 'health information',
  HEALTH_SENSITIVE: 'sensitive health information',
  SOCIAL_CARE: 'social care information',
  SAFEGUARDING: 'safeguarding information',
  FINANCIAL: 'personal budget information',
};

export const AGENCY_NAMES = { EDUCATION: 'education', HEALTH: 'health', SOCIAL_CARE: 'social care' };

/** SEN2 primary need codes. */
export const NEED_NAMES = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment of type of need',
};

export const PLAN_STATUS_NAMES = {
  REQUESTED: 'Assessment requested',
  ASSESSING: 'Being assessed',
  NOT_ASSESSED: 'Decided not to assess',
  DRAFT: 'Draft plan issued',
  FINAL: 'Plan in place',
  CEASED: 'Plan ceased',
};

export const BUDGET_FORM_NAMES = {
  DIRECT_PAYMENT: 'Direct payment',
  NOTIONAL: 'Notional budget',
  THIRD_PARTY: 'Third-party arrangement',
  MIXED: 'Mixed',
};

/** Why a protected number is withheld (NeedCell.suppressedBecause), in words. */
export const WITHHELD_REASONS = {
  SMALL_NUMBERS: 'fewer than 8 children, or all of a group of 10 or fewer',
  SUM_RULES: 'too few children contribute to the sum, or one contributes more than half',
  FROM_WITHHELD_COUNT: 'worked out from a number that is withheld',
  SMALL_COUNT: 'fewer than 8 children',
  DOMINANCE: 'one group would be identifiable',
  GROUP_DOMINANCE: 'one group would be identifiable',
  SECONDARY: 'would let another withheld number be worked out',
  SECONDARY_SUPPRESSION: 'would let another withheld number be worked out',
  GROUP_RULE: 'too few children in the group',
  SMALL_GROUP: 'too few children in the group',
};

/** "SHORT_BREAKS" → "Short breaks"; a code we have no words for still reads as words. */
export function humanise(code) {
  if (code === null || code === undefined || code === '') return '';
  const s = String(code).toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The reason for a withheld cell (string, enum or list), or null when the API gives none. */
export function withheldReason(reason) {
  if (reason === null || reason === undefined) return null;
  const list = Array.isArray(reason) ? reason : [reason];
  const words = list.filter(Boolean).map((r) => WITHHELD_REASONS[r] ?? humanise(r).toLowerCase());
  return words.length ? words.join('; ') : null;
}

/** "a, b and c" */
export function listInWords(items) {
  const unique = [...new Set(items.filter(Boolean))];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}
