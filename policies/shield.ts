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

const rulesOf = (ops: Readonly<Record<string, Operation>>): IRules =>
  Object.fromEntries(Object.entries(ops).map(([field, op]) => [field, ruleFor(field, op)]));

/**
 * The shield over the root fields: each Query and Mutation field by its operation, any other denied.
 * Nested types are not wrapped: their values are decided field by field in the data layer, and
 * wrapping thousands of nested resolvers in shield promises cost a third of a page's time.
 */
export function buildShield(schema: GraphQLSchema): IMiddleware {
  const tree = { Query: { ...rulesOf(OPERATIONS.Query), '*': deny }, Mutation: { ...rulesOf(OPERATIONS.Mutation), '*': deny } };
  const generator = shield(tree, { fallbackRule: deny, fallbackError: forbiddenError, allowExternalErrors: true });
  const generated = generator.generate(schema) as Record<string, unknown>;
  return { Query: generated.Query, Mutation: generated.Mutation } as IMiddleware;
}
