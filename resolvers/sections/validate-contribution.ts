/** Validates a section contribution before anything is written; each problem names its field. */
import { checkEntries, ENTRY_LIMITS, type ValidEntry } from '../../src/domain/entries.js';
import { SECTIONS, sectionsWithPart, TYPED_PARTS } from '../../src/domain/sections.js';
import { validateSetting } from '../../src/domain/settings.js';
import type { DataCategory, SectionCode, Sen2SettingCode, SettingLegalStatus } from '../../src/domain/vocabulary.js';
import { badInput } from '../../src/platform/errors.js';
import type { ContributeSectionInput, NeedInput, PersonalBudgetInput, PlacementInput, ProvisionInput } from './section.types.js';

export const LIMITS = {
  ...ENTRY_LIMITS,
  provisions: 100,
  textLength: 2_000,
} as const;

const URN = /^\d{6}$/;

export type { ValidEntry };

export function validateEntries(code: SectionCode, entries: readonly { key: string; value: string; category?: DataCategory | null }[]): ValidEntry[] {
  const checked = checkEntries(code, entries);
  if (!checked.ok) throw badInput(checked.field, checked.message);
  return checked.entries;
}

/** reg 12(1)(b): one primary need (rank 1) and at most one secondary (rank 2). */
export function validateNeeds(needs: readonly NeedInput[] | null | undefined, code: SectionCode): NeedInput[] {
  if (!SECTIONS[code].parts.includes('needs')) return [];
  if (!needs || needs.length === 0) throw badInput('needs', 'section B records the primary need (rank 1)');
  const ranks = needs.map((n) => n.rank).sort();
  if (ranks.some((r) => r !== 1 && r !== 2)) throw badInput('needs', 'rank must be 1 (primary) or 2 (secondary)');
  if (ranks.filter((r) => r === 1).length !== 1) throw badInput('needs', 'exactly one primary need (rank 1)');
  if (ranks.filter((r) => r === 2).length > 1) throw badInput('needs', 'at most one secondary need (rank 2)');
  if (needs.length === 2 && needs[0]!.type === needs[1]!.type) throw badInput('needs', 'primary and secondary need must differ');
  return [...needs];
}

function text(field: string, value: string | null | undefined, required: boolean): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(field, 'is required');
    return null;
  }
  if (trimmed.length > LIMITS.textLength) throw badInput(field, `must be at most ${LIMITS.textLength} characters`);
  return trimmed;
}

/** Code 9.69: provision is specific and quantified; dates in order; costs not negative. */
export function validateProvisions(items: readonly ProvisionInput[] | null | undefined): ProvisionInput[] {
  if (!items) return [];
  if (items.length > LIMITS.provisions) throw badInput('provisions', `at most ${LIMITS.provisions} items`);
  return items.map((p, i) => {
    const field = `provisions[${i}]`;
    if (p.quantity != null && p.quantity < 0) throw badInput(`${field}.quantity`, 'must not be negative');
    if (p.annualCostPence != null && p.annualCostPence < 0) throw badInput(`${field}.annualCostPence`, 'must not be negative');
    if (p.startOn && p.endOn && p.endOn < p.startOn) throw badInput(`${field}.endOn`, 'is before startOn');
    return {
      ...p,
      description: text(`${field}.description`, p.description, true)!,
      providerOrg: text(`${field}.providerOrg`, p.providerOrg, false),
      unit: text(`${field}.unit`, p.unit, false),
      frequency: text(`${field}.frequency`, p.frequency, false),
    };
  });
}

/** Section I as stored: the setting named (reg 12(1)(i)) with its legal status and identifiers for SEN2. */
export interface ValidPlacement {
  settingType: PlacementInput['settingType'];
  urn: string | null;
  settingName: string;
  legalStatus: SettingLegalStatus | null;
  ukprn: string | null;
  sen2Setting: Sen2SettingCode | null;
  sen2SettingOther: string | null;
  outOfArea: boolean;
  senUnit: boolean;
  resourcedProvision: boolean;
}

/**
 * reg 12(1)(i): the setting's name and type. With a legal status the whole description is checked by the
 * one setting rule (src/domain/settings.ts: identifiers in their shapes, the one its status implies, a SEN2
 * code exactly when there is none); without one (older clients) only the URN's shape is.
 */
export function validatePlacement(p: PlacementInput | null | undefined): ValidPlacement | null {
  if (!p) return null;
  const settingName = text('placement.settingName', p.settingName, true)!;
  const placement: ValidPlacement = {
    settingType: p.settingType, urn: p.urn?.trim() || null, settingName, legalStatus: p.legalStatus ?? null, ukprn: p.ukprn?.trim() || null,
    sen2Setting: p.sen2Setting ?? null, sen2SettingOther: p.sen2SettingOther?.trim() || null,
    outOfArea: p.outOfArea === true, senUnit: p.senUnit === true, resourcedProvision: p.resourcedProvision === true,
  };
  if (placement.legalStatus === null) {
    if (placement.urn && !URN.test(placement.urn)) throw badInput('placement.urn', 'must be a 6-digit URN');
    return placement;
  }
  const [problem] = validateSetting({ ...placement, legalStatus: placement.legalStatus });
  if (problem) throw badInput(`placement.${problem.field}`, problem.message);
  return placement;
}

export interface ValidBudget {
  form: PersonalBudgetInput['form'];
  educationPence: number;
  healthPence: number;
  socialCarePence: number;
}

export function validateBudget(b: PersonalBudgetInput | null | undefined): ValidBudget | null {
  if (!b) return null;
  const parts = { educationPence: b.educationPence ?? 0, healthPence: b.healthPence ?? 0, socialCarePence: b.socialCarePence ?? 0 };
  for (const [name, value] of Object.entries(parts)) if (value < 0) throw badInput(`personalBudget.${name}`, 'must not be negative');
  return { form: b.form, ...parts };
}

/** Typed parts belong to their sections only; age limits from the registry (H1: CSDPA 1970 s.2, under 18). */
export function validateShape(input: ContributeSectionInput, ageInYears: number): void {
  const rule = SECTIONS[input.code];
  for (const part of TYPED_PARTS) {
    if (input[part] != null && !rule.parts.includes(part)) {
      throw badInput(part, `belongs to section ${sectionsWithPart(part).join('/')} only, not ${input.code}`);
    }
  }
  if (rule.underAge !== undefined && ageInYears >= rule.underAge) {
    throw badInput('code', `section ${input.code} (${rule.title}) is for under-${rule.underAge}s only`);
  }
  if (input.expectedVersion != null && input.expectedVersion < 0) throw badInput('expectedVersion', 'must not be negative');
}
