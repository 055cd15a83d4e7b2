import { Field, InputType, ObjectType } from 'type-graphql';

@ObjectType('Locality', { description: "A locality of an area's register (ward or MSOA): the only values a child's locality and the LOCALITY grouping take" })
export class LocalityType {
  @Field(() => String, { description: 'ONS code: E05 ward, E02 MSOA or E01 LSOA' }) code!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class LocalityInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}
