/**
 * The section registry: one declarative row per EHC plan section (SEND Regulations 2014 reg 12 and
 * the SEND Code of Practice 0–25, para 9.62). Every rule the hub applies to a section — who writes
 * it, which agency owns it, its default data category and the raises an author may make, the typed
 * parts it carries, its age limit, whether a final plan needs it — is read from here: guards,
 * validation, the plan's finalisation checks and the SQL code lists all derive from this table.
 *
 * Adding a section is one row (and a migration only for a new typed part).
 */
import type { Agency, DataCategory, SectionCode } from './vocabulary.js';
import { SECTION_CODES } from './vocabulary.js';

/**
 * Who may write a section (reg 12; Code 9.62). The council's SEN team writes the plan (B, E, F, I, J,
 * K) and records the family's views (A), which the family may also give themselves; health and social
 * care organisations on the child's care team write their own agencies' sections (C, G; D, H1, H2).
 * Schools, settings and other practitioners contribute advice (reg 6), kept as their own appendices of K.
 */
export type SectionWriter =
  /** The case coordinator of the child's area (the council SEN team, CFA 2014 s.37). */
  | 'COORDINATOR'
  /** A linked family member who is the consent holder (CFA 2014 s.19: views, wishes and feelings). */
  | 'FAMILY'
  /** A practitioner of an organisation on the care team whose recorded agency is the section's agency. */
  | 'AGENCY_ON_CARE_TEAM';

/** Typed parts stored in their own columns, because commissioning aggregates group on them in SQL. */
export const TYPED_PARTS = ['needs', 'provisions', 'placement', 'personalBudget', 'icbAgreed'] as const;
export type TypedPart = (typeof TYPED_PARTS)[number];

export interface SectionRule {
  code: SectionCode;
  title: string;
  /** The provision of the Regulations or Code that defines the section. */
  source: string;
  /** The agency responsible for the section's content. */
  agency: Agency;
  writers: readonly SectionWriter[];
  /** The category an entry gets when its author names none. */
  defaultCategory: DataCategory;
  /** The only categories an author may raise an entry to (more sensitive, same agency); never lower. */
  raises: readonly DataCategory[];
  parts: readonly TypedPart[];
  /** The section may be written only while the child is younger than this (in whole years). */
  underAge?: number;
  /** A final plan cannot be issued without it (reg 12(1): the plan "must" contain it). */
  requiredInFinal: boolean;
}

const row = (rule: SectionRule) => rule;

/** The registry itself, in the order the plan sets the sections out. */
export const SECTIONS: Readonly<Record<SectionCode, SectionRule>> = {
  A: row({
    code: 'A', title: 'Views, interests and aspirations of the child and parents, or the young person', source: 'reg 12(1)(a)',
    agency: 'EDUCATION', writers: ['COORDINATOR', 'FAMILY'], defaultCategory: 'VIEWS', raises: [], parts: [], requiredInFinal: false,
  }),
  B: row({
    code: 'B', title: 'Special educational needs', source: 'reg 12(1)(b)',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'EDUCATION', raises: [], parts: ['needs'], requiredInFinal: true,
  }),
  C: row({
    code: 'C', title: 'Health care needs relating to the SEN', source: 'reg 12(1)(c)',
    agency: 'HEALTH', writers: ['AGENCY_ON_CARE_TEAM'], defaultCategory: 'HEALTH', raises: ['HEALTH_SENSITIVE'], parts: [], requiredInFinal: false,
  }),
  D: row({
    code: 'D', title: 'Social care needs relating to the SEN or disability', source: 'reg 12(1)(d)',
    agency: 'SOCIAL_CARE', writers: ['AGENCY_ON_CARE_TEAM'], defaultCategory: 'SOCIAL_CARE', raises: ['SAFEGUARDING'], parts: [], requiredInFinal: false,
  }),
  E: row({
    code: 'E', title: 'Outcomes sought, including preparing for adulthood', source: 'reg 12(1)(e)',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'EDUCATION', raises: [], parts: [], requiredInFinal: true,
  }),
  F: row({
    code: 'F', title: 'Special educational provision', source: 'reg 12(1)(f); Code 9.69 (specific and quantified)',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'EDUCATION', raises: [], parts: ['provisions'], requiredInFinal: true,
  }),
  G: row({
    code: 'G', title: 'Health provision', source: 'reg 12(1)(g); reg 12(2) (agreed by the ICB)',
    agency: 'HEALTH', writers: ['AGENCY_ON_CARE_TEAM'], defaultCategory: 'HEALTH', raises: ['HEALTH_SENSITIVE'], parts: ['provisions', 'icbAgreed'], requiredInFinal: false,
  }),
  H1: row({
    code: 'H1', title: 'Social care provision under s.2 Chronically Sick and Disabled Persons Act 1970', source: 'reg 12(1)(h)',
    agency: 'SOCIAL_CARE', writers: ['AGENCY_ON_CARE_TEAM'], defaultCategory: 'SOCIAL_CARE', raises: ['SAFEGUARDING'], parts: ['provisions'], underAge: 18, requiredInFinal: false,
  }),
  H2: row({
    code: 'H2', title: 'Other social care provision', source: 'reg 12(1)(h)',
    agency: 'SOCIAL_CARE', writers: ['AGENCY_ON_CARE_TEAM'], defaultCategory: 'SOCIAL_CARE', raises: ['SAFEGUARDING'], parts: ['provisions'], requiredInFinal: false,
  }),
  I: row({
    code: 'I', title: 'Name and type of school or other institution', source: 'reg 12(1)(i); blank in the draft (reg 13(1)(b))',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'EDUCATION', raises: [], parts: ['placement'], requiredInFinal: true,
  }),
  J: row({
    code: 'J', title: 'Personal budget', source: 'reg 12(1)(j); Personal Budgets Regulations 2014',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'FINANCIAL', raises: [], parts: ['personalBudget'], requiredInFinal: false,
  }),
  K: row({
    code: 'K', title: 'Advice and information gathered during the assessment (appendices)', source: 'reg 12(1)(k)',
    agency: 'EDUCATION', writers: ['COORDINATOR'], defaultCategory: 'EDUCATION', raises: [], parts: [], requiredInFinal: false,
  }),
};

/** The rule for one section. */
export const sectionRule = (code: SectionCode): SectionRule => SECTIONS[code];

/** The sections that carry a typed part, in registry order (for validation and SQL code lists). */
export function sectionsWithPart(part: TypedPart): SectionCode[] {
  return SECTION_CODES.filter((code) => SECTIONS[code].parts.includes(part));
}

/** reg 12(1): the sections a final plan cannot be issued without. */
export const SECTIONS_REQUIRED_IN_FINAL: readonly SectionCode[] = SECTION_CODES.filter((code) => SECTIONS[code].requiredInFinal);

/**
 * The category an entry is stored with: the section's default, or one of its allowed raises.
 * Lowering a category, or moving it to another agency's, would widen who can read it: null (refused).
 */
export function entryCategory(code: SectionCode, requested: DataCategory | null | undefined): DataCategory | null {
  const rule = SECTIONS[code];
  if (!requested || requested === rule.defaultCategory) return rule.defaultCategory;
  return rule.raises.includes(requested) ? requested : null;
}

/** The categories an entry of `category` may be raised to (HEALTH → HEALTH_SENSITIVE, SOCIAL_CARE → SAFEGUARDING). */
export function raisesOf(category: DataCategory): DataCategory[] {
  return [...new Set(SECTION_CODES.flatMap((code) => (SECTIONS[code].defaultCategory === category ? SECTIONS[code].raises : [])))];
}
