/** The synthetic demo areas and organisations. Codes are real shapes; every person is invented. */
import type { Actor } from '../src/domain/actor.js';
import type { Agency } from '../src/domain/vocabulary.js';

/** A locality of an area's register (src/access and aggregates take only registered codes). */
export interface Locality {
  code: string;
  name: string;
}

export interface DemoArea {
  code: string;
  name: string;
  senTeamOrg: string;
  healthOrgs: string[];
  socialCareOrg: string;
  localities: Locality[];
  postcodeAreas: string[];
}

/**
 * Localities in the shape of ONS ward codes (E05…), numbered from E0590 so they cannot be mistaken for
 * a real ward's code; the names are real places of the demo areas.
 */
const localities = (prefix: string, names: string[]): Locality[] =>
  names.map((name, i) => ({ code: `E0590${prefix}${String(i + 1).padStart(2, '0')}`, name }));

export const DEMO_AREAS: DemoArea[] = [
  {
    code: 'E09000033',
    name: 'Westminster',
    senTeamOrg: 'LA213',
    healthOrgs: ['RQM', 'RYJ'],
    socialCareOrg: 'SC213',
    localities: localities('33', ['Marylebone', 'Pimlico', 'Paddington', 'Soho', 'Mayfair', "St John's Wood"]),
    postcodeAreas: ['W1', 'W2', 'SW1', 'NW8'],
  },
  {
    code: 'E06000023',
    name: 'Bristol',
    senTeamOrg: 'LA801',
    healthOrgs: ['RA7', 'RVJ'],
    socialCareOrg: 'SC801',
    localities: localities('23', ['Bedminster', 'Clifton', 'Easton', 'Southmead', 'Hartcliffe', 'Fishponds']),
    postcodeAreas: ['BS1', 'BS3', 'BS5', 'BS8', 'BS10', 'BS13'],
  },
];

/**
 * Demo schools (EDUCATION organisations on some care teams): invented names, school-shaped codes
 * (a 6-digit DfE URN in real life; prefixed here so they never collide with a real one).
 */
export const DEMO_SCHOOLS: { org: string; name: string; areaCode: string }[] = [
  { org: 'URN900101', name: 'Marylebone Bridge Primary School (synthetic)', areaCode: 'E09000033' },
  { org: 'URN900102', name: 'Pimlico Gardens Academy (synthetic)', areaCode: 'E09000033' },
  { org: 'URN900201', name: 'Bedminster Down Primary School (synthetic)', areaCode: 'E06000023' },
  { org: 'URN900202', name: 'Easton Park Secondary School (synthetic)', areaCode: 'E06000023' },
];

/** Further synthetic areas for `npm run seed -- --areas K` beyond the two demo areas. */
export function syntheticArea(index: number): DemoArea {
  if (index < DEMO_AREAS.length) return DEMO_AREAS[index]!;
  const n = 100 + index;
  return {
    code: `E10${String(900000 + index).padStart(6, '0')}`,
    name: `Synthetic county ${index}`,
    senTeamOrg: `LA${n}`,
    healthOrgs: [`R${n}`],
    socialCareOrg: `SC${n}`,
    localities: ['North', 'South', 'East', 'West', 'Central'].map((name, i) => ({ code: `E05${String(800000 + index * 10 + i).slice(-6)}`, name })),
    postcodeAreas: ['ZZ1', 'ZZ2'],
  };
}

/** A demo role: its token claims, and the `npm run token` arguments that mint the same token. */
export interface DemoActor {
  /** Short name, also what POST /dev/token takes (development only). */
  key: string;
  label: string;
  actor: Actor;
  args: string;
}

const westminster = DEMO_AREAS[0]!;
/** The family subject the demo data links to the first Westminster child. */
export const DEMO_PARENT_SUB = 'family:demo-parent';

const demoActor = (key: string, label: string, actor: Actor): DemoActor => ({
  key,
  label,
  actor,
  args: [
    `--role ${actor.role}`,
    actor.agency ? `--agency ${actor.agency}` : null,
    `--org ${actor.org}`,
    actor.areas.length ? `--areas ${actor.areas.join(',')}` : null,
    `--sub ${actor.sub}`,
  ].filter(Boolean).join(' '),
});

export const DEMO_ACTORS: DemoActor[] = [
  demoActor('coordinator', 'case coordinator', { role: 'CASE_COORDINATOR', agency: 'EDUCATION', org: westminster.senTeamOrg, areas: [westminster.code], sub: 'coordinator:demo' }),
  demoActor('health', 'health practitioner', { role: 'PRACTITIONER', agency: 'HEALTH', org: westminster.healthOrgs[0]!, areas: [], sub: 'practitioner:demo-health' }),
  demoActor('social-care', 'social care worker', { role: 'PRACTITIONER', agency: 'SOCIAL_CARE', org: westminster.socialCareOrg, areas: [], sub: 'practitioner:demo-social' }),
  demoActor('school', 'school SENCo', { role: 'PRACTITIONER', agency: 'EDUCATION', org: DEMO_SCHOOLS[0]!.org, areas: [DEMO_SCHOOLS[0]!.areaCode], sub: 'practitioner:demo-school' }),
  demoActor('family', 'family member', { role: 'FAMILY', agency: null, org: 'FAMILY', areas: [], sub: DEMO_PARENT_SUB }),
  demoActor('commissioner', 'commissioner', { role: 'COMMISSIONER', agency: null, org: 'ICB-NWL', areas: [westminster.code], sub: 'commissioner:demo' }),
  demoActor('dpo', 'data protection officer', { role: 'DPO', agency: null, org: westminster.senTeamOrg, areas: [westminster.code], sub: 'dpo:demo' }),
];

/** Names for the organisation register (organisations, not people: real ODS codes keep their real names). */
export const DEMO_ORGANISATIONS: { code: string; name: string; agency: Agency }[] = [
  { code: 'LA213', name: 'Westminster City Council SEN team', agency: 'EDUCATION' },
  { code: 'RQM', name: 'Chelsea and Westminster Hospital NHS Foundation Trust', agency: 'HEALTH' },
  { code: 'RYJ', name: 'Imperial College Healthcare NHS Trust', agency: 'HEALTH' },
  { code: 'SC213', name: "Westminster Children's Services", agency: 'SOCIAL_CARE' },
  { code: 'LA801', name: 'Bristol City Council SEN team', agency: 'EDUCATION' },
  { code: 'RA7', name: 'University Hospitals Bristol and Weston NHS Foundation Trust', agency: 'HEALTH' },
  { code: 'RVJ', name: 'North Bristol NHS Trust', agency: 'HEALTH' },
  { code: 'SC801', name: "Bristol Children's Services", agency: 'SOCIAL_CARE' },
];

export const orgAgency = (area: DemoArea, org: string): Agency =>
  org === area.senTeamOrg ? 'EDUCATION' : org === area.socialCareOrg ? 'SOCIAL_CARE' : 'HEALTH';
