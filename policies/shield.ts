/**
 * The outer net: graphql-shield guards every root field before it runs, by the role (and, where the
 * request names it, the area) its action allows — generated from the action table (actions.ts) and
 * the operation table (operations.ts), with default deny. What a caller may do to a given child, and
 * which values leave, are decided again inside, by `assertCan` and the data layer.
 */
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';
import { and, deny, rule, shield, type IRules } from 'graphql-shield';
import type { Actor } from '../src/domain/actor.js';
import { ACTION_RULES, needsTargetArea, rolesFor } from './actions.js';
import { OPERATIONS, type Operation } from './operations.js';

interface ShieldContext {
  actor: Actor;
}

const FORBIDDEN = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
export const forbiddenError = () => FORBIDDEN('Forbidden: this operation is not available to you');

function ruleFor(field: string, op: Operation) {
  const roles = rolesFor(op.action);
  const refusal = ACTION_RULES[op.action].refusal;
  const byRole = rule(`${field}:role`, { cache: 'contextual' })((_p, _a, ctx: ShieldContext) =>
    roles.includes(ctx.actor.role) ? true : FORBIDDEN(refusal));
  if (!op.area || !needsTargetArea(op.action)) return byRole;
  const pick = op.area;
  const inArea = rule(`${field}:area`, { cache: 'strict' })((_p, args, ctx: ShieldContext) => {
    const area = pick(args);
    return typeof area === 'string' && ctx.actor.areas.includes(area) ? true : FORBIDDEN(`${String(area)} is not one of your areas`);
  });
  return and(byRole, inArea);
}

/** Rules for the operations the schema serves: a subgraph serves some of them, and shield refuses rules for absent fields. */
const rulesOf = (ops: Readonly<Record<string, Operation>>, served: Set<string>): IRules =>
  Object.fromEntries(Object.entries(ops).filter(([field]) => served.has(field)).map(([field, op]) => [field, ruleFor(field, op)]));

const fieldsOf = (type: { getFields(): Record<string, unknown> } | null | undefined) => new Set(Object.keys(type?.getFields() ?? {}));

/**
 * A subgraph's federation fields (docs/federation.md), reached only with the gateway's signature:
 * `_service` gives the gateway the SDL; `_entities` resolves `Child` references the gateway got from
 * another subgraph for an authenticated reader. It is the nested `Child` fields of the monolith under
 * another name, so it is guarded as they are: each reference through `requireChild` (NOT_FOUND without
 * a relationship) and each field by its guard.
 */
const FEDERATION_RULES: IRules = {
  _service: rule('_service', { cache: 'contextual' })((_p, _a, ctx: ShieldContext) => (ctx.actor ? true : forbiddenError())),
  _entities: rule('_entities', { cache: 'contextual' })((_p, _a, ctx: ShieldContext) => (ctx.actor ? true : forbiddenError())),
};

/**
 * The shield over the root fields: each Query and Mutation field by its operation, any other denied.
 * Nested types are not wrapped: their values are decided field by field in the data layer, and
 * wrapping thousands of nested resolvers in shield promises cost a third of a page's time.
 */
export function buildShield(schema: GraphQLSchema): IMiddleware {
  const queries = fieldsOf(schema.getQueryType());
  const federation = Object.fromEntries(Object.entries(FEDERATION_RULES).filter(([field]) => queries.has(field)));
  const mutationType = schema.getMutationType();
  const tree: Record<string, IRules> = { Query: { ...rulesOf(OPERATIONS.Query, queries), ...federation, '*': deny } };
  if (mutationType) tree.Mutation = { ...rulesOf(OPERATIONS.Mutation, fieldsOf(mutationType)), '*': deny };
  const generator = shield(tree as IRules, { fallbackRule: deny, fallbackError: forbiddenError, allowExternalErrors: true });
  const generated = generator.generate(schema) as Record<string, unknown>;
  return (mutationType ? { Query: generated.Query, Mutation: generated.Mutation } : { Query: generated.Query }) as IMiddleware;
}
