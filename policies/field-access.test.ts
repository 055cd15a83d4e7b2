/**
 * Decision table for the field access decision (docs/access-rules.md).
 *
 * Every role × the actor's agency × every relationship set that role can have (including none) ×
 * every data category × section authorship × consent state × break-glass state is enumerated from the
 * shared vocabularies, and each case is checked against EXPECTED below: a table written out by hand, row
 * by row, that never calls the implementation. Guards fail when a combination has no expected entry
 * (for instance a new category or role is added to the vocabulary without a decision here).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/actor.js';
import {
  AGENCIES,
  DATA_CATEGORIES,
  FAMILY_RELATIONSHIPS,
  ROLES,
  type Agency,
  type DataCategory,
  type FamilyRelationship,
  type Role,
} from '../src/domain/vocabulary.js';
import {
  canSeeChild,
  currentConsentHolder,
  decideFieldAccess,
  relationshipsOf,
  type BreakGlassFacts,
  type ChildAccessFacts,
  type ConsentFacts,
  type FieldAccessDecision,
  type FieldAccessRequest,
  type Relationship,
} from './field-access.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------

const NOW = new Date('2026-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const AREA = 'E09000033';
const OTHER_AREA = 'E08000025';
const LINKED_FAMILY_SUB = 'family-sub-1';

/** Born 2015: on NOW the parent decides (written out, not computed by the code under test). */
const DATE_OF_BIRTH = '2015-05-05';
const HOLDER: FamilyRelationship = 'PARENT';
const NOT_HOLDER: FamilyRelationship = 'YOUNG_PERSON';

/** One organisation per agency on the care team, and a second one per agency that authors sections. */
const ON_TEAM_ORG: Record<Agency, string> = { EDUCATION: 'EDU-SCHOOL-1', HEALTH: 'NHS-TRUST-1', SOCIAL_CARE: 'SC-TEAM-1' };
const OTHER_AUTHOR_ORG: Record<Agency, string> = { EDUCATION: 'EDU-SCHOOL-2', HEALTH: 'NHS-TRUST-2', SOCIAL_CARE: 'SC-TEAM-2' };
const OFF_TEAM_ORG: Record<Agency, string> = { EDUCATION: 'EDU-ELSEWHERE', HEALTH: 'NHS-ELSEWHERE', SOCIAL_CARE: 'SC-ELSEWHERE' };

const CHILD: ChildAccessFacts = {
  id: 'child-1',
  areaCode: AREA,
  dateOfBirth: DATE_OF_BIRTH,
  careTeam: [
    ...AGENCIES.map((agency) => ({ org: ON_TEAM_ORG[agency], agency })),
    ...AGENCIES.map((agency) => ({ org: OTHER_AUTHOR_ORG[agency], agency })),
  ],
  family: [{ subject: LINKED_FAMILY_SUB, relationship: 'PARENT' }],
};

/** The section a value of each category comes from in the table (section defaults, src/domain/sections.ts). */
const SECTION_OWNER_OF: Record<DataCategory, Agency | null> = {
  IDENTITY: null,
  VIEWS: 'EDUCATION',
  EDUCATION: 'EDUCATION',
  HEALTH: 'HEALTH',
  HEALTH_SENSITIVE: 'HEALTH',
  SOCIAL_CARE: 'SOCIAL_CARE',
  SAFEGUARDING: 'SOCIAL_CARE',
  FINANCIAL: 'EDUCATION',
};

// ---------------------------------------------------------------------------------------------------
// Actor profiles: each role with every relationship set it can have. Non-family actors carry the linked
// family member's subject, and roles whose relationship does not come from an area carry the child's
// area, so that a relationship leaking across roles would show up in the table.
// ---------------------------------------------------------------------------------------------------

interface Profile {
  key: string;
  actor: Actor;
  rels: Relationship[];
}

/** The relationship sets each role can have with a child (docs/access-rules.md), written out. */
const POSSIBLE_RELATIONSHIPS: Record<Role, Relationship[][]> = {
  PRACTITIONER: [[], ['CARE_TEAM']],
  CASE_COORDINATOR: [[], ['CARE_TEAM'], ['COORDINATOR'], ['CARE_TEAM', 'COORDINATOR']],
  FAMILY: [[], ['FAMILY']],
  COMMISSIONER: [[]],
  DPO: [[], ['OVERSIGHT']],
};

const profileKey = (role: Role, agency: Agency | null, rels: Relationship[]) =>
  `${role}/${agency ?? '-'}/${rels.length ? rels.join('+') : 'none'}`;

function buildProfiles(): Profile[] {
  const out: Profile[] = [];
  const add = (actor: Actor, rels: Relationship[]) => out.push({ key: profileKey(actor.role, actor.agency, rels), actor, rels });
  for (const agency of AGENCIES) {
    add({ sub: LINKED_FAMILY_SUB, org: OFF_TEAM_ORG[agency], agency, role: 'PRACTITIONER', areas: [AREA] }, []);
    add({ sub: LINKED_FAMILY_SUB, org: ON_TEAM_ORG[agency], agency, role: 'PRACTITIONER', areas: [AREA] }, ['CARE_TEAM']);
    add({ sub: LINKED_FAMILY_SUB, org: OFF_TEAM_ORG[agency], agency, role: 'CASE_COORDINATOR', areas: [OTHER_AREA] }, []);
    add({ sub: LINKED_FAMILY_SUB, org: ON_TEAM_ORG[agency], agency, role: 'CASE_COORDINATOR', areas: [OTHER_AREA] }, ['CARE_TEAM']);
    add({ sub: LINKED_FAMILY_SUB, org: OFF_TEAM_ORG[agency], agency, role: 'CASE_COORDINATOR', areas: [OTHER_AREA, AREA] }, ['COORDINATOR']);
    add({ sub: LINKED_FAMILY_SUB, org: ON_TEAM_ORG[agency], agency, role: 'CASE_COORDINATOR', areas: [AREA] }, ['CARE_TEAM', 'COORDINATOR']);
  }
  // Family, commissioner and DPO sit at an organisation on the care team with a social care agency claim:
  // neither may turn into a care team relationship (OWNER of section D, or of safeguarding content).
  const sc = ON_TEAM_ORG.SOCIAL_CARE;
  add({ sub: 'family-sub-unlinked', org: sc, agency: 'SOCIAL_CARE', role: 'FAMILY', areas: [AREA] }, []);
  add({ sub: LINKED_FAMILY_SUB, org: sc, agency: 'SOCIAL_CARE', role: 'FAMILY', areas: [AREA] }, ['FAMILY']);
  add({ sub: LINKED_FAMILY_SUB, org: sc, agency: 'SOCIAL_CARE', role: 'COMMISSIONER', areas: [AREA] }, []);
  add({ sub: LINKED_FAMILY_SUB, org: sc, agency: 'SOCIAL_CARE', role: 'DPO', areas: [OTHER_AREA] }, []);
  add({ sub: LINKED_FAMILY_SUB, org: sc, agency: 'SOCIAL_CARE', role: 'DPO', areas: [AREA] }, ['OVERSIGHT']);
  return out;
}
const PROFILES = buildProfiles();

// ---------------------------------------------------------------------------------------------------
// The expectation table, by hand.
//
// Cell codes (the legend below spells each out over consent × break-glass):
//   S  STATUTORY      F  FAMILY      O  OWNER      X  FORBIDDEN whatever the consents or grants
//   C  consent-releasable, care team member: CONSENT with an effective grant, else BREAK_GLASS with an
//      active grant, else CONSENT_REQUIRED
//   Cn consent-releasable, coordinator not on the care team (cannot break glass): CONSENT or CONSENT_REQUIRED
//   B  break-glass only: BREAK_GLASS with an active grant, else FORBIDDEN
// A SAFEGUARDING cell "O/B" reads: author is the actor's own organisation / another organisation.
// ---------------------------------------------------------------------------------------------------

type Code = 'S' | 'F' | 'O' | 'X' | 'C' | 'Cn' | 'B';
type Cell = Code | `${Code}/${Code}`;

const COLUMNS = ['IDENTITY', 'VIEWS', 'EDUCATION', 'HEALTH', 'HEALTH_SENSITIVE', 'SOCIAL_CARE', 'SAFEGUARDING', 'FINANCIAL'] as const;

// prettier-ignore
const EXPECTED: Record<string, readonly Cell[]> = {
  //                                            IDENT  VIEWS  EDUC  HEALTH  H_SENS  SOC_CARE  SAFEG   FIN
  'PRACTITIONER/EDUCATION/none':                ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'PRACTITIONER/HEALTH/none':                   ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'PRACTITIONER/SOCIAL_CARE/none':              ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'PRACTITIONER/EDUCATION/CARE_TEAM':           ['S',  'O',   'O',  'C',    'C',    'C',      'B',    'O'],
  'PRACTITIONER/HEALTH/CARE_TEAM':              ['S',  'C',   'C',  'O',    'O',    'C',      'B',    'C'],
  'PRACTITIONER/SOCIAL_CARE/CARE_TEAM':         ['S',  'C',   'C',  'C',    'C',    'O',      'O/B',  'C'],

  'CASE_COORDINATOR/EDUCATION/none':            ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'CASE_COORDINATOR/HEALTH/none':               ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'CASE_COORDINATOR/SOCIAL_CARE/none':          ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'CASE_COORDINATOR/EDUCATION/CARE_TEAM':       ['S',  'O',   'O',  'C',    'C',    'C',      'B',    'O'],
  'CASE_COORDINATOR/HEALTH/CARE_TEAM':          ['S',  'C',   'C',  'O',    'O',    'C',      'B',    'C'],
  'CASE_COORDINATOR/SOCIAL_CARE/CARE_TEAM':     ['S',  'C',   'C',  'C',    'C',    'O',      'O/B',  'C'],
  'CASE_COORDINATOR/EDUCATION/COORDINATOR':     ['S',  'S',   'S',  'S',    'Cn',   'S',      'X',    'S'],
  'CASE_COORDINATOR/HEALTH/COORDINATOR':        ['S',  'S',   'S',  'S',    'Cn',   'S',      'X',    'S'],
  'CASE_COORDINATOR/SOCIAL_CARE/COORDINATOR':   ['S',  'S',   'S',  'S',    'Cn',   'S',      'X',    'S'],
  'CASE_COORDINATOR/EDUCATION/CARE_TEAM+COORDINATOR':   ['S',  'O',  'O',  'S',  'C',  'S',  'B',    'O'],
  'CASE_COORDINATOR/HEALTH/CARE_TEAM+COORDINATOR':      ['S',  'S',  'S',  'O',  'O',  'S',  'B',    'S'],
  'CASE_COORDINATOR/SOCIAL_CARE/CARE_TEAM+COORDINATOR': ['S',  'S',  'S',  'S',  'C',  'O',  'O/B',  'S'],

  'FAMILY/SOCIAL_CARE/none':                    ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'FAMILY/SOCIAL_CARE/FAMILY':                  ['F',  'F',   'F',  'F',    'F',    'F',      'X',    'F'],

  'COMMISSIONER/SOCIAL_CARE/none':              ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],

  'DPO/SOCIAL_CARE/none':                       ['X',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
  'DPO/SOCIAL_CARE/OVERSIGHT':                  ['S',  'X',   'X',  'X',    'X',    'X',      'X',    'X'],
};

const CONSENT_STATES = [
  'NONE',
  'GRANT_TO_AGENCY',
  'GRANT_TO_ORG',
  'GRANT_FROM_NON_HOLDER',
  'EXPIRED_GRANT',
  'WITHDRAWN_GRANT',
  'GRANT_AND_REFUSAL',
] as const;
type ConsentState = (typeof CONSENT_STATES)[number];

const BREAK_GLASS_STATES = ['NONE', 'ACTIVE', 'EXPIRED'] as const;
type BreakGlassState = (typeof BREAK_GLASS_STATES)[number];

type Outcome = 'OWNER' | 'STATUTORY' | 'FAMILY' | 'CONSENT' | 'BREAK_GLASS' | 'CONSENT_REQUIRED' | 'FORBIDDEN';
/** Outcomes for break-glass NONE, ACTIVE, EXPIRED. */
type ByBreakGlass = readonly [Outcome, Outcome, Outcome];

const always = (o: Outcome): Record<ConsentState, ByBreakGlass> => ({
  NONE: [o, o, o],
  GRANT_TO_AGENCY: [o, o, o],
  GRANT_TO_ORG: [o, o, o],
  GRANT_FROM_NON_HOLDER: [o, o, o],
  EXPIRED_GRANT: [o, o, o],
  WITHDRAWN_GRANT: [o, o, o],
  GRANT_AND_REFUSAL: [o, o, o],
});

// prettier-ignore
const LEGEND: Record<Code, Record<ConsentState, ByBreakGlass>> = {
  S: always('STATUTORY'),
  F: always('FAMILY'),
  O: always('OWNER'),
  X: always('FORBIDDEN'),
  //                         break-glass: NONE                ACTIVE              EXPIRED
  C: {
    NONE:                    ['CONSENT_REQUIRED', 'BREAK_GLASS',      'CONSENT_REQUIRED'],
    GRANT_TO_AGENCY:         ['CONSENT',          'CONSENT',          'CONSENT'],
    GRANT_TO_ORG:            ['CONSENT',          'CONSENT',          'CONSENT'],
    GRANT_FROM_NON_HOLDER:   ['CONSENT_REQUIRED', 'BREAK_GLASS',      'CONSENT_REQUIRED'],
    EXPIRED_GRANT:           ['CONSENT_REQUIRED', 'BREAK_GLASS',      'CONSENT_REQUIRED'],
    WITHDRAWN_GRANT:         ['CONSENT_REQUIRED', 'BREAK_GLASS',      'CONSENT_REQUIRED'],
    GRANT_AND_REFUSAL:       ['CONSENT_REQUIRED', 'BREAK_GLASS',      'CONSENT_REQUIRED'],
  },
  Cn: {
    NONE:                    ['CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED'],
    GRANT_TO_AGENCY:         ['CONSENT',          'CONSENT',          'CONSENT'],
    GRANT_TO_ORG:            ['CONSENT',          'CONSENT',          'CONSENT'],
    GRANT_FROM_NON_HOLDER:   ['CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED'],
    EXPIRED_GRANT:           ['CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED'],
    WITHDRAWN_GRANT:         ['CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED'],
    GRANT_AND_REFUSAL:       ['CONSENT_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_REQUIRED'],
  },
  B: {
    NONE:                    ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    GRANT_TO_AGENCY:         ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    GRANT_TO_ORG:            ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    GRANT_FROM_NON_HOLDER:   ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    EXPIRED_GRANT:           ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    WITHDRAWN_GRANT:         ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
    GRANT_AND_REFUSAL:       ['FORBIDDEN',        'BREAK_GLASS',      'FORBIDDEN'],
  },
};

// ---------------------------------------------------------------------------------------------------
// Building the cases
// ---------------------------------------------------------------------------------------------------

type Author = 'NONE' | 'SELF' | 'OTHER';

interface Case {
  label: string;
  profile: Profile;
  category: DataCategory;
  author: Author;
  consent: ConsentState;
  breakGlass: BreakGlassState;
  req: FieldAccessRequest;
}

function consentsFor(state: ConsentState, actor: Actor, category: DataCategory): ConsentFacts[] {
  const grant = (over: Partial<ConsentFacts>): ConsentFacts => ({
    id: 'consent-grant',
    kind: 'GRANT',
    categories: [category],
    granteeAgency: null,
    granteeOrg: null,
    givenBy: HOLDER,
    validUntil: null,
    withdrawnAt: null,
    ...over,
  });
  switch (state) {
    case 'NONE':
      return [];
    case 'GRANT_TO_AGENCY':
      return [grant({ granteeAgency: actor.agency })];
    case 'GRANT_TO_ORG':
      return [grant({ granteeOrg: actor.org, validUntil: at(30 * 24 * HOUR) })];
    case 'GRANT_FROM_NON_HOLDER':
      return [grant({ granteeAgency: actor.agency, givenBy: NOT_HOLDER })];
    case 'EXPIRED_GRANT': // expires at this very instant: counts as none (policies/field-access.ts rule 6)
      return [grant({ granteeAgency: actor.agency, validUntil: NOW })];
    case 'WITHDRAWN_GRANT': // withdrawn at this very instant: counts as none from this request on
      return [grant({ granteeAgency: actor.agency, withdrawnAt: NOW })];
    case 'GRANT_AND_REFUSAL': // the refusal names the organisation, the grant the agency: refusal wins
      return [grant({ granteeAgency: actor.agency }), grant({ id: 'consent-refusal', kind: 'REFUSAL', granteeOrg: actor.org })];
  }
}

function breakGlassFor(state: BreakGlassState, actor: Actor): BreakGlassFacts[] {
  switch (state) {
    case 'NONE':
      return [];
    case 'ACTIVE':
      return [{ actorSub: actor.sub, actorOrg: actor.org, expiresAt: at(4 * HOUR) }];
    case 'EXPIRED': // expires at this very instant
      return [{ actorSub: actor.sub, actorOrg: actor.org, expiresAt: NOW }];
  }
}

function authorOrg(author: Author, actor: Actor, owner: Agency | null): string | null {
  if (author === 'NONE' || owner === null) return null;
  return author === 'SELF' ? actor.org : OTHER_AUTHOR_ORG[owner];
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const role of ROLES) {
    for (const profile of PROFILES.filter((p) => p.actor.role === role)) {
      for (const category of DATA_CATEGORIES) {
        const owner = SECTION_OWNER_OF[category];
        const authors: Author[] = owner === null ? ['NONE'] : ['SELF', 'OTHER'];
        for (const author of authors) {
          for (const consent of CONSENT_STATES) {
            for (const breakGlass of BREAK_GLASS_STATES) {
              const { actor } = profile;
              cases.push({
                label: `${profile.key} ${category} author=${author} consent=${consent} breakGlass=${breakGlass}`,
                profile,
                category,
                author,
                consent,
                breakGlass,
                req: {
                  actor,
                  child: CHILD,
                  category,
                  sectionOwner: owner,
                  sectionAuthorOrg: authorOrg(author, actor, owner),
                  consents: consentsFor(consent, actor, category),
                  breakGlass: breakGlassFor(breakGlass, actor),
                  now: NOW,
                },
              });
            }
          }
        }
      }
    }
  }
  return cases;
}
const CASES = buildCases();

/** Looks the case up in EXPECTED and LEGEND; undefined when the table has no entry for it. */
function expectedOutcome(c: Case): Outcome | undefined {
  const row = EXPECTED[c.profile.key];
  const column = (COLUMNS as readonly string[]).indexOf(c.category);
  const cell = row?.[column];
  if (cell === undefined) return undefined;
  const [self, other] = cell.split('/') as [Code, Code | undefined];
  if (c.author === 'NONE' && other !== undefined) return undefined; // a split cell on an authorless field
  const code = c.author === 'OTHER' ? (other ?? self) : self;
  return LEGEND[code]?.[c.consent]?.[BREAK_GLASS_STATES.indexOf(c.breakGlass)];
}

function asDecision(o: Outcome): FieldAccessDecision {
  return o === 'CONSENT_REQUIRED' || o === 'FORBIDDEN' ? { allow: false, basis: 'DENIED', reason: o } : { allow: true, basis: o };
}

// ---------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------

describe('decision table guards', () => {
  it('has an expected entry for every enumerated combination', () => {
    const missing = CASES.filter((c) => expectedOutcome(c) === undefined).map((c) => c.label);
    expect(missing).toEqual([]);
  });

  it('has no stale rows and the table columns are exactly the vocabulary categories', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(PROFILES.map((p) => p.key).sort());
    expect([...COLUMNS].sort()).toEqual([...DATA_CATEGORIES].sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(COLUMNS.length);
  });

  it('enumerates every relationship set each role can have, including none', () => {
    expect(Object.keys(POSSIBLE_RELATIONSHIPS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const seen = new Set(PROFILES.filter((p) => p.actor.role === role).map((p) => p.rels.join('+')));
      expect([...seen].sort()).toEqual(POSSIBLE_RELATIONSHIPS[role].map((r) => r.join('+')).sort());
    }
  });

  it('enumerates the full product of the dimensions', () => {
    // 23 actor profiles × (IDENTITY + 7 categories × 2 authorships) × 7 consent states × 3 break-glass states.
    expect(PROFILES).toHaveLength(23);
    expect(CASES).toHaveLength(23 * (1 + 7 * 2) * 7 * 3);
    expect(CASES).toHaveLength(7245);
  });

  it('reaches every basis and both withholding reasons', () => {
    const reached = new Set(CASES.map(expectedOutcome));
    expect([...reached].sort()).toEqual(
      ['BREAK_GLASS', 'CONSENT', 'CONSENT_REQUIRED', 'FAMILY', 'FORBIDDEN', 'OWNER', 'STATUTORY'].sort(),
    );
  });
});

describe('relationships', () => {
  it.each(PROFILES)('$key', ({ actor, rels }) => {
    expect([...relationshipsOf(actor, CHILD)].sort()).toEqual([...rels].sort());
    expect(canSeeChild(actor, CHILD)).toBe(rels.length > 0);
  });
});

describe('decideFieldAccess decision table', () => {
  it.each(CASES)('$label', (c) => {
    const outcome = expectedOutcome(c);
    expect(outcome, 'no expected entry').toBeDefined();
    expect(decideFieldAccess(c.req)).toEqual(asDecision(outcome!));
  });
});

// ---------------------------------------------------------------------------------------------------
// Edge cases the table holds fixed
// ---------------------------------------------------------------------------------------------------

const healthPractitioner: Actor = { sub: 'hp-1', org: ON_TEAM_ORG.HEALTH, agency: 'HEALTH', role: 'PRACTITIONER', areas: [AREA] };

/** A health practitioner on the care team reading section B (EDUCATION): a consent case. */
function educationReadByHealth(over: Partial<FieldAccessRequest> = {}): FieldAccessRequest {
  return {
    actor: healthPractitioner,
    child: CHILD,
    category: 'EDUCATION',
    sectionOwner: 'EDUCATION',
    sectionAuthorOrg: ON_TEAM_ORG.EDUCATION,
    consents: [],
    breakGlass: [],
    now: NOW,
    ...over,
  };
}

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'c1',
  kind: 'GRANT',
  categories: ['EDUCATION'],
  granteeAgency: 'HEALTH',
  granteeOrg: null,
  givenBy: 'PARENT',
  validUntil: null,
  withdrawnAt: null,
  ...over,
});

const CONSENT: FieldAccessDecision = { allow: true, basis: 'CONSENT' };
const CONSENT_REQUIRED: FieldAccessDecision = { allow: false, basis: 'DENIED', reason: 'CONSENT_REQUIRED' };
const FORBIDDEN: FieldAccessDecision = { allow: false, basis: 'DENIED', reason: 'FORBIDDEN' };
const BREAK_GLASS: FieldAccessDecision = { allow: true, basis: 'BREAK_GLASS' };

describe('currentConsentHolder (end of compulsory school age, Education Act 1996 s.8)', () => {
  it.each([
    // born in spring: turns 16 in the school year 2025/26, which ends on Friday 26 June 2026
    ['2010-03-10', '2026-06-26T00:00:00.000Z', 'PARENT'],
    ['2010-03-10', '2026-06-26T23:59:59.999Z', 'PARENT'],
    ['2010-03-10', '2026-06-27T00:00:00.000Z', 'YOUNG_PERSON'],
    // born 1 September: turns 16 at the start of 2026/27, which ends on Friday 25 June 2027
    ['2010-09-01', '2027-06-25T12:00:00.000Z', 'PARENT'],
    ['2010-09-01', '2027-06-26T00:00:00.000Z', 'YOUNG_PERSON'],
    // born 31 August: leaves on Friday 26 June 2026, before turning 16 (s.8(3)(a))
    ['2010-08-31', '2026-06-26T12:00:00.000Z', 'PARENT'],
    ['2010-08-31', '2026-06-27T12:00:00.000Z', 'YOUNG_PERSON'],
    // born 29 February 2008: turns 16 on 29 February 2024; 2023/24 ends on Friday 28 June 2024
    ['2008-02-29', '2024-06-28T12:00:00.000Z', 'PARENT'],
    ['2008-02-29', '2024-06-29T00:00:00.000Z', 'YOUNG_PERSON'],
    // 30 June itself a Friday (2028): the last Friday is the 30th
    ['2012-01-15', '2028-06-30T12:00:00.000Z', 'PARENT'],
    ['2012-01-15', '2028-07-01T00:00:00.000Z', 'YOUNG_PERSON'],
    ['2015-05-05', NOW.toISOString(), 'PARENT'],
  ] as const)('born %s, on %s → %s', (dob, now, holder) => {
    expect(currentConsentHolder(dob, new Date(now))).toBe(holder);
  });

  it.each(['2010-02-30', '10-03-2010', '2010-3-10', '', '2010-03-10T00:00:00Z'])('rejects a malformed date of birth %j', (dob) => {
    expect(() => currentConsentHolder(dob, NOW)).toThrow(RangeError);
  });
});

describe('consent edge cases (rule 6)', () => {
  const dob = '2010-03-10';
  const lastParentInstant = new Date('2026-06-26T23:59:59.999Z');
  const firstYoungPersonInstant = new Date('2026-06-27T00:00:00.000Z');
  const child = { ...CHILD, dateOfBirth: dob };

  it("a parent's consent lapses the day the young person takes over (CFA 2014 s.83(2))", () => {
    const consents = [consent({ givenBy: 'PARENT' })];
    expect(decideFieldAccess(educationReadByHealth({ child, consents, now: lastParentInstant }))).toEqual(CONSENT);
    expect(decideFieldAccess(educationReadByHealth({ child, consents, now: firstYoungPersonInstant }))).toEqual(CONSENT_REQUIRED);
  });

  it("the young person's consent counts only once they are the holder", () => {
    const consents = [consent({ givenBy: 'YOUNG_PERSON' })];
    expect(decideFieldAccess(educationReadByHealth({ child, consents, now: lastParentInstant }))).toEqual(CONSENT_REQUIRED);
    expect(decideFieldAccess(educationReadByHealth({ child, consents, now: firstYoungPersonInstant }))).toEqual(CONSENT);
  });

  it.each([
    ['another category', consent({ categories: ['HEALTH'] })],
    ['another agency', consent({ granteeAgency: 'SOCIAL_CARE' })],
    ['another organisation', consent({ granteeAgency: null, granteeOrg: ON_TEAM_ORG.SOCIAL_CARE })],
    ['no grantee at all', consent({ granteeAgency: null, granteeOrg: null })],
  ])('a grant naming %s does not release', (_what, c) => {
    expect(decideFieldAccess(educationReadByHealth({ consents: [c] }))).toEqual(CONSENT_REQUIRED);
  });

  it('a refusal beats a grant whatever the order', () => {
    const refusal = consent({ id: 'r', kind: 'REFUSAL' });
    expect(decideFieldAccess(educationReadByHealth({ consents: [refusal, consent()] }))).toEqual(CONSENT_REQUIRED);
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent(), refusal] }))).toEqual(CONSENT_REQUIRED);
  });

  it.each([
    ['from the non-current holder', consent({ id: 'r', kind: 'REFUSAL', givenBy: 'YOUNG_PERSON' })],
    ['that was withdrawn', consent({ id: 'r', kind: 'REFUSAL', withdrawnAt: at(-HOUR) })],
    ['that expired', consent({ id: 'r', kind: 'REFUSAL', validUntil: at(-1) })],
    ['for another category', consent({ id: 'r', kind: 'REFUSAL', categories: ['HEALTH'] })],
    ['naming someone else', consent({ id: 'r', kind: 'REFUSAL', granteeAgency: 'SOCIAL_CARE' })],
  ])('a refusal %s does not block a grant', (_what, refusal) => {
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent(), refusal] }))).toEqual(CONSENT);
  });

  it('a grant in force until a millisecond from now still releases; at now it does not', () => {
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent({ validUntil: at(1) })] }))).toEqual(CONSENT);
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent({ validUntil: NOW })] }))).toEqual(CONSENT_REQUIRED);
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent({ withdrawnAt: at(1) })] }))).toEqual(CONSENT);
    expect(decideFieldAccess(educationReadByHealth({ consents: [consent({ withdrawnAt: at(-1) })] }))).toEqual(CONSENT_REQUIRED);
  });

  it('an actor without an agency claim is not named by a consent without an agency', () => {
    const actor: Actor = { ...healthPractitioner, agency: null };
    const consents = [consent({ granteeAgency: null, granteeOrg: null })];
    expect(decideFieldAccess(educationReadByHealth({ actor, consents }))).toEqual(CONSENT_REQUIRED);
    // ...nor the owner of a section whose owner is unknown.
    expect(decideFieldAccess(educationReadByHealth({ actor, sectionOwner: null }))).toEqual(CONSENT_REQUIRED);
  });

  it('a consent covering SAFEGUARDING never releases it (only the recording organisation or break-glass)', () => {
    const actor: Actor = { sub: 'sc-2', org: OTHER_AUTHOR_ORG.SOCIAL_CARE, agency: 'SOCIAL_CARE', role: 'PRACTITIONER', areas: [AREA] };
    const consents = [consent({ categories: ['SAFEGUARDING'], granteeAgency: 'SOCIAL_CARE', granteeOrg: actor.org })];
    const req = educationReadByHealth({ actor, category: 'SAFEGUARDING', sectionOwner: 'SOCIAL_CARE', sectionAuthorOrg: ON_TEAM_ORG.SOCIAL_CARE, consents });
    expect(decideFieldAccess(req)).toEqual(FORBIDDEN);
  });
});

describe('break-glass edge cases (rule 7)', () => {
  it.each([
    ['another person at the same organisation', { actorSub: 'someone-else', actorOrg: healthPractitioner.org, expiresAt: at(HOUR) }],
    ['the same person at another organisation', { actorSub: healthPractitioner.sub, actorOrg: 'NHS-ELSEWHERE', expiresAt: at(HOUR) }],
    ['expired a millisecond ago', { actorSub: healthPractitioner.sub, actorOrg: healthPractitioner.org, expiresAt: at(-1) }],
  ])('a grant for %s does not count', (_what, grant) => {
    expect(decideFieldAccess(educationReadByHealth({ breakGlass: [grant] }))).toEqual(CONSENT_REQUIRED);
  });

  it('a grant expiring a millisecond from now still counts', () => {
    const grant = { actorSub: healthPractitioner.sub, actorOrg: healthPractitioner.org, expiresAt: at(1) };
    expect(decideFieldAccess(educationReadByHealth({ breakGlass: [grant] }))).toEqual(BREAK_GLASS);
  });

  it('ends when the organisation leaves the care team', () => {
    const grant = { actorSub: healthPractitioner.sub, actorOrg: healthPractitioner.org, expiresAt: at(HOUR) };
    const child = { ...CHILD, careTeam: CHILD.careTeam.filter((m) => m.org !== healthPractitioner.org) };
    expect(decideFieldAccess(educationReadByHealth({ child, breakGlass: [grant] }))).toEqual(FORBIDDEN);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties over arbitrary facts (small pools so that orgs, subjects and areas collide often)
// ---------------------------------------------------------------------------------------------------

const ORGS = [ON_TEAM_ORG.EDUCATION, ON_TEAM_ORG.HEALTH, ON_TEAM_ORG.SOCIAL_CARE, OTHER_AUTHOR_ORG.SOCIAL_CARE];
const SUBS = ['u1', 'u2', 'u3'];
const AREAS = [AREA, OTHER_AREA];
const NOWS = [NOW, new Date('2026-06-26T23:59:59.999Z'), new Date('2026-06-27T00:00:00.000Z')];

const arbInstantNear = (now: Date) => fc.integer({ min: -3, max: 3 }).map((h) => new Date(now.getTime() + h * HOUR));

const arbActor = (role?: Role): fc.Arbitrary<Actor> =>
  fc.record({
    sub: fc.constantFrom(...SUBS),
    org: fc.constantFrom(...ORGS),
    agency: fc.constantFrom<Agency | null>(...AGENCIES, null),
    role: role ? fc.constant(role) : fc.constantFrom(...ROLES),
    areas: fc.subarray(AREAS),
  });

const arbChild: fc.Arbitrary<ChildAccessFacts> = fc.record({
  id: fc.constant('child-1'),
  areaCode: fc.constantFrom(...AREAS),
  dateOfBirth: fc.constantFrom('2010-03-10', '2010-09-01', '2015-05-05', '2008-01-01'),
  careTeam: fc.array(fc.record({ org: fc.constantFrom(...ORGS), agency: fc.constantFrom(...AGENCIES) }), { maxLength: 4 }),
  family: fc.array(fc.record({ subject: fc.constantFrom(...SUBS), relationship: fc.constantFrom(...FAMILY_RELATIONSHIPS) }), { maxLength: 2 }),
});

const arbConsent = (now: Date): fc.Arbitrary<ConsentFacts> =>
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    kind: fc.constantFrom('GRANT' as const, 'REFUSAL' as const),
    categories: fc.subarray([...DATA_CATEGORIES], { minLength: 1 }),
    granteeAgency: fc.option(fc.constantFrom(...AGENCIES)),
    granteeOrg: fc.option(fc.constantFrom(...ORGS)),
    givenBy: fc.constantFrom(...FAMILY_RELATIONSHIPS),
    validUntil: fc.option(arbInstantNear(now)),
    withdrawnAt: fc.option(arbInstantNear(now)),
  });

const arbRequest = (opts: { role?: Role; category?: DataCategory; minConsents?: number } = {}): fc.Arbitrary<FieldAccessRequest> =>
  fc.constantFrom(...NOWS).chain((now) =>
    fc.record({
      actor: arbActor(opts.role),
      child: arbChild,
      category: opts.category ? fc.constant(opts.category) : fc.constantFrom(...DATA_CATEGORIES),
      sectionOwner: fc.option(fc.constantFrom(...AGENCIES)),
      sectionAuthorOrg: fc.option(fc.constantFrom(...ORGS)),
      consents: fc.array(arbConsent(now), { minLength: opts.minConsents ?? 0, maxLength: 4 }),
      breakGlass: fc.array(
        fc.record({ actorSub: fc.constantFrom(...SUBS), actorOrg: fc.constantFrom(...ORGS), expiresAt: arbInstantNear(now) }),
        { maxLength: 2 },
      ),
      now: fc.constant(now),
    }),
  );

const RUNS = { numRuns: 3000 };

describe('properties', () => {
  it('SAFEGUARDING is never released on CONSENT, FAMILY or STATUTORY, and OWNER only to the recording social care org', () => {
    fc.assert(
      fc.property(arbRequest({ category: 'SAFEGUARDING' }), (req) => {
        const d = decideFieldAccess(req);
        if (!d.allow) return;
        expect(['OWNER', 'BREAK_GLASS']).toContain(d.basis);
        if (d.basis === 'OWNER') {
          expect(req.actor.agency).toBe('SOCIAL_CARE');
          expect(req.actor.org).toBe(req.sectionAuthorOrg);
        }
        expect(req.actor.role).not.toBe('FAMILY');
      }),
      RUNS,
    );
  });

  it('COMMISSIONER is never allowed anything', () => {
    fc.assert(
      fc.property(arbRequest({ role: 'COMMISSIONER' }), (req) => {
        expect(canSeeChild(req.actor, req.child)).toBe(false);
        expect(decideFieldAccess(req)).toEqual(FORBIDDEN);
      }),
      RUNS,
    );
  });

  it('withdrawing a grant never widens access', () => {
    fc.assert(
      fc.property(arbRequest({ minConsents: 1 }), fc.nat(), fc.integer({ min: 0, max: 3 }), (req, pick, hoursAgo) => {
        const i = pick % req.consents.length;
        const given = { ...req.consents[i]!, kind: 'GRANT' as const };
        const before = { ...req, consents: req.consents.map((c, j) => (j === i ? given : c)) };
        const withdrawn = { ...given, withdrawnAt: new Date(req.now.getTime() - hoursAgo * HOUR) };
        const after = { ...req, consents: req.consents.map((c, j) => (j === i ? withdrawn : c)) };
        if (decideFieldAccess(after).allow) expect(decideFieldAccess(before).allow).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding a refusal never widens access', () => {
    fc.assert(
      fc.property(arbRequest(), arbConsent(NOW), (req, extra) => {
        const refusal = { ...extra, kind: 'REFUSAL' as const, validUntil: null, withdrawnAt: null };
        const after = { ...req, consents: [...req.consents, refusal] };
        if (decideFieldAccess(after).allow) expect(decideFieldAccess(req).allow).toBe(true);
      }),
      RUNS,
    );
  });

  it('DPO only ever gets IDENTITY, on the statutory basis', () => {
    fc.assert(
      fc.property(arbRequest({ role: 'DPO' }), (req) => {
        const d = decideFieldAccess(req);
        if (d.allow) {
          expect(req.category).toBe('IDENTITY');
          expect(d.basis).toBe('STATUTORY');
        }
      }),
      RUNS,
    );
  });

  it('nothing is released about a child the actor cannot see', () => {
    fc.assert(
      fc.property(arbRequest(), (req) => {
        if (!canSeeChild(req.actor, req.child)) expect(decideFieldAccess(req)).toEqual(FORBIDDEN);
      }),
      RUNS,
    );
  });
});
