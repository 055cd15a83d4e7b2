import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AccessBasis, DataCategory, SectionCode } from '../../src/domain/vocabulary.js';
import { Connection } from '../../src/platform/graphql/connection.js';
import { AccessBasisEnum, DataCategoryEnum, SectionCodeEnum } from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

export const BREAK_GLASS_OUTCOMES = ['JUSTIFIED', 'NOT_JUSTIFIED'] as const;
export type BreakGlassOutcome = (typeof BREAK_GLASS_OUTCOMES)[number];
export const BreakGlassOutcomeEnum = Object.fromEntries(BREAK_GLASS_OUTCOMES.map((o) => [o, o])) as { [K in BreakGlassOutcome]: K };
registerEnumType(BreakGlassOutcomeEnum, { name: 'BreakGlassOutcome', description: "The DPO's finding on an emergency access" });

/**
 * One audit event: what one request released (or, with DENIED, withheld) about one child, and why.
 * For a family reader, `actorSub` is the actor's organisation (FAMILY for family members) unless the
 * event is their own, and `operationName` is null: families see which organisation, what role, when,
 * which sections and on what basis, not the identifiers of individual staff.
 */
@ObjectType('AccessEvent')
export class AccessEventType {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String) actorSub!: string;
  @Field(() => String) actorOrg!: string;
  @Field(() => String, { description: 'The organisation\'s name from the register, or its code' }) actorOrgName!: string;
  @Field(() => String) actorRole!: string;
  @Field(() => ID, { nullable: true }) childId!: string | null;
  @Field(() => String, { nullable: true, description: 'The area the event belongs to' }) areaCode!: string | null;
  @Field(() => String, { description: 'READ, WRITE, REGISTER, GRANT_CONSENT, WITHDRAW_CONSENT, BREAK_GLASS, REVIEW_BREAK_GLASS, EXPORT …' })
  action!: string;
  @Field(() => AccessBasisEnum) basis!: AccessBasis;
  @Field(() => [DataCategoryEnum]) categories!: DataCategory[];
  @Field(() => [SectionCodeEnum]) sections!: SectionCode[];
  @Field(() => [String], { description: 'BREAK_GLASS, BULK' }) flags!: string[];
  @Field(() => String, { nullable: true }) operationName!: string | null;
  @Field(() => ID, { description: 'The request that recorded it: one request is one id, however many subgraphs served it (docs/federation.md)' })
  requestId!: string;
}

@ObjectType()
export class AccessEventConnection extends Connection('AccessEvent', AccessEventType) {}

@InputType()
export class AccessLogFilter {
  @Field(() => ID, { nullable: true }) childId?: string | null;
  @Field(() => String, { nullable: true }) actorSub?: string | null;
  @Field(() => String, { nullable: true }) actorOrg?: string | null;
  @Field(() => AccessBasisEnum, { nullable: true }) basis?: AccessBasis | null;
  @Field(() => Date, { nullable: true, description: 'Events at or after this instant' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Events at or before this instant' }) to?: Date | null;
}

@ObjectType('AuditChain', { description: "One area's hash chain (or 'all', the legacy chain of events recorded before chains were per area)" })
export class AuditChainType {
  @Field(() => String, { description: "The chain's key: an area code, or 'all' for the legacy chain" }) chain!: string;
  @Field(() => Boolean) intact!: boolean;
  @Field(() => Int, { description: 'Events examined' }) length!: number;
  @Field(() => Int, { nullable: true, description: 'Position in this chain of the first broken event' }) firstBrokenAt!: number | null;
  @Field(() => Int, { description: 'The head (position in this chain) the reported verification reached' }) verifiedUpTo!: number;
}

@ObjectType('AuditChainStatus', { description: "The chains of the DPO's areas (and the legacy chain), summed up" })
export class AuditChainStatusType {
  @Field(() => Boolean, { description: 'Every chain covered is intact' }) intact!: boolean;
  @Field(() => Int, { description: 'Events examined, over every chain covered' }) length!: number;
  @Field(() => Int, { nullable: true, description: 'Position of the first broken event in the first broken chain (brokenChain)' }) firstBrokenAt!: number | null;
  @Field(() => String, { nullable: true, description: 'The first broken chain' }) brokenChain!: string | null;
  @Field(() => Int, { description: 'The chain heads the reported verification reached, summed over the chains covered' }) verifiedUpTo!: number;
  @Field(() => Date, { nullable: true, description: 'When it finished; null while the first verification is still running' }) verifiedAt!: Date | null;
  @Field(() => Boolean, { description: 'False while events recorded since are being verified in the background: ask again' }) upToDate!: boolean;
  @Field(() => [AuditChainType], { description: 'Each chain covered' }) chains!: AuditChainType[];
}

@ObjectType('BreakGlassReview', { description: 'An emergency access and its review by the DPO' })
export class BreakGlassReviewType {
  @Field(() => ID) id!: string;
  @Field(() => ID) childId!: string;
  @Field(() => String) actorSub!: string;
  @Field(() => String) actorOrg!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => BreakGlassOutcomeEnum, { nullable: true }) outcome!: BreakGlassOutcome | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true }) reviewedBySub!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
}

export const SAFEGUARDING_DECISIONS = ['RELEASE', 'WITHHOLD'] as const;
export type SafeguardingDecision = (typeof SAFEGUARDING_DECISIONS)[number];
export const SafeguardingDecisionEnum = Object.fromEntries(SAFEGUARDING_DECISIONS.map((d) => [d, d])) as { [K in SafeguardingDecision]: K };
registerEnumType(SafeguardingDecisionEnum, { name: 'SafeguardingDecision', description: 'DPA 2018 Sch. 3 Part 3: whether safeguarding content may be released in an export (serious-harm test)' });

export const FLAGGED_KINDS = ['PAPER_CONSENT', 'CAPACITY'] as const;
export type FlaggedKind = (typeof FLAGGED_KINDS)[number];
export const FlaggedKindEnum = Object.fromEntries(FLAGGED_KINDS.map((d) => [d, d])) as { [K in FlaggedKind]: K };
registerEnumType(FlaggedKindEnum, { name: 'FlaggedKind', description: 'A record a coordinator made on paper evidence, flagged for the DPO' });

@ObjectType('SubjectAccessRequest', { description: 'UK GDPR Art. 15: a request to see everything held on the child; due one month after receipt (Art. 12(3))' })
export class SubjectAccessRequestType {
  @Field(() => ID) id!: string;
  @Field(() => ID) childId!: string;
  @Field(() => DateScalar) receivedOn!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => Boolean, { description: 'Not answered and past its due date' }) overdue!: boolean;
  @Field(() => String, { description: 'FAMILY when the family asked through the hub, DPO when the DPO recorded it' }) requestedByRole!: string;
  @Field(() => SafeguardingDecisionEnum, { nullable: true }) safeguardingDecision!: SafeguardingDecision | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
}

@ObjectType('FlaggedRecord', { description: 'A consent, withdrawal or capacity record a coordinator made on paper evidence, for the DPO to review' })
export class FlaggedRecordType {
  @Field(() => ID) id!: string;
  @Field(() => FlaggedKindEnum) kind!: FlaggedKind;
  @Field(() => ID) childId!: string;
  @Field(() => String) recordedBySub!: string;
  @Field(() => String, { nullable: true }) recordedByOrg!: string | null;
  @Field(() => String) evidenceNote!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => BreakGlassOutcomeEnum, { nullable: true }) outcome!: BreakGlassOutcome | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true }) reviewedBySub!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
}
