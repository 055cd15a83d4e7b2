/**
 * Installs the field guards (src/access/guards.ts) on the built schema: every `value`, `loaded` and
 * `view` field gets one resolver that releases it through the data layer, whatever the module wrote.
 * Building fails when a type that can carry a child's data has no guards, when a guarded field is not
 * in the schema, or when a relation has no resolver of its own — so an unguarded field cannot ship.
 */
import { getNamedType, isObjectType, isUnionType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../access/request-context.js';
import type { FieldSpec, TypeGuards } from '../access/guards.js';

/** Merges the modules' guard tables: field tables of one type (Child, say) from several modules add up. */
export function mergeGuards(tables: readonly TypeGuards[]): Map<string, TypeGuards> {
  const merged = new Map<string, TypeGuards>();
  for (const table of tables) {
    const existing = merged.get(table.typeName);
    if (!existing) {
      merged.set(table.typeName, table);
      continue;
    }
    if (existing.kind !== 'fields' || table.kind !== 'fields') throw new Error(`type ${table.typeName} is guarded twice`);
    for (const field of Object.keys(table.fields)) {
      if (field in existing.fields) throw new Error(`field ${table.typeName}.${field} is guarded twice`);
    }
    merged.set(table.typeName, { ...existing, fields: { ...existing.fields, ...table.fields } });
  }
  return merged;
}

/**
 * Object types the API can return, reachable from the root types (introspection types aside), through
 * unions too: a subgraph returns its entities through `_entities: [_Entity]!` (src/app/subgraphs.ts).
 */
export function reachableObjectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  const seen = new Map<string, GraphQLObjectType>();
  const visitNamed = (named: ReturnType<typeof getNamedType>) => {
    if (isObjectType(named)) visit(named);
    else if (isUnionType(named)) named.getTypes().forEach(visit);
  };
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name) || type.name.startsWith('__')) return;
    seen.set(type.name, type);
    for (const field of Object.values(type.getFields())) visitNamed(getNamedType(field.type));
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) visitNamed(getNamedType(field.type));
  }
  return [...seen.values()];
}

/** Problems that stop the schema from being served (empty when every field is guarded). */
export function guardProblems(schema: GraphQLSchema, guards: Map<string, TypeGuards>): string[] {
  const problems: string[] = [];
  const types = reachableObjectTypes(schema);
  const names = new Set(types.map((t) => t.name));
  for (const type of types) {
    const table = guards.get(type.name);
    if (!table) {
      problems.push(`type ${type.name} has no guards`);
      continue;
    }
    if (table.kind === 'releasedWhole') {
      for (const by of table.by) {
        const [parent, field] = by.split('.');
        const parentTable = guards.get(parent!);
        const spec = parentTable?.kind === 'fields' ? parentTable.fields[field!] : undefined;
        if (!spec) problems.push(`${type.name} is released whole by ${by}, which has no guard`);
      }
      continue;
    }
    if (table.kind !== 'fields') continue;
    for (const field of Object.keys(type.getFields())) {
      if (!(field in table.fields)) problems.push(`field ${type.name}.${field} has no guard`);
    }
  }
  for (const [name, table] of guards) {
    if (!names.has(name)) continue;
    if (table.kind !== 'fields') continue;
    const fields = (schema.getType(name) as GraphQLObjectType).getFields();
    for (const field of Object.keys(table.fields)) {
      if (!(field in fields)) problems.push(`guard for ${name}.${field}, which is not in the schema`);
    }
  }
  return problems;
}

/** Installs the guards; throws listing every problem when a field is unguarded. */
export function installGuards(schema: GraphQLSchema, guards: Map<string, TypeGuards>): GraphQLSchema {
  const problems = guardProblems(schema, guards);
  if (problems.length > 0) throw new Error(`unguarded fields:\n  ${problems.join('\n  ')}`);
  for (const type of reachableObjectTypes(schema)) {
    const table = guards.get(type.name);
    if (table?.kind !== 'fields') continue;
    for (const [name, field] of Object.entries(type.getFields())) install(type.name, name, field, table.fields[name]!);
  }
  return schema;
}

function install(typeName: string, name: string, field: GraphQLField<unknown, RequestContext>, spec: FieldSpec<any>): void {
  if (spec.kind === 'relation') {
    if (!field.resolve) throw new Error(`relation ${typeName}.${name} has no resolver`);
    return;
  }
  field.resolve = (parent, _args, ctx) => ctx.data.releaseField(parent, spec);
}
