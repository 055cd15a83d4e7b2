/**
 * The demo's statutory process (issue 12): settings described as DfE and SEN2 describe them (legal
 * status, out of area), and a caseworker's day in the first demo area: a review whose invitations are
 * late, a review awaiting the council's reg 20(10) decision, a phase transfer due, a child on a second
 * episode (the first kept), an assessment with a clock exception and advice outstanding, and a draft on
 * which the family stated preferences, commented and asked for a personal budget. Deterministic: it
 * takes the demo children in their seeded order. Every date is relative to today and none is in the future.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  adviceRequests, children, clockExceptions, familyComments, personalBudgetRequests, placements, planEpisodes, plans, settingPreferences,
} from '../schema/tables.js';
import { addDays } from '../src/domain/statutory-clock.js';
import type { SettingLegalStatus, SettingType } from '../src/domain/vocabulary.js';
import type { Db } from '../src/platform/db/database.js';
import { DEMO_AREAS } from './demo-areas.js';

/** The legal status a seeded setting type most often has, and a UKPRN or SEN2 code where SEN2 needs one. */
const LEGAL_STATUS: Record<SettingType, SettingLegalStatus> = {
  MAINSTREAM: 'ACADEMY',
  RESOURCED_PROVISION: 'LA_MAINTAINED',
  SPECIAL: 'LA_MAINTAINED',
  ALTERNATIVE_PROVISION: 'PUPIL_REFERRAL_UNIT',
  FURTHER_EDUCATION: 'FE_COLLEGE',
  EARLY_YEARS: 'EARLY_YEARS_PVI',
  ELECTIVE_HOME_EDUCATION: 'NO_INSTITUTION',
  OTHER_ARRANGEMENTS: 'NO_INSTITUTION',
  NEET: 'NO_INSTITUTION',
};
const SEN2_CODE: Partial<Record<SettingType, 'EHE' | 'OLA' | 'NEET'>> = { ELECTIVE_HOME_EDUCATION: 'EHE', OTHER_ARRANGEMENTS: 'OLA', NEET: 'NEET' };

/** A plan made on `final`, its earlier steps in order before it (request 20 weeks before, draft 30 days before). */
const finalOn = (final: string) => ({ requestReceivedOn: addDays(final, -140), decisionOn: addDays(final, -110), draftIssuedOn: addDays(final, -30), finalIssuedOn: final });

export async function seedDemoProcess(db: Db, options: { today?: string } = {}): Promise<void> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const areas = DEMO_AREAS.map((a) => a.code);
  await db.transaction(async (tx) => {
    // Settings: legal status everywhere; every seventh special placement an independent special school out of area.
    const seeded = await tx.select({ versionId: placements.versionId, childId: placements.childId, settingType: placements.settingType })
      .from(placements).innerJoin(children, eq(children.id, placements.childId))
      .where(inArray(children.areaCode, areas)).orderBy(asc(placements.childId));
    for (const [i, p] of seeded.entries()) {
      const independent = p.settingType === 'SPECIAL' && i % 7 === 0;
      const noInstitution = LEGAL_STATUS[p.settingType] === 'NO_INSTITUTION' || p.settingType === 'EARLY_YEARS';
      await tx.update(placements).set({
        legalStatus: independent ? 'INDEPENDENT_SPECIAL' : LEGAL_STATUS[p.settingType],
        outOfArea: independent,
        resourcedProvision: p.settingType === 'RESOURCED_PROVISION',
        ...(p.settingType === 'FURTHER_EDUCATION' ? { urn: null, ukprn: `1${String(10000000 + i).slice(-7)}` } : {}),
        ...(noInstitution ? { urn: null, sen2Setting: SEN2_CODE[p.settingType] ?? 'EYP' } : {}),
      }).where(eq(placements.versionId, p.versionId));
    }

    const area = DEMO_AREAS[0]!;
    const inArea = (status: string) => tx.select({ id: plans.childId, councilOrg: plans.councilOrg }).from(plans)
      .innerJoin(children, eq(children.id, plans.childId))
      .where(and(eq(children.areaCode, area.code), eq(plans.status, status as never), isNotNull(plans.requestReceivedOn)))
      .orderBy(asc(children.createdAt), asc(children.id));
    const finals = await inArea('FINAL');
    const [lateInvitations, awaitingDecision, transfer] = [finals[1], finals[2], finals[3]];
    // reg 20(3): the meeting is in 10 days and the invitations, due 4 days ago, have not gone out.
    if (lateInvitations) {
      await tx.update(plans).set({ ...finalOn(addDays(today, -340)), reviewMeetingOn: addDays(today, 10) }).where(eq(plans.childId, lateInvitations.id));
    }
    // reg 20(10): the meeting was 20 days ago and the report sent; the decision is due in 8 days.
    if (awaitingDecision) {
      await tx.update(plans).set({
        ...finalOn(addDays(today, -380)), lastReviewOn: addDays(today, -20), reviewMeetingOn: addDays(today, -20), reviewInvitationsSentOn: addDays(today, -40),
        reviewAdviceCirculatedOn: addDays(today, -36), reviewHeldOn: addDays(today, -20), reviewReportSentOn: addDays(today, -9),
      }).where(eq(plans.childId, awaitingDecision.id));
    }
    // reg 18(1): moving to secondary school next September; the amended plan is due by 15 February.
    if (transfer) {
      await tx.update(plans).set({ phaseTransfer: 'TO_SECONDARY', phaseTransferYear: Number(today.slice(0, 4)) + 1 }).where(eq(plans.childId, transfer.id));
    }

    // A second episode: not assessed last year, requested again 12 days ago; the first is kept as it ended.
    const [again] = await inArea('REQUESTED');
    if (again) {
      await tx.insert(planEpisodes).values({
        childId: again.id, episode: 1, status: 'NOT_ASSESSED', councilOrg: again.councilOrg, requestReceivedOn: addDays(today, -420),
        requestSource: 'EDUCATION_SETTING', decisionOn: addDays(today, -385),
      }).onConflictDoNothing();
      await tx.update(plans).set({ episode: 2, requestReceivedOn: addDays(today, -12), requestSource: 'YOUNG_PERSON_OR_PARENT', requestedBy: 'PARENT' }).where(eq(plans.childId, again.id));
    }

    // An assessment: the school was closed for 4 weeks (reg 13(3)(a)), health advice is late, social care's is due.
    const [assessing] = await inArea('ASSESSING');
    if (assessing) {
      const received = addDays(today, -100);
      await tx.update(plans).set({ requestReceivedOn: received, decisionOn: addDays(received, 35), requestSource: 'EDUCATION_SETTING' }).where(eq(plans.childId, assessing.id));
      await tx.insert(clockExceptions).values({
        childId: assessing.id, reason: 'SETTING_CLOSED', fromOn: addDays(received, 40), toOn: addDays(received, 67),
        evidenceNote: 'Head teacher letter: school closed for building works (synthetic, ref. DEMO-CL-1)', recordedBySub: 'coordinator:demo',
      });
      await tx.insert(adviceRequests).values([
        { childId: assessing.id, agency: 'HEALTH', requestedOn: addDays(received, 36) },
        { childId: assessing.id, agency: 'SOCIAL_CARE', requestedOn: addDays(today, -20) },
      ]).onConflictDoNothing();
    }

    // A draft served 6 days ago: two preferences (one refused on s.39(4) grounds), a comment, a budget request.
    const [draft] = await inArea('DRAFT');
    if (draft) {
      const served = addDays(today, -6);
      await tx.update(plans).set({ draftIssuedOn: served }).where(eq(plans.childId, draft.id));
      await tx.insert(settingPreferences).values([
        {
          childId: draft.id, episode: 1, statedOn: addDays(served, 2), statedBySub: 'family:demo-draft', settingName: 'Westminster Demo Academy', legalStatus: 'ACADEMY',
          urn: '100050', withinCommentPeriod: true, consultedOn: addDays(served, 3), outcome: 'REFUSED', decidedOn: addDays(served, 5),
          grounds: ['INCOMPATIBLE_WITH_EFFICIENT_EDUCATION_OF_OTHERS'], reasons: 'Year 7 is full: admitting another pupil would prejudice the education of others', decidedBySub: 'coordinator:demo',
        },
        { childId: draft.id, episode: 1, statedOn: addDays(served, 5), statedBySub: 'family:demo-draft', settingName: 'Westminster Demo School', legalStatus: 'LA_MAINTAINED', urn: '100051', withinCommentPeriod: true },
      ]);
      await tx.insert(familyComments).values({
        childId: draft.id, episode: 1, servedOn: served, receivedOn: addDays(served, 4), text: 'Section F should say how many hours of speech and language therapy, and who gives them.',
        withinStatutoryPeriod: true, madeBySub: 'family:demo-draft',
      });
      await tx.insert(personalBudgetRequests).values({ childId: draft.id, episode: 1, requestedOn: addDays(served, 4), requestedBy: 'PARENT', requestedBySub: 'family:demo-draft' }).onConflictDoNothing();
    }
  });
}
