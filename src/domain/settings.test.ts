import { describe, expect, it } from 'vitest';
import { SECTION_38_REQUESTABLE, SETTING_LEGAL_STATUSES, SETTING_TYPES } from './vocabulary.js';
import { SETTING_SECTOR, validateSetting, type SettingDescription } from './settings.js';

// Identifiers are synthetic (URNs from 100000, UKPRNs from 10000000), never real establishments.

const fields = (s: SettingDescription) => validateSetting(s).map((p) => p.field);

describe('the setting vocabulary', () => {
  it('keeps the SETTING_TYPES names of the GraphQL schema, in order', () => {
    expect([...SETTING_TYPES]).toEqual([
      'MAINSTREAM',
      'RESOURCED_PROVISION',
      'SPECIAL',
      'ALTERNATIVE_PROVISION',
      'FURTHER_EDUCATION',
      'EARLY_YEARS',
      'ELECTIVE_HOME_EDUCATION',
      'OTHER_ARRANGEMENTS',
      'NEET',
    ]);
  });

  it('says for every legal status whether CFA 2014 s.38(3) lets the family ask for it, and who runs it', () => {
    expect(Object.keys(SECTION_38_REQUESTABLE).sort()).toEqual([...SETTING_LEGAL_STATUSES].sort());
    expect(Object.keys(SETTING_SECTOR).sort()).toEqual([...SETTING_LEGAL_STATUSES].sort());
    // Written out from s.38(3)(a)-(f): maintained school or nursery, academy, FE sector, non-maintained special, s.41 list.
    expect(SETTING_LEGAL_STATUSES.filter((s) => SECTION_38_REQUESTABLE[s])).toEqual([
      'LA_MAINTAINED',
      'ACADEMY',
      'FREE_SCHOOL',
      'NON_MAINTAINED_SPECIAL',
      'INDEPENDENT_S41_APPROVED',
      'FE_COLLEGE',
    ]);
  });
});

describe('validateSetting', () => {
  const school: SettingDescription = { settingType: 'MAINSTREAM', legalStatus: 'LA_MAINTAINED', urn: '100001', outOfArea: false };

  it('accepts whole descriptions', () => {
    expect(validateSetting(school)).toEqual([]);
    expect(validateSetting({ settingType: 'SPECIAL', legalStatus: 'INDEPENDENT_S41_APPROVED', urn: '140001', outOfArea: true })).toEqual([]);
    expect(validateSetting({ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', ukprn: '10012345', outOfArea: false })).toEqual([]);
    expect(validateSetting({ settingType: 'ELECTIVE_HOME_EDUCATION', legalStatus: 'NO_INSTITUTION', sen2Setting: 'EHE', outOfArea: false })).toEqual([]);
    expect(validateSetting({ settingType: 'EARLY_YEARS', legalStatus: 'EARLY_YEARS_PVI', sen2Setting: 'EYP', outOfArea: false })).toEqual([]);
    expect(validateSetting({ settingType: 'RESOURCED_PROVISION', legalStatus: 'ACADEMY', urn: '140002', resourcedProvision: true, outOfArea: false })).toEqual([]);
    expect(
      validateSetting({ settingType: 'OTHER_ARRANGEMENTS', legalStatus: 'NO_INSTITUTION', sen2Setting: 'OTH', sen2SettingOther: 'Hospital tuition', outOfArea: false }),
    ).toEqual([]);
  });

  it('checks identifier shapes', () => {
    expect(fields({ ...school, urn: '012345' })).toEqual(['urn']);
    expect(fields({ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', ukprn: '20012345', outOfArea: false })).toEqual(['ukprn']);
  });

  it('needs the identifier a legal status implies: a URN for schools, a UKPRN for post-16 providers', () => {
    expect(validateSetting({ ...school, urn: null })).toEqual([
      { field: 'urn', message: 'is required for a LA_MAINTAINED setting (every school in GIAS has one)' },
      { field: 'sen2Setting', message: 'is required for a placement without a URN or UKPRN' },
    ]);
    expect(fields({ settingType: 'FURTHER_EDUCATION', legalStatus: 'SPECIALIST_POST_16', outOfArea: false })).toEqual(['ukprn', 'sen2Setting']);
  });

  it('uses a SEN2 setting code only without an identifier, and one that fits the type', () => {
    expect(fields({ ...school, sen2Setting: 'OTH' })).toEqual(['sen2Setting']);
    expect(validateSetting({ settingType: 'ELECTIVE_HOME_EDUCATION', legalStatus: 'NO_INSTITUTION', sen2Setting: 'OLA', outOfArea: false })).toEqual([
      { field: 'sen2Setting', message: 'OLA does not fit ELECTIVE_HOME_EDUCATION (expected EHE)' },
    ]);
    expect(fields({ settingType: 'OTHER_ARRANGEMENTS', legalStatus: 'NO_INSTITUTION', sen2Setting: 'OTH', outOfArea: false })).toEqual(['sen2SettingOther']);
  });

  it('keeps type and legal status consistent', () => {
    expect(fields({ settingType: 'NEET', legalStatus: 'ACADEMY', urn: '140003', outOfArea: false })).toContain('legalStatus');
    expect(fields({ settingType: 'SPECIAL', legalStatus: 'NO_INSTITUTION', sen2Setting: 'OTH', sen2SettingOther: 'x', outOfArea: false })).toContain('legalStatus');
    expect(fields({ settingType: 'RESOURCED_PROVISION', legalStatus: 'LA_MAINTAINED', urn: '100002', outOfArea: false })).toEqual(['resourcedProvision']);
    expect(fields({ settingType: 'FURTHER_EDUCATION', legalStatus: 'PUPIL_REFERRAL_UNIT', urn: '100003', outOfArea: false })).toEqual(['legalStatus']);
  });

  it('needs the out-of-area flag, and refuses unknown codes', () => {
    expect(fields({ ...school, outOfArea: undefined as never })).toEqual(['outOfArea']);
    expect(fields({ ...school, legalStatus: 'GRAMMAR' as never })).toEqual(['legalStatus']);
    expect(fields({ ...school, settingType: 'CASTLE' as never })).toEqual(['settingType']);
  });
});
