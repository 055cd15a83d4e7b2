import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Agency, ConsentKind, DataCategory, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { AgencyEnum, DataCategoryEnum, FamilyRelationshipEnum } from '../../src/platform/graphql/enums.js';

@ObjectType('Consent', { description: "The family's decision to share categories of the record with another agency or organisation" })
export class ConsentType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'GRANT or REFUSAL; a refusal beats any grant' }) kind!: ConsentKind;
  @Field(() => [DataCategoryEnum]) categories!: DataCategory[];
  @Field(() => AgencyEnum, { nullable: true }) granteeAgency!: Agency | null;
  @Field(() => String, { nullable: true }) granteeOrg!: string | null;
  @Field(() => String, { nullable: true, description: 'A family member the consent is for' }) granteeSubject!: string | null;
  @Field(() => FamilyRelationshipEnum, { description: 'Whose consent: the consent holder when it was given' }) givenBy!: FamilyRelationship;
  @Field(() => String, { description: "Who recorded it; a family reader sees a member of staff's organisation instead" }) grantedBySub!: string;
  @Field(() => String, { nullable: true, description: 'Set when a coordinator recorded a consent given on paper' }) evidenceNote!: string | null;
  @Field(() => Date, { nullable: true }) validUntil!: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Boolean, { description: 'Counts now: not withdrawn, not expired, given by the current consent holder' }) active!: boolean;
}

@InputType()
export class GrantConsentInput {
  @Field(() => ID) childId!: string;
  @Field(() => [DataCategoryEnum]) categories!: DataCategory[];
  @Field(() => AgencyEnum, { nullable: true }) granteeAgency?: Agency | null;
  @Field(() => String, { nullable: true }) granteeOrg?: string | null;
  @Field(() => String, { nullable: true, description: 'A linked family member: the young person sharing with their parent (CFA 2014 s.83(2))' }) granteeSubject?: string | null;
  @Field(() => Date, { nullable: true }) validUntil?: Date | null;
  @Field(() => String, { nullable: true, description: "Required when a coordinator records a decision given on paper: the document and its date, e.g. 'Consent form SF-1234 signed 2026-11-02'" }) evidenceNote?: string | null;
}

@ObjectType('BreakGlassGrant')
export class BreakGlassGrantType {
  @Field(() => ID) id!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String) reason!: string;
}
