/**
 * The hub as Apollo Federation 2 subgraphs (docs/federation.md). Each subgraph is a set of module
 * resolver classes (resolvers/index.ts `moduleSubgraphs`); its schema is cut from what type-graphql
 * builds for those classes and served through the same guards, shield and data path as the monolith.
 *
 * type-graphql's metadata is global: every imported `@Resolver(() => Child)` class adds its fields to
 * `Child` whichever resolvers a schema is built from (without their resolvers). So a subgraph's SDL is
 * cut explicitly: a field added by a field resolver stays only in the subgraph whose class resolves it,
 * an entity (`Child`, key `id`) keeps outside its home subgraph only its key and the subgraph's own
 * fields, and value types that several subgraphs return are `@shareable`. All subgraphs are cut in one
 * process from the one metadata store, so the cut does not depend on which files a process imported.
 */
import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import {
  isObjectType,
  Kind,
  parse,
  print,
  printSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchemaSync, createResolversMap, getMetadataStorage, Query, Resolver, type NonEmptyArray } from 'type-graphql';
import { buildShield } from '../../policies/shield.js';
import { moduleSubgraphs, moduleTypeGuards, type ModuleSubgraph } from '../../resolvers/index.js';
import type { RequestContext } from '../access/request-context.js';
import { publicType, type TypeGuards } from '../access/guards.js';
import { DateTimeScalar } from '../platform/graphql/scalars.js';
import '../platform/graphql/enums.js';
import { installGuards, mergeGuards } from './install-guards.js';

/** Entities: types several subgraphs add fields to, with the subgraph that owns the type and its key. */
export const ENTITIES: Readonly<Record<string, { home: string; key: string }>> = {
  Child: { home: 'children', key: 'id' },
};

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

export const subgraphNames = (): string[] => moduleSubgraphs.map((s) => s.name);

/** The committed supergraph names these ports (PORT 4000's defaults); the gateway points it at SUBGRAPH_PORT_BASE. */
export const DEFAULT_SUBGRAPH_PORT_BASE = 4001;

/** Subgraph i listens on loopback at base + i (docs/federation.md). */
export const subgraphPort = (name: string, base: number): number => base + subgraphNames().indexOf(specOf(name).name);
export const subgraphUrl = (name: string, base: number): string => `http://127.0.0.1:${subgraphPort(name, base)}/graphql`;

/** The supergraph with each subgraph's URL pointed at the ports this layout runs on. */
export function pointSupergraphAt(supergraph: string, base: number): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_m, name: string) => `@join__graph(name: "${name}", url: "${subgraphUrl(name, base)}")`);
}

function specOf(name: string): ModuleSubgraph {
  const spec = moduleSubgraphs.find((s) => s.name === name);
  if (!spec) throw new Error(`no subgraph named ${name} (known: ${subgraphNames().join(', ')})`);
  return spec;
}

interface FieldOwner {
  typeName: string;
  field: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolverClass: Function;
}

/** Every field a `@FieldResolver` adds to an object type, with the class that resolves it. */
function fieldResolverOwners(): FieldOwner[] {
  const storage = getMetadataStorage();
  const owners: FieldOwner[] = [];
  for (const fr of storage.fieldResolvers) {
    const objectClass = fr.getObjectType?.();
    const objectType = objectClass && storage.objectTypes.find((o) => o.target === objectClass);
    if (!objectType) continue;
    owners.push({ typeName: objectType.name, field: fr.schemaName, resolverClass: fr.target });
  }
  return owners;
}

/**
 * type-graphql refuses a schema without a Query field, and some subgraphs have none of their own (the
 * sections module only adds Child fields and a mutation): this one is built in and cut out again.
 */
@Resolver()
class SubgraphPlaceholder {
  @Query(() => Boolean, { description: 'cut from every subgraph' })
  _subgraphPlaceholder(): boolean {
    return true;
  }
}
const PLACEHOLDER_FIELD = '_subgraphPlaceholder';

/** What type-graphql builds for the subgraph's classes (other subgraphs' field resolver fields included). */
function typeGraphqlSchema(spec: ModuleSubgraph): GraphQLSchema {
  const storage = getMetadataStorage();
  // Modules that only add fields to a type their root fields do not return (consent adds Child.consents) need it as an orphan.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const orphanedTypes: Function[] = [];
  for (const fr of storage.fieldResolvers) {
    if (!spec.resolvers.includes(fr.target)) continue;
    const objectClass = fr.getObjectType?.();
    if (objectClass && !orphanedTypes.includes(objectClass)) orphanedTypes.push(objectClass);
  }
  return buildSchemaSync({
    resolvers: [SubgraphPlaceholder, ...spec.resolvers] as NonEmptyArray<Function>,
    orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The subgraph's type definitions without federation directives: its own fields only, reachable types only. */
function cutDefinitions(spec: ModuleSubgraph, schema: GraphQLSchema): Map<string, DefinitionNode> {
  const owners = fieldResolverOwners();
  const ownerOf = new Map(owners.map((o) => [`${o.typeName}.${o.field}`, o.resolverClass]));
  const doc = parse(printSchema(schema));
  const defs = new Map<string, DefinitionNode>();
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) {
      defs.set(def.name.value, def);
      continue;
    }
    const typeName = def.name.value;
    const entity = ENTITIES[typeName];
    const fields = (def.fields ?? []).filter((f) => {
      if (f.name.value === PLACEHOLDER_FIELD) return false;
      const owner = ownerOf.get(`${typeName}.${f.name.value}`);
      if (owner) return spec.resolvers.includes(owner);
      if (entity && entity.home !== spec.name) return f.name.value === entity.key;
      return true;
    });
    defs.set(typeName, { ...def, fields });
  }
  // Reachable from the root types and the entities (the gateway reaches those through `_entities`).
  const reachable = new Set<string>();
  const visitType = (t: TypeNode): void => {
    if (t.kind === Kind.NAMED_TYPE) visit(t.name.value);
    else visitType(t.type);
  };
  const visit = (name: string): void => {
    if (reachable.has(name)) return;
    const def = defs.get(name);
    if (!def) return;
    reachable.add(name);
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const f of def.fields ?? []) {
        visitType(f.type);
        if ('arguments' in f) for (const a of f.arguments ?? []) visitType(a.type);
      }
    }
  };
  for (const root of ['Query', 'Mutation', ...Object.keys(ENTITIES)]) {
    const def = defs.get(root);
    if (def?.kind === Kind.OBJECT_TYPE_DEFINITION && (def.fields?.length ?? 0) > 0 && (root in ENTITIES ? entityFieldsBeyondKey(def, root) : true)) visit(root);
  }
  return new Map([...defs].filter(([name]) => reachable.has(name)));
}

/** A subgraph that only returns an entity (never adds to it) still needs it; one that neither returns nor extends it does not. */
function entityFieldsBeyondKey(def: ObjectTypeDefinitionNode, typeName: string): boolean {
  const entity = ENTITIES[typeName]!;
  return (def.fields ?? []).some((f) => f.name.value !== entity.key);
}

const directive = (name: string, args: Record<string, string> = {}) => ({
  kind: Kind.DIRECTIVE as const,
  name: { kind: Kind.NAME as const, value: name },
  arguments: Object.entries(args).map(([arg, value]) => ({
    kind: Kind.ARGUMENT as const,
    name: { kind: Kind.NAME as const, value: arg },
    value: { kind: Kind.STRING as const, value },
  })),
});

interface CutSubgraph {
  name: string;
  schema: GraphQLSchema;
  defs: Map<string, DefinitionNode>;
}

let cut: CutSubgraph[] | null = null;

/** Every subgraph cut from the one metadata store (cached: the metadata does not change in a process). */
function cutAll(): CutSubgraph[] {
  cut ??= moduleSubgraphs.map((spec) => {
    const schema = typeGraphqlSchema(spec);
    return { name: spec.name, schema, defs: cutDefinitions(spec, schema) };
  });
  return cut;
}

/** One subgraph's cut; an unknown name is an error listing the known ones. */
function cutOf(name: string): CutSubgraph {
  const found = cutAll().find((s) => s.name === name);
  if (!found) throw new Error(`no subgraph named ${name} (known: ${subgraphNames().join(', ')})`);
  return found;
}

/** The subgraph's SDL with federation directives: `@key` on entities, `@shareable` on value types several subgraphs return. */
export function subgraphDocument(name: string): DocumentNode {
  const all = cutAll();
  const own = cutOf(name);
  const shared = new Set<string>();
  for (const [typeName, def] of own.defs) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || typeName === 'Query' || typeName === 'Mutation' || typeName in ENTITIES) continue;
    if (all.some((other) => other.name !== name && other.defs.has(typeName))) shared.add(typeName);
  }
  const definitions: DefinitionNode[] = [...parse(FEDERATION_LINK).definitions];
  for (const [typeName, def] of [...own.defs].sort(([a], [b]) => a.localeCompare(b))) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) {
      definitions.push(def);
      continue;
    }
    const entity = ENTITIES[typeName];
    const extra = entity ? [directive('key', { fields: entity.key })] : shared.has(typeName) ? [directive('shareable')] : [];
    const fields = [...(def.fields ?? [])].sort((a, b) => a.name.value.localeCompare(b.name.value)) as FieldDefinitionNode[];
    definitions.push({ ...def, directives: [...(def.directives ?? []), ...extra], fields });
  }
  return { kind: Kind.DOCUMENT, definitions };
}

/** The committed SDL of one subgraph (`schema/subgraphs/<name>.graphql`). */
export const printSubgraphSdl = (name: string): string => `${print(subgraphDocument(name))}\n`;

/** The composed supergraph (`schema/supergraph.graphql`); throws listing every composition error. */
export function composeSupergraph(urlOf: (name: string) => string = (name) => `http://127.0.0.1/${name}/graphql`): string {
  const result = composeServices(subgraphNames().map((name) => ({ name, typeDefs: subgraphDocument(name), url: urlOf(name) })));
  if ((result.errors && result.errors.length > 0) || !result.supergraphSdl) {
    throw new Error(`the subgraphs do not compose:\n  ${(result.errors ?? []).map((e) => e.message).join('\n  ')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

/** Federation's own types carry no child data: the SDL and the union of entity types. */
const FEDERATION_GUARDS: TypeGuards[] = [publicType('_Service', 'the subgraph SDL for the gateway: no child data')];

/** Keeps of each field table only the fields this subgraph serves (the build still fails on an unguarded one). */
function guardsFor(schema: GraphQLSchema): Map<string, TypeGuards> {
  const merged = mergeGuards([...moduleTypeGuards, ...FEDERATION_GUARDS]);
  const kept = new Map<string, TypeGuards>();
  for (const [typeName, table] of merged) {
    const type = schema.getType(typeName);
    if (!type) continue;
    if (table.kind === 'releasedWhole') {
      // Released whole by the parent fields this subgraph serves (each of them must still be guarded).
      const by = table.by.filter((b) => {
        const [parent, field] = b.split('.');
        const parentType = schema.getType(parent!);
        return isObjectType(parentType) && field! in parentType.getFields();
      });
      kept.set(typeName, by.length > 0 ? { ...table, by } : table);
      continue;
    }
    if (table.kind !== 'fields' || !isObjectType(type)) {
      kept.set(typeName, table);
      continue;
    }
    const served = type.getFields();
    kept.set(typeName, { ...table, fields: Object.fromEntries(Object.entries(table.fields).filter(([field]) => field in served)) });
  }
  return kept;
}

/**
 * The executable subgraph: the cut SDL with the module resolvers type-graphql built, `Child` references
 * resolved through the data path (`requireChild`: NOT_FOUND for a child the reader has no relationship
 * with, recorded as an IDENTITY read), the field guards installed, the shield over its root fields and
 * `_entities`.
 */
export function buildSubgraphExecutableSchema(name: string): GraphQLSchema {
  const own = cutOf(name);
  const typeDefs = subgraphDocument(name);
  const fullMap = createResolversMap(own.schema) as Record<string, Record<string, unknown> | unknown>;
  const resolvers: Record<string, unknown> = {};
  for (const [typeName, entry] of Object.entries(fullMap)) {
    const def = own.defs.get(typeName);
    if (!def) continue;
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION && entry && typeof entry === 'object') {
      const served = new Set((def.fields ?? []).map((f) => f.name.value));
      resolvers[typeName] = Object.fromEntries(Object.entries(entry as Record<string, unknown>).filter(([field]) => served.has(field)));
    } else {
      resolvers[typeName] = entry;
    }
  }
  if (own.defs.has('Child')) {
    resolvers.Child = {
      ...(resolvers.Child as object | undefined),
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => ctx.data.requireChild(ref.id),
    };
  }
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  const guarded = installGuards(schema, guardsFor(schema));
  return applyMiddleware(guarded, buildShield(guarded));
}
