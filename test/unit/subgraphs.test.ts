import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { describe, expect, it } from 'vitest';
import { printHubSdl } from '../../src/app/build-schema.js';
import { buildSubgraphExecutableSchema, pointSupergraphAt, subgraphDocument, subgraphNames, subgraphUrl } from '../../src/app/subgraphs.js';
import { moduleResolvers, moduleSubgraphs } from '../../resolvers/index.js';

const childFields = (name: string) => {
  const type = buildSubgraphExecutableSchema(name).getType('Child') as { getFields(): Record<string, unknown> } | undefined;
  return type ? Object.keys(type.getFields()).sort() : [];
};

describe('Federation 2 subgraphs (docs/federation.md)', () => {
  it('compose into a supergraph whose API is exactly the monolith schema', () => {
    const result = composeServices(subgraphNames().map((name) => ({ name, typeDefs: subgraphDocument(name), url: subgraphUrl(name, 4001) })));
    expect(result.errors ?? []).toEqual([]);
    const api = `${printSchema(lexicographicSortSchema(buildSchema((result as { publicSdl: string }).publicSdl)))}\n`;
    expect(api).toBe(printHubSdl());
  });

  it('serve every module resolver class, each in at least one subgraph', () => {
    const served = new Set(moduleSubgraphs.flatMap((s) => s.resolvers));
    expect(moduleResolvers.every((r) => served.has(r))).toBe(true);
    expect(new Set(subgraphNames()).size).toBe(moduleSubgraphs.length);
  });

  it('cut Child to its key and the subgraph own fields outside the children subgraph', () => {
    expect(childFields('consent')).toEqual(['consents', 'id']);
    expect(childFields('plan')).toEqual(['id', 'plan', 'planHistory']);
    expect(childFields('sen-support')).toEqual(['id', 'senSupport']);
    expect(childFields('disputes')).toEqual(['disputes', 'id']);
    expect(childFields('sections')).toEqual(['id', 'section', 'sections', 'withheld']);
    expect(childFields('children')).toContain('givenName');
    expect(childFields('children')).not.toContain('plan');
    expect(childFields('commissioning')).toEqual([]);
  });

  it('builds each subgraph with every field guarded and the shield over its own root fields and _entities', () => {
    for (const name of subgraphNames()) {
      const schema = buildSubgraphExecutableSchema(name);
      expect(schema.getQueryType()?.getFields()._service, name).toBeDefined();
    }
  });

  it('points the supergraph at the ports the layout runs on', () => {
    const sdl = 'enum join__Graph { A @join__graph(name: "plan", url: "http://127.0.0.1:4003/graphql") }';
    expect(pointSupergraphAt(sdl, 5101)).toContain(`url: "${subgraphUrl('plan', 5101)}"`);
    expect(subgraphUrl('plan', 5101)).toBe('http://127.0.0.1:5103/graphql');
  });
});
