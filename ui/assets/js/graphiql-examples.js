/**
 * Saved example operations for each demo role's real jobs, opened as GraphiQL tabs when a role is
 * chosen. Keys are the demo-role keys of seeds/demo-areas.ts (POST /dev/token).
 */
const AREA = 'E09000033';

const tab = (query, variables) => ({ query: query.trim() + '\n', variables: variables ? JSON.stringify(variables, null, 2) : undefined });

export const EXAMPLES = {
  coordinator: [
    tab(`
# Your caseload: every child of your area with the plan's statutory dates.
query Caseload($after: String) {
  children(first: 50, after: $after) {
    edges {
      node {
        id givenName familyName dateOfBirth locality
        plan { status requestReceivedOn decisionDue finalPlanDue nextReviewDue overdue }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`),
    tab(`
# Register a child, then start the statutory clock (CFA 2014 s.36(1)).
# An NHS number already held is CONFLICT; 9449305552 is a valid test number.
mutation RegisterChild($input: RegisterChildInput!) {
  registerChild(input: $input) { id givenName familyName areaCode }
}`, { input: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2016-05-04', areaCode: AREA, locality: 'Pimlico', postcode: 'SW1V 3AA' } }),
    tab(`
# Start the 20-week clock for a registered child (paste the id from RegisterChild or Caseload).
mutation RequestAssessment($childId: ID!, $receivedOn: Date!) {
  requestAssessment(childId: $childId, receivedOn: $receivedOn) { status decisionDue finalPlanDue }
}`, { childId: 'paste a child id', receivedOn: new Date().toISOString().slice(0, 10) }),
  ],
  health: [
    tab(`
# Advice the council asked your organisation for (reg 6(1)): due 6 weeks after the request.
query MyAdviceRequests {
  myAdviceRequests { id childId agency requestedOn dueOn overdue providedOn }
}`),
    tab(`
# Children whose care team includes your organisation.
query MyChildren {
  children(first: 20) {
    edges { node { id givenName familyName section(code: C) { version updatedAt authorOrg } } }
  }
}`),
    tab(`
# Write section C (health needs). Your agency must own the section; send the version you edited.
mutation ContributeSectionC($input: ContributeSectionInput!) {
  contributeSection(input: $input) { code version agency authorOrg updatedAt entries { key category value } }
}`, { input: { childId: 'paste a child id from MyChildren', code: 'C', entries: [{ key: 'health-needs', value: 'Asthma, managed with an inhaler; annual review with the community paediatrician.' }] } }),
  ],
  'social-care': [
    tab(`
# Children whose care team includes your organisation.
query MyChildren {
  children(first: 20) {
    edges { node { id givenName familyName section(code: D) { version updatedAt } } }
  }
}`),
    tab(`
# Write section D (social care needs).
mutation ContributeSectionD($input: ContributeSectionInput!) {
  contributeSection(input: $input) { code version agency authorOrg entries { key category value } }
}`, { input: { childId: 'paste a child id from MyChildren', code: 'D', entries: [{ key: 'social-care-needs', value: 'Short breaks twice a month to support the family.' }] } }),
  ],
  school: [
    tab(`
# Pupils whose care team includes your school. Sections the council owns show only where the
# family has consented to your school seeing them; the rest are withheld, not missing.
query MyPupils {
  children(first: 20) {
    edges { node { id givenName familyName sections { code version entries { key value } } } }
  }
}`),
  ],
  family: [
    tab(`
# Your child's record, the consents you have given, and who has seen the record.
query MyChildsRecord {
  children(first: 5) {
    edges {
      node {
        id givenName familyName dateOfBirth
        plan { status finalPlanDue nextReviewDue }
        sections { code version entries { key value } }
        consents { id kind categories granteeAgency granteeOrg validUntil withdrawnAt active }
      }
    }
  }
  accessLog(first: 20) {
    edges { node { at actorOrg action basis categories sections } }
  }
}`),
    tab(`
# Let health organisations on the care team read the health parts of the record.
mutation GiveConsent($input: GrantConsentInput!) {
  grantConsent(input: $input) { id categories granteeAgency active }
}`, { input: { childId: 'paste the id from MyChildsRecord', categories: ['HEALTH'], granteeAgency: 'HEALTH' } }),
    tab(`
# Withdraw a consent: takes effect from the very next request.
mutation WithdrawConsent($id: ID!) {
  withdrawConsent(id: $id) { id withdrawnAt active }
}`, { id: 'paste a consent id from MyChildsRecord' }),
  ],
  commissioner: [
    tab(`
# Need by primary need and locality: protected counts; a withheld cell is null, never 0.
query NeedByLocality($area: String!) {
  areaNeeds(areaCode: $area, groupBy: [PRIMARY_NEED, LOCALITY]) {
    cells { key { dimension value } count suppressed }
    total totalSuppressed disclosureControl
  }
}`, { area: AREA }),
    tab(`
# Final plans within 20 weeks, and provision and personal budgets today.
query TimelinessAndProvision($area: String!, $year: Int!) {
  areaTimeliness(areaCode: $area, year: $year) {
    year issued { count suppressed } withinTwentyWeeks { count suppressed } percentage
  }
  areaProvision(areaCode: $area) {
    provision { provisionType children suppressed }
    personalBudgets { form children childrenSuppressed annualPence annualSuppressed }
  }
}`, { area: AREA, year: new Date().getUTCFullYear() - 1 }),
  ],
  dpo: [
    tab(`
# The access timeline of your areas, newest first. Filter by childId, actorOrg, basis, from, to.
query AccessLog($filter: AccessLogFilter) {
  accessLog(filter: $filter, first: 50) {
    edges { node { at actorSub actorOrg actorRole childId action basis categories sections flags operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`, { filter: { basis: 'BREAK_GLASS' } }),
    tab(`
# Recompute the audit hash chain, and list emergency accesses waiting for review.
query ChainAndReviews {
  auditChainStatus { intact length firstBrokenAt }
  breakGlassReviews(pending: true) { id childId actorSub actorOrg reason createdAt expiresAt }
}`),
    tab(`
# Record whether an emergency access was justified (once per access).
mutation ReviewBreakGlass($id: ID!, $outcome: BreakGlassOutcome!, $note: String!) {
  reviewBreakGlass(id: $id, outcome: $outcome, note: $note) { id outcome reviewedAt reviewedBySub }
}`, { id: 'paste an id from ChainAndReviews', outcome: 'JUSTIFIED', note: 'Emergency admission; the paediatrician needed the care plan.' }),
  ],
};

/** A first tab for a hub without demo roles: how to send your own token. */
export const WITHOUT_DEMO_ROLES = [tab(`
# Paste your token into the Headers tab below:
#   { "Authorization": "Bearer <your token>" }
query Me {
  me { sub role org agency areas }
}`)];
