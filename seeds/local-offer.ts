/**
 * A synthetic local offer (CFA 2014 s.30) for the two demo areas: the kinds of service a council's
 * local offer lists (speech and language therapy, short breaks, the parent carer forum, SENDIASS,
 * specialist nurseries, autism outreach, …) with need types, age ranges, capacity, localities,
 * locations and costs. Deterministic: the same ids and rows in every run. Every organisation, address
 * and service here is invented for the demo.
 */
import { sql } from 'drizzle-orm';
import {
  localOfferCostOptions,
  localOfferLocations,
  localOfferOrganisations,
  localOfferServiceLocations,
  localOfferServiceNeeds,
  localOfferServices,
} from '../schema/tables.js';
import type { Db } from '../src/platform/db/database.js';
import { stableUuid } from '../src/domain/stable-uuid.js';
import { NEED_TYPES, type NeedType } from '../src/domain/vocabulary.js';
import { DEMO_AREAS, type DemoArea } from './demo-areas.js';

/**
 * The demo areas' registers of localities (seeds/demo-areas.ts): codes shaped like ONS ward codes in a
 * range ONS does not use (E059…), so they can never be mistaken for real wards.
 */
export const DEMO_LOCALITY_CODES: Record<string, { code: string; name: string }[]> = Object.fromEntries(
  DEMO_AREAS.map((area) => [area.code, area.localities]),
);

type Provider = 'council' | 'health' | 'forum' | 'sendiass' | 'nursery' | 'charity' | 'college';

interface Template {
  key: string;
  name: (area: DemoArea) => string;
  description: string;
  provider: Provider;
  needTypes: readonly NeedType[];
  minimumAge: number | null;
  maximumAge: number | null;
  capacity: number | null;
  /** Pounds per unit, or 0 for free; null for no published cost. */
  cost: { pence: number; unit: string } | null;
  eligibility?: string;
}

const ALL_NEEDS = NEED_TYPES;
const FREE = { pence: 0, unit: 'free at the point of use' };

const TEMPLATES: readonly Template[] = [
  { key: 'slt', name: (a) => `${a.name} children's speech and language therapy`, provider: 'health', needTypes: ['SLCN', 'ASD', 'HI'], minimumAge: 0, maximumAge: 18, capacity: 140, cost: FREE,
    description: 'Assessment, therapy and advice for children with speech, language, communication or eating and drinking difficulties, at clinics, nurseries and schools.' },
  { key: 'short-breaks-overnight', name: (a) => `${a.name} overnight short breaks`, provider: 'council', needTypes: ['SLD', 'PMLD', 'PD', 'ASD'], minimumAge: 5, maximumAge: 17, capacity: 24, cost: FREE,
    description: 'Planned overnight stays in a residential short-break home, giving disabled children new experiences and their families a break from caring.', eligibility: 'After a social care assessment of the child and family' },
  { key: 'short-breaks-clubs', name: (a) => `${a.name} after-school and holiday clubs`, provider: 'charity', needTypes: ['ASD', 'SEMH', 'MLD', 'SLD'], minimumAge: 5, maximumAge: 17, capacity: 40, cost: { pence: 1500, unit: 'per session' },
    description: 'Inclusive play and activity clubs after school and in the holidays, with trained staff and one-to-one support where needed.' },
  { key: 'parent-carer-forum', name: (a) => `${a.name} Parent Carer Forum`, provider: 'forum', needTypes: ALL_NEEDS, minimumAge: 0, maximumAge: 25, capacity: null, cost: FREE,
    description: 'An independent group of parents and carers of disabled children that works with the council and health services to shape local support; coffee mornings and newsletters.' },
  { key: 'sendiass', name: (a) => `${a.name} SEND Information, Advice and Support Service (SENDIASS)`, provider: 'sendiass', needTypes: ALL_NEEDS, minimumAge: 0, maximumAge: 25, capacity: null, cost: FREE,
    description: 'Free, impartial and confidential information, advice and support about special educational needs and disability for children, young people and parents, including EHC needs assessments, plans and appeals.' },
  { key: 'specialist-nursery', name: (a) => `${a.name} specialist nursery`, provider: 'nursery', needTypes: ['SLCN', 'ASD', 'PD', 'MSI', 'PMLD'], minimumAge: 2, maximumAge: 4, capacity: 16, cost: FREE,
    description: 'Small-group early years places with therapy input for young children with significant developmental needs.', eligibility: 'By referral from the early years SEND panel' },
  { key: 'autism-outreach', name: (a) => `${a.name} autism outreach team`, provider: 'council', needTypes: ['ASD'], minimumAge: 4, maximumAge: 18, capacity: 60, cost: FREE,
    description: 'Specialist teachers who advise schools and families on supporting autistic pupils, with training for staff and workshops for parents.' },
  { key: 'ed-psych', name: (a) => `${a.name} educational psychology consultation line`, provider: 'council', needTypes: ['SPLD', 'MLD', 'SEMH', 'SLCN'], minimumAge: 0, maximumAge: 25, capacity: 30, cost: FREE,
    description: 'Telephone consultations with an educational psychologist for parents and settings worried about a child\'s learning or wellbeing.' },
  { key: 'sensory-support', name: (a) => `${a.name} sensory support service`, provider: 'council', needTypes: ['HI', 'VI', 'MSI'], minimumAge: 0, maximumAge: 25, capacity: 80, cost: FREE,
    description: 'Qualified teachers of deaf and vision-impaired children and habilitation specialists supporting children at home, in settings and at school.' },
  { key: 'occupational-therapy', name: (a) => `${a.name} children's occupational therapy`, provider: 'health', needTypes: ['PD', 'SPLD', 'ASD'], minimumAge: 0, maximumAge: 18, capacity: 90, cost: FREE,
    description: 'Help with everyday skills such as dressing, handwriting and sensory processing, and advice on equipment and adaptations.' },
  { key: 'physiotherapy', name: (a) => `${a.name} children's physiotherapy`, provider: 'health', needTypes: ['PD', 'PMLD'], minimumAge: 0, maximumAge: 18, capacity: 70, cost: FREE,
    description: 'Assessment and therapy for children with movement difficulties, including hydrotherapy and postural management.' },
  { key: 'emotional-wellbeing', name: (a) => `${a.name} emotional wellbeing and mental health support`, provider: 'health', needTypes: ['SEMH', 'ASD'], minimumAge: 5, maximumAge: 18, capacity: 50, cost: FREE,
    description: 'Early help for children and young people with anxiety, low mood or behaviour that challenges, in schools and in the community.' },
  { key: 'dyslexia-groups', name: (a) => `${a.name} dyslexia support groups`, provider: 'charity', needTypes: ['SPLD'], minimumAge: 7, maximumAge: 16, capacity: 24, cost: { pence: 800, unit: 'per session' },
    description: 'Weekly small-group literacy sessions and assistive technology clubs for children with dyslexia.' },
  { key: 'supported-internships', name: (a) => `${a.name} supported internships`, provider: 'college', needTypes: ['MLD', 'SLD', 'ASD'], minimumAge: 16, maximumAge: 25, capacity: 20, cost: FREE,
    description: 'A year-long study programme based with an employer, with a job coach, for young people with an EHC plan preparing for paid work.', eligibility: 'Young people aged 16 to 25 with an EHC plan' },
  { key: 'equipment', name: (a) => `${a.name} wheelchair and equipment service`, provider: 'health', needTypes: ['PD', 'PMLD', 'MSI'], minimumAge: 0, maximumAge: 25, capacity: null, cost: FREE,
    description: 'Assessment for and provision of wheelchairs, seating and daily living equipment.' },
  { key: 'youth-club', name: (a) => `${a.name} inclusive youth club`, provider: 'charity', needTypes: ['ASD', 'MLD', 'SLD', 'SEMH'], minimumAge: 11, maximumAge: 25, capacity: 30, cost: { pence: 300, unit: 'per evening' },
    description: 'Evening youth club for disabled young people: music, games, cooking and trips, with transport for those who need it.' },
  { key: 'portage', name: (a) => `${a.name} Portage home visiting`, provider: 'council', needTypes: ['PMLD', 'SLD', 'PD', 'MSI', 'SLCN'], minimumAge: 0, maximumAge: 4, capacity: 30, cost: FREE,
    description: 'Home visits to families of pre-school children with additional needs, using play to build early skills.' },
  { key: 'travel-training', name: (a) => `${a.name} independent travel training`, provider: 'council', needTypes: ['MLD', 'SLD', 'ASD'], minimumAge: 14, maximumAge: 25, capacity: 15, cost: FREE,
    description: 'One-to-one training so that young people can travel safely and independently to school, college or work.' },
];

const STREETS = ['Church Road', 'Station Road', 'Park Lane', 'Mill Street', 'High Street', 'Victoria Road', 'Queen Street', 'Albert Road'];
/** Approximate centres of the demo areas, for map pins (a few hundred metres apart). */
const CENTRES: Record<string, { lat: number; lon: number }> = { E09000033: { lat: 51.5136, lon: -0.1489 }, E06000023: { lat: 51.4545, lon: -2.5879 } };

function providerOf(area: DemoArea, provider: Provider): { key: string; name: string; description: string; website?: string } {
  const slug = area.name.toLowerCase();
  switch (provider) {
    case 'council': return { key: 'council', name: `${area.name} Council SEND Services`, description: `The council's special educational needs and disability services for ${area.name}.`, website: `https://www.example.org/${slug}/send` };
    case 'health': return { key: 'health', name: `${area.name} Children's Community Health`, description: `NHS community health services for children and young people in ${area.name}.` };
    case 'forum': return { key: 'forum', name: `${area.name} Parent Carer Forum`, description: `The parent carer forum for ${area.name}.` };
    case 'sendiass': return { key: 'sendiass', name: `${area.name} SENDIASS`, description: `The SEND information, advice and support service for ${area.name}.` };
    case 'nursery': return { key: 'nursery', name: `${area.name} Early Years Specialist Centre`, description: `A specialist early years centre in ${area.name}.` };
    case 'charity': return { key: 'charity', name: `${area.name} Disabled Children's Play Trust`, description: `A local charity running inclusive play and youth activities in ${area.name}.` };
    case 'college': return { key: 'college', name: `${area.name} College`, description: `The further education college for ${area.name}.` };
  }
}

interface Rows {
  organisations: (typeof localOfferOrganisations.$inferInsert)[];
  services: (typeof localOfferServices.$inferInsert)[];
  needs: (typeof localOfferServiceNeeds.$inferInsert)[];
  locations: (typeof localOfferLocations.$inferInsert)[];
  links: (typeof localOfferServiceLocations.$inferInsert)[];
  costs: (typeof localOfferCostOptions.$inferInsert)[];
}

/** The demo local offer's rows for the given areas (default: the two demo areas). */
export function demoLocalOfferRows(areas: readonly DemoArea[] = DEMO_AREAS): Rows {
  const rows: Rows = { organisations: [], services: [], needs: [], locations: [], links: [], costs: [] };
  for (const area of areas) {
    const localities = DEMO_LOCALITY_CODES[area.code] ?? area.localities.map((name, i) => ({ code: `L${i + 1}`, name }));
    const centre = CENTRES[area.code] ?? { lat: 52.5, lon: -1.5 };
    const organisations = new Map<string, string>();
    TEMPLATES.forEach((t, i) => {
      const provider = providerOf(area, t.provider);
      let organisationId = organisations.get(provider.key);
      if (!organisationId) {
        organisationId = stableUuid('demo-local-offer', area.code, 'organisation', provider.key);
        organisations.set(provider.key, organisationId);
        rows.organisations.push({ id: organisationId, areaCode: area.code, name: provider.name, description: provider.description, website: provider.website ?? null });
      }
      const id = stableUuid('demo-local-offer', area.code, 'service', t.key);
      const locality = localities[i % localities.length]!;
      rows.services.push({
        id,
        areaCode: area.code,
        organisationId,
        name: t.name(area),
        description: t.description,
        status: 'active',
        eligibilityDescription: t.eligibility ?? null,
        feesDescription: t.cost ? (t.cost.pence === 0 ? 'Free' : `£${(t.cost.pence / 100).toFixed(2)} ${t.cost.unit}`) : null,
        minimumAge: t.minimumAge,
        maximumAge: t.maximumAge,
        locality: locality.code,
        capacity: t.capacity,
        updatedBySub: 'seed:local-offer',
      });
      for (const needType of t.needTypes) rows.needs.push({ serviceId: id, needType });
      const outward = area.postcodeAreas[i % area.postcodeAreas.length]!;
      const postcode = `${outward} ${1 + (i % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(i * 7) % 20]}`;
      const locationId = stableUuid('demo-local-offer', area.code, 'location', t.key);
      rows.locations.push({
        id: locationId,
        areaCode: area.code,
        name: `${provider.name}, ${locality.name}`,
        address1: `${10 + i * 3} ${STREETS[i % STREETS.length]}`,
        city: area.name === 'Westminster' ? 'London' : area.name,
        postalCode: postcode,
        outwardCode: outward,
        latitude: Number((centre.lat + ((i % 5) - 2) * 0.004).toFixed(5)),
        longitude: Number((centre.lon + ((i % 7) - 3) * 0.006).toFixed(5)),
      });
      rows.links.push({ id: stableUuid('demo-local-offer', area.code, 'service-at-location', t.key), serviceId: id, locationId });
      if (t.cost) {
        rows.costs.push({ id: stableUuid('demo-local-offer', area.code, 'cost', t.key), serviceId: id, option: t.cost.pence === 0 ? 'Free' : 'Standard', amountPence: t.cost.pence, currency: 'GBP', amountDescription: t.cost.unit });
      }
    });
  }
  return rows;
}

/** Loads the demo local offer when the database has none; returns how many services it loaded. */
export async function seedDemoLocalOfferIfEmpty(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(localOfferServices);
  if (Number(row?.n ?? 0) > 0) return 0;
  const rows = demoLocalOfferRows();
  await db.transaction(async (tx) => {
    await tx.insert(localOfferOrganisations).values(rows.organisations);
    await tx.insert(localOfferServices).values(rows.services);
    await tx.insert(localOfferServiceNeeds).values(rows.needs);
    await tx.insert(localOfferLocations).values(rows.locations);
    await tx.insert(localOfferServiceLocations).values(rows.links);
    if (rows.costs.length) await tx.insert(localOfferCostOptions).values(rows.costs);
  });
  return rows.services.length;
}
