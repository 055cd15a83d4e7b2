import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { NeedType } from '../../src/domain/vocabulary.js';
import { NeedTypeEnum } from '../../src/platform/graphql/enums.js';

/**
 * A service of the area's local offer (CFA 2014 s.30): public directory data, never about a child.
 * The id is the same here and in the Open Referral UK API (`/openreferral/services/{id}`).
 */
@ObjectType('LocalOfferService')
export class LocalOfferService {
  @Field(() => ID) id!: string;
  @Field(() => String) areaCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => String) organizationName!: string;
  @Field(() => [NeedTypeEnum], { description: 'The SEN2 need types the service is for' }) needTypes!: NeedType[];
  @Field(() => Int, { nullable: true, description: 'Youngest age served, in completed years (0 to 25)' }) minimumAge!: number | null;
  @Field(() => Int, { nullable: true, description: 'Oldest age served, in completed years (0 to 25)' }) maximumAge!: number | null;
  @Field(() => String, { nullable: true, description: "A code of the area's locality register (an ONS ward code, say)" }) locality!: string | null;
  @Field(() => Int, { nullable: true, description: 'Places on offer' }) capacity!: number | null;
  @Field(() => Date) updatedAt!: Date;
}

@InputType()
export class LocalOfferServiceInput {
  @Field(() => ID, { nullable: true, description: 'Absent: create a service; present: update that service' }) id?: string | null;
  @Field(() => String) areaCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => String) organizationName!: string;
  @Field(() => [NeedTypeEnum]) needTypes!: NeedType[];
  @Field(() => Int, { nullable: true }) minimumAge?: number | null;
  @Field(() => Int, { nullable: true }) maximumAge?: number | null;
  @Field(() => String, { nullable: true }) locality?: string | null;
  @Field(() => Int, { nullable: true }) capacity?: number | null;
}
