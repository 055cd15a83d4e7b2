import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidays, easterSunday, isWorkingDay } from './working-days.js';

describe('bank holidays of England and Wales', () => {
  it('computes Easter by the Gregorian computus', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the published days of 2026 (gov.uk/bank-holidays)', () => {
    expect(bankHolidays(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });

  it('substitutes weekend Christmas and New Year days, and applies the proclaimed changes', () => {
    // 2021: Christmas on a Saturday, Boxing Day on a Sunday: Monday 27 and Tuesday 28 December.
    expect(bankHolidays(2021)).toContain('2021-12-27');
    expect(bankHolidays(2021)).toContain('2021-12-28');
    // 2022: New Year's Day on a Saturday: Monday 3 January; the Platinum Jubilee moved and added days; the state funeral.
    expect(bankHolidays(2022)).toEqual(['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']);
    expect(bankHolidays(2023)).toContain('2023-05-08');
  });
});

describe('working days (SEND Regulations 2014 reg 2(1))', () => {
  it('skips weekends and bank holidays', () => {
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-07')).toBe(true);
  });

  it('counts "within 3 working days" from the day after', () => {
    // Wednesday 1 April 2026: Thursday 2, (Good Friday, weekend, Easter Monday), Tuesday 7, Wednesday 8.
    expect(addWorkingDays('2026-04-01', 3)).toBe('2026-04-08');
    // Friday 4 December 2026: Monday 7, Tuesday 8, Wednesday 9.
    expect(addWorkingDays('2026-12-04', 3)).toBe('2026-12-09');
    // Wednesday 23 December 2026: Thursday 24, (Christmas, weekend, substitute Boxing Day 28), Tuesday 29, Wednesday 30.
    expect(addWorkingDays('2026-12-23', 3)).toBe('2026-12-30');
  });
});
