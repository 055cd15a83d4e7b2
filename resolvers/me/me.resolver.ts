import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { Agency, Role } from '../../src/domain/vocabulary.js';
import { AgencyEnum, RoleEnum } from '../../src/platform/graphql/enums.js';

@ObjectType('Actor', { description: 'The verified caller, from the token claims' })
export class ActorType {
  @Field(() => String) sub!: string;
  @Field(() => String) org!: string;
  @Field(() => AgencyEnum, { nullable: true }) agency!: Agency | null;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => [String]) areas!: string[];
}

@Resolver()
export class MeResolver {
  @Query(() => ActorType)
  me(@Ctx() ctx: RequestContext): ActorType {
    return ctx.actor;
  }
}
