import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../access/request-context.js';
import { formatHubError, isExpectedError } from './format-error.js';
import { createArmor } from './query-limits.js';
import { noNulStringLiterals } from '../http/nul-characters.js';

/** Names the operation on the request's audit events and logs unexpected errors with the request id. */
const hubPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, contextValue }) {
        contextValue.data.recorder.setOperationName(operationName);
      },
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          if (!isExpectedError(error)) contextValue.log.error({ err: error.originalError ?? error }, 'unexpected error');
        }
      },
    };
  },
};

export function createApollo(schema: GraphQLSchema, production: boolean): ApolloServer<RequestContext> {
  const armor = createArmor(production);
  return new ApolloServer<RequestContext>({
    schema,
    validationRules: [...armor.validationRules, noNulStringLiterals],
    introspection: !production,
    // No "Did you mean" hints about the schema in production.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The hub drains itself on SIGTERM (main.ts): Apollo's own handler would stop it mid-request.
    stopOnTerminationSignals: false,
    formatError: formatHubError,
    plugins: [...(armor.plugins as ApolloServerPlugin<RequestContext>[]), hubPlugin, ApolloServerPluginLandingPageDisabled()],
  });
}
