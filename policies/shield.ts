/**
 * The outer net (DESIGN.md §3): graphql-shield guards every root field by role, with default deny.
 * The finer, per-field decision lives in policies/field-access.ts and runs in the data layer.
 * A new root field without a rule here is denied (and the cross-tenant suite fails until it has a case).
 */
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';
import { allow, and, deny, rule, shield, type IRules } from 'graphql-shield';
import type { RequestContext } from '../src/access/request-context.js';
import type { Role } from '../src/domain/vocabulary.js';

const roles = (...allowed: Role[]) =>
  rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) => allowed.includes(ctx.actor.role));

/** The actor works in the area named by an argument (registerChild: input.areaCode). */
const inArgArea = (pick: (args: Record<string, any>) => unknown) =>
  rule({ cache: 'strict' })((_parent, args, ctx: RequestContext) => {
    const area = pick(args);
    return typeof area === 'string' && ctx.actor.areas.includes(area);
  });

const everyone = allow;
export const isCaseWorker = roles('PRACTITIONER', 'CASE_COORDINATOR');
export const isCoordinator = roles('CASE_COORDINATOR');
export const isFamily = roles('FAMILY');
export const isCommissioner = roles('COMMISSIONER');
export const isDpo = roles('DPO');
/** Anyone who may hold a relationship with an individual child: never commissioners. */
export const mayReadChildren = roles('PRACTITIONER', 'CASE_COORDINATOR', 'FAMILY', 'DPO');

/** Rules for root fields, by module. Modules add theirs here. */
export const rootRules: { Query: IRules; Mutation: IRules } = {
  Query: {
    me: everyone,
    child: mayReadChildren,
    children: mayReadChildren,
    areaNeeds: and(isCommissioner, inArgArea((args) => args.areaCode)),
    areaTimeliness: and(isCommissioner, inArgArea((args) => args.areaCode)),
    areaProvision: and(isCommissioner, inArgArea((args) => args.areaCode)),
    accessLog: roles('DPO', 'FAMILY'),
    auditChainStatus: isDpo,
    breakGlassReviews: isDpo,
    subjectAccessExport: isDpo,
    myAdviceRequests: roles('PRACTITIONER'),
  },
  Mutation: {
    registerChild: and(isCoordinator, inArgArea((args) => args.input?.areaCode)),
    addCareTeamMember: isCoordinator,
    linkFamilyMember: isCoordinator,
    reviewBreakGlass: isDpo,
    contributeSection: mayReadChildren,
    requestAssessment: isCoordinator,
    advancePlan: isCoordinator,
    requestAdvice: isCoordinator,
    provideAdvice: roles('PRACTITIONER'),
    recordClockException: isCoordinator,
    grantConsent: roles('FAMILY', 'CASE_COORDINATOR'),
    refuseConsent: roles('FAMILY', 'CASE_COORDINATOR'),
    withdrawConsent: roles('FAMILY', 'CASE_COORDINATOR'),
    breakGlass: roles('PRACTITIONER'),
    upsertLocalOfferService: and(isCoordinator, inArgArea((args) => args.input?.areaCode)),
  },
};

export const forbiddenError = () => new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } });

/**
 * Builds the shield over the root fields: each Query and Mutation field by its rule, any other denied.
 * Nested types are not wrapped: their values are decided field by field in the data layer
 * (ScopedData.release), and wrapping thousands of nested resolvers in shield promises cost about a
 * third of a 50-child page's time for no added protection.
 */
export function buildShield(schema: GraphQLSchema): IMiddleware {
  const tree = { Query: { ...rootRules.Query, '*': deny }, Mutation: { ...rootRules.Mutation, '*': deny } };
  const generator = shield(tree, { fallbackRule: deny, fallbackError: forbiddenError, allowExternalErrors: true });
  const generated = generator.generate(schema) as Record<string, unknown>;
  return { Query: generated.Query, Mutation: generated.Mutation } as IMiddleware;
}
