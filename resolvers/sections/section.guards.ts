/**
 * Guards of the plan sections. A section's structure (code, version, authorship, history) and its
 * typed parts are released under the section's rule: its default category, owned by the
 * organisation that wrote it (src/domain/sections.ts). An entry is released under its own category,
 * which its author may have raised (HEALTH → HEALTH_SENSITIVE, SOCIAL_CARE → SAFEGUARDING): its key
 * and category are structure and pass the same decision as its value.
 */
import type { FieldGuard } from '../../src/access/guards.js';
import { guardType, loaded, relation, releasedWhole, value } from '../../src/access/guards.js';
import { SECTIONS, type TypedPart } from '../../src/domain/sections.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import {
  budgetRows, healthAgreementRows, needRows, placementRows, provisionRows, sectionVersionRows,
  type EntryRow, type SectionHeadRow,
} from './section.store.js';
import type { SectionEntryType, SectionType } from './section.types.js';

/** The section's rule: its default category, owned by its author organisation. */
export function sectionGuard(head: { code: SectionCode; authorOrg: string }): FieldGuard {
  const rule = SECTIONS[head.code];
  return { category: rule.defaultCategory, section: head.code, owner: { agency: rule.agency, org: head.authorOrg } };
}

/** An entry's rule: its own category, in its section, owned by the organisation that wrote its version. */
export function entryGuard(entry: EntryRow): FieldGuard {
  return { ...sectionGuard(entry), category: entry.category };
}

const has = (head: SectionHeadRow, part: TypedPart) => SECTIONS[head.code].parts.includes(part);
const section = (read: (head: SectionHeadRow) => unknown) => value<SectionHeadRow>(sectionGuard, read);
const entry = (read: (e: EntryRow) => unknown) => value<EntryRow>(entryGuard, read);

export const sectionGuards = guardType<SectionHeadRow, SectionType>('Section', {
  code: section((h) => h.code),
  version: section((h) => h.version),
  agency: section((h) => h.agency),
  authorOrg: section((h) => h.authorOrg),
  updatedAt: section((h) => h.updatedAt),
  needs: loaded(sectionGuard, needRows, (h, rows) => (has(h, 'needs') ? rows.map((n) => ({ type: n.type, rank: n.rank })) : null)),
  provisions: loaded(sectionGuard, provisionRows, (h, rows) => (has(h, 'provisions') ? rows : null)),
  placement: loaded(sectionGuard, placementRows, (h, rows) => (has(h, 'placement') ? (rows[0] ?? null) : null)),
  personalBudget: loaded(sectionGuard, budgetRows, (h, rows) => (has(h, 'personalBudget') ? (rows[0] ?? null) : null)),
  icbAgreed: loaded(sectionGuard, healthAgreementRows, (h, rows) => (has(h, 'icbAgreed') ? (rows[0]?.agreedByIcb ?? null) : null)),
  history: loaded(sectionGuard, sectionVersionRows, (_h, rows, view) =>
    rows.map((v) => ({ version: v.version, authorOrg: v.authorOrg, authorSub: view.staffIdentifier(v.authorSub, v.authorOrg), createdAt: v.createdAt }))),
  entries: relation('only the entries the reader may see: ScopedData.partition by each entry\'s guard'),
  withheld: relation('counts by category of entries a consent could release: ScopedData.partition'),
});

export const sectionEntryGuards = guardType<EntryRow, SectionEntryType>('SectionEntry', {
  key: entry((e) => e.key),
  category: entry((e) => e.category),
  value: entry((e) => e.value),
});

export const sectionTypes = [
  guardType('Child', {
    sections: relation('the sections whose structure the reader may see: ScopedData.partition by the section guard'),
    section: relation('one section under its guard: null (no trace) or CONSENT_REQUIRED when a consent could release it'),
    withheld: relation('counts of entries a consent could release: ScopedData.partition'),
  }),
  sectionGuards,
  sectionEntryGuards,
  releasedWhole('SectionVersion', 'Section.history'),
  releasedWhole('Need', 'Section.needs'),
  releasedWhole('Provision', 'Section.provisions'),
  releasedWhole('Placement', 'Section.placement'),
  releasedWhole('PersonalBudget', 'Section.personalBudget'),
  releasedWhole('WithheldEntries', 'Section.withheld', 'Child.withheld', 'AdviceRequest.withheldAdvice'),
];
