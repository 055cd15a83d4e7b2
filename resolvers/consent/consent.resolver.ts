import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import { Child } from '../child/child.types.js';
import * as consent from './consent.service.js';
import { BreakGlassGrantType, ConsentType, GrantConsentInput } from './consent.types.js';

@Resolver(() => Child)
export class ChildConsentsResolver {
  @FieldResolver(() => [ConsentType], { description: 'Newest first, including withdrawn and expired ones' })
  consents(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return consent.consentsOf(ctx.data, child);
  }
}

@Resolver()
export class ConsentResolver {
  @Mutation(() => ConsentType)
  grantConsent(@Arg('input', () => GrantConsentInput) input: GrantConsentInput, @Ctx() ctx: RequestContext) {
    return consent.recordConsent(ctx.data, input, 'GRANT');
  }

  @Mutation(() => ConsentType, { description: 'An explicit refusal beats any grant' })
  refuseConsent(@Arg('input', () => GrantConsentInput) input: GrantConsentInput, @Ctx() ctx: RequestContext) {
    return consent.recordConsent(ctx.data, input, 'REFUSAL');
  }

  @Mutation(() => ConsentType, { description: 'Takes effect from the very next request. A coordinator cites the holder\'s signed withdrawal' })
  withdrawConsent(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('evidenceNote', () => String, { nullable: true }) evidenceNote?: string,
  ) {
    return consent.withdrawConsent(ctx.data, id, evidenceNote);
  }

  @Mutation(() => BreakGlassGrantType)
  breakGlass(@Arg('childId', () => ID) childId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext) {
    return consent.breakGlass(ctx.data, childId, reason);
  }
}
