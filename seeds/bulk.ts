/**
 * Large synthetic populations for the aggregate benchmarks, fast: generate.ts's children, plans and
 * sections in the same mixes (one area's children with valid NHS numbers and UPNs and HMAC record keys,
 * a plan at every stage, a section B need with a secondary one for about a third, a section I placement
 * once the plan is final), drawn with a small PRNG instead of faker and inserted set-based: each chunk
 * is one JSON parameter unpacked by `jsonb_to_recordset` into a temporary table, and each table is
 * filled from it by one `INSERT … SELECT`. Left out, because no aggregate reads them: care teams,
 * family links and section entries (the text). 500,000 children take one to two minutes on a busy
 * 2-core machine where generate.ts takes a quarter of an hour or more; the demo and the tests keep generate.ts and its faker values.
 */
import { sql } from 'drizzle-orm';
import { mulberry32 } from '../policies/disclosure/perturbation-table.js';
import { recordKey } from '../policies/disclosure/record-key.js';
import { DFE_LA_NUMBERS, nhsCheckDigit, upnCheckLetter } from '../src/domain/identifiers.js';
import { addDays } from '../src/domain/statutory-clock.js';
import { stableUuid } from '../src/domain/stable-uuid.js';
import { children } from '../schema/tables.js';
import type { Db } from '../src/platform/db/database.js';
import type { DemoArea } from './demo-areas.js';
import { ethnicityFor, NEED_MIX, registerAreas, SETTING_MIX, STATUS_MIX } from './generate.js';

export interface BulkSeedOptions {
  children: number;
  area: DemoArea;
  disclosureKey: string;
  /** Reference date for ages and plan dates (default today). */
  today?: string;
  seed?: number;
  /** Numbering for this run's children (ids derive from it): continue after the children already there. */
  startIndex?: number;
  /** Children per statement group (default 25,000). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Muhammad', 'Ivy', 'George', 'Freya', 'Leo', 'Lily', 'Arthur', 'Aisha', 'Theo', 'Sophia', 'Jack'];
const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Ahmed'];
/** Age in years at `today`, by weight (generate.ts's mix: mostly primary and secondary age). */
const AGE_MIX: [[number, number], number][] = [[[2, 4], 6], [[5, 10], 38], [[11, 15], 34], [[16, 19], 18], [[20, 24], 4]];

function weighted<T>(random: () => number, mix: readonly [T, number][]): T {
  let point = random() * mix.reduce((n, [, w]) => n + w, 0);
  for (const [value, weight] of mix) {
    if (point < weight) return value;
    point -= weight;
  }
  return mix.at(-1)![0];
}

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Valid test-range NHS numbers (999…, outside 9990…, which the tests use), in order, skipping those taken. */
function* nhsNumbers(taken: ReadonlySet<string>): Generator<string> {
  for (let n = 999_100_000; n <= 999_999_999; n++) {
    const check = nhsCheckDigit(String(n));
    if (check !== null && !taken.has(`${n}${check}`)) yield `${n}${check}`;
  }
  throw new RangeError('no synthetic NHS numbers left in the 999 range');
}

/**
 * A version 8 UUID that sorts by `index` (its first 12 hex digits) with a name-based tail. Ids in
 * insertion order append to the right of every index keyed by child (children, sections, section
 * versions, plans) instead of landing anywhere in it, which is most of what makes a bulk insert slow;
 * the record keys are HMACs of the id, so they are as uniform as for random ids.
 */
function orderedId(area: DemoArea, index: number): string {
  const tail = stableUuid('bulk-seed-child', area.code, String(index)).replace(/-/g, '').slice(12);
  const hex = `${index.toString(16).padStart(12, '0')}${tail}`.split('');
  hex[12] = '8'; // version 8 (custom)
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16); // RFC variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One child's values, as the temporary table's columns. */
function child(random: () => number, area: DemoArea, index: number, today: string, disclosureKey: string, nhs: string) {
  const id = orderedId(area, index);
  const female = random() < 0.5;
  const [minAge, maxAge] = weighted(random, AGE_MIX);
  const age = int(random, minAge, maxAge);
  const dateOfBirth = addDays(today, -(age * 365 + int(random, 1, 360)));
  const status = weighted(random, STATUS_MIX);
  const requested = status === 'REQUESTED';
  const requestReceivedOn = addDays(today, -int(random, requested ? 3 : 60, requested ? 40 : 1400));
  const final = status === 'FINAL' || status === 'CEASED' ? addDays(requestReceivedOn, 7 * int(random, 12, 30)) : null;
  const hasNeeds = status !== 'REQUESTED' && status !== 'NOT_ASSESSED';
  const primary = hasNeeds ? weighted(random, NEED_MIX) : null;
  const secondary = primary && random() < 0.35 ? weighted(random, NEED_MIX.filter(([n]) => n !== primary)) : null;
  const la = DFE_LA_NUMBERS[area.code] ?? '999';
  const upnBody = `${la}${digits(random, 4)}${String((Number(dateOfBirth.slice(0, 4)) + 4) % 100).padStart(2, '0')}${digits(random, 3)}`;
  return {
    id,
    rk: recordKey(disclosureKey, id),
    gn: GIVEN[int(random, 0, GIVEN.length - 1)],
    fn: FAMILY[int(random, 0, FAMILY.length - 1)],
    dob: dateOfBirth,
    nhs,
    upn: `${upnCheckLetter(upnBody)}${upnBody}`,
    pc: `${area.postcodeAreas[int(random, 0, area.postcodeAreas.length - 1)]} ${int(random, 1, 9)}${'ABDEFGHJLNPQRSTUWXYZ'[int(random, 0, 19)]}${'ABDEFGHJLNPQRSTUWXYZ'[int(random, 0, 19)]}`,
    loc: area.localities[int(random, 0, area.localities.length - 1)]!.code,
    sex: female ? 'F' : 'M',
    eth: ethnicityFor(id),
    st: status,
    rq: requestReceivedOn,
    dc: requested ? null : addDays(requestReceivedOn, 7 * int(random, 3, 7)),
    dr: status === 'DRAFT' || final ? addDays(requestReceivedOn, 7 * 14) : null,
    fi: final,
    ce: status === 'CEASED' ? addDays(final!, 365) : null,
    n1: primary,
    n2: secondary,
    set: final ? weighted(random, SETTING_MIX) : null,
    urn: final ? String(int(random, 100000, 149999)) : null,
  };
}

const STAGE_COLUMNS = sql.raw(`id uuid, rk smallint, gn text, fn text, dob date, nhs text, upn text, pc text, loc text, sex text, eth text,
  st text, rq date, dc date, dr date, fi date, ce date, n1 text, n2 text, "set" text, urn text`);

/**
 * Every table from the staged chunk, one `INSERT … SELECT` each. Version ids follow generate.ts's rule
 * (the child id's first 24 hex characters and the section code), so both seeders' rows look alike.
 */
function insertsFromStage(area: DemoArea) {
  const by = `coordinator:seed-${area.senTeamOrg}`;
  const versionId = (code: string) => sql.raw(`(left(s.id::text, 24) || '${code === 'B' ? 'aaaaaaaa4230' : 'aaaaaaaa4930'}')::uuid`);
  return [
    sql`insert into children (id, given_name, family_name, date_of_birth, nhs_number, upn, postcode, locality, sex, ethnicity, area_code, record_key, registered_by_sub)
      select id, gn, fn, dob, nhs, upn, pc, loc, sex, eth, ${area.code}, rk, ${by} from seed_stage`,
    sql`insert into plans (child_id, council_org, status, request_received_on, decision_on, draft_issued_on, final_issued_on, ceased_on, ceased_reason)
      select id, ${area.senTeamOrg}, st, rq, dc, dr, fi, ce, case when st = 'CEASED' then 'CEASED_TO_MAINTAIN' end from seed_stage`,
    sql`insert into section_versions (id, child_id, code, version, author_org, author_sub)
      select ${versionId('B')}, s.id, 'B', 1, ${area.senTeamOrg}, ${`seed:${area.senTeamOrg}`} from seed_stage s where n1 is not null
      union all select ${versionId('I')}, s.id, 'I', 1, ${area.senTeamOrg}, ${`seed:${area.senTeamOrg}`} from seed_stage s where "set" is not null`,
    sql`insert into sections (child_id, code, current_version_id, version, agency, author_org)
      select s.id, 'B', ${versionId('B')}, 1, 'EDUCATION', ${area.senTeamOrg} from seed_stage s where n1 is not null
      union all select s.id, 'I', ${versionId('I')}, 1, 'EDUCATION', ${area.senTeamOrg} from seed_stage s where "set" is not null`,
    sql`insert into needs (version_id, child_id, type, rank)
      select ${versionId('B')}, s.id, n1, 1 from seed_stage s where n1 is not null
      union all select ${versionId('B')}, s.id, n2, 2 from seed_stage s where n2 is not null`,
    sql`insert into placements (version_id, child_id, setting_type, urn, setting_name)
      select ${versionId('I')}, s.id, "set", urn, 'Synthetic ' || urn || ' School' from seed_stage s where "set" is not null`,
  ];
}

/** Seeds `children` children into one area, set-based (see the header); returns how many. */
export async function seedChildrenBulk(db: Db, options: BulkSeedOptions): Promise<number> {
  const { area, disclosureKey } = options;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const startIndex = options.startIndex ?? 0;
  const chunkSize = options.chunkSize ?? 25_000;
  const random = mulberry32((options.seed ?? 20140313) + startIndex);
  await registerAreas(db, [area]);
  const taken = new Set((await db.select({ n: children.nhsNumber }).from(children).where(sql`${children.nhsNumber} like '999%'`)).map((r) => r.n!));
  const nhs = nhsNumbers(taken);
  const inserts = insertsFromStage(area);
  const insertChunk = (chunk: ReturnType<typeof child>[]) => db.transaction(async (tx) => {
    await tx.execute(sql`create temporary table seed_stage on commit drop as select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as t(${STAGE_COLUMNS})`);
    for (const insert of inserts) await tx.execute(insert);
  });
  // Two chunks in flight: one is drawn in Node while the database writes the other (on PGlite they queue).
  let inFlight: Promise<unknown>[] = [];
  for (let start = 0; start < options.children; start += chunkSize) {
    const end = Math.min(options.children, start + chunkSize);
    const chunk = Array.from({ length: end - start }, (_, i) => child(random, area, startIndex + start + i, today, disclosureKey, nhs.next().value!));
    inFlight.push(insertChunk(chunk).then(() => options.onProgress?.(end, options.children)));
    if (inFlight.length >= 2) {
      await inFlight.shift();
    }
  }
  await Promise.all(inFlight);
  inFlight = [];
  return options.children;
}
