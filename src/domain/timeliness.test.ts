import { describe, expect, it } from 'vitest';
import { CLOCK_EXCEPTION_REASONS } from './vocabulary.js';
import {
  CLOCK_EXCEPTION_MINIMUM_DAYS,
  EVIDENCE_NOTE_MAX_LENGTH,
  isIssuedWithinTimescale,
  normaliseEvidenceNote,
  validateClockException,
  type ClockException,
  type ClockExceptionProcess,
} from './timeliness.js';
import { TIMELINESS_CASES } from './timeliness-cases.js';

// Expected dates and day counts below are worked on a calendar, not produced by the code under test.

const assessing: ClockExceptionProcess = { status: 'ASSESSING', requestReceivedOn: '2026-01-05' };
const note = 'Letter from the head teacher, ref. SYN-42 (synthetic)';
const codes = (e: ClockException, p: ClockExceptionProcess = assessing, on = '2026-04-30') => validateClockException(e, p, on).map((r) => r.code);

describe('the 4-week minimums (SEND Regulations 2014 reg 5(4), 10(4), 13(3))', () => {
  it('has a minimum for every reason, 28 days for closures and absences, none for personal circumstances', () => {
    expect(Object.keys(CLOCK_EXCEPTION_MINIMUM_DAYS).sort()).toEqual([...CLOCK_EXCEPTION_REASONS].sort());
    expect(CLOCK_EXCEPTION_MINIMUM_DAYS).toEqual({ SETTING_CLOSED: 28, FAMILY_ABSENT_FROM_AREA: 28, EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: 1 });
  });

  it('accepts a setting closed Monday 2026-03-02 to Sunday 2026-03-29: 28 days, both ends counted', () => {
    expect(codes({ reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-29', evidenceNote: note })).toEqual([]);
  });

  it('refuses a closure one day short (to Saturday 2026-03-28, 27 days), naming the minimum', () => {
    const [refusal] = validateClockException({ reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-28', evidenceNote: note }, assessing, '2026-04-30');
    expect(refusal).toMatchObject({ code: 'SHORTER_THAN_MINIMUM', field: 'toOn', minimumDays: 28, days: 27 });
    expect(refusal!.message).toContain('not less than 4 weeks');
  });

  it('refuses a 12-day half-term absence, Monday 2026-02-09 to Friday 2026-02-20', () => {
    expect(codes({ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2026-02-09', toOn: '2026-02-20', evidenceNote: note })).toEqual(['SHORTER_THAN_MINIMUM']);
  });

  it('counts 29 February: an absence 2024-02-05 to 2024-03-03 is 28 days', () => {
    const p: ClockExceptionProcess = { status: 'ASSESSING', requestReceivedOn: '2024-01-10' };
    expect(codes({ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2024-02-05', toOn: '2024-03-03', evidenceNote: note }, p, '2024-03-10')).toEqual([]);
    expect(codes({ reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2024-02-05', toOn: '2024-03-02', evidenceNote: note }, p, '2024-03-10')).toEqual(['SHORTER_THAN_MINIMUM']);
  });

  it('accepts exceptional personal circumstances of a single day (no minimum)', () => {
    expect(codes({ reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', fromOn: '2026-04-01', toOn: '2026-04-01', evidenceNote: note })).toEqual([]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(codes({ reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', fromOn: '2026-04-02', toOn: '2026-04-01', evidenceNote: note })).toEqual(['ENDS_BEFORE_IT_STARTS']);
  });
});

describe('evidence', () => {
  const e = (evidenceNote: string | null): ClockException => ({ reason: 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', fromOn: '2026-04-01', toOn: '2026-04-03', evidenceNote });

  it('is required, and whitespace is not evidence', () => {
    expect(codes(e(null))).toEqual(['EVIDENCE_MISSING']);
    expect(codes(e(''))).toEqual(['EVIDENCE_MISSING']);
    expect(codes(e(' \t\n '))).toEqual(['EVIDENCE_MISSING']);
  });

  it(`is bounded: ${EVIDENCE_NOTE_MAX_LENGTH} characters pass, one more is refused`, () => {
    expect(EVIDENCE_NOTE_MAX_LENGTH).toBe(2000);
    expect(codes(e('x'.repeat(2000)))).toEqual([]);
    expect(codes(e('x'.repeat(2001)))).toEqual(['EVIDENCE_TOO_LONG']);
    expect(codes(e(`  ${'x'.repeat(2000)}  `))).toEqual([]); // measured as stored, trimmed
  });

  it('is stored trimmed', () => {
    expect(normaliseEvidenceNote('  ref 12  ')).toBe('ref 12');
    expect(normaliseEvidenceNote(null)).toBe('');
  });
});

describe('within the process, never after it', () => {
  const closure: ClockException = { reason: 'SETTING_CLOSED', fromOn: '2026-03-02', toOn: '2026-03-29', evidenceNote: note };

  it('refuses an exception starting before the request was received', () => {
    expect(codes({ ...closure, fromOn: '2026-01-04' })).toEqual(['STARTS_BEFORE_REQUEST']);
    expect(codes({ ...closure, fromOn: '2026-01-05', toOn: '2026-02-01' })).toEqual([]); // the request day itself is within
  });

  it.each(['FINAL', 'NOT_ASSESSED', 'CEASED'] as const)('refuses recording once the process is %s', (status) => {
    const refusals = validateClockException(closure, { status, requestReceivedOn: '2026-01-05', endedOn: '2026-05-20' }, '2026-06-01');
    expect(refusals.map((r) => r.code)).toEqual(['PROCESS_ENDED']);
    expect(refusals[0]!.message).toContain(status);
  });

  it.each(['REQUESTED', 'ASSESSING', 'DRAFT'] as const)('accepts recording while the process is %s', (status) => {
    expect(codes(closure, { status, requestReceivedOn: '2026-01-05' })).toEqual([]);
  });

  it('refuses an exception ending after the process ended, when an end is known', () => {
    expect(codes(closure, { status: 'DRAFT', requestReceivedOn: '2026-01-05', endedOn: '2026-03-20' })).toEqual(['ENDS_AFTER_PROCESS']);
  });

  it('refuses a period not yet over on the recording day (its 4 weeks cannot yet be shown)', () => {
    expect(codes(closure, assessing, '2026-03-28')).toEqual(['NOT_YET_OVER']);
    expect(codes(closure, assessing, '2026-03-29')).toEqual([]);
  });

  it('lists every problem at once, each on its field', () => {
    const refusals = validateClockException(
      { reason: 'FAMILY_ABSENT_FROM_AREA', fromOn: '2025-12-20', toOn: '2026-01-02', evidenceNote: '' },
      assessing,
      '2026-04-30',
    );
    expect(refusals.map((r) => [r.code, r.field])).toEqual([
      ['SHORTER_THAN_MINIMUM', 'toOn'],
      ['EVIDENCE_MISSING', 'evidenceNote'],
      ['STARTS_BEFORE_REQUEST', 'fromOn'],
    ]);
  });

  it('refuses an unknown reason and throws on a date that is not real', () => {
    expect(codes({ ...closure, reason: 'HOLIDAY' as never })).toEqual(['UNKNOWN_REASON']);
    expect(() => validateClockException({ ...closure, toOn: '2026-02-30' }, assessing, '2026-04-30')).toThrow(RangeError);
  });
});

describe('isIssuedWithinTimescale: the hand-worked cases (reg 13(2), (3))', () => {
  it.each(TIMELINESS_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = isIssuedWithinTimescale(c.requestReceivedOn, c.finalIssuedOn, c.exceptions);
    expect({ counted: result.counted, withinTwentyWeeks: result.withinTwentyWeeks }).toEqual({ counted: c.counted, withinTwentyWeeks: c.withinTwentyWeeks });
    expect(result.excludedBy.length > 0).toBe(!c.counted);
  });

  it('covers on time, late, each reason, too short, no evidence, outside the process', () => {
    expect(TIMELINESS_CASES.length).toBeGreaterThanOrEqual(15);
    const reasons = new Set(TIMELINESS_CASES.flatMap((c) => c.exceptions.map((e) => e.reason)));
    expect([...reasons].sort()).toEqual([...CLOCK_EXCEPTION_REASONS].sort());
  });

  it('rejects a plan issued before its request', () => {
    expect(() => isIssuedWithinTimescale('2026-01-05', '2026-01-04')).toThrow(RangeError);
  });
});
