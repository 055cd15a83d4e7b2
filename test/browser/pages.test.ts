/**
 * The role pages and GraphiQL in a real browser: Debian's Chromium driven by playwright-core, against
 * the real hub on demo data (an in-memory PGlite, or a scratch PostgreSQL database when DATABASE_URL
 * is set). For each page: it renders real data from the API, no request leaves the hub, the console
 * has no errors, and axe-core finds no serious or critical WCAG 2.2 AA violation. Screenshots go to
 * artifacts/browser/ (or $BROWSER_ARTIFACTS), which is not committed.
 *
 * Run with `npm run test:browser` (needs /usr/bin/chromium: `apt-get install -y chromium`).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../src/app/hub-server.js';
import { createUiRoutes } from '../../src/app/ui-routes.js';
import { parseConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_ACTORS, seedDemoIfEmpty } from '../../seeds/demo.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(process.env.BROWSER_ARTIFACTS ?? 'artifacts/browser');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let hub: Hub;
let base: string;
let context: BrowserContext;
let dropDatabase: () => Promise<void> = async () => {};
const external: string[] = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'ehc-hub-chromium-'));

/** The demo data set, and a few things only people do: a consent, an emergency access, a coordinator's read. */
const scene = {
  familyChildId: '',
  familyChildName: '',
  coordinatorChildName: '',
  breakGlassReason: 'Admitted to A&E; the paediatrician needs the care plan',
};

async function token(role: string): Promise<string> {
  const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function api<T = any>(role: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function scratchDatabaseUrl(): Promise<string | undefined> {
  const server = process.env.DATABASE_URL;
  if (!server) return undefined;
  const name = `ehc_browser_${randomBytes(5).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  dropDatabase = async () => {
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser suite needs Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // The public development secret (no AUTH_HS256_SECRET), so the pages' demo picker and /dev/token work.
  const config = parseConfig({ PORT: '0', DATA_DIR: 'memory://', DATABASE_URL: await scratchDatabaseUrl(), SEED: 'none', LOG_LEVEL: 'silent' });
  hub = await startHub(config, { log: createLogger('silent'), ui: createUiRoutes(config, { demoActors: DEMO_ACTORS }) });
  await seedDemoIfEmpty(hub.database.db, config.disclosureKey);
  base = `http://localhost:${hub.port}`;

  const family = await api('family', '{ children(first: 1) { edges { node { id givenName } } } }');
  scene.familyChildId = family.children.edges[0].node.id;
  scene.familyChildName = family.children.edges[0].node.givenName;
  await api('family', 'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
    { i: { childId: scene.familyChildId, categories: ['HEALTH'], granteeAgency: 'HEALTH' } });
  const coordinator = await api('coordinator', `query($id: ID!) { child(id: $id) { givenName } children(first: 1) { edges { node { givenName familyName } } } }`, { id: scene.familyChildId });
  scene.coordinatorChildName = coordinator.children.edges[0].node.givenName;
  const health = await api('health', '{ children(first: 1) { edges { node { id } } } }');
  await api('health', 'mutation($c: ID!, $r: String!) { breakGlass(childId: $c, reason: $r) { id } }', { c: health.children.edges[0].node.id, r: scene.breakGlassReason });

  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  // Nothing may leave the hub: any other host is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
});

afterAll(async () => {
  await context?.close();
  await hub?.close();
  await dropDatabase();
  rmSync(userDataDir, { recursive: true, force: true });
});

interface Opened { page: Page; consoleErrors: string[] }

async function open(path: string, role?: string): Promise<Opened> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await page.goto(role ? `${base}${path}#token=${await token(role)}` : `${base}${path}`);
  return { page, consoleErrors };
}

/** No serious or critical WCAG 2.2 AA violation (axe-core, injected from the local package). */
async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: tags } });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join('; ')}`);
  }, WCAG_22_AA);
  expect(violations).toEqual([]);
}

async function finish({ page, consoleErrors }: Opened, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  expect(consoleErrors).toEqual([]);
  expect(external).toEqual([]);
  await page.close();
}

describe('role pages', () => {
  it('caseload: the coordinator’s children, overdue first, with the deadline named', async () => {
    const opened = await open('/ui/caseload', 'coordinator');
    const { page } = opened;
    await page.getByRole('table', { name: /Children by next deadline/ }).waitFor();
    expect(page.url()).toBe(`${base}/ui/caseload`); // the #token fragment is gone at once
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('ehc-hub.token'))).toMatch(/^ey/);
    await expect.poll(() => page.getByText(scene.coordinatorChildName).count()).toBeGreaterThan(0);
    const statuses = await page.locator('table tbody tr td:last-child').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(10);
    const firstNotOverdue = statuses.findIndex((s) => s !== 'Overdue');
    if (firstNotOverdue >= 0) expect(statuses.slice(firstNotOverdue)).not.toContain('Overdue');
    expect(await page.locator('table tbody').innerText()).toMatch(/Issue the final plan|Annual review|Decide whether to assess/);
    await expectAccessible(page);
    await finish(opened, 'caseload');
  });

  it('commissioner: need by locality and by support level, need against supply, disputes; withheld cells drawn as withheld, charts and CSV', async () => {
    const area = DEMO_ACTORS.find((a) => a.key === 'commissioner')!.actor.areas[0]!;
    const truth = await api('commissioner', `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED, LOCALITY]) { cells { suppressed count } total } }`, { a: area });
    const opened = await open('/ui/commissioner', 'commissioner');
    const { page } = opened;
    const needTable = page.getByRole('table', { name: /Children by primary need and locality/ });
    await needTable.waitFor();
    const withheldCount = truth.areaNeeds.cells.filter((c: any) => c.suppressed).length;
    expect(await needTable.locator('.ehc-withheld').count()).toBeGreaterThanOrEqual(withheldCount);
    if (withheldCount) expect(await needTable.locator('.ehc-withheld').first().innerText()).toContain('withheld');
    await page.getByRole('table', { name: /Final plans issued within 20 weeks/ }).waitFor();
    expect(await page.locator('.ehc-chart svg').count()).toBeGreaterThanOrEqual(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download this table (CSV)' }).first().click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('area,primary_need,locality,children,status,reason');
    expect(lines.length - 1).toBe(truth.areaNeeds.cells.length);
    for (const line of lines.slice(1).filter((l) => l.includes(',withheld,'))) expect(line).toMatch(new RegExp(`^${area},\\w+,[^,]*,,withheld,`));

    // SEN support beside plans: one row per primary need, every withheld cell drawn as withheld with its reason.
    const support = await api('commissioner', `query($a: String!) { areaNeeds(areaCode: $a, groupBy: [PRIMARY_NEED, SUPPORT_LEVEL]) { cells { key { dimension value } count suppressed suppressedBecause } } }`, { a: area });
    const supportCells = support.areaNeeds.cells as any[];
    const supportTable = page.getByRole('table', { name: /Children by primary need and support level/ });
    await supportTable.waitFor();
    const needsInSupport = new Set(supportCells.map((c) => c.key.find((k: any) => k.dimension === 'PRIMARY_NEED').value));
    expect(await supportTable.locator('tbody tr').count()).toBe(needsInSupport.size);
    expect(supportCells.some((c) => c.key.some((k: any) => k.value === 'SEN_SUPPORT') && !c.suppressed)).toBe(true);
    const supportWithheld = supportCells.filter((c) => c.suppressed);
    expect(await supportTable.locator('.ehc-withheld').count()).toBe(supportWithheld.length);
    if (supportWithheld.length) expect(await supportTable.locator('.ehc-withheld__reason').first().innerText()).toBe('fewer than 8 children, or all of a group of 10 or fewer');
    const published = supportCells.find((c) => !c.suppressed && c.key.some((k: any) => k.value === 'SEN_SUPPORT'));
    const publishedNeed = published.key.find((k: any) => k.dimension === 'PRIMARY_NEED').value;
    const row = supportTable.locator('tbody tr').filter({ has: page.locator('th', { hasText: `(${publishedNeed})` }) });
    expect((await row.locator('td').allInnerTexts())[1]).toBe(published.count.toLocaleString('en-GB'));
    const [supportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download support levels (CSV)' }).click()]);
    const supportLines = readFileSync((await supportDownload.path())!, 'utf8').trim().split('\r\n');
    expect(supportLines[0]).toBe('area,primary_need,support_level,children,status,reason');
    expect(supportLines.length - 1).toBe(supportCells.length);
    expect(supportLines).toContain(`${area},${publishedNeed},SEN_SUPPORT,${published.count},published,`);

    // Need against supply: the API's own numbers and CSV.
    const sufficiency = (await api('commissioner', `query($a: String!) { areaSufficiency(areaCode: $a, groupBy: [PRIMARY_NEED]) { cells { key { value } need needSuppressed capacity gap } csv } }`, { a: area })).areaSufficiency;
    const supplyTable = page.getByRole('table', { name: /Need against local-offer places by primary need/ });
    await supplyTable.waitFor();
    expect(await supplyTable.locator('tbody tr').count()).toBe(sufficiency.cells.length);
    expect(await supplyTable.locator('.ehc-withheld').count()).toBe(2 * sufficiency.cells.filter((c: any) => c.needSuppressed).length);
    const open1 = sufficiency.cells.find((c: any) => !c.needSuppressed);
    const supplyRow = (await supplyTable.locator('tbody tr').filter({ has: page.locator('th', { hasText: `(${open1.key[0].value})` }) }).locator('td').allInnerTexts());
    expect(supplyRow[0]).toBe(open1.need.toLocaleString('en-GB'));
    expect(supplyRow[2]).toBe(open1.capacity.toLocaleString('en-GB'));
    expect(supplyRow[5]).toBe(open1.gap > 0 ? `${open1.gap} short` : open1.gap === 0 ? 'matched' : `${-open1.gap} spare`);
    const [supplyDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download need against supply (CSV)' }).click()]);
    expect(readFileSync((await supplyDownload.path())!, 'utf8')).toBe(sufficiency.csv);
    expect(await page.locator('.ehc-chart svg').count()).toBeGreaterThanOrEqual(4);

    // Mediations and appeals this year: one row per cell, withheld ones as withheld.
    const year = new Date().getUTCFullYear();
    const disputes = (await api('commissioner', `query($a: String!, $y: Int!) { areaDisputes(areaCode: $a, year: $y) { cells { suppressed } total } }`, { a: area, y: year })).areaDisputes;
    expect(disputes.cells.length).toBeGreaterThan(0);
    const disputeTable = page.getByRole('table', { name: new RegExp(`Mediations and appeals by decision and outcome, ${area}, ${year}`) });
    await disputeTable.waitFor();
    expect(await disputeTable.locator('tbody tr').count()).toBe(disputes.cells.length);
    expect(await disputeTable.locator('.ehc-withheld').count()).toBe(disputes.cells.filter((c: any) => c.suppressed).length);
    if (disputes.total !== null) await page.getByText(`Total: ${disputes.total}.`, { exact: false }).first().waitFor();
    await expectAccessible(page);
    await finish(opened, 'commissioner');
  });

  it('dpo: chain status, the break-glass review queue and the filtered access timeline', async () => {
    const opened = await open('/ui/dpo', 'dpo');
    const { page } = opened;
    await page.getByText(/events checked: none has been altered/).waitFor();
    await page.getByText(scene.breakGlassReason).waitFor();
    await page.getByRole('table', { name: /Access events, newest first/ }).waitFor();
    await expectAccessible(page);

    // The demo data holds more than one grant waiting for review: review each, the queue shrinks by one
    // every time, and ends with the empty-queue sentence.
    const reviewButtons = page.getByRole('button', { name: 'Record review' });
    for (let pending = await reviewButtons.count(); pending > 0; pending--) {
      await page.getByLabel('Justified', { exact: true }).first().check();
      await page.getByLabel('Review note').first().fill('Emergency admission: access was needed and proportionate.');
      await reviewButtons.first().click();
      await page.getByText(/Review recorded/).first().waitFor();
      await expect.poll(() => reviewButtons.count()).toBe(pending - 1);
    }
    await page.getByText('There are no emergency (break-glass) accesses waiting for review.').waitFor();

    await page.getByLabel('Basis').selectOption('BREAK_GLASS');
    await page.getByRole('button', { name: 'Show events' }).click();
    await expect.poll(async () => [...new Set(await page.locator('table tbody tr td:last-child').allInnerTexts())]).toEqual(['Break-glass']);
    await finish(opened, 'dpo');
  });

  it('family: who has seen the record in plain sentences, SEN support and disputes in words, and a one-click withdraw', async () => {
    const opened = await open('/ui/family', 'family');
    const { page } = opened;
    await page.getByRole('heading', { name: new RegExp(scene.familyChildName) }).first().waitFor();
    const sentences = page.locator('.ehc-sentences li');
    await expect.poll(() => sentences.allInnerTexts()).toContainEqual(expect.stringMatching(
      new RegExp(`^Westminster City Council SEN team looked at ${scene.familyChildName}’s .* as the law allows .* on \\d{1,2} \\w+ \\d{4} at \\d{1,2}:\\d\\d[ap]m\\.( \\((twice|\\d+ times)\\))?$`)));
    expect((await sentences.allInnerTexts()).join('\n')).not.toMatch(/\b(READ|STATUTORY|IDENTITY|coordinator:)/);
    await page.getByRole('table', { name: /Consents for/ }).waitFor();

    // SEN support and disputes, as the family reads them through the API.
    const record = (await api('family', `query($id: ID!) { child(id: $id) { senSupport { startedOn interventions { description } } disputes { kind appealDeadline appealRegisteredOn outcome mediationDueBy mediationRequestedOn } } }`, { id: scene.familyChildId })).child;
    await page.getByRole('heading', { name: 'Support at school' }).first().waitFor();
    if (record.senSupport) {
      for (const i of record.senSupport.interventions) await page.getByText(i.description, { exact: false }).first().waitFor();
    } else {
      await page.getByText(`No school has recorded SEN support for ${scene.familyChildName}.`, { exact: false }).first().waitFor();
    }
    await page.getByRole('heading', { name: 'Mediation and appeals' }).first().waitFor();
    const cards = page.locator('.ehc-dispute');
    expect(await cards.count()).toBe(record.disputes.length);
    expect(record.disputes.length).toBeGreaterThan(0);
    const spoken = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
    const first = record.disputes[0];
    const firstCard = await cards.first().innerText();
    expect(firstCard).toContain(first.kind === 'APPEAL' ? 'Appeal about the council’s decision' : 'Mediation about the council’s decision');
    if (!first.appealRegisteredOn && !first.outcome) expect(firstCard).toContain(`The last day to appeal to the Tribunal is ${spoken(first.appealDeadline)}`);
    if (first.kind === 'MEDIATION' && first.mediationDueBy && !first.mediationRequestedOn) expect(firstCard).toContain(`The council must arrange mediation by ${spoken(first.mediationDueBy)}`);
    expect(firstCard).not.toMatch(/\b(MEDIATION|APPEAL|PLAN_CONTENTS|NAMED_SETTING)\b/);
    await expectAccessible(page);

    await page.getByRole('button', { name: /Withdraw consent for/ }).first().click();
    await page.getByText(/Consent withdrawn: .* This takes effect straight away\./).waitFor();
    await expect.poll(() => page.getByRole('table', { name: /Consents for/ }).locator('.govuk-tag').allInnerTexts()).toContain('Withdrawn');
    expect(await page.getByText(/subject access request/).count()).toBeGreaterThan(0);
    await finish(opened, 'family');
  });
});

describe('signing in', () => {
  it('offers the sign-in box and, in development, the demo picker', async () => {
    const opened = await open('/ui/caseload');
    const { page } = opened;
    await page.getByLabel('Access token').waitFor();
    expect(await page.getByLabel('Demo role').inputValue()).toBe('coordinator');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Use this demo role' }).click();
    await page.getByRole('table', { name: /Children by next deadline/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').fill(await token('coordinator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: /Children by next deadline/ }).waitFor();
    await finish(opened, 'sign-in');
  });

  it('tells a signed-in user of another role where their page is', async () => {
    const opened = await open('/ui/dpo', 'commissioner');
    await opened.page.getByText('This page is for a data protection officer. You are signed in as a commissioner.').waitFor();
    await opened.page.getByRole('link', { name: 'Go to commissioning' }).waitFor();
    await expectAccessible(opened.page);
    await finish(opened, 'wrong-role');
  });

  it('the front page links every role page and GraphiQL in development', async () => {
    const opened = await open('/');
    for (const name of ['Caseload', 'Need across the area', 'Data protection oversight', 'Your child’s record', 'GraphiQL']) {
      await opened.page.getByRole('main').getByRole('link', { name, exact: true }).waitFor();
    }
    await expectAccessible(opened.page);
    await finish(opened, 'front-page');
  });
});

describe('GraphiQL', () => {
  it('loads from the hub alone, with the demo token in the headers and the role’s examples; a query runs', async () => {
    const opened = await open('/graphiql');
    const { page } = opened;
    await page.locator('.graphiql-container').first().waitFor();
    await page.getByText('Caseload', { exact: true }).first().waitFor();
    await page.getByText('"Authorization"').first().waitFor();
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 20_000 }).toContain('givenName');

    await page.getByLabel('Demo role').selectOption('dpo');
    await page.getByRole('button', { name: 'Use this role' }).click();
    await page.getByText('AccessLog', { exact: true }).first().waitFor();
    await page.getByText('Signed in as the demo data protection officer.', { exact: false }).waitFor();
    await finish(opened, 'graphiql');
  });
});
