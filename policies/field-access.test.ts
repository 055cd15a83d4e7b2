/**
 * Decision table for the field access decision (docs/access-rules.md).
 *
 * The table below is written out by hand, row by row, and never calls the implementation: one row per
 * actor profile (each role with every relationship set it can have, and the tokens that must not turn
 * into one: an organisation claiming another agency than the care team records, a coordinator with a
 * health token, a parent of a young person), one hand-decided cell per data category. A cell names who
 * wrote the value where that matters (the actor's own organisation / another organisation / addressed to
 * the agency) and expands, through the LEGEND, over every consent state and break-glass state.
 * Each hand-decided cell is one test; guards fail when a profile or category has no cell (for instance
 * a new category or role is added to the vocabulary without a decision here).
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
  claimsAnotherAgency,
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
const PARENT_SUB = 'family-sub-1';
const YOUNG_PERSON_SUB = 'family-sub-yp';

/** One organisation per agency on the care team, and a second one per agency that authors sections. */
const ON_TEAM_ORG: Record<Agency, string> = { EDUCATION: 'EDU-SCHOOL-1', HEALTH: 'NHS-TRUST-1', SOCIAL_CARE: 'SC-TEAM-1' };
const OTHER_AUTHOR_ORG: Record<Agency, string> = { EDUCATION: 'EDU-SCHOOL-2', HEALTH: 'NHS-TRUST-2', SOCIAL_CARE: 'SC-TEAM-2' };
const OFF_TEAM_ORG: Record<Agency, string> = { EDUCATION: 'EDU-ELSEWHERE', HEALTH: 'NHS-ELSEWHERE', SOCIAL_CARE: 'SC-ELSEWHERE' };

const CARE_TEAM = [
  ...AGENCIES.map((agency) => ({ org: ON_TEAM_ORG[agency], agency })),
  ...AGENCIES.map((agency) => ({ org: OTHER_AUTHOR_ORG[agency], agency })),
];

/** Born 2015: on NOW (aged 10) the parent decides (written out, not computed by the code under test). */
const CHILD: ChildAccessFacts = {
  id: 'child-1',
  areaCode: AREA,
  dateOfBirth: '2015-05-05',
  careTeam: CARE_TEAM,
  family: [{ subject: PARENT_SUB, relationship: 'PARENT' }],
};

/** Born 2004: on NOW (aged 21) the young person decides (CFA 2014 s.83(2)); the parent is still linked. */
const YOUNG_PERSON: ChildAccessFacts = {
  id: 'child-2',
  areaCode: AREA,
  dateOfBirth: '2004-01-10',
  careTeam: CARE_TEAM,
  family: [
    { subject: PARENT_SUB, relationship: 'PARENT' },
    { subject: YOUNG_PERSON_SUB, relationship: 'YOUNG_PERSON' },
  ],
};

/** The same young person, recorded as lacking capacity to decide (Mental Capacity Act 2005; reg 64). */
const YOUNG_PERSON_LACKING_CAPACITY: ChildAccessFacts = { ...YOUNG_PERSON, id: 'child-3', lacksCapacity: true };

/** The agency responsible for the section a value of each category comes from (src/domain/sections.ts). */
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
// Actor profiles, written out. Non-family actors carry the linked parent's subject, and roles whose
// relationship does not come from an area carry the child's area, so that a relationship leaking across
// roles would show up in the table. `holder` is who decides for the profile's child on NOW.
// ---------------------------------------------------------------------------------------------------

interface Profile {
  key: string;
  actor: Actor;
  child: ChildAccessFacts;
  holder: FamilyRelationship;
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

const sub = PARENT_SUB;
const worker = (role: Role, org: string, agency: Agency | null, areas: string[]): Actor => ({ sub, org, agency, role, areas });
const familyActor = (subject: string): Actor => ({ sub: subject, org: ON_TEAM_ORG.SOCIAL_CARE, agency: 'SOCIAL_CARE', role: 'FAMILY', areas: [AREA] });
const onChild = (key: string, actor: Actor, rels: Relationship[]): Profile => ({ key, actor, child: CHILD, holder: 'PARENT', rels });
const onYoungPerson = (key: string, actor: Actor, child: ChildAccessFacts, rels: Relationship[]): Profile => ({ key, actor, child, holder: 'YOUNG_PERSON', rels });

// prettier-ignore
const PROFILES: Profile[] = [
  onChild('practitioner EDUCATION off the team',                worker('PRACTITIONER', OFF_TEAM_ORG.EDUCATION, 'EDUCATION', [AREA]), []),
  onChild('practitioner HEALTH off the team',                   worker('PRACTITIONER', OFF_TEAM_ORG.HEALTH, 'HEALTH', [AREA]), []),
  onChild('practitioner SOCIAL_CARE off the team',              worker('PRACTITIONER', OFF_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), []),
  onChild('practitioner EDUCATION on the team (school)',        worker('PRACTITIONER', ON_TEAM_ORG.EDUCATION, 'EDUCATION', [AREA]), ['CARE_TEAM']),
  onChild('practitioner HEALTH on the team',                    worker('PRACTITIONER', ON_TEAM_ORG.HEALTH, 'HEALTH', [AREA]), ['CARE_TEAM']),
  onChild('practitioner SOCIAL_CARE on the team',               worker('PRACTITIONER', ON_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), ['CARE_TEAM']),
  // The care team records the organisation as EDUCATION: a HEALTH token for it is no member at all.
  onChild('practitioner HEALTH token, team org is EDUCATION',  worker('PRACTITIONER', ON_TEAM_ORG.EDUCATION, 'HEALTH', [AREA]), []),
  onChild('practitioner without agency at a team org',          worker('PRACTITIONER', ON_TEAM_ORG.HEALTH, null, [AREA]), []),

  onChild('coordinator EDUCATION off the team, other area',     worker('CASE_COORDINATOR', OFF_TEAM_ORG.EDUCATION, 'EDUCATION', [OTHER_AREA]), []),
  onChild('coordinator EDUCATION on the team, other area',      worker('CASE_COORDINATOR', ON_TEAM_ORG.EDUCATION, 'EDUCATION', [OTHER_AREA]), ['CARE_TEAM']),
  onChild('coordinator EDUCATION off the team, child area',     worker('CASE_COORDINATOR', OFF_TEAM_ORG.EDUCATION, 'EDUCATION', [OTHER_AREA, AREA]), ['COORDINATOR']),
  onChild('coordinator EDUCATION on the team, child area',      worker('CASE_COORDINATOR', ON_TEAM_ORG.EDUCATION, 'EDUCATION', [AREA]), ['CARE_TEAM', 'COORDINATOR']),
  // The council SEN team acts on an EDUCATION token only (CFA 2014 s.36-37).
  onChild('coordinator HEALTH off the team, child area',        worker('CASE_COORDINATOR', OFF_TEAM_ORG.HEALTH, 'HEALTH', [AREA]), []),
  onChild('coordinator SOCIAL_CARE off the team, child area',   worker('CASE_COORDINATOR', OFF_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), []),
  onChild('coordinator HEALTH on the team, child area',         worker('CASE_COORDINATOR', ON_TEAM_ORG.HEALTH, 'HEALTH', [AREA]), ['CARE_TEAM']),
  onChild('coordinator SOCIAL_CARE on the team, child area',    worker('CASE_COORDINATOR', ON_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), ['CARE_TEAM']),

  // Family members sit at an organisation on the care team with a social care agency claim: neither may
  // turn into a care team relationship (OWNER of section D, or of safeguarding content).
  onChild('family unlinked',                                    familyActor('family-sub-unlinked'), []),
  onChild('family parent, who decides',                         familyActor(PARENT_SUB), ['FAMILY']),
  onYoungPerson('family young person, who decides',             familyActor(YOUNG_PERSON_SUB), YOUNG_PERSON, ['FAMILY']),
  onYoungPerson('family parent of a young person',              familyActor(PARENT_SUB), YOUNG_PERSON, ['FAMILY']),
  onYoungPerson('family parent of a young person lacking capacity', familyActor(PARENT_SUB), YOUNG_PERSON_LACKING_CAPACITY, ['FAMILY']),

  onChild('commissioner at a team org, child area',             worker('COMMISSIONER', ON_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), []),

  onChild('dpo, other area',                                    worker('DPO', ON_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [OTHER_AREA]), []),
  onChild('dpo, child area',                                    worker('DPO', ON_TEAM_ORG.SOCIAL_CARE, 'SOCIAL_CARE', [AREA]), ['OVERSIGHT']),
];

// ---------------------------------------------------------------------------------------------------
// The expectation table, by hand.
//
// Cell codes (the legend below spells each out over consent × break-glass):
//   S  STATUTORY      F  FAMILY      O  OWNER      X  FORBIDDEN whatever the consents or grants
//   C  consent-releasable, care team member: CONSENT with a grant naming their agency or organisation,
//      else BREAK_GLASS with an active grant, else CONSENT_REQUIRED
//   Cn consent-releasable, coordinator not on the care team (cannot break glass): CONSENT or CONSENT_REQUIRED
//   Cf consent-releasable, a parent of a young person who decides: CONSENT only with a grant naming the
//      parent themselves (CFA 2014 s.83(2)), else CONSENT_REQUIRED
//   B  break-glass only: BREAK_GLASS with an active grant, else FORBIDDEN
// A cell "a/b/c" reads by who wrote the value: the actor's own organisation / another organisation of the
// agency / addressed to the agency with no organisation (an advice request, reg 6). A plain cell is the
// same for all three.
// ---------------------------------------------------------------------------------------------------

type Code = 'S' | 'F' | 'O' | 'X' | 'C' | 'Cn' | 'Cf' | 'B';
type Cell = Code | `${Code}/${Code}/${Code}`;

const COLUMNS = ['IDENTITY', 'VIEWS', 'EDUCATION', 'HEALTH', 'HEALTH_SENSITIVE', 'SOCIAL_CARE', 'SAFEGUARDING', 'FINANCIAL'] as const;

const NOBODY: readonly Cell[] = ['X', 'X', 'X', 'X', 'X', 'X', 'X', 'X'];
// A school, a council officer on the team outside their area: owners of what their own organisation wrote.
const EDUCATION_ON_TEAM: readonly Cell[] = ['S', 'O/C/O', 'O/C/O', 'C', 'C', 'C', 'B', 'O/C/O'];
const HEALTH_ON_TEAM: readonly Cell[] = ['S', 'C', 'C', 'O/C/O', 'O/C/O', 'C', 'B', 'C'];
const SOCIAL_CARE_ON_TEAM: readonly Cell[] = ['S', 'C', 'C', 'C', 'C', 'O/C/O', 'O/B/B', 'C'];
const DECIDES: readonly Cell[] = ['F', 'F', 'F', 'F', 'F', 'F', 'X', 'F'];

// prettier-ignore
const EXPECTED: Record<string, readonly Cell[]> = {
  //                                                          IDENT  VIEWS    EDUC     HEALTH   H_SENS   SOC_CARE  SAFEG    FIN
  'practitioner EDUCATION off the team':                      NOBODY,
  'practitioner HEALTH off the team':                         NOBODY,
  'practitioner SOCIAL_CARE off the team':                    NOBODY,
  'practitioner EDUCATION on the team (school)':              EDUCATION_ON_TEAM,
  'practitioner HEALTH on the team':                          HEALTH_ON_TEAM,
  'practitioner SOCIAL_CARE on the team':                     SOCIAL_CARE_ON_TEAM,
  'practitioner HEALTH token, team org is EDUCATION':         NOBODY,
  'practitioner without agency at a team org':                NOBODY,

  'coordinator EDUCATION off the team, other area':           NOBODY,
  'coordinator EDUCATION on the team, other area':            EDUCATION_ON_TEAM,
  'coordinator EDUCATION off the team, child area':           ['S',  'S',     'S',     'S',     'Cn',    'S',      'X',     'S'],
  'coordinator EDUCATION on the team, child area':            ['S',  'O/S/O', 'O/S/O', 'S',     'C',     'S',      'B',     'O/S/O'],
  'coordinator HEALTH off the team, child area':              NOBODY,
  'coordinator SOCIAL_CARE off the team, child area':         NOBODY,
  'coordinator HEALTH on the team, child area':               HEALTH_ON_TEAM,
  'coordinator SOCIAL_CARE on the team, child area':          SOCIAL_CARE_ON_TEAM,

  'family unlinked':                                          NOBODY,
  'family parent, who decides':                               DECIDES,
  'family young person, who decides':                         DECIDES,
  'family parent of a young person':                          ['F',  'Cf',    'Cf',    'Cf',    'Cf',    'Cf',     'X',     'Cf'],
  'family parent of a young person lacking capacity':         DECIDES,

  'commissioner at a team org, child area':                   NOBODY,

  'dpo, other area':                                          NOBODY,
  'dpo, child area':                                          ['S',  'X',     'X',     'X',     'X',     'X',      'X',     'X'],
};

const CONSENT_STATES = [
  'NONE',
  'GRANT_TO_AGENCY',
  'GRANT_TO_ORG',
  'GRANT_TO_SUBJECT',
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
  GRANT_TO_SUBJECT: [o, o, o],
  GRANT_FROM_NON_HOLDER: [o, o, o],
  EXPIRED_GRANT: [o, o, o],
  WITHDRAWN_GRANT: [o, o, o],
  GRANT_AND_REFUSAL: [o, o, o],
});

const CR = 'CONSENT_REQUIRED';
const BG = 'BREAK_GLASS';

// prettier-ignore
const LEGEND: Record<Code, Record<ConsentState, ByBreakGlass>> = {
  S: always('STATUTORY'),
  F: always('FAMILY'),
  O: always('OWNER'),
  X: always('FORBIDDEN'),
  //                         break-glass: NONE         ACTIVE       EXPIRED
  C: {
    NONE:                    [CR,          BG,          CR],
    GRANT_TO_AGENCY:         ['CONSENT',   'CONSENT',   'CONSENT'],
    GRANT_TO_ORG:            ['CONSENT',   'CONSENT',   'CONSENT'],
    GRANT_TO_SUBJECT:        [CR,          BG,          CR],          // a subject names a family member only
    GRANT_FROM_NON_HOLDER:   [CR,          BG,          CR],
    EXPIRED_GRANT:           [CR,          BG,          CR],
    WITHDRAWN_GRANT:         [CR,          BG,          CR],
    GRANT_AND_REFUSAL:       [CR,          BG,          CR],
  },
  Cn: {
    NONE:                    [CR,          CR,          CR],
    GRANT_TO_AGENCY:         ['CONSENT',   'CONSENT',   'CONSENT'],
    GRANT_TO_ORG:            ['CONSENT',   'CONSENT',   'CONSENT'],
    GRANT_TO_SUBJECT:        [CR,          CR,          CR],
    GRANT_FROM_NON_HOLDER:   [CR,          CR,          CR],
    EXPIRED_GRANT:           [CR,          CR,          CR],
    WITHDRAWN_GRANT:         [CR,          CR,          CR],
    GRANT_AND_REFUSAL:       [CR,          CR,          CR],
  },
  Cf: {
    NONE:                    [CR,          CR,          CR],
    GRANT_TO_AGENCY:         [CR,          CR,          CR],          // a family member is no agency...
    GRANT_TO_ORG:            [CR,          CR,          CR],          // ...nor an organisation
    GRANT_TO_SUBJECT:        ['CONSENT',   'CONSENT',   'CONSENT'],
    GRANT_FROM_NON_HOLDER:   [CR,          CR,          CR],
    EXPIRED_GRANT:           [CR,          CR,          CR],
    WITHDRAWN_GRANT:         [CR,          CR,          CR],
    GRANT_AND_REFUSAL:       [CR,          CR,          CR],
  },
  B: {
    NONE:                    ['FORBIDDEN', BG,          'FORBIDDEN'],
    GRANT_TO_AGENCY:         ['FORBIDDEN', BG,          'FORBIDDEN'],
    GRANT_TO_ORG:            ['FORBIDDEN', BG,          'FORBIDDEN'],
    GRANT_TO_SUBJECT:        ['FORBIDDEN', BG,          'FORBIDDEN'],
    GRANT_FROM_NON_HOLDER:   ['FORBIDDEN', BG,          'FORBIDDEN'],
    EXPIRED_GRANT:           ['FORBIDDEN', BG,          'FORBIDDEN'],
    WITHDRAWN_GRANT:         ['FORBIDDEN', BG,          'FORBIDDEN'],
    GRANT_AND_REFUSAL:       ['FORBIDDEN', BG,          'FORBIDDEN'],
  },
};

// ---------------------------------------------------------------------------------------------------
// Building the cases
// ---------------------------------------------------------------------------------------------------

const AUTHORS = ['SELF', 'OTHER', 'AGENCY'] as const;
type Author = (typeof AUTHORS)[number] | 'NONE';

/** One hand-decided cell: a profile and a category, expanded over authorship × consent × break-glass. */
interface CellCase {
  label: string;
  profile: Profile;
  category: DataCategory;
  cell: Cell | undefined;
}

interface Case {
  profile: Profile;
  category: DataCategory;
  author: Author;
  consent: ConsentState;
  breakGlass: BreakGlassState;
  req: FieldAccessRequest;
}

/** How a consent names this actor when it names them at all: a family member by subject, others by agency. */
const naming = (actor: Actor): Partial<ConsentFacts> =>
  actor.role === 'FAMILY' ? { granteeSubject: actor.sub } : { granteeAgency: actor.agency };

function consentsFor(state: ConsentState, profile: Profile, category: DataCategory): ConsentFacts[] {
  const { actor, holder } = profile;
  const notHolder: FamilyRelationship = holder === 'PARENT' ? 'YOUNG_PERSON' : 'PARENT';
  const grant = (over: Partial<ConsentFacts>): ConsentFacts => ({
    id: 'consent-grant',
    kind: 'GRANT',
    categories: [category],
    granteeAgency: null,
    granteeOrg: null,
    granteeSubject: null,
    givenBy: holder,
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
    case 'GRANT_TO_SUBJECT':
      return [grant({ granteeSubject: actor.sub })];
    case 'GRANT_FROM_NON_HOLDER':
      return [grant({ ...naming(actor), givenBy: notHolder })];
    case 'EXPIRED_GRANT': // expires at this very instant: counts as none (policies/field-access.ts rule 6)
      return [grant({ ...naming(actor), validUntil: NOW })];
    case 'WITHDRAWN_GRANT': // withdrawn at this very instant: counts as none from this request on
      return [grant({ ...naming(actor), withdrawnAt: NOW })];
    case 'GRANT_AND_REFUSAL': {
      // a professional's refusal names the organisation, the grant the agency: refusal wins
      const refusalNames = actor.role === 'FAMILY' ? naming(actor) : { granteeOrg: actor.org };
      return [grant(naming(actor)), grant({ id: 'consent-refusal', kind: 'REFUSAL', ...refusalNames })];
    }
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
  if (author === 'NONE' || author === 'AGENCY' || owner === null) return null;
  return author === 'SELF' ? actor.org : OTHER_AUTHOR_ORG[owner];
}

const CELLS: CellCase[] = PROFILES.flatMap((profile) =>
  DATA_CATEGORIES.map((category) => ({
    label: `${profile.key}: ${category}`,
    profile,
    category,
    cell: EXPECTED[profile.key]?.[COLUMNS.indexOf(category)],
  })),
);

/** Every authorship × consent × break-glass case of one cell. */
function casesOf({ profile, category }: CellCase): Case[] {
  const owner = SECTION_OWNER_OF[category];
  const authors: readonly Author[] = owner === null ? ['NONE'] : AUTHORS;
  const { actor } = profile;
  return authors.flatMap((author) =>
    CONSENT_STATES.flatMap((consent) =>
      BREAK_GLASS_STATES.map((breakGlass) => ({
        profile,
        category,
        author,
        consent,
        breakGlass,
        req: {
          actor,
          child: profile.child,
          category,
          sectionOwner: owner,
          sectionAuthorOrg: authorOrg(author, actor, owner),
          consents: consentsFor(consent, profile, category),
          breakGlass: breakGlassFor(breakGlass, actor),
          now: NOW,
        },
      })),
    ),
  );
}

/** The code a cell gives for one authorship; undefined when the cell is malformed for it. */
function codeFor(cell: Cell, author: Author): Code | undefined {
  const parts = cell.split('/') as Code[];
  if (parts.length === 1) return parts[0];
  if (author === 'NONE') return undefined; // a split cell on an authorless field
  return parts[AUTHORS.indexOf(author)];
}

function expectedOutcome(cell: Cell, c: Case): Outcome | undefined {
  const code = codeFor(cell, c.author);
  return code === undefined ? undefined : LEGEND[code][c.consent][BREAK_GLASS_STATES.indexOf(c.breakGlass)];
}

function asDecision(o: Outcome): FieldAccessDecision {
  return o === 'CONSENT_REQUIRED' || o === 'FORBIDDEN' ? { allow: false, basis: 'DENIED', reason: o } : { allow: true, basis: o };
}

const describeCase = (c: Case) => `author=${c.author} consent=${c.consent} breakGlass=${c.breakGlass}`;

// ---------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------

describe('decision table guards', () => {
  it('has a hand-decided cell for every profile and category, well formed for its authorships', () => {
    const missing = CELLS.filter((c) => c.cell === undefined).map((c) => c.label);
    expect(missing).toEqual([]);
    const malformed = CELLS.filter((c) => casesOf(c).some((k) => expectedOutcome(c.cell!, k) === undefined)).map((c) => c.label);
    expect(malformed).toEqual([]);
  });

  it('has no stale rows, unique profile keys, and the table columns are exactly the vocabulary categories', () => {
    expect(new Set(PROFILES.map((p) => p.key)).size).toBe(PROFILES.length);
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

  it('counts what it checks: 24 profiles × 8 categories hand-decided, expanded to every case', () => {
    expect(CELLS).toHaveLength(24 * 8);
    // IDENTITY has no author; the 7 other categories have 3 authorships; 8 consent × 3 break-glass states.
    const cases = CELLS.flatMap(casesOf);
    expect(cases).toHaveLength(24 * (1 + 7 * 3) * 8 * 3);
  });

  it('reaches every basis and both withholding reasons', () => {
    const reached = new Set(CELLS.flatMap((c) => casesOf(c).map((k) => expectedOutcome(c.cell!, k))));
    expect([...reached].sort()).toEqual(
      ['BREAK_GLASS', 'CONSENT', 'CONSENT_REQUIRED', 'FAMILY', 'FORBIDDEN', 'OWNER', 'STATUTORY'].sort(),
    );
  });
});

describe('relationships', () => {
  it.each(PROFILES)('$key', ({ actor, child, rels }) => {
    expect([...relationshipsOf(actor, child)].sort()).toEqual([...rels].sort());
    expect(canSeeChild(actor, child)).toBe(rels.length > 0);
  });

  it('a token claiming another agency than the care team records for its organisation is refused', () => {
    const claimsOther = PROFILES.filter((p) => claimsAnotherAgency(p.actor, p.child)).map((p) => p.key);
    expect(claimsOther.sort()).toEqual(['practitioner HEALTH token, team org is EDUCATION', 'practitioner without agency at a team org']);
  });
});

describe('decideFieldAccess decision table (one test per hand-decided cell)', () => {
  it.each(CELLS)('$label', (cell) => {
    expect(cell.cell, 'no hand-decided cell').toBeDefined();
    const wrong = casesOf(cell)
      .map((c) => ({ c, expected: asDecision(expectedOutcome(cell.cell!, c)!), got: decideFieldAccess(c.req) }))
      .filter(({ expected, got }) => JSON.stringify(expected) !== JSON.stringify(got))
      .map(({ c, expected, got }) => `${describeCase(c)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Edge cases the table holds fixed
// ---------------------------------------------------------------------------------------------------

const healthPractitioner: Actor = { sub: 'hp-1', org: ON_TEAM_ORG.HEALTH, agency: 'HEALTH', role: 'PRACTITIONER', areas: [AREA] };
const schoolPractitioner: Actor = { sub: 'sp-1', org: ON_TEAM_ORG.EDUCATION, agency: 'EDUCATION', role: 'PRACTITIONER', areas: [AREA] };

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

  it('a token without an agency claim is no member of the care team, so no consent can name it', () => {
    // The care team records the agency of each organisation, and that record is the truth: a token for a
    // team organisation that claims no agency (or another one) is refused, whatever the consents say.
    const actor: Actor = { ...healthPractitioner, agency: null };
    const consents = [consent({ granteeAgency: null, granteeOrg: null }), consent({ granteeAgency: null, granteeOrg: actor.org })];
    expect(claimsAnotherAgency(actor, CHILD)).toBe(true);
    expect(decideFieldAccess(educationReadByHealth({ actor, consents }))).toEqual(FORBIDDEN);
    expect(decideFieldAccess(educationReadByHealth({ actor, sectionOwner: null }))).toEqual(FORBIDDEN);
  });

  it('a grant of the more sensitive category covers the less sensitive one of its agency, not the reverse', () => {
    const health = (over: Partial<FieldAccessRequest>) =>
      educationReadByHealth({ actor: schoolPractitioner, sectionOwner: 'HEALTH', sectionAuthorOrg: ON_TEAM_ORG.HEALTH, ...over });
    const toSchool = (categories: DataCategory[], kind: ConsentFacts['kind'] = 'GRANT') =>
      consent({ id: `${kind}-${categories.join()}`, kind, categories, granteeAgency: 'EDUCATION' });
    // Agreeing to share HEALTH_SENSITIVE agrees to HEALTH too...
    expect(decideFieldAccess(health({ category: 'HEALTH', consents: [toSchool(['HEALTH_SENSITIVE'])] }))).toEqual(CONSENT);
    // ...agreeing to HEALTH does not agree to HEALTH_SENSITIVE...
    expect(decideFieldAccess(health({ category: 'HEALTH_SENSITIVE', consents: [toSchool(['HEALTH'])] }))).toEqual(CONSENT_REQUIRED);
    // ...refusing HEALTH refuses HEALTH_SENSITIVE too...
    const refusedBase = [toSchool(['HEALTH_SENSITIVE']), toSchool(['HEALTH'], 'REFUSAL')];
    expect(decideFieldAccess(health({ category: 'HEALTH_SENSITIVE', consents: refusedBase }))).toEqual(CONSENT_REQUIRED);
    // ...and refusing HEALTH_SENSITIVE leaves a HEALTH grant standing.
    const refusedRaised = [toSchool(['HEALTH']), toSchool(['HEALTH_SENSITIVE'], 'REFUSAL')];
    expect(decideFieldAccess(health({ category: 'HEALTH', consents: refusedRaised }))).toEqual(CONSENT);
    // The same holds for social care, but SAFEGUARDING is never released by consent (rule 2b).
    const socialCare = { sectionOwner: 'SOCIAL_CARE' as const, sectionAuthorOrg: ON_TEAM_ORG.SOCIAL_CARE };
    expect(decideFieldAccess(health({ ...socialCare, category: 'SOCIAL_CARE', consents: [toSchool(['SAFEGUARDING'])] }))).toEqual(CONSENT);
    expect(decideFieldAccess(health({ ...socialCare, category: 'SAFEGUARDING', consents: [toSchool(['SAFEGUARDING'])] }))).toEqual(FORBIDDEN);
  });

  it('a young person shares with their parent by naming the parent, and only they can (CFA 2014 s.83(2))', () => {
    const parent: Actor = { sub: PARENT_SUB, org: 'FAMILY', agency: null, role: 'FAMILY', areas: [] };
    const read = (consents: ConsentFacts[]) => decideFieldAccess(educationReadByHealth({ actor: parent, child: YOUNG_PERSON, consents }));
    const toParent = (givenBy: FamilyRelationship) => consent({ granteeAgency: null, granteeSubject: PARENT_SUB, givenBy });
    expect(read([toParent('YOUNG_PERSON')])).toEqual(CONSENT);
    expect(read([toParent('PARENT')])).toEqual(CONSENT_REQUIRED); // the parent cannot consent to themselves
    expect(read([consent({ granteeAgency: null, granteeSubject: 'someone-else', givenBy: 'YOUNG_PERSON' })])).toEqual(CONSENT_REQUIRED);
    expect(read([])).toEqual(CONSENT_REQUIRED);
    // Identity is the family's own data either way.
    expect(decideFieldAccess(educationReadByHealth({ actor: parent, child: YOUNG_PERSON, category: 'IDENTITY', sectionOwner: null, sectionAuthorOrg: null }))).toEqual({ allow: true, basis: 'FAMILY' });
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
  lacksCapacity: fc.boolean(),
});

const arbConsent = (now: Date): fc.Arbitrary<ConsentFacts> =>
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    kind: fc.constantFrom('GRANT' as const, 'REFUSAL' as const),
    categories: fc.subarray([...DATA_CATEGORIES], { minLength: 1 }),
    granteeAgency: fc.option(fc.constantFrom(...AGENCIES)),
    granteeOrg: fc.option(fc.constantFrom(...ORGS)),
    granteeSubject: fc.option(fc.constantFrom(...SUBS)),
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
