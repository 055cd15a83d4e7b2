/**
 * Entries of a plan section or of an agency's advice (reg 12): keys, values and categories, checked
 * before anything is written. Pure: a problem names its field and the caller turns it into BAD_USER_INPUT.
 */
import { entryCategory } from './sections.js';
import type { DataCategory, SectionCode } from './vocabulary.js';

export const ENTRY_LIMITS = {
  entries: 200,
  keyLength: 100,
  valueLength: 20_000,
} as const;

const KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export interface ValidEntry {
  key: string;
  value: string;
  category: DataCategory;
}

export type EntryCheck = { ok: true; entries: ValidEntry[] } | { ok: false; field: string; message: string };

/** Checks entries for section `code` (its default category, raised only as the registry allows). */
export function checkEntries(
  code: SectionCode,
  entries: readonly { key: string; value: string; category?: DataCategory | null }[],
  field = 'entries',
): EntryCheck {
  if (entries.length === 0) return { ok: false, field, message: 'must contain at least one entry' };
  if (entries.length > ENTRY_LIMITS.entries) return { ok: false, field, message: `at most ${ENTRY_LIMITS.entries} entries` };
  const seen = new Set<string>();
  const valid: ValidEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = `${field}[${i}]`;
    if (!KEY.test(entry.key) || entry.key.length > ENTRY_LIMITS.keyLength) {
      return { ok: false, field: `${at}.key`, message: `must start with a letter, use letters, digits, _ . -, and be at most ${ENTRY_LIMITS.keyLength} characters` };
    }
    if (seen.has(entry.key)) return { ok: false, field: `${at}.key`, message: `duplicate key ${entry.key}` };
    seen.add(entry.key);
    if (entry.value.length === 0 || entry.value.length > ENTRY_LIMITS.valueLength) {
      return { ok: false, field: `${at}.value`, message: `must be 1 to ${ENTRY_LIMITS.valueLength} characters` };
    }
    const category = entryCategory(code, entry.category);
    if (!category) return { ok: false, field: `${at}.category`, message: `section ${code} entries may only be raised to a more sensitive category of the same agency` };
    valid.push({ key: entry.key, value: entry.value, category });
  }
  return { ok: true, entries: valid };
}
