import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import { formatHubError, isExpectedError, rememberRequestOf } from './format-error.js';
import { createArmor } from './query-limits.js';
import { atMostOncePerOperation } from './singleton-fields.js';
import { noNulStringLiterals } from '../http/nul-characters.js';

export interface ApolloHooks<C> {
  /** Called once the operation is known (the audit events carry its name). */
  onOperation(context: C, operationName: string | null): void;
  /** Root fields an operation may ask for at most once. */
  singletonFields?: readonly string[];
}

/** Logs unexpected errors with the request's logger and tells the host the operation's name. */
function hubPlugin<C extends BaseContext & { log: Logger; requestId: string }>(hooks: ApolloHooks<C>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, contextValue }) {
          hooks.onOperation(contextValue, operationName ?? null);
        },
        async didEncounterErrors({ errors, contextValue }) {
          rememberRequestOf(errors, contextValue.requestId);
          for (const error of errors) {
            if (!isExpectedError(error)) contextValue.log.error({ err: error.originalError ?? error }, 'unexpected error');
          }
        },
      };
    },
  };
}

export function createApollo<C extends BaseContext & { log: Logger; requestId: string }>(schema: GraphQLSchema, production: boolean, hooks: ApolloHooks<C>): ApolloServer<C> {
  const armor = createArmor(production);
  return new ApolloServer<C>({
    schema,
    validationRules: [...armor.validationRules, noNulStringLiterals, atMostOncePerOperation(hooks.singletonFields ?? [])],
    introspection: !production,
    // No "Did you mean" hints about the schema in production.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The hub drains itself on SIGTERM (main.ts): Apollo's own handler would stop it mid-request.
    stopOnTerminationSignals: false,
    formatError: formatHubError,
    // Cache control is installed by default and wraps every field resolver to read @cacheControl hints;
    // the hub sends no Cache-Control for GraphQL (every response is personal data), so it is only cost.
    plugins: [...(armor.plugins as ApolloServerPlugin<C>[]), hubPlugin(hooks), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(),
      // A subgraph would otherwise send Apollo usage traces (timings of every field) to the gateway.
      ApolloServerPluginInlineTraceDisabled(),
      // An APOLLO_KEY and APOLLO_GRAPH_REF in the environment would otherwise install usage reporting:
      // per-field instrumentation on every request, and operation traces sent to Apollo's cloud.
      ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
}
