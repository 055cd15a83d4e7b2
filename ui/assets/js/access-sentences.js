/**
 * "Who has seen my child's record" in plain sentences for a family (DESIGN: families see their own
 * child's access history in plain sentences with organisation names, never staff identifiers):
 *
 *   "Pimlico Primary looked at Sam’s health needs with your consent on 1 December 2026 at 2:05pm."
 *
 * Uses `actorOrgName` when the API provides it, and the organisation code otherwise.
 * Pure (no DOM): unit-tested in test/unit/ui-plain-words.test.ts.
 */
import { CATEGORY_NAMES, SECTION_NAMES, listInWords } from './plain-words.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** Who did it, as the start of a sentence. */
export function actorInWords(event, readerSub) {
  if (readerSub && event.actorSub === readerSub) return 'You';
  if (event.actorRole === 'FAMILY') return 'Another family member';
  if (event.actorOrgName) return event.actorOrgName;
  switch (event.actorRole) {
    case 'CASE_COORDINATOR': return `The council’s SEN team (${event.actorOrg})`;
    case 'DPO': return `The data protection officer (${event.actorOrg})`;
    default: return `Organisation ${event.actorOrg}`;
  }
}

/** What was touched: the sections by name, else the kinds of information, else "record". */
export function subjectInWords(event, childName) {
  const whose = childName ? `${childName}’s` : 'your child’s';
  const sections = (event.sections ?? []).map((c) => SECTION_NAMES[c]).filter(Boolean);
  if (sections.length) return `${whose} ${listInWords(sections)}`;
  const categories = (event.categories ?? []).map((c) => CATEGORY_NAMES[c]).filter(Boolean);
  if (categories.length) return `${whose} ${listInWords(categories)}`;
  return `${whose} record`;
}

const VERBS = {
  READ: 'looked at',
  WRITE: 'updated',
  REGISTER: 'registered',
  GRANT_CONSENT: 'recorded a consent to share',
  REFUSE_CONSENT: 'recorded a refusal to share',
  WITHDRAW_CONSENT: 'recorded that consent was withdrawn for',
  BREAK_GLASS: 'opened emergency access to',
  REVIEW_BREAK_GLASS: 'reviewed an emergency access to',
  EXPORT: 'made a copy of',
};

const BASIS = {
  OWNER: ' (they are responsible for that part)',
  STATUTORY: ' as the law allows for the EHC assessment and plan',
  FAMILY: '',
  CONSENT: ' with your consent',
  BREAK_GLASS: ' in an emergency, without consent (the data protection officer reviews every emergency access)',
};

/** One event as one sentence, ending in a full stop. */
export function accessSentence(event, { childName, readerSub } = {}) {
  const who = actorInWords(event, readerSub);
  const what = subjectInWords(event, childName);
  const when = `on ${dateFormat.format(new Date(event.at))} at ${timeFormat.format(new Date(event.at)).replace(/\s/g, '')}`;
  if (event.basis === 'DENIED') return `${who} asked to see ${what} but was not allowed to, ${when}.`;
  const verb = VERBS[event.action] ?? String(event.action ?? 'used').toLowerCase().replace(/_/g, ' ');
  const basis = event.actorRole === 'DPO' && event.basis === 'STATUTORY'
    ? ' to check how the record is being used'
    : event.action === 'BREAK_GLASS' ? ' (the data protection officer reviews every emergency access)' : BASIS[event.basis] ?? '';
  return `${who} ${verb} ${what}${basis} ${when}.`;
}
