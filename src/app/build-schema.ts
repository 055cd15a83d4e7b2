import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchemaSync } from 'type-graphql';
import { buildShield } from '../../policies/shield.js';
import { moduleResolvers } from '../../resolvers/index.js';
import { DateTimeScalar } from '../platform/graphql/scalars.js';
import '../platform/graphql/enums.js';

let cached: GraphQLSchema | null = null;

/** The schema as type-graphql builds it from the module resolvers (no shield): the source of the SDL. */
export function buildBareSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers: moduleResolvers,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
    ],
    validate: false,
    emitSchemaFile: false,
  });
  return cached;
}

/** The executable schema: the bare schema wrapped in the shield. */
export function buildHubSchema(): GraphQLSchema {
  const schema = buildBareSchema();
  return applyMiddleware(schema, buildShield(schema));
}

/** The committed SDL (`schema/schema.graphql`), sorted so diffs show only real changes. */
export function printHubSdl(): string {
  return `${printSchema(lexicographicSortSchema(buildBareSchema()))}\n`;
}
