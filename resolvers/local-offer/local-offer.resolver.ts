import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import * as localOffer from './local-offer.service.js';
import { LocalOfferService, LocalOfferServiceInput } from './local-offer.types.js';

@Resolver(() => LocalOfferService)
export class LocalOfferResolver {
  @Mutation(() => LocalOfferService, { description: "Creates (no id) or updates (id) a service of the area's local offer; case coordinators of the area only" })
  upsertLocalOfferService(@Arg('input', () => LocalOfferServiceInput) input: LocalOfferServiceInput, @Ctx() ctx: RequestContext): Promise<LocalOfferService> {
    return localOffer.upsertLocalOfferService(ctx.data, input);
  }
}
