/**
 * Every field of every type the API can return declares its guard in one place (src/access/guards.ts,
 * the modules' *.guards.ts). This walks the emitted schema and fails on any field without one, and on
 * any guard for a field the schema does not have; it also checks the checker catches what it should.
 */
import 'reflect-metadata';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { guardType, identity, publicType, relation, releasedWhole } from '../../src/access/guards.js';
import { buildGuardedSchema, hubGuards } from '../../src/app/build-schema.js';
import { guardProblems, mergeGuards, reachableObjectTypes } from '../../src/app/install-guards.js';

describe('the hub schema', () => {
  const schema = buildGuardedSchema();
  const guards = hubGuards();

  it('guards every field of every type reachable from the root fields', () => {
    expect(guardProblems(schema, guards)).toEqual([]);
  });

  it('reaches the types that carry a child', () => {
    const names = reachableObjectTypes(schema).map((t) => t.name);
    for (const name of ['Child', 'Section', 'SectionEntry', 'SectionVersion', 'EhcPlan', 'AdviceRequest', 'Consent', 'CareTeamMember', 'FamilyMember', 'AccessEvent', 'BreakGlassReview']) {
      expect(names).toContain(name);
    }
  });

  it('releases every Child field by a guard or a relation that the data layer decides', () => {
    const child = guards.get('Child')!;
    expect(child.kind).toBe('fields');
    if (child.kind !== 'fields') return;
    const fields = Object.keys((schema.getType('Child') as GraphQLObjectType).getFields()).sort();
    expect(Object.keys(child.fields).sort()).toEqual(fields);
  });
});

describe('the guard checker', () => {
  const schema = buildSchema(`
    type Query { child: Child, note: Note }
    type Child { id: ID!, secret: String, parts: [Part!]! }
    type Part { a: Int }
    type Note { text: String }
  `);

  it('reports a field without a guard, a type without guards, and a guard for a field that does not exist', () => {
    const guards = mergeGuards([
      guardType('Child', { id: identity(() => 1), parts: relation('test'), gone: identity(() => 2) }),
      releasedWhole('Part', 'Child.parts'),
    ]);
    expect(guardProblems(schema, guards).sort()).toEqual([
      'field Child.secret has no guard',
      'guard for Child.gone, which is not in the schema',
      'type Note has no guards',
    ]);
  });

  it('accepts a schema whose every field is guarded', () => {
    const guards = mergeGuards([
      guardType('Child', { id: identity(() => 1), secret: identity(() => 2) }),
      guardType('Child', { parts: relation('test') }),
      releasedWhole('Part', 'Child.parts'),
      publicType('Note', 'no child data'),
    ]);
    expect(guardProblems(schema, guards)).toEqual([]);
  });

  it('refuses a field guarded twice', () => {
    expect(() => mergeGuards([guardType('Child', { id: identity(() => 1) }), guardType('Child', { id: identity(() => 1) })])).toThrow(/guarded twice/);
  });

  it('reports a whole-released type whose parent field has no guard', () => {
    const guards = mergeGuards([guardType('Child', { id: identity(() => 1), secret: identity(() => 2), parts: relation('x') }), releasedWhole('Part', 'Child.other'), publicType('Note', 'x')]);
    expect(guardProblems(schema, guards)).toEqual(['Part is released whole by Child.other, which has no guard']);
  });
});
