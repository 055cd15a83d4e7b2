/**
 * The taxonomies the hub publishes its local offer under. They are national, fixed vocabularies that
 * the hub already holds in code (src/domain/vocabulary.ts), so they are not copied into tables: the
 * ids are name-based UUIDs, the same on every server.
 *
 * - SEN2 type of need: the DfE SEN2 / school census primary need codes. A service's eligibility by
 *   need is one HSDS 3 `attribute` per need type (link_type `eligibility`).
 * - DfE age band: the bands DfE publishes EHC plan counts by. Derived from the service's
 *   minimum_age/maximum_age (a service covers every band its range overlaps), so the age range is
 *   said once, on the service.
 * - Local offer service properties: `capacity` (places on offer), published as an attribute whose
 *   `value` is the number, because HSDS 3 has no capacity field.
 */
import { stableUuid } from '../../src/domain/stable-uuid.js';
import { AGE_BAND_RANGES, PUBLISHED_AGE_BANDS as AGE_BANDS, type PublishedAgeBand as AgeBand } from '../../src/domain/age-bands.js';
import { NEED_TYPES, type NeedType } from '../../src/domain/vocabulary.js';

export interface Taxonomy {
  id: string;
  name: string;
  description: string;
  /** The vocabulary name, as HSDS 3 `taxonomy_term.taxonomy` carries it. */
  vocabulary: string;
}

export interface TaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: Taxonomy;
}

export const SEN2_NEED_TAXONOMY: Taxonomy = {
  id: stableUuid('taxonomy', 'sen2-type-of-need'),
  name: 'SEN2 type of need',
  description: 'Primary type of special educational need, as coded in the DfE SEN2 return and the school census',
  vocabulary: 'sen2-type-of-need',
};

export const AGE_BAND_TAXONOMY: Taxonomy = {
  id: stableUuid('taxonomy', 'dfe-age-band'),
  name: 'DfE age band',
  description: 'Age bands in which the DfE publishes education, health and care plan statistics (0 to 25)',
  vocabulary: 'dfe-age-band',
};

export const SERVICE_PROPERTY_TAXONOMY: Taxonomy = {
  id: stableUuid('taxonomy', 'local-offer-service-property'),
  name: 'Local offer service property',
  description: 'Properties of a local offer service that HSDS 3 has no field for; the attribute value carries the property',
  vocabulary: 'local-offer-service-property',
};

export const TAXONOMIES: readonly Taxonomy[] = [SEN2_NEED_TAXONOMY, AGE_BAND_TAXONOMY, SERVICE_PROPERTY_TAXONOMY];

/** The DfE school census names of the SEN2 need codes. */
const NEED_TYPE_NAMES: Record<NeedType, string> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
};

/** Inclusive age bounds (completed years) of each DfE age band (src/domain/age-bands.ts). */
export const AGE_BAND_BOUNDS: Readonly<Record<AgeBand, { from: number; to: number; name: string }>> = AGE_BAND_RANGES;

/** CFA 2014 s.83(2): the SEND system covers children and young people from birth to 25. */
export const YOUNGEST = 0;
export const OLDEST = 25;

export const NEED_TYPE_TERMS: Record<NeedType, TaxonomyTerm> = Object.fromEntries(
  NEED_TYPES.map((code) => [
    code,
    { id: stableUuid('taxonomy-term', SEN2_NEED_TAXONOMY.vocabulary, code), code, name: NEED_TYPE_NAMES[code], description: `For children and young people whose needs include: ${NEED_TYPE_NAMES[code].toLowerCase()} (SEN2 code ${code})`, taxonomy: SEN2_NEED_TAXONOMY },
  ]),
) as Record<NeedType, TaxonomyTerm>;

export const AGE_BAND_TERMS: Record<AgeBand, TaxonomyTerm> = Object.fromEntries(
  AGE_BANDS.map((code) => {
    const band = AGE_BAND_BOUNDS[code];
    return [code, { id: stableUuid('taxonomy-term', AGE_BAND_TAXONOMY.vocabulary, code), code, name: band.name, description: `Ages ${band.from} to ${band.to} inclusive`, taxonomy: AGE_BAND_TAXONOMY }];
  }),
) as Record<AgeBand, TaxonomyTerm>;

export const CAPACITY_TERM: TaxonomyTerm = {
  id: stableUuid('taxonomy-term', SERVICE_PROPERTY_TAXONOMY.vocabulary, 'capacity'),
  code: 'capacity',
  name: 'Capacity',
  description: 'Places the service offers (children or young people at one time); the attribute value is a whole number',
  taxonomy: SERVICE_PROPERTY_TAXONOMY,
};

export const ALL_TERMS: readonly TaxonomyTerm[] = [...Object.values(NEED_TYPE_TERMS), ...Object.values(AGE_BAND_TERMS), CAPACITY_TERM];

const TERMS_BY_ID = new Map(ALL_TERMS.map((t) => [t.id, t]));
const TAXONOMIES_BY_ID = new Map(TAXONOMIES.map((t) => [t.id, t]));

export const termById = (id: string): TaxonomyTerm | undefined => TERMS_BY_ID.get(id);
export const taxonomyById = (id: string): Taxonomy | undefined => TAXONOMIES_BY_ID.get(id);

/** The age bands a service's age range overlaps (an open end is the edge of the 0–25 range). */
export function ageBandsFor(minimumAge: number | null, maximumAge: number | null): AgeBand[] {
  const from = minimumAge ?? YOUNGEST;
  const to = maximumAge ?? OLDEST;
  return AGE_BANDS.filter((band) => AGE_BAND_BOUNDS[band].from <= to && AGE_BAND_BOUNDS[band].to >= from);
}

/** The need type a taxonomy term names, if it is one of ours (by id, or by SEN2 vocabulary and code). */
export function needTypeOfTerm(term: { id?: string | null; code?: string | null; taxonomy?: string | null; taxonomy_id?: string | null }): NeedType | null {
  const byId = term.id ? TERMS_BY_ID.get(term.id) : undefined;
  if (byId?.taxonomy === SEN2_NEED_TAXONOMY) return byId.code as NeedType;
  const inVocabulary = term.taxonomy === SEN2_NEED_TAXONOMY.vocabulary || term.taxonomy_id === SEN2_NEED_TAXONOMY.id;
  return inVocabulary && (NEED_TYPES as readonly string[]).includes(term.code ?? '') ? (term.code as NeedType) : null;
}
