/**
 * The executable schema, built once per process: type-graphql builds it from the module resolvers,
 * the field guards are installed on it (install-guards.ts), and graphql-shield wraps its root fields
 * (policies/shield.ts). The committed SDL (`schema/schema.graphql`) is printed from the same schema.
 */
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchemaSync } from 'type-graphql';
import { buildShield } from '../../policies/shield.js';
import { moduleResolvers, moduleTypeGuards } from '../../resolvers/index.js';
import { DateTimeScalar } from '../platform/graphql/scalars.js';
import '../platform/graphql/enums.js';
import { installGuards, mergeGuards } from './install-guards.js';

let bare: GraphQLSchema | null = null;
let guarded: GraphQLSchema | null = null;

/** The schema as type-graphql builds it from the module resolvers, guards installed, no shield. */
export function buildGuardedSchema(): GraphQLSchema {
  if (!guarded) {
    bare ??= buildSchemaSync({ resolvers: moduleResolvers, scalarsMap: [{ type: Date, scalar: DateTimeScalar }], validate: false, emitSchemaFile: false });
    guarded = installGuards(bare, mergeGuards(moduleTypeGuards));
  }
  return guarded;
}

/** The guard tables of every module, merged by type (for the schema-walking test and the docs). */
export const hubGuards = () => mergeGuards(moduleTypeGuards);

/** The executable schema: guarded fields, shielded root fields. */
export function buildHubSchema(): GraphQLSchema {
  const schema = buildGuardedSchema();
  return applyMiddleware(schema, buildShield(schema));
}

/** The committed SDL, sorted so diffs show only real changes. */
export function printHubSdl(): string {
  return `${printSchema(lexicographicSortSchema(buildGuardedSchema()))}\n`;
}
