import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import { Child } from '../child/child.types.js';
import * as disputes from './disputes.service.js';
import { DisputeInput, DisputeType } from './disputes.types.js';

@Resolver(() => Child)
export class ChildDisputesResolver {
  @FieldResolver(() => [DisputeType], { description: "Mediations and appeals about the council's decisions for this child, oldest first" })
  disputes(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return disputes.disputesOf(ctx.data, child);
  }
}

@Resolver()
export class DisputeResolver {
  @Mutation(() => DisputeType, { description: "Records a mediation or an appeal, or replaces one with its later stages (the child's area's CASE_COORDINATOR)" })
  recordDispute(@Arg('input', () => DisputeInput) input: DisputeInput, @Ctx() ctx: RequestContext) {
    return disputes.recordDispute(ctx.data, input);
  }
}
