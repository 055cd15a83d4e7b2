/**
 * What a family may ask of the council, as pure checks over the facts the service holds:
 *
 * - request an EHC needs assessment (CFA 2014 s.36(1));
 * - ask for a particular school or other institution to be named (s.38(2)(b)); the council consults it
 *   (s.39(2)) and names it unless a s.39(4) ground applies ({@link SETTING_REFUSAL_GROUNDS});
 * - comment on the draft plan, and on proposed amendments (reg 13(1)(a), reg 22(2)(c): at least 15 days);
 * - ask for a personal budget (s.49; Special Educational Needs (Personal Budgets) Regulations 2014).
 *
 * Personal budgets and deadlines: the Personal Budgets Regulations 2014 set when a request may be made
 * (reg 4: once the council has confirmed it will prepare a plan, or during a review or re-assessment) and
 * require reasons when the council will not agree direct payments, but give no time limit for deciding a
 * request. The decision belongs in section J of the plan it is made for, so in practice it is due with
 * that plan: the final plan (reg 13(2), 20 weeks) or the amended plan (reg 22(3), 8 weeks). No separate
 * deadline kind is added; the caseworker sees the plan's own.
 */
import { ageOn, isValidUkprn, isValidUrn } from './identifiers.js';
import { consentHolderOn } from './consent-holder.js';
import { amendmentCommentsEndOn, assertIsoDate, draftCommentsEndOn } from './statutory-clock.js';
import type { PlanState } from './plan-transitions.js';
import {
  PERSONAL_BUDGET_DECISIONS,
  PERSONAL_BUDGET_FORMS,
  REQUEST_SOURCES,
  SECTION_38_REQUESTABLE,
  SETTING_REFUSAL_GROUNDS,
  type FamilyRelationship,
  type PersonalBudgetDecision,
  type PersonalBudgetForm,
  type RequestSource,
  type SettingLegalStatus,
  type SettingRefusalGround,
} from './vocabulary.js';

/** One reason a family's request or the council's answer is refused; the service makes it BAD_USER_INPUT. */
export interface RightsProblem {
  field: string;
  message: string;
}

/** CFA 2014 s.83(2): a young person is over compulsory school age and under 25. */
export const MAXIMUM_AGE_FOR_REQUEST = 25;
export const NOTE_MAX_LENGTH = 2000;
export const COMMENT_MAX_LENGTH = 10_000;
export const SETTING_NAME_MAX_LENGTH = 200;

function textProblems(field: string, text: string | null | undefined, max: number, what: string): RightsProblem[] {
  const t = (text ?? '').trim();
  if (t.length === 0) return [{ field, message: `is required: ${what}` }];
  if (t.length > max) return [{ field, message: `is ${t.length} characters; at most ${max}` }];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// Requesting an assessment
// ---------------------------------------------------------------------------------------------------

export interface AssessmentRequestInput {
  source: RequestSource;
  /** Who in the family made it, when the source is the family. */
  requestedBy?: FamilyRelationship | null;
  /** Recorded by the council (reg 64, Mental Capacity Act 2005): the young person lacks capacity to request. */
  youngPersonLacksCapacity?: boolean;
  dateOfBirth: string;
  receivedOn: string;
  today: string;
}

/**
 * Whether a request for an EHC needs assessment may be recorded. CFA s.36(1): the child's parent, the
 * young person, or a school or post-16 institution may request one; others (health, social care) bring
 * the child to the council's attention, which SEN2 counts by source. For a child the parent asks; after
 * compulsory school age the young person does (s.83(2)), or the parent for a young person who lacks
 * capacity (reg 64). A young person is under 25. Whether an episode is already open is `startEpisode`.
 */
export function validateAssessmentRequest(input: AssessmentRequestInput): RightsProblem[] {
  assertIsoDate(input.today);
  assertIsoDate(input.receivedOn);
  assertIsoDate(input.dateOfBirth);
  const problems: RightsProblem[] = [];
  if (!REQUEST_SOURCES.includes(input.source)) return [{ field: 'source', message: `is not a request source: ${String(input.source)}` }];
  if (input.receivedOn > input.today) problems.push({ field: 'receivedOn', message: 'is in the future' });
  if (input.receivedOn < input.dateOfBirth) problems.push({ field: 'receivedOn', message: 'is before the date of birth' });
  else if (ageOn(input.dateOfBirth, input.receivedOn) >= MAXIMUM_AGE_FOR_REQUEST) {
    problems.push({ field: 'receivedOn', message: `the young person was ${MAXIMUM_AGE_FOR_REQUEST} or over: EHC plans are for those under 25 (CFA s.83(2))` });
  }
  if (input.source === 'YOUNG_PERSON_OR_PARENT') {
    if (!input.requestedBy) problems.push({ field: 'requestedBy', message: 'is required for a request by the family: the parent or the young person' });
    else if (input.receivedOn >= input.dateOfBirth) {
      const holder = consentHolderOn(input.dateOfBirth, input.receivedOn);
      if (input.requestedBy === 'YOUNG_PERSON' && holder === 'PARENT') {
        problems.push({ field: 'requestedBy', message: "before the end of compulsory school age the child's parent makes the request (CFA s.36(1))" });
      }
      if (input.requestedBy === 'PARENT' && holder === 'YOUNG_PERSON' && !input.youngPersonLacksCapacity) {
        problems.push({ field: 'requestedBy', message: 'after compulsory school age the young person makes the request (CFA s.36(1), s.83(2)), unless recorded as lacking capacity (reg 64)' });
      }
    }
  } else if (input.requestedBy) {
    problems.push({ field: 'requestedBy', message: 'is only for a request by the family' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Stating a preferred setting (s.38(2)(b), s.39)
// ---------------------------------------------------------------------------------------------------

export interface SettingPreference {
  statedOn: string;
  settingName: string;
  legalStatus: SettingLegalStatus;
  urn?: string | null;
  ukprn?: string | null;
}

/** The part of the process a preference, a comment or a budget request is made in. */
export type RightsProcess = Pick<PlanState, 'status' | 'draftIssuedOn' | 'amendmentProposedOn' | 'review'>;

export interface PreferenceAccepted {
  ok: true;
  /** Stated within the family's 15 days (reg 13(1)(a) or 22(2)(c)); later ones are still considered. */
  withinCommentPeriod: boolean;
  /** A s.38(3) kind of setting: s.39 binds the council to name it unless a s.39(4) ground applies. */
  bindsCouncil: boolean;
}

/** The day the family's current comment period was served (draft or proposed amendments), or null. */
function servedOn(process: RightsProcess): { servedOn: string; endsOn: string } | null {
  if (process.status === 'DRAFT' && process.draftIssuedOn) return { servedOn: process.draftIssuedOn, endsOn: draftCommentsEndOn(process.draftIssuedOn) };
  if (process.status === 'FINAL' && process.amendmentProposedOn) {
    return { servedOn: process.amendmentProposedOn, endsOn: amendmentCommentsEndOn(process.amendmentProposedOn) };
  }
  return null;
}

/**
 * Whether a preference may be recorded: s.38(2)(b) gives the right when a draft plan (or, reg 22(2), a
 * notice of proposed amendments) is sent. It is recorded whenever stated during that stage, and says
 * whether it came within the 15 days and whether s.39 binds the council.
 */
export function validatePreferenceStatement(pref: SettingPreference, process: RightsProcess): PreferenceAccepted | { ok: false; problems: RightsProblem[] } {
  assertIsoDate(pref.statedOn);
  const problems = textProblems('settingName', pref.settingName, SETTING_NAME_MAX_LENGTH, 'name the school or institution');
  if (pref.urn && !isValidUrn(pref.urn)) problems.push({ field: 'urn', message: 'must be six digits (a GIAS URN)' });
  if (pref.ukprn && !isValidUkprn(pref.ukprn)) problems.push({ field: 'ukprn', message: 'must be eight digits starting with 1 (a UKPRN)' });
  if (!Object.hasOwn(SECTION_38_REQUESTABLE, pref.legalStatus)) problems.push({ field: 'legalStatus', message: `is not a legal status: ${String(pref.legalStatus)}` });
  const period = servedOn(process);
  if (!period) problems.push({ field: 'childId', message: `the plan is ${process.status}: a preference is stated on a draft plan or on proposed amendments (CFA s.38(2)(b))` });
  else if (pref.statedOn < period.servedOn) problems.push({ field: 'statedOn', message: `is before the draft was served (${period.servedOn})` });
  if (problems.length > 0 || !period) return { ok: false, problems };
  return { ok: true, withinCommentPeriod: pref.statedOn <= period.endsOn, bindsCouncil: SECTION_38_REQUESTABLE[pref.legalStatus] };
}

export type PreferenceDecision =
  | { outcome: 'NAMED'; decidedOn: string; consultedOn?: string | null }
  | { outcome: 'REFUSED'; decidedOn: string; consultedOn?: string | null; grounds: readonly SettingRefusalGround[]; reasons: string };

/**
 * Whether the council's answer to a preference may be recorded. For a s.38(3) setting: the council
 * consults it first (s.39(2)), and refuses only on s.39(4) grounds, given with reasons. For any other
 * setting s.39 does not apply: a refusal gives reasons but no s.39(4) ground.
 */
export function validatePreferenceDecision(pref: SettingPreference, decision: PreferenceDecision): RightsProblem[] {
  assertIsoDate(decision.decidedOn);
  const problems: RightsProblem[] = [];
  const binds = SECTION_38_REQUESTABLE[pref.legalStatus] === true;
  if (decision.decidedOn < pref.statedOn) problems.push({ field: 'decidedOn', message: `is before the preference was stated (${pref.statedOn})` });
  const consulted = decision.consultedOn ?? null;
  if (consulted !== null) {
    assertIsoDate(consulted);
    if (consulted < pref.statedOn) problems.push({ field: 'consultedOn', message: `is before the preference was stated (${pref.statedOn})` });
    if (consulted > decision.decidedOn) problems.push({ field: 'consultedOn', message: 'is after the decision: consult first (CFA s.39(2))' });
  } else if (binds) {
    problems.push({ field: 'consultedOn', message: `the council consults ${pref.settingName} before deciding (CFA s.39(2))` });
  }
  if (decision.outcome === 'NAMED') return problems;
  if (decision.outcome !== 'REFUSED') return [...problems, { field: 'outcome', message: `is NAMED or REFUSED, not ${String((decision as { outcome: unknown }).outcome)}` }];
  const grounds = decision.grounds ?? [];
  if (binds) {
    if (grounds.length === 0) problems.push({ field: 'grounds', message: 'a refusal to name a s.38(3) setting gives at least one CFA s.39(4) ground' });
    for (const g of grounds) if (!SETTING_REFUSAL_GROUNDS.includes(g)) problems.push({ field: 'grounds', message: `is not a s.39(4) ground: ${String(g)}` });
    if (new Set(grounds).size !== grounds.length) problems.push({ field: 'grounds', message: 'names a ground twice' });
  } else if (grounds.length > 0) {
    problems.push({ field: 'grounds', message: `s.39(4) grounds apply only to a setting of a kind in CFA s.38(3); ${pref.legalStatus} is not` });
  }
  problems.push(...textProblems('reasons', decision.reasons, NOTE_MAX_LENGTH, 'give the reasons for refusing'));
  return problems;
}

/** "Preference met": the setting named in section I is the one the family asked for (same URN or UKPRN). */
export function preferenceMet(pref: Pick<SettingPreference, 'urn' | 'ukprn'>, named: { urn?: string | null; ukprn?: string | null }): boolean {
  return (!!pref.urn && pref.urn === named.urn) || (!!pref.ukprn && pref.ukprn === named.ukprn);
}

// ---------------------------------------------------------------------------------------------------
// Commenting on a draft or on proposed amendments
// ---------------------------------------------------------------------------------------------------

/**
 * Whether a family's comments may be recorded against the current draft or proposed amendments, and
 * whether they came within the statutory 15 days (reg 13(1)(a), reg 22(2)(c)). Late comments during the
 * same stage are still recorded, marked late; once the plan is issued there is nothing left to comment on.
 */
export function validateFamilyComment(
  process: RightsProcess,
  receivedOn: string,
  text: string,
): { ok: true; withinStatutoryPeriod: boolean; servedOn: string } | { ok: false; problems: RightsProblem[] } {
  assertIsoDate(receivedOn);
  const problems = textProblems('text', text, COMMENT_MAX_LENGTH, 'the comments');
  const period = servedOn(process);
  if (!period) problems.push({ field: 'childId', message: `the plan is ${process.status}: comments are on a draft plan or on proposed amendments` });
  else if (receivedOn < period.servedOn) problems.push({ field: 'receivedOn', message: `is before the draft was served (${period.servedOn})` });
  if (problems.length > 0 || !period) return { ok: false, problems };
  return { ok: true, withinStatutoryPeriod: receivedOn <= period.endsOn, servedOn: period.servedOn };
}

// ---------------------------------------------------------------------------------------------------
// Personal budgets (CFA 2014 s.49; Personal Budgets Regulations 2014)
// ---------------------------------------------------------------------------------------------------

/**
 * Whether a request for a personal budget may be recorded on `requestedOn`. reg 4 of the Personal Budgets
 * Regulations 2014: once the council has confirmed it will prepare a plan (here: a draft has been issued),
 * or during a review or re-assessment of the plan (a review under way, or amendments proposed). One open
 * request at a time.
 */
export function validatePersonalBudgetRequest(
  process: RightsProcess,
  requestedOn: string,
  requestedBy: FamilyRelationship,
  openRequest: { requestedOn: string } | null,
): RightsProblem[] {
  assertIsoDate(requestedOn);
  const problems: RightsProblem[] = [];
  if (requestedBy !== 'PARENT' && requestedBy !== 'YOUNG_PERSON') problems.push({ field: 'requestedBy', message: `is PARENT or YOUNG_PERSON, not ${String(requestedBy)}` });
  const inDraft = process.status === 'DRAFT';
  const inReview = process.status === 'FINAL' && (!!process.review || !!process.amendmentProposedOn);
  if (!inDraft && !inReview) {
    problems.push({
      field: 'childId',
      message:
        process.status === 'FINAL'
          ? 'a personal budget is asked for during a review or re-assessment of the plan (Personal Budgets Regulations 2014 reg 4)'
          : `the plan is ${process.status}: a personal budget is asked for once the council has confirmed it will prepare a plan (Personal Budgets Regulations 2014 reg 4)`,
    });
  }
  if (openRequest) problems.push({ field: 'childId', message: `a request made on ${openRequest.requestedOn} is still awaiting the council's decision` });
  return problems;
}

export interface PersonalBudgetDecisionInput {
  requestedOn: string;
  decision: PersonalBudgetDecision;
  decidedOn: string;
  /** How an agreed budget is held (section J): direct payment, notional, third party, or mixed. */
  forms?: readonly PersonalBudgetForm[];
  /** Why: the council records its reasons either way, and must give them when it refuses. */
  reasons: string;
}

/** Whether the council's decision on a personal budget request may be recorded. */
export function validatePersonalBudgetDecision(input: PersonalBudgetDecisionInput): RightsProblem[] {
  assertIsoDate(input.requestedOn);
  assertIsoDate(input.decidedOn);
  const problems: RightsProblem[] = [];
  if (!PERSONAL_BUDGET_DECISIONS.includes(input.decision)) return [{ field: 'decision', message: `is AGREED or REFUSED, not ${String(input.decision)}` }];
  if (input.decidedOn < input.requestedOn) problems.push({ field: 'decidedOn', message: `is before the request (${input.requestedOn})` });
  const forms = input.forms ?? [];
  if (input.decision === 'AGREED') {
    if (forms.length === 0) problems.push({ field: 'forms', message: 'say how the agreed budget is held: DIRECT_PAYMENT, NOTIONAL, THIRD_PARTY or MIXED' });
    for (const f of forms) if (!PERSONAL_BUDGET_FORMS.includes(f)) problems.push({ field: 'forms', message: `is not a personal budget form: ${String(f)}` });
  } else if (forms.length > 0) {
    problems.push({ field: 'forms', message: 'a refused request has no budget form' });
  }
  problems.push(...textProblems('reasons', input.reasons, NOTE_MAX_LENGTH, 'record the reasons for the decision'));
  return problems;
}
