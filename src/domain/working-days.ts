/**
 * Working days in England: Monday to Friday except the bank holidays of England and Wales (Banking and
 * Financial Dealings Act 1971 Sch. 1 and the royal proclamations moving or adding days). The SEND
 * Regulations 2014 count a few periods in working days (the mediation certificate, regs 34 and 39: within
 * 3 working days); reg 2(1) defines a working day as any day except Saturday, Sunday, Christmas Day, Good
 * Friday or a bank holiday.
 *
 * Pure: the regular holidays are computed (Easter by the Gregorian computus), the one-off changes listed.
 */
import { addDays, assertIsoDate } from './statutory-clock.js';

/** Days added by proclamation (jubilees, coronation, state funeral) and regular days moved in those years. */
const ADDED: readonly string[] = ['2012-06-05', '2022-06-03', '2022-09-19', '2023-05-08'];
const MOVED: Readonly<Record<string, string>> = {
  '2012-05-28': '2012-06-04', // spring bank holiday moved for the Diamond Jubilee
  '2020-05-04': '2020-05-08', // early May bank holiday moved to VE Day
  '2022-05-30': '2022-06-02', // spring bank holiday moved for the Platinum Jubilee
};

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const first = iso(year, month, 1);
  return addDays(first, (8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const last = iso(year, month + 1, 0);
  return addDays(last, -((weekday(last) + 6) % 7));
}

/** The bank holidays (and Good Friday and Christmas Day) of England and Wales in a year. */
export function bankHolidays(year: number): string[] {
  const days: string[] = [];
  // New Year's Day, or the next Monday when it falls at a weekend.
  const newYear = iso(year, 1, 1);
  days.push(weekday(newYear) === 6 ? addDays(newYear, 2) : weekday(newYear) === 0 ? addDays(newYear, 1) : newYear);
  const easter = easterSunday(year);
  days.push(addDays(easter, -2), addDays(easter, 1));
  days.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  // Christmas Day and Boxing Day, each weekend day substituted by the next free weekday.
  const christmas = iso(year, 12, 25);
  const cw = weekday(christmas);
  if (cw === 6) days.push(addDays(christmas, 2), addDays(christmas, 3)); // Sat: Mon 27, Tue 28
  else if (cw === 0) days.push(addDays(christmas, 2), addDays(christmas, 1)); // Sun: Tue 27, Mon 26
  else if (cw === 5) days.push(christmas, addDays(christmas, 3)); // Fri: Boxing Day on Mon 28
  else days.push(christmas, addDays(christmas, 1));
  const moved = days.map((d) => MOVED[d] ?? d);
  return [...new Set([...moved, ...ADDED.filter((d) => d.startsWith(`${year}-`))])].sort();
}

const cache = new Map<number, Set<string>>();
function holidaysOf(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(bankHolidays(year));
    cache.set(year, set);
  }
  return set;
}

/** Whether `date` is a working day in England (reg 2(1)). */
export function isWorkingDay(date: string): boolean {
  assertIsoDate(date);
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** "Within n working days of" a day: the n-th working day after it (the day itself is not counted). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number from 0, got ${n}`);
  let current = date;
  assertIsoDate(current);
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}
