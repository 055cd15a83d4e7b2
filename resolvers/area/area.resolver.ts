import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import * as area from './area.service.js';
import { LocalityInput, LocalityType } from './area.types.js';

@Resolver()
export class AreaResolver {
  @Query(() => [LocalityType], { description: "The area's register of localities" })
  localities(@Arg('areaCode', () => String) areaCode: string, @Ctx() ctx: RequestContext) {
    return area.localities(ctx.data, areaCode);
  }

  @Mutation(() => [LocalityType], { description: "Adds to (or renames in) the area's register of localities; CASE_COORDINATOR of the area" })
  registerLocalities(
    @Arg('areaCode', () => String) areaCode: string,
    @Arg('localities', () => [LocalityInput]) localities: LocalityInput[],
    @Ctx() ctx: RequestContext,
  ) {
    return area.registerLocalities(ctx.data, areaCode, localities);
  }
}
