import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AgencyEnum, FamilyRelationshipEnum } from '../../src/platform/graphql/enums.js';
import { Connection } from '../../src/platform/graphql/connection.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';

/**
 * The shared Child entity. Resolvers receive a VisibleChild (see src/access/scoped-data.ts); every
 * personal field is a field resolver that goes through ScopedData.release. Other modules (plan,
 * sections, consent, audit) add their fields with their own `@Resolver(() => Child)` classes.
 */
@ObjectType('Child')
export class Child {
  @Field(() => ID) id!: string;
  @Field(() => String) areaCode!: string;
}

@ObjectType('CareTeamMember')
export class CareTeamMemberType {
  @Field(() => String) org!: string;
  @Field(() => AgencyEnum) agency!: Agency;
}

@ObjectType('FamilyMember')
export class FamilyMemberType {
  @Field(() => String) subject!: string;
  @Field(() => FamilyRelationshipEnum) relationship!: FamilyRelationship;
}

@ObjectType()
export class ChildConnection extends Connection('Child', Child) {}

@InputType()
export class RegisterChildInput {
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => DateScalar) dateOfBirth!: string;
  @Field(() => String) areaCode!: string;
  @Field(() => String, { nullable: true }) nhsNumber?: string | null;
  @Field(() => String, { nullable: true }) upn?: string | null;
  @Field(() => String, { nullable: true }) postcode?: string | null;
  @Field(() => String, { nullable: true }) locality?: string | null;
}
