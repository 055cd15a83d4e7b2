/**
 * The hand-written baseline for the 50-child page: what a developer would write with postgres.js and
 * no policy, no GraphQL and no audit trail. It answers the bench's page query (bench/enforcement.ts,
 * PAGE_QUERY) for one council's children with the same JSON the hub returns to its coordinator, so the
 * two can be compared request for request (`checkSameJson` proves it before any timing).
 *
 * Seven statements per page: the page of children, then consents, plans, advice requests (for the
 * statutory clock's overdue flag), section heads, and the current versions' entries, needs and
 * placements. The overdue flag uses the same pure statutory-clock rules as the hub (src/domain).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import postgres from 'postgres';
import { isProcessOverdue } from '../src/domain/process-deadlines.js';
import type { PlanState } from '../src/domain/plan-transitions.js';
import type { PhaseTransfer } from '../src/domain/statutory-clock.js';
import { readBody } from '../src/platform/http/read-body.js';

type Row = Record<string, any>;

const group = (rows: Row[], key: string) => {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const list = map.get(r[key]);
    if (list) list.push(r);
    else map.set(r[key], [r]);
  }
  return map;
};

const planState = (r: Row): PlanState => ({
  episode: 1,
  status: r.status,
  requestReceivedOn: r.request_received_on,
  decisionOn: r.decision_on,
  draftIssuedOn: r.draft_issued_on,
  finalIssuedOn: r.final_issued_on,
  lastReviewOn: r.last_review_on,
  amendmentProposedOn: r.amendment_proposed_on,
  ceasedOn: r.ceased_on,
  ceasedReason: r.ceased_reason,
  phaseTransfer: r.phase_transfer && r.phase_transfer_year ? { kind: r.phase_transfer as PhaseTransfer, year: r.phase_transfer_year } : null,
});

/** Dates as the hub sends them (ISO `YYYY-MM-DD` strings), so the statutory clock reads them alike. */
const dateTypes = { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } };

export async function handWrittenPage(sql: postgres.Sql, areaCode: string, first: number, today: string) {
  const kids = await sql`select id, given_name, family_name, date_of_birth, nhs_number from children
    where area_code = ${areaCode} order by id limit ${first}`;
  const ids = kids.map((k) => k.id as string);
  const [consentRows, planRows, adviceRows, heads] = await Promise.all([
    sql`select id, child_id from consents where child_id = any(${ids}::uuid[]) order by child_id, id`,
    sql`select * from plans where child_id = any(${ids}::uuid[])`,
    sql`select * from advice_requests where child_id = any(${ids}::uuid[]) order by requested_on, id`,
    sql`select child_id, code, version, current_version_id from sections where child_id = any(${ids}::uuid[]) order by code`,
  ]);
  const versions = heads.map((h) => h.current_version_id as string);
  const [entryRows, needRows, placementRows] = await Promise.all([
    sql`select version_id, key, value from section_entries where version_id = any(${versions}::uuid[]) order by position`,
    sql`select version_id, type, rank from needs where version_id = any(${versions}::uuid[]) order by rank`,
    sql`select version_id, setting_type from placements where version_id = any(${versions}::uuid[])`,
  ]);
  const consentsBy = group(consentRows, 'child_id');
  const plansBy = group(planRows, 'child_id');
  const adviceBy = group(adviceRows, 'child_id');
  const headsBy = group(heads, 'child_id');
  const entriesBy = group(entryRows, 'version_id');
  const needsBy = group(needRows, 'version_id');
  const placementBy = group(placementRows, 'version_id');
  const edges = kids.map((k) => {
    const plan = plansBy.get(k.id)?.[0];
    const advice = (adviceBy.get(k.id) ?? []).map((a) => ({ agency: a.agency, requestedOn: a.requested_on, providedOn: a.provided_on }));
    return {
      node: {
        id: k.id,
        givenName: k.given_name,
        familyName: k.family_name,
        dateOfBirth: k.date_of_birth,
        nhsNumber: k.nhs_number,
        consents: (consentsBy.get(k.id) ?? []).map((c) => ({ id: c.id })),
        plan: plan ? { status: plan.status, overdue: isProcessOverdue({ ...planState(plan), adviceRequests: advice } as never, today) } : null,
        sections: (headsBy.get(k.id) ?? []).map((h) => {
          const placement = placementBy.get(h.current_version_id)?.[0];
          return {
            code: h.code,
            version: h.version,
            entries: (entriesBy.get(h.current_version_id) ?? []).map((e) => ({ key: e.key, value: e.value })),
            needs: h.code === 'B' ? (needsBy.get(h.current_version_id) ?? []).map((n) => ({ type: n.type, rank: n.rank })) : null,
            placement: placement ? { settingType: placement.setting_type } : null,
          };
        }),
      },
    };
  });
  return { data: { children: { edges } } };
}

export interface HandWrittenServer {
  url: string;
  close(): Promise<void>;
}

/** An HTTP server answering every POST with the page for `first` from the body's variables. */
export async function serveHandWritten(databaseUrl: string, areaCode: string, poolSize = 12): Promise<HandWrittenServer> {
  const sql = postgres(databaseUrl, { max: poolSize, onnotice: () => {}, types: dateTypes });
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const body = JSON.parse(await readBody(req)) as { variables?: { first?: number } };
        const page = await handWrittenPage(sql, areaCode, body.variables?.first ?? 50, new Date().toISOString().slice(0, 10));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}

/** Throws unless the two servers return the same JSON for the same request (the baseline is only fair if so). */
export async function checkSameJson(hubUrl: string, otherUrl: string, headers: Record<string, string>, body: string): Promise<void> {
  const get = async (url: string) => (await fetch(url, { method: 'POST', headers, body })).json();
  const [hub, other] = await Promise.all([get(hubUrl), get(otherUrl)]);
  if (!isDeepStrictEqual(hub, other)) {
    throw new Error(`the hand-written baseline does not return the hub's JSON:\nhub   ${JSON.stringify(hub).slice(0, 600)}\nother ${JSON.stringify(other).slice(0, 600)}`);
  }
}
