/**
 * Pure parts of the local offer: validation limits, age bands, the published vocabularies and their
 * ids, the HSDS 3 schemas' two modes, the demo rows, and the structural half of "no child data":
 * the local offer tables reference nothing of a child's and the module reads no other table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as tables from '../../schema/tables.js';
import { hsds, hsdsFeed } from '../../resolvers/local-offer/hsds-schemas.js';
import { AGE_BAND_TERMS, ageBandsFor, ALL_TERMS, NEED_TYPE_TERMS, needTypeOfTerm, SEN2_NEED_TAXONOMY, TAXONOMIES } from '../../resolvers/local-offer/taxonomy.js';
import { validateLocalOfferService, type LocalOfferServiceFields } from '../../resolvers/local-offer/validate-local-offer-service.js';
import { DEMO_LOCALITY_CODES, demoLocalOfferRows } from '../../seeds/local-offer.js';
import { stableUuid } from '../../src/domain/stable-uuid.js';
import { PUBLISHED_AGE_BANDS as AGE_BANDS } from '../../src/domain/age-bands.js';
import { NEED_TYPES } from '../../src/domain/vocabulary.js';
import { HubError } from '../../src/platform/errors.js';

const base: LocalOfferServiceFields = { areaCode: 'E09000033', name: 'N', description: 'D', organizationName: 'O', needTypes: ['ASD'] };
const fieldOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    return (error as HubError).extensions.field as string;
  }
};

describe('validateLocalOfferService', () => {
  it('trims text, de-duplicates need types into SEN2 order, treats blank optionals as absent', () => {
    expect(validateLocalOfferService({ ...base, name: '  A  ', needTypes: ['OTH', 'ASD', 'SPLD', 'ASD'], locality: '  ', capacity: null })).toEqual({
      areaCode: 'E09000033', name: 'A', description: 'D', organizationName: 'O', needTypes: ['SPLD', 'ASD', 'OTH'], minimumAge: null, maximumAge: null, locality: null, capacity: null,
    });
  });

  it.each([
    [{ areaCode: 'E07000001' }, 'areaCode'],
    [{ needTypes: ['NSA'] }, 'needTypes'],
    [{ minimumAge: 2.5 }, 'minimumAge'],
    [{ capacity: 1.5 }, 'capacity'],
    [{ locality: 'E05-1' }, 'locality'],
  ] as [Partial<LocalOfferServiceFields>, string][])('refuses %j naming %s', (override, field) => {
    expect(fieldOf(() => validateLocalOfferService({ ...base, ...override }))).toBe(field);
  });
});

describe('age bands (DfE: under 5, 5–10, 11–15, 16–19, 20–25)', () => {
  it.each([
    [null, null, [...AGE_BANDS]],
    [0, 4, ['UNDER_5']],
    [4, 5, ['UNDER_5', 'AGE_5_10']],
    [10, 11, ['AGE_5_10', 'AGE_11_15']],
    [16, null, ['AGE_16_19', 'AGE_20_25']],
    [null, 0, ['UNDER_5']],
    [25, 25, ['AGE_20_25']],
    [19, 20, ['AGE_16_19', 'AGE_20_25']],
  ] as [number | null, number | null, string[]][])('a service for %s to %s covers %j', (min, max, bands) => {
    expect(ageBandsFor(min, max)).toEqual(bands);
  });
});

describe('published vocabularies', () => {
  it('has one term per SEN2 need type and DfE age band, plus capacity, with distinct RFC 9562 ids', () => {
    expect(Object.keys(NEED_TYPE_TERMS)).toEqual([...NEED_TYPES]);
    expect(Object.keys(AGE_BAND_TERMS)).toEqual([...AGE_BANDS]);
    const ids = [...TAXONOMIES.map((t) => t.id), ...ALL_TERMS.map((t) => t.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(z.uuid().safeParse(id).success, id).toBe(true);
  });

  it('keeps its ids for ever (they are published; consumers store them)', () => {
    expect(SEN2_NEED_TAXONOMY.id).toBe('27a5cc23-21b1-5628-8acd-98aca9cd9f74');
    expect(NEED_TYPE_TERMS.ASD.id).toBe('5568e9a9-f3e9-58fe-991d-835d821a6c17');
  });

  it('reads a need type from a term by the hub\'s id, or by vocabulary and code, and nothing else', () => {
    expect(needTypeOfTerm({ id: NEED_TYPE_TERMS.HI.id })).toBe('HI');
    expect(needTypeOfTerm({ code: 'VI', taxonomy: 'sen2-type-of-need' })).toBe('VI');
    expect(needTypeOfTerm({ code: 'VI', taxonomy_id: SEN2_NEED_TAXONOMY.id })).toBe('VI');
    expect(needTypeOfTerm({ code: 'VI', taxonomy: 'esd-needs' })).toBeNull();
    expect(needTypeOfTerm({ code: 'NSA', taxonomy: 'sen2-type-of-need' })).toBeNull();
    expect(needTypeOfTerm({ id: AGE_BAND_TERMS.UNDER_5.id })).toBeNull();
  });

  it('stableUuid is a version 5 UUID, the same for the same name and different for another', () => {
    const a = stableUuid('x', 'y');
    expect(a).toBe(stableUuid('x', 'y'));
    expect(a).not.toBe(stableUuid('x', 'z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('HSDS 3 schemas', () => {
  const service = { id: stableUuid('s'), name: 'S', status: 'active' };

  it('strict (published): refuses unknown keys, null for absent, a bad status and a bad uuid', () => {
    expect(hsds.service.safeParse(service).success).toBe(true);
    expect(hsds.service.safeParse({ ...service, updated_by_sub: 'x' }).success).toBe(false);
    expect(hsds.service.safeParse({ ...service, url: null }).success).toBe(false);
    expect(hsds.service.safeParse({ ...service, status: 'open' }).success).toBe(false);
    expect(hsds.service.safeParse({ ...service, id: 'abc' }).success).toBe(false);
    expect(hsds.organization.safeParse({ id: stableUuid('o'), name: 'O' }).success).toBe(false); // description is required
  });

  it('lenient (imported): ignores unknown keys and takes null as absent, but still checks types', () => {
    expect(hsdsFeed.service.safeParse({ ...service, url: null, phones: [], x_local: 1 }).success).toBe(true);
    expect(hsdsFeed.service.safeParse({ ...service, minimum_age: '5' }).success).toBe(false);
  });

  it('a page needs every HSDS header field', () => {
    const page = { total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] };
    expect(hsds.page(hsds.service).safeParse(page).success).toBe(true);
    const { empty: _, ...withoutEmpty } = page;
    expect(hsds.page(hsds.service).safeParse(withoutEmpty).success).toBe(false);
  });
});

describe('demo local offer rows', () => {
  const rows = demoLocalOfferRows();

  it('are deterministic: three dozen services over the two demo areas, eighteen each', () => {
    expect(demoLocalOfferRows()).toEqual(rows);
    expect(rows.services).toHaveLength(36);
    expect(new Set(rows.services.map((s) => s.areaCode))).toEqual(new Set(['E09000033', 'E06000023']));
  });

  it('each passes the upsert\'s own validation, with a locality code from the demo register', () => {
    for (const s of rows.services) {
      const needTypes = rows.needs.filter((n) => n.serviceId === s.id).map((n) => n.needType);
      const valid = validateLocalOfferService({ areaCode: s.areaCode, name: s.name, description: s.description, organizationName: 'O', needTypes, minimumAge: s.minimumAge, maximumAge: s.maximumAge, locality: s.locality, capacity: s.capacity });
      expect(valid.needTypes.length).toBeGreaterThan(0);
      expect(DEMO_LOCALITY_CODES[s.areaCode]!.map((l) => l.code)).toContain(s.locality);
    }
  });
});

describe('no child data in the local offer, by construction', () => {
  const localOfferTables = Object.entries(tables).filter(([name]) => name.startsWith('localOffer')).map(([, table]) => table as PgTable);
  const childTables = new Set(Object.entries(tables).filter(([name]) => !name.startsWith('localOffer')).map(([, table]) => getTableConfig(table as PgTable).name));

  it('no local offer table references a table outside the local offer, or has a personal column', () => {
    expect(localOfferTables.length).toBeGreaterThanOrEqual(6);
    for (const table of localOfferTables) {
      const config = getTableConfig(table);
      for (const fk of config.foreignKeys) {
        const target = getTableConfig(fk.reference().foreignTable).name;
        expect(childTables.has(target), `${config.name} → ${target}`).toBe(false);
      }
      const columns = config.columns.map((c) => c.name);
      for (const personal of ['child_id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'upn']) expect(columns).not.toContain(personal);
    }
  });

  // The local offer holds no child data: its module reads its own tables and, for localities, the
  // area's register (reference data, no child either).
  it('the local offer module imports no other table than its own and the locality register', () => {
    const folder = new URL('../../resolvers/local-offer/', import.meta.url);
    let imported = 0;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'[./]*schema\/tables\.js'/g)) {
        const names = match[1]!.split(',').map((n) => n.trim()).filter(Boolean);
        for (const name of names) expect(name, `${file} imports ${name}`).toMatch(/^(localOffer|areaLocalities$)/);
        imported += names.length;
      }
      expect(source, file).not.toMatch(/import\s*\*\s*as\s*\w+\s*from\s*'[./]*schema\/tables\.js'/);
    }
    expect(imported).toBeGreaterThanOrEqual(6);
  });
});
