/**
 * From the hub's records to SEN2's: which episodes the return covers, the SEN2 code of every outcome, and
 * every missing or inconsistent item listed against the child. Nothing in scope is dropped: a record with
 * problems is still returned, with the problem listed; items SEN2 has no room for (a third need, a third
 * placement) are reported as warnings.
 *
 * Everything is "as at the reference date": a step dated after it has not happened yet.
 */
import { ageOn, isIsoDate, isValidUln, isValidUpn, normalisePostcode } from '../identifiers.js';
import { isEpisodeOpen } from '../plan-transitions.js';
import { validateSetting } from '../settings.js';
import { nextReviewDueOn } from '../statutory-clock.js';
import { isIssuedWithinTimescale } from '../timeliness.js';
import { NEED_TYPES, REQUEST_SOURCES } from '../vocabulary.js';
import {
  CEASE_REASON_CODES,
  DESIGNATED_OFFICER_CODES,
  DIRECT_PAYMENT_CODES,
  ETHNICITY_CODES,
  REQUEST_SOURCE_CODES,
  RESIDENTIAL_CODES,
  REVIEW_OUTCOME_CODES,
  SEX_CODES,
  UPN_UNKNOWN_CODES,
  WORK_BASED_CODES,
  type AssessmentOutcomeCode,
  type RequestOutcomeCode,
} from './codes.js';
import type {
  Sen2ActivePlans,
  Sen2Assessment,
  Sen2ChildRecord,
  Sen2EpisodeRecord,
  Sen2Header,
  Sen2HeaderInput,
  Sen2Issue,
  Sen2NamedPlan,
  Sen2Person,
  Sen2PlacementDetail,
  Sen2PlacementRecord,
  Sen2PlanDetail,
  Sen2Request,
  Sen2ReturnInput,
} from './model.js';

/** The calendar year before the collection year: what "in the year" means for requests, plans and cessations. */
export function collectionPeriod(year: number): { from: string; to: string } {
  if (!Number.isInteger(year) || year < 2015 || year > 9999) throw new RangeError(`not a SEN2 collection year: ${year}`);
  return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
}

export interface Sen2Derivation {
  header: Sen2Header;
  period: { from: string; to: string };
  persons: Sen2Person[];
  issues: Sen2Issue[];
  /** Children considered but with nothing in scope: listed, not silently left out. */
  outOfScope: { childRef: string; reason: string }[];
  childrenConsidered: number;
}

/** Characters XML 1.0 cannot carry (controls other than tab and newlines, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** SEN2 takes a primary and a secondary need, and at most two placements. */
const MAX_NEEDS = 2;
const MAX_PLACEMENTS = 2;
const OLDEST_WITH_PLAN = 25;

function deriveHeader(h: Sen2HeaderInput, issues: Sen2Issue[]): Sen2Header {
  const add = (severity: Sen2Issue['severity'], item: string, message: string) => issues.push({ severity, childRef: 'HEADER', episode: null, item, message });
  if (!/^[0-9]{3}$/.test(h.laNumber)) add('ERROR', 'LEA', `must be the three-digit DfE LA number, got ${JSON.stringify(h.laNumber)}`);
  if (!isIsoDate(h.referenceDate)) add('ERROR', 'ReferenceDate', `is not a date: ${JSON.stringify(h.referenceDate)}`);
  else {
    if (Number(h.referenceDate.slice(0, 4)) !== h.year) add('ERROR', 'ReferenceDate', `${h.referenceDate} is not in the collection year ${h.year}`);
    if (h.referenceDate.slice(5, 7) !== '01') add('WARNING', 'ReferenceDate', `${h.referenceDate} is not in January, when the census is taken`);
  }
  for (const [item, v] of [['DMO', h.dmo], ['DCO', h.dco]] as const) {
    if (!v) add('ERROR', item, 'is required: does the LA have a designated officer (Y, N, or R)?');
    else if (!DESIGNATED_OFFICER_CODES.includes(v)) add('ERROR', item, `is Y, N or R, not ${String(v)}`);
  }
  if (h.serialNo && !/^[0-9]{3,}$/.test(h.serialNo)) add('ERROR', 'SerialNo', 'is three or more digits');
  return {
    year: h.year,
    referenceDate: h.referenceDate,
    laNumber: h.laNumber,
    softwareCode: h.softwareCode ?? null,
    release: h.release ?? null,
    serialNo: h.serialNo ?? null,
    dateTime: h.dateTime ?? null,
    dmo: h.dmo ?? null,
    dco: h.dco ?? null,
  };
}

/**
 * Builds the SEN2 records for every child with something in scope on the reference date: a plan active
 * then, or a request received, decided, assessed, issued, withdrawn or ceased in the collection period, or
 * a request still open. Throws RangeError only for a header year or reference date it cannot work with.
 */
export function deriveSen2(input: Sen2ReturnInput): Sen2Derivation {
  const issues: Sen2Issue[] = [];
  const header = deriveHeader(input.header, issues);
  const period = collectionPeriod(input.header.year);
  const referenceDate = isIsoDate(input.header.referenceDate) ? input.header.referenceDate : `${input.header.year}-01-31`;
  const persons: Sen2Person[] = [];
  const outOfScope: Sen2Derivation['outOfScope'] = [];
  const sorted = [...input.children].sort(
    (a, b) => a.surname.localeCompare(b.surname) || a.forename.localeCompare(b.forename) || a.dateOfBirth.localeCompare(b.dateOfBirth) || a.childRef.localeCompare(b.childRef),
  );
  for (const child of sorted) {
    const person = deriveChild(child, referenceDate, period, issues);
    if (person) persons.push(person);
    else outOfScope.push({ childRef: child.childRef, reason: 'no request, assessment or plan in the collection period, none open and no plan active on the reference date' });
  }
  return { header, period, persons, issues, outOfScope, childrenConsidered: input.children.length };
}

function deriveChild(child: Sen2ChildRecord, referenceDate: string, period: { from: string; to: string }, issues: Sen2Issue[]): Sen2Person | null {
  const childIssues: Sen2Issue[] = [];
  const add = (severity: Sen2Issue['severity'], item: string, message: string, episode: number | null = null) =>
    childIssues.push({ severity, childRef: child.childRef, episode, item, message });

  const requests = [...child.episodes]
    .sort((a, b) => a.episode - b.episode)
    .map((ep) => deriveRequest(ep, referenceDate, period, (severity, item, message) => add(severity, item, message, ep.episode)))
    .filter((r): r is Sen2Request => r !== null);
  if (requests.length === 0) return null;

  if (!child.surname?.trim()) add('ERROR', 'Surname', 'is missing');
  if (!child.forename?.trim()) add('ERROR', 'Forename', 'is missing');
  if (!isIsoDate(child.dateOfBirth)) add('ERROR', 'PersonBirthDate', `is not a date: ${JSON.stringify(child.dateOfBirth)}`);
  else if (child.dateOfBirth > referenceDate) add('ERROR', 'PersonBirthDate', 'is after the reference date');
  else if (ageOn(child.dateOfBirth, referenceDate) > OLDEST_WITH_PLAN && requests.some((r) => r.facts.activeOnReferenceDate)) {
    add('WARNING', 'PersonBirthDate', `the young person is over ${OLDEST_WITH_PLAN} on the reference date with a plan still active`);
  }
  if (!child.sex) add('ERROR', 'Sex', 'is missing (M, F or U)');
  else if (!SEX_CODES.includes(child.sex)) add('ERROR', 'Sex', `is M, F or U, not ${String(child.sex)}`);
  if (!child.ethnicity) add('ERROR', 'Ethnicity', 'is missing (NOBT when not yet obtained)');
  else if (!(ETHNICITY_CODES as readonly string[]).includes(child.ethnicity)) add('ERROR', 'Ethnicity', `is not a SEN2 ethnicity code: ${child.ethnicity}`);
  let postCode: string | null = null;
  if (!child.postcode?.trim()) add('ERROR', 'PostCode', 'is missing');
  else {
    postCode = normalisePostcode(child.postcode.trim());
    if (!postCode) {
      postCode = child.postcode.trim();
      add('WARNING', 'PostCode', `is not a UK postcode shape: ${JSON.stringify(postCode)}`);
    }
  }
  const upn = child.upn?.trim().toUpperCase() || null;
  const uln = child.uln?.trim() || null;
  const upnUnknown = child.upnUnknown ?? null;
  if (upn && !isValidUpn(upn)) add('ERROR', 'UPN', `fails the UPN check letter: ${upn}`);
  if (uln && !isValidUln(uln)) add('ERROR', 'UniqueLearnerNumber', 'is ten digits');
  if (upnUnknown && !UPN_UNKNOWN_CODES.includes(upnUnknown)) add('ERROR', 'UPNunknown', `is UN1 to UN10, not ${String(upnUnknown)}`);
  if (upn && upnUnknown) add('ERROR', 'UPNunknown', 'is given with a UPN: one or the other');
  if (!upn && !uln && !upnUnknown) add('ERROR', 'UPN', 'none of UPN, UniqueLearnerNumber or UPNunknown is given');
  const open = child.episodes.filter((e) => isEpisodeOpen(e.status));
  if (open.length > 1) add('ERROR', 'Requests', `${open.length} episodes are open at once (${open.map((e) => e.episode).join(', ')}): one process per child`);
  for (const [item, text] of [['Surname', child.surname], ['Forename', child.forename], ['PostCode', child.postcode]] as const) {
    if (text && NOT_XML.test(text)) add('ERROR', item, 'contains characters XML cannot carry; they are written as U+FFFD');
  }

  issues.push(...childIssues);
  return {
    childRef: child.childRef,
    surname: child.surname?.trim() ?? '',
    forename: child.forename?.trim() ?? '',
    birthDate: child.dateOfBirth,
    sex: child.sex ?? null,
    ethnicity: child.ethnicity ?? null,
    postCode,
    upn,
    uln,
    upnUnknown,
    requests,
  };
}

type Add = (severity: Sen2Issue['severity'], item: string, message: string) => void;

function deriveRequest(ep: Sen2EpisodeRecord, referenceDate: string, period: { from: string; to: string }, add: Add): Sen2Request | null {
  const asAt = (d: string | null | undefined) => (d && d <= referenceDate ? d : null);
  const inPeriod = (d: string | null) => d !== null && d >= period.from && d <= period.to;
  const received = ep.requestReceivedOn ?? null;
  if (received && received > referenceDate) return null; // a request after the reference date belongs to next year's return
  const decision = asAt(ep.decisionOn);
  const final = asAt(ep.finalIssuedOn);
  const ceased = asAt(ep.ceasedOn);
  const withdrawn = asAt(ep.withdrawnOn);
  const notAssessed = ep.status === 'NOT_ASSESSED' && decision !== null;
  const active = final !== null && ceased === null;
  const open = received !== null && final === null && ceased === null && withdrawn === null && !notAssessed;
  const inScope = active || open || [received, decision, final, ceased, withdrawn].some(inPeriod);
  if (!inScope) return null;

  // Dates in order.
  if (received && decision && decision < received) add('ERROR', 'RequestOutcomeDate', `the decision (${decision}) is before the request (${received})`);
  if (received && final && final < received) add('ERROR', 'AssessmentOutcomeDate', `the final plan (${final}) is before the request (${received})`);
  if (final && ceased && ceased < final) add('ERROR', 'CeaseDate', `the plan ceased (${ceased}) before it was issued (${final})`);

  const historical = final !== null && (final < period.from || !!ep.transferredInFromLa);
  if (!received && !historical) add('ERROR', 'ReceivedDate', 'is missing');
  if (ep.requestSource && !REQUEST_SOURCES.includes(ep.requestSource)) add('ERROR', 'RequestSource', `is not a request source: ${String(ep.requestSource)}`);
  else if (!ep.requestSource && !historical) add('WARNING', 'RequestSource', 'is not recorded (who made the request)');

  let outcome: RequestOutcomeCode;
  let outcomeDate: string | null = null;
  if (historical) outcome = 'H';
  else if (decision === null) {
    outcome = withdrawn ? 'W' : 'A';
    outcomeDate = withdrawn;
  } else {
    outcome = notAssessed ? 'N' : 'Y';
    outcomeDate = decision;
  }

  const d = ep.disputes ?? {};
  const assessment = outcome === 'Y' || outcome === 'H' ? deriveAssessment(ep, { historical, final, ceased, withdrawn, received }, add) : null;
  let timeliness: Sen2Request['facts']['timeliness'] = null;
  if (assessment?.outcome === 'Y' && received && final && final >= received) {
    const t = isIssuedWithinTimescale(received, final, ep.clockExceptions ?? []);
    timeliness = { counted: t.counted, withinTwentyWeeks: t.withinTwentyWeeks };
    // No separate exceptions item in SEN2: a plan excused by a qualifying exception is returned as on time.
    assessment.week20 = t.withinTwentyWeeks || !t.counted;
  }
  const activePlans = active ? deriveActivePlans(ep, final, referenceDate, period, add) : null;
  const primary = [...(ep.needs ?? [])].sort((a, b) => a.rank - b.rank)[0];
  const main = [...(active ? ep.placements ?? [] : ep.namedPlacements ?? [])].sort((a, b) => a.rank - b.rank)[0];
  return {
    receivedDate: received,
    requestSource: ep.requestSource && REQUEST_SOURCES.includes(ep.requestSource) ? REQUEST_SOURCE_CODES[ep.requestSource] : null,
    rya: ep.youthAccommodation ?? null,
    outcomeDate,
    outcome,
    mediation: d.requestMediation ?? null,
    tribunal: d.requestTribunal ?? null,
    assessment,
    activePlans,
    facts: {
      episode: ep.episode,
      receivedInPeriod: inPeriod(received),
      finalIssuedInPeriod: inPeriod(final),
      timeliness: inPeriod(final) ? timeliness : null,
      ceasedInPeriod: final !== null && inPeriod(ceased) && ep.ceasedReason === 'CEASED_TO_MAINTAIN',
      activeOnReferenceDate: active,
      primaryNeed: primary?.type ?? null,
      mainPlacement: main ? { legalStatus: main.legalStatus, outOfArea: main.outOfArea } : null,
    },
  };
}

interface Milestones {
  historical: boolean;
  final: string | null;
  ceased: string | null;
  withdrawn: string | null;
  received: string | null;
}

function deriveAssessment(ep: Sen2EpisodeRecord, m: Milestones, add: Add): Sen2Assessment {
  let outcome: AssessmentOutcomeCode;
  let outcomeDate: string | null = null;
  if (m.historical) outcome = 'H';
  else if (m.final) {
    outcome = 'Y';
    outcomeDate = m.final;
  } else if (m.ceased && ep.ceasedReason === 'NOT_ISSUED') {
    outcome = 'N';
    outcomeDate = m.ceased;
  } else if (m.withdrawn) {
    outcome = 'W';
    outcomeDate = m.withdrawn;
  } else outcome = 'A';
  const d = ep.disputes ?? {};
  return {
    outcome,
    outcomeDate,
    mediation: d.assessmentMediation ?? null,
    tribunal: d.assessmentTribunal ?? null,
    otherMediation: d.otherMediation ?? null,
    otherTribunal: d.otherTribunal ?? null,
    week20: null,
    namedPlan: m.final ? deriveNamedPlan(ep, m, add) : null,
  };
}

function planDetail(p: Sen2PlacementRecord, item: string, add: Add): Sen2PlanDetail {
  for (const problem of validateSetting(p)) add('ERROR', item, `placement ${p.rank}: ${problem.field} ${problem.message}`);
  if (p.sen2SettingOther && NOT_XML.test(p.sen2SettingOther)) add('ERROR', 'SENSettingOther', 'contains characters XML cannot carry; they are written as U+FFFD');
  const identified = !!p.urn || !!p.ukprn;
  const senSetting = identified ? null : (p.sen2Setting ?? null);
  return {
    urn: p.urn ?? null,
    ukprn: p.ukprn ?? null,
    senSetting,
    senSettingOther: senSetting === 'OTH' ? (p.sen2SettingOther?.trim() ?? null) : null,
    placementRank: p.rank,
    senUnit: !!p.senUnit,
    resourcedProvision: !!p.resourcedProvision,
  };
}

/** Ranks 1 and 2, at most two, in rank order; the rest reported. */
function ranked<T extends { rank: number }>(items: readonly T[], item: string, what: string, add: Add): T[] {
  const sorted = [...items].sort((a, b) => a.rank - b.rank);
  const ranks = sorted.map((x) => x.rank);
  if (new Set(ranks).size !== ranks.length) add('ERROR', item, `two ${what}s share a rank (${ranks.join(', ')})`);
  if (sorted.length > 0 && sorted[0]!.rank !== 1) add('ERROR', item, `no ${what} has rank 1`);
  for (const x of sorted) if (x.rank !== 1 && x.rank !== 2) add('ERROR', item, `rank ${x.rank} is not 1 or 2`);
  if (sorted.length > MAX_PLACEMENTS) add('WARNING', item, `SEN2 takes two ${what}s; ${sorted.length - MAX_PLACEMENTS} more not returned`);
  return sorted.slice(0, MAX_PLACEMENTS);
}

function deriveNamedPlan(ep: Sen2EpisodeRecord, m: Milestones, add: Add): Sen2NamedPlan {
  let named = ep.namedPlacements ?? [];
  if (named.length === 0 && (ep.placements ?? []).length > 0) {
    add('WARNING', 'PlanDetail', 'the setting named in the first final plan is not recorded: the current placement is returned');
    named = ep.placements ?? [];
  }
  if (named.length === 0) add('ERROR', 'PlanDetail', 'no setting is named for the plan');
  const details = ranked(named, 'PlanDetail', 'named setting', add).map((p) => planDetail(p, 'PlanDetail', add));
  const budget = ep.personalBudget ?? null;
  const forms = budget?.forms ?? [];
  let dp: string | null = null;
  if (forms.includes('DIRECT_PAYMENT') || forms.includes('MIXED')) {
    const parts = [...new Set(budget?.directPaymentParts ?? [])];
    if (parts.length === 0) add('WARNING', 'DP', 'a direct payment is recorded but not which part (education, health, social care)');
    else dp = parts.length === 1 ? DIRECT_PAYMENT_CODES[parts[0]!] : 'I';
  }
  if (ep.residential && !RESIDENTIAL_CODES.includes(ep.residential)) add('ERROR', 'PlanRes', `is A or B, not ${String(ep.residential)}`);
  if (ep.workBased && !WORK_BASED_CODES.includes(ep.workBased)) add('ERROR', 'PlanWBP', `is A, T or S, not ${String(ep.workBased)}`);
  const ceasedToMaintain = m.ceased !== null && ep.ceasedReason === 'CEASED_TO_MAINTAIN';
  const reason = ep.sen2CeaseReason ?? null;
  if (ceasedToMaintain && !reason) add('ERROR', 'CeaseReason', 'the plan ceased but the SEN2 reason (1-9) is not recorded');
  if (reason && !Object.hasOwn(CEASE_REASON_CODES, reason)) add('ERROR', 'CeaseReason', `is 1 to 9, not ${String(reason)}`);
  return {
    startDate: m.final,
    planDetails: details,
    planRes: ep.residential ?? null,
    planWbp: ep.workBased ?? null,
    pb: forms.length > 0,
    oa: forms.some((f) => f === 'NOTIONAL' || f === 'THIRD_PARTY' || f === 'MIXED'),
    dp,
    ceaseDate: ceasedToMaintain ? m.ceased : null,
    ceaseReason: ceasedToMaintain ? reason : null,
  };
}

function deriveActivePlans(ep: Sen2EpisodeRecord, final: string | null, referenceDate: string, period: { from: string; to: string }, add: Add): Sen2ActivePlans {
  if (ep.transferredInFromLa && !/^[0-9]{3}$/.test(ep.transferredInFromLa)) add('ERROR', 'TransferLA', 'is a three-digit LA number');
  const current = (ep.placements ?? []).filter((p) => !(p.entryOn && p.entryOn > referenceDate) && !(p.leavingOn && p.leavingOn < period.from));
  if (current.length === 0) add('ERROR', 'PlacementDetail', 'no placement is recorded for the active plan');
  const placements: Sen2PlacementDetail[] = ranked(current, 'PlacementDetail', 'placement', add).map((p) => {
    if (!p.entryOn) add('ERROR', 'EntryDate', `placement ${p.rank}: the entry date is missing`);
    if (p.entryOn && p.leavingOn && p.leavingOn < p.entryOn) add('ERROR', 'LeavingDate', `placement ${p.rank}: leaves (${p.leavingOn}) before it starts (${p.entryOn})`);
    return { ...planDetail(p, 'PlacementDetail', add), entryDate: p.entryOn ?? null, leavingDate: p.leavingOn ?? null, res: p.residential ?? null, wbp: p.workBased ?? null };
  });

  const needs = [...(ep.needs ?? [])].sort((a, b) => a.rank - b.rank);
  if (needs.length === 0) add('ERROR', 'SENneed', 'no need is recorded (section B): SEN2 needs the primary need');
  else {
    if (needs[0]!.rank !== 1) add('ERROR', 'SENtypeRank', 'no need has rank 1 (the primary need)');
    if (new Set(needs.map((n) => n.rank)).size !== needs.length) add('ERROR', 'SENtypeRank', 'two needs share a rank');
    if (new Set(needs.map((n) => n.type)).size !== needs.length) add('ERROR', 'SENtype', 'the same need is recorded twice');
    for (const n of needs) if (!NEED_TYPES.includes(n.type)) add('ERROR', 'SENtype', `is not a SEN2 need type: ${String(n.type)}`);
    if (needs.length > MAX_NEEDS) add('WARNING', 'SENneed', `SEN2 takes the primary and secondary need; ${needs.length - MAX_NEEDS} more not returned`);
  }

  const review = ep.lastReview ?? null;
  const meeting = review && review.meetingOn <= referenceDate ? review.meetingOn : null;
  const decided = review?.decidedOn && review.decidedOn <= referenceDate ? review.decidedOn : null;
  if (review?.decision && !review.decidedOn) add('ERROR', 'LastReview', 'a review decision is recorded without its date');
  if (review?.decidedOn && review.decidedOn < review.meetingOn) add('ERROR', 'LastReview', `the review decision (${review.decidedOn}) is before the meeting (${review.meetingOn})`);
  const due = nextReviewDueOn(final, meeting);
  if (due && due < referenceDate) add('WARNING', 'ReviewMeeting', `no review within the 12 months to ${due} (CFA 2014 s.44(1))`);
  return {
    transferLa: ep.transferredInFromLa ?? null,
    placements,
    needs: needs.slice(0, MAX_NEEDS).map((n) => ({ type: n.type, rank: n.rank })),
    reviewMeeting: meeting,
    reviewOutcome: decided && review?.decision ? REVIEW_OUTCOME_CODES[review.decision] : null,
    lastReview: decided && review?.decision ? decided : null,
  };
}

export { NOT_XML };
