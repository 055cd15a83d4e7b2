/**
 * Query-shape limits (docs/quality-targets.md): depth, aliases, tokens, directives and cost, checked by
 * graphql-armor before execution. A refused shape is QUERY_TOO_COMPLEX and costs no database work.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 5_000,
  maxDirectives: 20,
  maxCost: 5_000,
} as const;

export function createArmor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    // No "Did you mean …?" hints about the schema in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/** graphql-armor reports its refusals as "… limit of N exceeded …" syntax or validation errors. */
export const isQueryLimitMessage = (message: string) => /limit of \d+ exceeded/i.test(message);
