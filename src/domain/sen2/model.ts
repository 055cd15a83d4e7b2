/**
 * The SEN2 return's input, as plain records the hub can load (one per child, one per episode), and the
 * SEN2-shaped records derived from it (docs/sen2.md maps one onto the other).
 */
import type { CeasedReason } from '../plan-transitions.js';
import type { SettingDescription } from '../settings.js';
import type { ClockException } from '../timeliness.js';
import type { NeedType, PersonalBudgetForm, PlanStatus, RequestSource, ReviewDecision } from '../vocabulary.js';
import type {
  AssessmentOutcomeCode,
  DesignatedOfficerCode,
  DirectPaymentPart,
  RequestOutcomeCode,
  ResidentialCode,
  Sen2CeaseReason,
  SexCode,
  UpnUnknownCode,
  WorkBasedCode,
} from './codes.js';

// ---------------------------------------------------------------------------------------------------
// Input: what the hub holds
// ---------------------------------------------------------------------------------------------------

export interface Sen2ReturnInput {
  header: Sen2HeaderInput;
  children: readonly Sen2ChildRecord[];
}

export interface Sen2HeaderInput {
  /** The collection year: the census in January of this year covers the previous calendar year. */
  year: number;
  /** The census reference date, in January of `year` (the third Thursday: 2026-01-15). */
  referenceDate: string;
  /** The DfE three-digit LA number (identifiers.ts DFE_LA_NUMBERS). */
  laNumber: string;
  softwareCode?: string | null;
  release?: string | null;
  /** Three or more digits. */
  serialNo?: string | null;
  /** ISO date-time the file was produced, without offset, e.g. 2026-01-20T09:30:00. */
  dateTime?: string | null;
  /** LA-level items: a designated medical officer and a designated clinical officer (Y, N, R). */
  dmo?: DesignatedOfficerCode | null;
  dco?: DesignatedOfficerCode | null;
}

export interface Sen2ChildRecord {
  /** The hub's reference for the child: names the child in every issue, never written to the file. */
  childRef: string;
  surname: string;
  forename: string;
  dateOfBirth: string;
  sex?: SexCode | null;
  ethnicity?: string | null;
  postcode?: string | null;
  upn?: string | null;
  uln?: string | null;
  upnUnknown?: UpnUnknownCode | null;
  episodes: readonly Sen2EpisodeRecord[];
}

export interface Sen2PlacementRecord extends SettingDescription {
  /** 1 the main placement, 2 a second (dual placement). */
  rank: number;
  entryOn?: string | null;
  leavingOn?: string | null;
  residential?: ResidentialCode | null;
  workBased?: WorkBasedCode | null;
}

export interface Sen2Disputes {
  /** Mediation or an appeal about the decision not to assess. */
  requestMediation?: boolean | null;
  requestTribunal?: boolean | null;
  /** Mediation or an appeal about the decision not to issue. */
  assessmentMediation?: boolean | null;
  assessmentTribunal?: boolean | null;
  /** Mediation or an appeal about the plan's content or named setting. */
  otherMediation?: boolean | null;
  otherTribunal?: boolean | null;
}

export interface Sen2EpisodeRecord {
  episode: number;
  status: PlanStatus;
  /** Null only for a plan transferred in, or so old that the request date is lost. */
  requestReceivedOn: string | null;
  requestSource?: RequestSource | null;
  /** The request concerns a child or young person in relevant youth accommodation (SEN2 `RYA`). */
  youthAccommodation?: boolean | null;
  decisionOn?: string | null;
  /** The request or the assessment was withdrawn (or the family left) before the council decided. */
  withdrawnOn?: string | null;
  draftIssuedOn?: string | null;
  finalIssuedOn?: string | null;
  ceasedOn?: string | null;
  ceasedReason?: CeasedReason | null;
  /** Why the plan ceased, in SEN2's codes: required when the plan ceased to be maintained. */
  sen2CeaseReason?: Sen2CeaseReason | null;
  clockExceptions?: readonly ClockException[];
  disputes?: Sen2Disputes | null;
  /** The school or setting named in the first final plan (`NamedPlan`/`PlanDetail`). */
  namedPlacements?: readonly Sen2PlacementRecord[];
  /** Placements attended, with entry and leaving dates (`ActivePlans`/`PlacementDetail`). */
  placements?: readonly Sen2PlacementRecord[];
  needs?: readonly { type: NeedType; rank: number }[];
  residential?: ResidentialCode | null;
  workBased?: WorkBasedCode | null;
  personalBudget?: { forms: readonly PersonalBudgetForm[]; directPaymentParts?: readonly DirectPaymentPart[] } | null;
  /** The three-digit LA the plan was transferred in from (SEN2 `TransferLA`). */
  transferredInFromLa?: string | null;
  /** The last review: meeting date, and the council's decision (reg 20(10)) if made. */
  lastReview?: { meetingOn: string; decision?: ReviewDecision | null; decidedOn?: string | null } | null;
}

// ---------------------------------------------------------------------------------------------------
// Output: SEN2-shaped, one value per XML item (null = item left out)
// ---------------------------------------------------------------------------------------------------

export interface Sen2PlanDetail {
  urn: string | null;
  ukprn: string | null;
  senSetting: string | null;
  senSettingOther: string | null;
  placementRank: number;
  senUnit: boolean;
  resourcedProvision: boolean;
}

export interface Sen2PlacementDetail extends Sen2PlanDetail {
  entryDate: string | null;
  leavingDate: string | null;
  res: ResidentialCode | null;
  wbp: WorkBasedCode | null;
}

export interface Sen2NamedPlan {
  startDate: string | null;
  planDetails: Sen2PlanDetail[];
  planRes: ResidentialCode | null;
  planWbp: WorkBasedCode | null;
  pb: boolean | null;
  oa: boolean | null;
  dp: string | null;
  ceaseDate: string | null;
  ceaseReason: Sen2CeaseReason | null;
}

export interface Sen2Assessment {
  outcome: AssessmentOutcomeCode;
  outcomeDate: string | null;
  mediation: boolean | null;
  tribunal: boolean | null;
  otherMediation: boolean | null;
  otherTribunal: boolean | null;
  week20: boolean | null;
  namedPlan: Sen2NamedPlan | null;
}

export interface Sen2ActivePlans {
  transferLa: string | null;
  placements: Sen2PlacementDetail[];
  needs: { type: NeedType; rank: number }[];
  reviewMeeting: string | null;
  reviewOutcome: 'M' | 'A' | 'C' | null;
  lastReview: string | null;
}

export interface Sen2Request {
  receivedDate: string | null;
  requestSource: string | null;
  rya: boolean | null;
  outcomeDate: string | null;
  outcome: RequestOutcomeCode;
  mediation: boolean | null;
  tribunal: boolean | null;
  assessment: Sen2Assessment | null;
  activePlans: Sen2ActivePlans | null;
  /** Not written: what the summary counts. */
  facts: Sen2RequestFacts;
}

/** Facts about one returned request that the XML items do not carry directly, for the summary. */
export interface Sen2RequestFacts {
  episode: number;
  receivedInPeriod: boolean;
  finalIssuedInPeriod: boolean;
  /** For a final plan issued in the period: the timeliness measure (timeliness.ts), same rule as the hub's. */
  timeliness: { counted: boolean; withinTwentyWeeks: boolean } | null;
  ceasedInPeriod: boolean;
  activeOnReferenceDate: boolean;
  primaryNeed: NeedType | null;
  mainPlacement: { legalStatus: string; outOfArea: boolean } | null;
}

export interface Sen2Person {
  childRef: string;
  surname: string;
  forename: string;
  birthDate: string;
  sex: SexCode | null;
  ethnicity: string | null;
  postCode: string | null;
  upn: string | null;
  uln: string | null;
  upnUnknown: string | null;
  requests: Sen2Request[];
}

export interface Sen2Header {
  year: number;
  referenceDate: string;
  laNumber: string;
  softwareCode: string | null;
  release: string | null;
  serialNo: string | null;
  dateTime: string | null;
  dmo: DesignatedOfficerCode | null;
  dco: DesignatedOfficerCode | null;
}

/** One problem found while building the return, always naming the child (or the header). */
export interface Sen2Issue {
  severity: 'ERROR' | 'WARNING';
  /** The hub's child reference, or `HEADER`. */
  childRef: string;
  episode: number | null;
  /** The SEN2 item concerned, e.g. `Sex`, `SENneed`, `PlanDetail`. */
  item: string;
  message: string;
}
