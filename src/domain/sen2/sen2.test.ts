import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { collectionPeriod, produceSen2Return, type Sen2ChildRecord, type Sen2HeaderInput, type Sen2ReturnInput } from './index.js';

// A synthetic area: every child, school and identifier below is made up. Dates and counts are worked by
// hand; the expected XML is written out, not produced by the code under test.

const header: Sen2HeaderInput = {
  year: 2026,
  referenceDate: '2026-01-15', // the third Thursday of January 2026
  laNumber: '213',
  softwareCode: 'ehc-hub',
  release: '0.1.0',
  serialNo: '001',
  dateTime: '2026-01-20T09:30:00',
  dmo: 'Y',
  dco: 'N',
};

const school = { settingType: 'MAINSTREAM' as const, legalStatus: 'LA_MAINTAINED' as const, urn: '100001', outOfArea: false, rank: 1 };

const children: Sen2ChildRecord[] = [
  {
    // Requested 2025-03-03; 20 weeks: Mar 31 at 28, Apr 30 58, May 31 89, Jun 30 119, Jul 21 140 — issued on the due day.
    childRef: 'c-active-new',
    surname: 'Able',
    forename: 'Ada & <Zoë>',
    dateOfBirth: '2015-06-01',
    sex: 'F',
    ethnicity: 'WBRI',
    postcode: 'sw1a 1aa',
    upn: 'B801200005001',
    episodes: [
      {
        episode: 1,
        status: 'FINAL',
        requestReceivedOn: '2025-03-03',
        requestSource: 'YOUNG_PERSON_OR_PARENT',
        decisionOn: '2025-04-10',
        draftIssuedOn: '2025-06-30',
        finalIssuedOn: '2025-07-21',
        namedPlacements: [school],
        placements: [{ ...school, entryOn: '2025-09-03' }],
        needs: [
          { type: 'ASD', rank: 2 },
          { type: 'SLCN', rank: 1 },
        ],
        personalBudget: { forms: ['DIRECT_PAYMENT'], directPaymentParts: ['EDUCATION'] },
      },
    ],
  },
  {
    // Plan issued in 2019, before the collection period: historical (H); reviewed 2025-06-10, kept.
    childRef: 'c-historical',
    surname: 'Brown',
    forename: 'Ben',
    dateOfBirth: '2012-02-29',
    sex: 'M',
    ethnicity: 'AIND',
    postcode: 'BS1 4DJ',
    uln: '1234567890',
    episodes: [
      {
        episode: 1,
        status: 'FINAL',
        requestReceivedOn: '2019-05-01',
        decisionOn: '2019-06-01',
        finalIssuedOn: '2019-09-01',
        placements: [{ settingType: 'SPECIAL', legalStatus: 'INDEPENDENT_S41_APPROVED', urn: '140001', outOfArea: true, rank: 1, entryOn: '2019-09-05' }],
        needs: [{ type: 'ASD', rank: 1 }],
        lastReview: { meetingOn: '2025-06-10', decision: 'MAINTAIN', decidedOn: '2025-07-01' },
      },
    ],
  },
  {
    // A plan ceased in the period (moved on to employment), then a new request: a second episode.
    childRef: 'c-ceased',
    surname: 'Clark',
    forename: 'Cara',
    dateOfBirth: '2004-11-20',
    sex: 'F',
    ethnicity: 'BAFR',
    postcode: 'E1 6AN',
    uln: '2234567890',
    episodes: [
      {
        episode: 1,
        status: 'CEASED',
        requestReceivedOn: '2018-01-10',
        decisionOn: '2018-02-15',
        finalIssuedOn: '2018-06-01',
        ceasedOn: '2025-08-31',
        ceasedReason: 'CEASED_TO_MAINTAIN',
        sen2CeaseReason: '4',
        placements: [{ settingType: 'FURTHER_EDUCATION', legalStatus: 'FE_COLLEGE', ukprn: '10012345', outOfArea: false, rank: 1, entryOn: '2021-09-01', leavingOn: '2025-07-18' }],
        needs: [{ type: 'MLD', rank: 1 }],
      },
      { episode: 2, status: 'REQUESTED', requestReceivedOn: '2025-11-03', requestSource: 'SOCIAL_CARE' },
    ],
  },
  {
    // Requested 2025-09-01, decided not to assess on 2025-10-13 (6 weeks), taken to mediation.
    childRef: 'c-not-assessed',
    surname: 'Davis',
    forename: 'Dan',
    dateOfBirth: '2018-04-04',
    sex: 'M',
    ethnicity: 'NOBT',
    postcode: 'LS1 1UR',
    upnUnknown: 'UN1',
    episodes: [
      {
        episode: 1,
        status: 'NOT_ASSESSED',
        requestReceivedOn: '2025-09-01',
        requestSource: 'EDUCATION_SETTING',
        decisionOn: '2025-10-13',
        disputes: { requestMediation: true },
      },
    ],
  },
  {
    // Requested Monday 2025-01-06: due 2025-05-26 (Jan 31 at 25, Feb 28 53, Mar 31 84, Apr 30 114, May 26 140);
    // issued 2025-06-16, late, but the school was closed 2025-03-03 to 2025-03-30 (28 days): excluded, Week20 = 1.
    childRef: 'c-late-exception',
    surname: 'Evans',
    forename: 'Eve',
    dateOfBirth: '2016-01-01',
    sex: 'F',
    ethnicity: 'WOTH',
    postcode: 'M1 1AE',
    upn: 'Q801200005002', // 8·2 + 1·4 + 2·5 + 5·10 + 2·13 = 106; 106 mod 23 = 14 → Q
    episodes: [
      {
        episode: 1,
        status: 'FINAL',
        requestReceivedOn: '2025-01-06',
        requestSource: 'HEALTH',
        decisionOn: '2025-02-14',
        finalIssuedOn: '2025-06-16',
        clockExceptions: [{ reason: 'SETTING_CLOSED', fromOn: '2025-03-03', toOn: '2025-03-30', evidenceNote: 'Closure notice (synthetic)' }],
        namedPlacements: [{ settingType: 'ALTERNATIVE_PROVISION', legalStatus: 'PUPIL_REFERRAL_UNIT', urn: '100500', outOfArea: false, rank: 1 }],
        placements: [{ settingType: 'ALTERNATIVE_PROVISION', legalStatus: 'PUPIL_REFERRAL_UNIT', urn: '100500', outOfArea: false, rank: 1, entryOn: '2025-06-20' }],
        needs: [
          { type: 'SEMH', rank: 1 },
          { type: 'SLCN', rank: 2 },
          { type: 'SPLD', rank: 3 },
        ],
      },
    ],
  },
  {
    // Everything missing, a character XML cannot carry, and two open episodes.
    childRef: 'c-errors',
    surname: 'Fox\u0007',
    forename: 'Finn',
    dateOfBirth: '2014-05-05',
    episodes: [
      { episode: 1, status: 'ASSESSING', requestReceivedOn: '2025-05-01', decisionOn: '2025-06-01' },
      { episode: 2, status: 'REQUESTED', requestReceivedOn: '2025-07-01' },
    ],
  },
  {
    // Ceased in 2023: nothing in scope.
    childRef: 'c-out-of-scope',
    surname: 'Green',
    forename: 'Gus',
    dateOfBirth: '2005-03-03',
    sex: 'M',
    ethnicity: 'WBRI',
    postcode: 'B1 1AA',
    uln: '3234567890',
    episodes: [{ episode: 1, status: 'CEASED', requestReceivedOn: '2017-01-01', finalIssuedOn: '2017-05-01', ceasedOn: '2023-07-31', ceasedReason: 'CEASED_TO_MAINTAIN', sen2CeaseReason: '1' }],
  },
  {
    // Requested after the reference date: next year's return.
    childRef: 'c-after-reference-date',
    surname: 'Hall',
    forename: 'Hal',
    dateOfBirth: '2019-08-08',
    episodes: [{ episode: 1, status: 'REQUESTED', requestReceivedOn: '2026-01-20' }],
  },
  {
    childRef: 'c-draft',
    surname: 'Hill',
    forename: 'Hana',
    dateOfBirth: '2017-09-09',
    sex: 'F',
    ethnicity: 'CHNE',
    postcode: 'CF10 1AA',
    upnUnknown: 'UN2',
    episodes: [{ episode: 1, status: 'DRAFT', requestReceivedOn: '2025-10-01', requestSource: 'YOUNG_PERSON_OR_PARENT', decisionOn: '2025-11-10', draftIssuedOn: '2026-01-12' }],
  },
  {
    // Decided on 2026-01-20, after the reference date: as at 2026-01-15 still awaiting a decision (A).
    childRef: 'c-decided-after',
    surname: 'Ince',
    forename: 'Ian',
    dateOfBirth: '2013-12-12',
    sex: 'M',
    ethnicity: 'OOTH',
    postcode: 'NE1 4ST',
    upnUnknown: 'UN3',
    episodes: [{ episode: 1, status: 'ASSESSING', requestReceivedOn: '2025-12-15', requestSource: 'OTHER', decisionOn: '2026-01-20' }],
  },
];

const input: Sen2ReturnInput = { header, children };
const result = produceSen2Return(input);

/** The `<Person>` block whose Surname is `surname`, as written. */
function personBlock(xml: string, surname: string): string {
  const start = xml.indexOf(`    <Person>\n      <Surname>${surname}`);
  if (start < 0) throw new Error(`no person ${surname}`);
  return xml.slice(start, xml.indexOf('    </Person>\n', start) + '    </Person>\n'.length);
}

describe('the collection period', () => {
  it('is the calendar year before the collection year', () => {
    expect(collectionPeriod(2026)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});

describe('the XML', () => {
  it('opens with the header: Collection, Year, ReferenceDate, then Source with SourceLevel and LEA', () => {
    expect(result.xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>SEN2</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-01-15</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>213</LEA>
      <SoftwareCode>ehc-hub</SoftwareCode>
      <Release>0.1.0</Release>
      <SerialNo>001</SerialNo>
      <DateTime>2026-01-20T09:30:00</DateTime>
      <DMO>Y</DMO>
      <DCO>N</DCO>
    </Source>
  </Header>
  <Persons>
`)).toBe(true);
    expect(result.xml.endsWith('  </Persons>\n</Message>\n')).toBe(true);
  });

  it('writes a new plan issued on time, item by item in the schema order, escaping the text', () => {
    expect(personBlock(result.xml, 'Able')).toBe(`    <Person>
      <Surname>Able</Surname>
      <Forename>Ada &amp; &lt;Zoë&gt;</Forename>
      <PersonBirthDate>2015-06-01</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>WBRI</Ethnicity>
      <PostCode>SW1A 1AA</PostCode>
      <UPN>B801200005001</UPN>
      <Requests>
        <ReceivedDate>2025-03-03</ReceivedDate>
        <RequestSource>1</RequestSource>
        <RequestOutcomeDate>2025-04-10</RequestOutcomeDate>
        <RequestOutcome>Y</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome>
          <AssessmentOutcomeDate>2025-07-21</AssessmentOutcomeDate>
          <Week20>1</Week20>
          <NamedPlan>
            <StartDate>2025-07-21</StartDate>
            <PlanDetail>
              <URN>100001</URN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PB>1</PB>
            <OA>0</OA>
            <DP>E</DP>
          </NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail>
            <URN>100001</URN>
            <PlacementRank>1</PlacementRank>
            <EntryDate>2025-09-03</EntryDate>
            <SENunitIndicator>0</SENunitIndicator>
            <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
          </PlacementDetail>
          <SENneed>
            <SENtype>SLCN</SENtype>
            <SENtypeRank>1</SENtypeRank>
          </SENneed>
          <SENneed>
            <SENtype>ASD</SENtype>
            <SENtypeRank>2</SENtypeRank>
          </SENneed>
        </ActivePlans>
      </Requests>
    </Person>
`);
  });

  it('writes a ceased historical plan and the new request after it as two Requests of one person', () => {
    expect(personBlock(result.xml, 'Clark')).toBe(`    <Person>
      <Surname>Clark</Surname>
      <Forename>Cara</Forename>
      <PersonBirthDate>2004-11-20</PersonBirthDate>
      <Sex>F</Sex>
      <Ethnicity>BAFR</Ethnicity>
      <PostCode>E1 6AN</PostCode>
      <UniqueLearnerNumber>2234567890</UniqueLearnerNumber>
      <Requests>
        <ReceivedDate>2018-01-10</ReceivedDate>
        <RequestOutcome>H</RequestOutcome>
        <Assessment>
          <AssessmentOutcome>H</AssessmentOutcome>
          <NamedPlan>
            <StartDate>2018-06-01</StartDate>
            <PlanDetail>
              <UKPRN>10012345</UKPRN>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PB>0</PB>
            <OA>0</OA>
            <CeaseDate>2025-08-31</CeaseDate>
            <CeaseReason>4</CeaseReason>
          </NamedPlan>
        </Assessment>
      </Requests>
      <Requests>
        <ReceivedDate>2025-11-03</ReceivedDate>
        <RequestSource>4</RequestSource>
        <RequestOutcome>A</RequestOutcome>
      </Requests>
    </Person>
`);
  });

  it('reports a refused assessment with its mediation, and a review with its outcome', () => {
    const davis = personBlock(result.xml, 'Davis');
    expect(davis).toContain('<UPNunknown>UN1</UPNunknown>');
    expect(davis).toContain(`<RequestOutcomeDate>2025-10-13</RequestOutcomeDate>
        <RequestOutcome>N</RequestOutcome>
        <RequestMediation>1</RequestMediation>
      </Requests>`);
    const brown = personBlock(result.xml, 'Brown');
    expect(brown).toContain(`<ReviewMeeting>2025-06-10</ReviewMeeting>
          <ReviewOutcome>M</ReviewOutcome>
          <LastReview>2025-07-01</LastReview>`);
  });

  it('returns a late plan excused by a qualifying exception as Week20 = 1, and only two needs', () => {
    const evans = personBlock(result.xml, 'Evans');
    expect(evans).toContain('<Week20>1</Week20>');
    expect(evans.match(/<SENneed>/g)).toHaveLength(2);
    expect(evans).not.toContain('SPLD');
  });

  it('sees the process as at the reference date', () => {
    expect(personBlock(result.xml, 'Ince')).toContain('<RequestOutcome>A</RequestOutcome>');
    expect(personBlock(result.xml, 'Ince')).not.toContain('2026-01-20');
    expect(personBlock(result.xml, 'Hill')).toContain('<AssessmentOutcome>A</AssessmentOutcome>');
  });

  it('keeps a record with problems, writing what it has, and never writes a character XML cannot carry', () => {
    const fox = personBlock(result.xml, 'Fox\uFFFD');
    expect(fox.match(/<Requests>/g)).toHaveLength(2);
    expect(fox).not.toContain('<Sex>');
    expect(result.xml).not.toContain('\u0007');
  });

  it('parses back as XML, with every person returned in scope', () => {
    const doc = create(result.xml).end({ format: 'object' }) as { Message: { Persons: { Person: { Surname: string }[] } } };
    expect(doc.Message.Persons.Person.map((p) => p.Surname)).toEqual(['Able', 'Brown', 'Clark', 'Davis', 'Evans', 'Fox\uFFFD', 'Hill', 'Ince']);
  });
});

describe('the validator', () => {
  const of = (childRef: string) => result.issues.filter((i) => i.childRef === childRef).map((i) => `${i.severity} ${i.item}${i.episode ? ` #${i.episode}` : ''}`);

  it('finds nothing wrong with whole records', () => {
    for (const ref of ['c-active-new', 'c-not-assessed', 'c-draft', 'c-decided-after']) expect(of(ref)).toEqual([]);
  });

  it('lists every missing and inconsistent item against the child', () => {
    expect(of('c-errors')).toEqual([
      'WARNING RequestSource #1',
      'WARNING RequestSource #2',
      'ERROR Sex',
      'ERROR Ethnicity',
      'ERROR PostCode',
      'ERROR UPN',
      'ERROR Requests',
      'ERROR Surname',
    ]);
    expect(result.issues.find((i) => i.childRef === 'c-errors' && i.item === 'Requests')!.message).toBe('2 episodes are open at once (1, 2): one process per child');
  });

  it('warns where SEN2 has no room, or a fallback was used', () => {
    expect(of('c-late-exception')).toEqual(['WARNING SENneed #1']);
    expect(of('c-historical')).toEqual(['WARNING PlanDetail #1']);
    expect(of('c-ceased')).toEqual(['WARNING PlanDetail #1']);
  });

  it('lists the children left out and why, rather than dropping them', () => {
    expect(result.outOfScope.map((o) => o.childRef)).toEqual(['c-out-of-scope', 'c-after-reference-date']);
  });

  it('checks the header', () => {
    const bad = produceSen2Return({ header: { ...header, laNumber: '21', referenceDate: '2025-03-15', dmo: null, dco: 'X' as never }, children: [] });
    expect(bad.issues.map((i) => `${i.severity} ${i.item}`)).toEqual(['ERROR LEA', 'ERROR ReferenceDate', 'WARNING ReferenceDate', 'ERROR DMO', 'ERROR DCO']);
  });

  it('flags a missing cease reason, a missing need and placement, a late review, and dates out of order', () => {
    const broken: Sen2ChildRecord = {
      childRef: 'c-broken',
      surname: 'Jones',
      forename: 'Jo',
      dateOfBirth: '2011-01-01',
      sex: 'U',
      ethnicity: 'REFU',
      postcode: 'SW1A 2AA',
      upnUnknown: 'UN4',
      episodes: [
        // Issued 2024-09-02, before the period (historical: no RequestSource needed); last reviewed 2024-10-01, so the
        // next review was due by 2025-09-30 (12 months starting with 2024-10-01) and is late on 2026-01-15.
        { episode: 1, status: 'FINAL', requestReceivedOn: '2024-05-01', decisionOn: '2024-04-01', finalIssuedOn: '2024-09-02', lastReview: { meetingOn: '2024-10-01' } },
        { episode: 2, status: 'CEASED', requestReceivedOn: '2015-01-01', finalIssuedOn: '2015-06-01', ceasedOn: '2025-03-31', ceasedReason: 'CEASED_TO_MAINTAIN', namedPlacements: [school] },
      ],
    };
    const r = produceSen2Return({ header, children: [broken] });
    expect(r.issues.map((i) => `${i.severity} ${i.item} #${i.episode}`)).toEqual([
      'ERROR RequestOutcomeDate #1',
      'ERROR PlanDetail #1',
      'ERROR PlacementDetail #1',
      'ERROR SENneed #1',
      'WARNING ReviewMeeting #1',
      'ERROR CeaseReason #2',
    ]);
    expect(r.issues.find((i) => i.item === 'ReviewMeeting')!.message).toBe('no review within the 12 months to 2025-09-30 (CFA 2014 s.44(1))');
  });
});

describe('the summary, to check against the hub’s own queries', () => {
  it('counts what the file carries', () => {
    expect(result.summary).toEqual({
      year: 2026,
      referenceDate: '2026-01-15',
      collectionPeriod: { from: '2025-01-01', to: '2025-12-31' },
      children: { considered: 10, returned: 8, outOfScope: 2 },
      requests: {
        returned: 10,
        receivedInPeriod: 8,
        bySource: { '1': 2, '2': 1, '3': 1, '4': 1, '5': 1, NOT_RECORDED: 2 },
        byOutcome: { Y: 4, N: 1, A: 3, W: 0, H: 2 },
      },
      assessments: {
        byOutcome: { Y: 2, N: 0, A: 2, W: 0, H: 2 },
        plansIssuedInPeriod: 2,
        timeliness: { counted: 1, withinTwentyWeeks: 1, issuedWithinTwentyWeeksIncludingExceptions: 1 },
      },
      activePlans: {
        total: 3,
        byPrimaryNeed: { SPLD: 0, MLD: 0, SLD: 0, PMLD: 0, SEMH: 1, SLCN: 1, HI: 0, VI: 0, MSI: 0, PD: 0, ASD: 1, OTH: 0, NOT_RECORDED: 0 },
        byLegalStatus: {
          LA_MAINTAINED: 1,
          PUPIL_REFERRAL_UNIT: 1,
          ACADEMY: 0,
          FREE_SCHOOL: 0,
          NON_MAINTAINED_SPECIAL: 0,
          INDEPENDENT_S41_APPROVED: 1,
          INDEPENDENT_SPECIAL: 0,
          INDEPENDENT_OTHER: 0,
          FE_COLLEGE: 0,
          SPECIALIST_POST_16: 0,
          EARLY_YEARS_PVI: 0,
          NO_INSTITUTION: 0,
          NOT_RECORDED: 0,
        },
        outOfArea: 1,
      },
      ceasedInPeriod: { total: 1, byReason: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0, NOT_RECORDED: 0 } },
      issues: { errors: 6, warnings: 5, childrenWithErrors: 1 },
    });
  });
});
