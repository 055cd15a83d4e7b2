/**
 * The pages' pure helpers (ui/assets/js, plain browser modules): the family's access sentences,
 * the coordinator's next deadline and ordering, withheld reasons and CSV. Hand-written expectations.
 */
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const load = (name: string) => import(pathToFileURL(resolve('ui/assets/js', name)).href);
const { accessSentence, actorInWords } = await load('access-sentences.js');
const { nextDeadline, compareCaseloadRows } = await load('deadlines.js');
const { withheldReason, humanise, listInWords, NEED_NAMES } = await load('plain-words.js');
const { toCsv } = await load('csv.js');

const event = (over: Record<string, unknown> = {}) => ({
  at: '2026-12-01T14:05:00.000Z', actorSub: 'RQM', actorOrg: 'RQM', actorRole: 'PRACTITIONER',
  action: 'READ', basis: 'CONSENT', categories: ['HEALTH'], sections: ['C'], ...over,
});

describe('access sentences for a family', () => {
  it('names the organisation, the section, the basis and the time in words', () => {
    expect(accessSentence(event(), { childName: 'Sam', readerSub: 'family:p' }))
      .toBe('Organisation RQM looked at Sam’s health needs with your consent on 1 December 2026 at 2:05pm.');
  });

  it('uses the organisation name when the API gives one', () => {
    expect(accessSentence(event({ actorOrgName: 'Pimlico Primary' }), { childName: 'Sam' }))
      .toBe('Pimlico Primary looked at Sam’s health needs with your consent on 1 December 2026 at 2:05pm.');
  });

  it('says a refusal plainly, and the reader is "You"', () => {
    expect(accessSentence(event({ basis: 'DENIED', sections: [], categories: ['HEALTH_SENSITIVE'] }), { childName: 'Sam' }))
      .toBe('Organisation RQM asked to see Sam’s sensitive health information but was not allowed to, on 1 December 2026 at 2:05pm.');
    expect(actorInWords(event({ actorSub: 'family:p', actorRole: 'FAMILY' }), 'family:p')).toBe('You');
    expect(actorInWords(event({ actorSub: 'FAMILY', actorRole: 'FAMILY' }), 'family:p')).toBe('Another family member');
  });

  it('covers statute, emergency access, writes and sections in a list', () => {
    expect(accessSentence(event({ actorOrg: 'LA213', actorRole: 'CASE_COORDINATOR', basis: 'STATUTORY', action: 'WRITE', sections: ['B', 'F', 'I'] }), { childName: 'Sam' }))
      .toBe('The council’s SEN team (LA213) updated Sam’s special educational needs, special educational provision and school or other setting as the law allows for the EHC assessment and plan on 1 December 2026 at 2:05pm.');
    expect(accessSentence(event({ basis: 'BREAK_GLASS', action: 'BREAK_GLASS', at: '2026-07-01T08:30:00Z', sections: [], categories: [] }), {}))
      .toBe('Organisation RQM opened emergency access to your child’s record (the data protection officer reviews every emergency access) on 1 July 2026 at 9:30am.');
    expect(accessSentence(event({ basis: 'BREAK_GLASS' }), { childName: 'Sam' }))
      .toBe('Organisation RQM looked at Sam’s health needs in an emergency, without consent (the data protection officer reviews every emergency access) on 1 December 2026 at 2:05pm.');
    expect(accessSentence(event({ actorRole: 'DPO', actorOrg: 'LA213', basis: 'STATUTORY', sections: [], categories: ['IDENTITY'] }), { childName: 'Sam' }))
      .toBe('The data protection officer (LA213) looked at Sam’s name and contact details to check how the record is being used on 1 December 2026 at 2:05pm.');
    expect(accessSentence(event({ action: 'SOMETHING_NEW', sections: [], categories: [] }), { childName: 'Sam' }))
      .toBe('Organisation RQM something new Sam’s record with your consent on 1 December 2026 at 2:05pm.');
  });
});

describe('the next deadline on the caseload', () => {
  const plan = { status: 'ASSESSING', decisionDue: '2026-01-10', finalPlanDue: '2026-03-01', nextReviewDue: null, overdue: false };

  it('derives the deadline from the plan dates when the API has no deadlines list', () => {
    expect(nextDeadline({ ...plan, status: 'REQUESTED' }, '2026-01-01')).toEqual({ kind: 'DECISION', label: 'Decide whether to assess (6 weeks)', dueOn: '2026-01-10', overdue: false });
    expect(nextDeadline(plan, '2026-03-02')).toMatchObject({ kind: 'FINAL_PLAN', overdue: true });
    expect(nextDeadline({ ...plan, status: 'FINAL', nextReviewDue: '2027-01-01' }, '2026-06-01')).toMatchObject({ kind: 'ANNUAL_REVIEW', overdue: false });
    expect(nextDeadline({ ...plan, status: 'CEASED' })).toBeNull();
    expect(nextDeadline(null)).toBeNull();
  });

  it('prefers the API’s deadlines: an overdue one first, then the earliest', () => {
    const deadlines = [
      { kind: 'ANNUAL_REVIEW', dueOn: '2026-02-01', overdue: false },
      { kind: 'ADVICE', dueOn: '2026-03-01', overdue: true },
      { kind: 'SOMETHING_ELSE', dueOn: '2026-01-01', overdue: false },
    ];
    expect(nextDeadline({ ...plan, deadlines })).toEqual({ kind: 'ADVICE', label: 'Advice due from an agency (6 weeks)', dueOn: '2026-03-01', overdue: true });
    expect(nextDeadline({ ...plan, deadlines: deadlines.filter((d) => !d.overdue) })).toMatchObject({ label: 'Something else', dueOn: '2026-01-01' });
    expect(nextDeadline({ ...plan, deadlines: [] })).toBeNull();
  });

  it('orders overdue first, then by due date, then children with nothing due by name', () => {
    const row = (name: string, dueOn: string | null, overdue = false) => ({ name, deadline: dueOn ? { dueOn, overdue } : null });
    const rows = [row('Zed', null), row('Amy', '2026-05-01'), row('Bo', '2026-09-01', true), row('Cy', '2026-02-01'), row('Al', null), row('Di', '2026-01-01', true)];
    expect(rows.sort(compareCaseloadRows).map((r) => r.name)).toEqual(['Di', 'Bo', 'Cy', 'Amy', 'Al', 'Zed']);
  });
});

describe('words and CSV', () => {
  it('gives a reason for a withheld cell from a code, a list or nothing', () => {
    expect(withheldReason('SMALL_COUNT')).toBe('fewer than 8 children');
    expect(withheldReason(['SMALL_COUNT', 'SECONDARY'])).toBe('fewer than 8 children; would let another withheld number be worked out');
    expect(withheldReason('NEW_RULE')).toBe('new rule');
    expect(withheldReason(null)).toBeNull();
    expect(humanise('SPEECH_AND_LANGUAGE_THERAPY')).toBe('Speech and language therapy');
    expect(listInWords(['a', 'b', 'a', 'c'])).toBe('a, b and c');
  });

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=SUM(A1)', 12], [null, '-1']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),12\r\n,\'-1\r\n');
  });
});

describe('need names', () => {
  it('names every need type the schema has, SEN support’s NSA included, so no page shows a bare code', () => {
    const schema = readFileSync(resolve('schema/schema.graphql'), 'utf8');
    const codes = (name: string) => schema.match(new RegExp(`enum ${name} \\{([^}]*)\\}`))![1]!.split(/\s+/).filter((w) => /^[A-Z_]+$/.test(w));
    const all = [...new Set([...codes('NeedType'), ...codes('SenSupportNeedType')])];
    expect(all).toContain('NSA');
    expect(all.filter((c) => !NEED_NAMES[c])).toEqual([]);
    expect(NEED_NAMES.NSA).toBe('SEN support but no specialist assessment of type of need');
  });
});
