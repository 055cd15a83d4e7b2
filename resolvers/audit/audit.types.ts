import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AccessBasis, DataCategory, SectionCode } from '../../src/domain/vocabulary.js';
import { Connection } from '../../src/platform/graphql/connection.js';
import { AccessBasisEnum, DataCategoryEnum, SectionCodeEnum } from '../../src/platform/graphql/enums.js';

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

@ObjectType('AuditChainStatus')
export class AuditChainStatusType {
  @Field(() => Boolean) intact!: boolean;
  @Field(() => Int, { description: 'Events examined' }) length!: number;
  @Field(() => Int, { nullable: true, description: 'Sequence number of the first broken event' }) firstBrokenAt!: number | null;
  @Field(() => Int, { description: 'The chain head the reported verification reached' }) verifiedUpTo!: number;
  @Field(() => Date, { nullable: true, description: 'When it finished; null while the first verification is still running' }) verifiedAt!: Date | null;
  @Field(() => Boolean, { description: 'False while events recorded since are being verified in the background: ask again' }) upToDate!: boolean;
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
