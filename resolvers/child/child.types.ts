import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHILD_ORDERS, type ChildOrder } from '../../src/access/child-list.js';
import type { Agency, FamilyRelationship, PlanStatus } from '../../src/domain/vocabulary.js';
import type { EthnicityCode, SexCode } from '../../src/domain/sen2/codes.js';
import { AgencyEnum, EthnicityEnum, FamilyRelationshipEnum, PlanStatusEnum, SexEnum } from '../../src/platform/graphql/enums.js';
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
  @Field(() => SexEnum, { nullable: true, description: 'DfE Sex code, as the SEN2 return carries it; null until recorded' }) sex!: SexCode | null;
  @Field(() => EthnicityEnum, { nullable: true, description: 'DfE main ethnicity code, as the SEN2 return carries it; null until recorded (NOBT once asked and not yet obtained)' }) ethnicity!: EthnicityCode | null;
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
export class ChildConnection extends Connection('Child', Child) {
  @Field(() => Int, { description: 'How many children you may see match the filter (all pages)' }) totalCount!: number;
}

export const ChildOrderEnum = Object.fromEntries(CHILD_ORDERS.map((o) => [o, o])) as { [K in ChildOrder]: K };
registerEnumType(ChildOrderEnum, {
  name: 'ChildOrder',
  description: 'ID (stable keyset), NAME (family then given name), NEXT_DEADLINE (the caseload: the next statutory deadline owed by the council or an agency first, none last)',
});

@InputType({ description: 'Find a child: every field given must match' })
export class ChildFilter {
  @Field(() => String, { nullable: true, description: 'Ten digits, spaces allowed (944 930 5552)' }) nhsNumber?: string | null;
  @Field(() => String, { nullable: true }) upn?: string | null;
  @Field(() => String, { nullable: true, description: 'Words each matching the start of the given or family name' }) name?: string | null;
  @Field(() => DateScalar, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true, description: "A locality code (or name) from the area's register" }) locality?: string | null;
  @Field(() => [PlanStatusEnum], { nullable: true, description: 'The current episode is in one of these' }) planStatus?: PlanStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Any open deadline is (or none is) overdue' }) overdue?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'The next deadline owed by the council or an agency falls within this many days (overdue ones included)' }) dueWithinDays?: number | null;
}

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
  @Field(() => SexEnum, { nullable: true }) sex?: SexCode | null;
  @Field(() => EthnicityEnum, { nullable: true }) ethnicity?: EthnicityCode | null;
}

@InputType({ description: "Identity details recorded after registration; a field left out is kept, a field given as null is cleared" })
export class ChildDetailsInput {
  @Field(() => ID) childId!: string;
  @Field(() => SexEnum, { nullable: true }) sex?: SexCode | null;
  @Field(() => EthnicityEnum, { nullable: true }) ethnicity?: EthnicityCode | null;
}
