import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { AgencyEnum, FamilyRelationshipEnum } from '../../src/platform/graphql/enums.js';
import { Connection } from '../../src/platform/graphql/connection.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';

/**
 * The shared Child entity. Resolvers hand out sealed children (src/access/sealed.ts); each field is
 * released by its guard in child.guards.ts. Other modules (plan, sections, consent) add their fields
 * with their own `@Resolver(() => Child)` classes and guards.
 */
@ObjectType('Child')
export class Child {
  @Field(() => ID) id!: string;
  @Field(() => String) areaCode!: string;
  @Field(() => String, { nullable: true }) givenName!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => DateScalar, { nullable: true }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) nhsNumber!: string | null;
  @Field(() => String, { nullable: true }) upn!: string | null;
  @Field(() => String, { nullable: true }) postcode!: string | null;
  @Field(() => String, { nullable: true, description: "A locality code from the area's register" }) locality!: string | null;
  @Field(() => [CareTeamMemberType], { description: 'Organisations on the care team (who shares this record)' }) careTeam!: CareTeamMemberType[];
  @Field(() => [FamilyMemberType], { description: 'Linked family members (parent, young person)' }) familyMembers!: FamilyMemberType[];
}

@ObjectType('CareTeamMember')
export class CareTeamMemberType {
  @Field(() => String) org!: string;
  @Field(() => String, { description: 'The organisation\'s name from the register, or its code' }) orgName!: string;
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
  @Field(() => String, { nullable: true, description: "A locality code (or name) from the area's register" }) locality?: string | null;
}
