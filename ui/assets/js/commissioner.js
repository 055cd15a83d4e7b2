/**
 * /ui/commissioner: need by primary need and locality (areaNeeds), timeliness over the years
 * (areaTimeliness), provision and personal budgets (areaProvision), each as a captioned table with
 * a CSV download, and charts (Apache ECharts, served by the hub); SEN support beside EHC plans
 * (areaNeeds by PRIMARY_NEED × SUPPORT_LEVEL), need against supply (areaSufficiency, with the API's own
 * CSV) and mediations and appeals (areaDisputes). A withheld number is drawn as
 * withheld — hatched, with the word and the reason when the API gives one — never as 0.
 */
import { banner, h, p, replace, table, withheld } from './dom.js';
import { toCsv, downloadText } from './csv.js';
import { gql } from './hub-client.js';
import { startPage } from './layout.js';
import { BUDGET_FORM_NAMES, NEED_NAMES, humanise, withheldReason } from './plain-words.js';

const YEARS = 5;

function needsQuery(features) {
  const cell = `key { dimension value } count suppressed${features['NeedCell.suppressedBecause'] ? ' suppressedBecause' : ''}`;
  return `query AreaNeeds($area: String!) {
    byNeedAndLocality: areaNeeds(areaCode: $area, groupBy: [PRIMARY_NEED, LOCALITY]) { cells { ${cell} } total totalSuppressed disclosureControl }
    byNeed: areaNeeds(areaCode: $area, groupBy: [PRIMARY_NEED]) { cells { ${cell} } total totalSuppressed }
    bySupport: areaNeeds(areaCode: $area, groupBy: [PRIMARY_NEED, SUPPORT_LEVEL]) { cells { key { dimension value } count suppressed suppressedBecause } total totalSuppressed disclosureControl }
  }`;
}

function timelinessQuery(years) {
  const fields = 'year issued { count suppressed } withinTwentyWeeks { count suppressed } percentage disclosureControl';
  return `query AreaTimeliness($area: String!) {\n${years.map((y) => `  y${y}: areaTimeliness(areaCode: $area, year: ${y}) { ${fields} }`).join('\n')}\n}`;
}

const PROVISION_QUERY = `query AreaProvision($area: String!) {
  areaProvision(areaCode: $area) {
    provision { provisionType children suppressed }
    personalBudgets { form children childrenSuppressed annualPence annualSuppressed }
    disclosureControl
  }
}`;

const SUFFICIENCY_QUERY = `query AreaSufficiency($area: String!) {
  areaSufficiency(areaCode: $area, groupBy: [PRIMARY_NEED]) {
    cells { key { dimension value } need needSuppressed needSuppressedBecause services servicesWithoutCapacity capacity areaWideCapacity gap }
    csv disclosureControl
  }
}`;

const DISPUTES_QUERY = `query AreaDisputes($area: String!, $year: Int!) {
  areaDisputes(areaCode: $area, year: $year) {
    cells { kind decision outcome count suppressed suppressedBecause }
    total totalSuppressed totalSuppressedBecause disclosureControl year
  }
}`;

const SUPPORT_LEVELS = [['EHC_PLAN', 'EHC plan'], ['SEN_SUPPORT', 'SEN support']];

const keyOf = (cell, dimension) => cell.key.find((k) => k.dimension === dimension)?.value;
const needName = (code) => (NEED_NAMES[code] ? `${NEED_NAMES[code]} (${code})` : humanise(code));
const number = (value, suppressed, reason) => (suppressed || value === null || value === undefined ? withheld(reason) : value.toLocaleString('en-GB'));
const pounds = (pence) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;

function csvButton(label, filename, header, rows) {
  return h('button', {
    type: 'button',
    class: 'govuk-button govuk-button--secondary',
    'data-module': 'govuk-button',
    onclick: () => downloadText(filename, toCsv(header, rows)),
  }, label);
}

function protection(rules) {
  if (!rules?.length) return null;
  return h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'How these numbers are protected')),
    h('div', { class: 'govuk-details__text' }, h('ul', { class: 'govuk-list govuk-list--bullet' }, rules.map((r) => h('li', {}, r)))));
}

function chart(el, option) {
  if (!window.echarts) return;
  const instance = window.echarts.init(el, null, { renderer: 'svg' });
  instance.setOption({ aria: { enabled: true }, textStyle: { fontFamily: 'arial, sans-serif' }, animation: false, ...option });
  window.addEventListener('resize', () => instance.resize());
}

function renderNeeds(section, area, needs) {
  const table2 = needs.byNeedAndLocality;
  const localities = [...new Set(table2.cells.map((c) => keyOf(c, 'LOCALITY')))].sort();
  const needCodes = [...new Set([...needs.byNeed.cells, ...table2.cells].map((c) => keyOf(c, 'PRIMARY_NEED')))]
    .sort(byNeedName);
  const cellAt = (need, locality) => table2.cells.find((c) => keyOf(c, 'PRIMARY_NEED') === need && keyOf(c, 'LOCALITY') === locality);
  const byNeed = (need) => needs.byNeed.cells.find((c) => keyOf(c, 'PRIMARY_NEED') === need);
  const withheldCount = table2.cells.filter((c) => c.suppressed).length;

  if (!table2.cells.length && !needs.byNeed.cells.length) {
    return replace(section, h('h2', { class: 'govuk-heading-l' }, 'Need by primary need and locality'),
      p('No child in this area has a recorded primary need yet (section B of the plan).'));
  }
  const shown = (cell) => (cell ? number(cell.count, cell.suppressed, withheldReason(cell.suppressedBecause)) : '0');
  const chartEl = h('div', { class: 'ehc-chart', role: 'img', 'aria-label': `Bar chart of children by primary need in ${area}. The same numbers are in the table below.` });
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Need by primary need and locality'),
    p(`Children with a recorded primary need, at every plan stage. Total: `, h('strong', {}, table2.totalSuppressed ? 'withheld' : (table2.total ?? 0).toLocaleString('en-GB')),
      `. ${withheldCount} of ${table2.cells.length} cells are withheld to protect small groups.`),
    chartEl,
    h('div', { class: 'ehc-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Need by primary need and locality' }, table({
      caption: `Children by primary need and locality, ${area}`,
      head: ['Primary need', ...localities, 'All localities'],
      numericColumns: localities.map((_, i) => i + 1).concat(localities.length + 1),
      rows: needCodes.map((need) => [needName(need), ...localities.map((l) => shown(cellAt(need, l))), shown(byNeed(need))]),
    })),
    h('div', { class: 'ehc-actions' }, csvButton('Download this table (CSV)', `need-by-locality-${area}.csv`,
      ['area', 'primary_need', 'locality', 'children', 'status', 'reason'],
      table2.cells.map((c) => [area, keyOf(c, 'PRIMARY_NEED'), keyOf(c, 'LOCALITY'), c.suppressed ? '' : c.count, c.suppressed ? 'withheld' : 'published', c.suppressed ? withheldReason(c.suppressedBecause) ?? '' : '']))),
    protection(table2.disclosureControl));

  const categories = needCodes.map((n) => {
    const c = byNeed(n);
    return c && !c.suppressed ? n : `${n} (withheld)`;
  });
  chart(chartEl, {
    grid: { left: 50, right: 20, top: 30, bottom: 70 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: 35, color: '#0b0c0c' } },
    yAxis: { type: 'value', name: 'Children', axisLabel: { color: '#0b0c0c' } },
    series: [{ type: 'bar', name: 'Children', itemStyle: { color: '#1d70b8' }, data: needCodes.map((n) => { const c = byNeed(n); return c && !c.suppressed ? c.count : null; }) }],
  });
}

const byNeedName = (a, b) => (NEED_NAMES[a] ?? a).localeCompare(NEED_NAMES[b] ?? b);

/** Children per primary need on SEN support at school (Code of Practice 6.44) beside those with an EHC plan. */
function renderSupport(section, area, result) {
  const { cells, total, totalSuppressed, disclosureControl } = result;
  const heading = h('h2', { class: 'govuk-heading-l' }, 'SEN support beside EHC plans');
  if (!cells.length) return replace(section, heading, p('No child in this area has a recorded primary need on SEN support or in a plan yet.'));
  const needCodes = [...new Set(cells.map((c) => keyOf(c, 'PRIMARY_NEED')))].sort(byNeedName);
  const cellAt = (need, level) => cells.find((c) => keyOf(c, 'PRIMARY_NEED') === need && keyOf(c, 'SUPPORT_LEVEL') === level);
  // A combination with no cell has no child: the API lists only non-empty groups, so it is a true 0.
  const shown = (cell) => (cell ? number(cell.count, cell.suppressed, withheldReason(cell.suppressedBecause)) : '0');
  const chartEl = h('div', { class: 'ehc-chart', role: 'img', 'aria-label': `Bar chart of children by primary need in ${area}, on SEN support and with an EHC plan. The same numbers are in the table below.` });
  replace(section, heading,
    p('Children with a recorded primary need, by the support they receive: SEN support at school (Code of Practice 6.44–6.72) or an EHC plan (CFA 2014 s.37). Total: ',
      h('strong', {}, totalSuppressed ? 'withheld' : (total ?? 0).toLocaleString('en-GB')), '.'),
    chartEl,
    h('div', { class: 'ehc-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Need by primary need and support level' }, table({
      caption: `Children by primary need and support level, ${area}`,
      head: ['Primary need', ...SUPPORT_LEVELS.map(([, name]) => name)],
      numericColumns: [1, 2],
      rows: needCodes.map((need) => [needName(need), ...SUPPORT_LEVELS.map(([level]) => shown(cellAt(need, level)))]),
    })),
    h('div', { class: 'ehc-actions' }, csvButton('Download support levels (CSV)', `need-by-support-level-${area}.csv`,
      ['area', 'primary_need', 'support_level', 'children', 'status', 'reason'],
      cells.map((c) => [area, keyOf(c, 'PRIMARY_NEED'), keyOf(c, 'SUPPORT_LEVEL'), c.suppressed ? '' : c.count, c.suppressed ? 'withheld' : 'published', c.suppressed ? withheldReason(c.suppressedBecause) ?? '' : '']))),
    protection(disclosureControl));
  chart(chartEl, {
    grid: { left: 50, right: 20, top: 40, bottom: 70 },
    legend: { top: 0, textStyle: { color: '#0b0c0c' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: needCodes, axisLabel: { rotate: 35, color: '#0b0c0c' } },
    yAxis: { type: 'value', name: 'Children', axisLabel: { color: '#0b0c0c' } },
    // A withheld cell is a gap in its series (null), never a bar of 0.
    series: SUPPORT_LEVELS.map(([level, name], i) => ({
      type: 'bar', name, itemStyle: { color: i === 0 ? '#1d70b8' : '#f47738' },
      data: needCodes.map((n) => { const c = cellAt(n, level); return !c ? 0 : c.suppressed ? null : c.count; }),
    })),
  });
}

/** Need against the local offer's places (CFA 2014 s.30; Code of Practice 4.1, 4.62): protected need, then capacity. */
function renderSufficiency(section, area, result) {
  const { cells, csv, disclosureControl } = result;
  const heading = h('h2', { class: 'govuk-heading-l' }, 'Need against supply');
  if (!cells.length) return replace(section, heading, p('There is no recorded need and no local-offer service with places in this area yet.'));
  const sorted = [...cells].sort((a, b) => byNeedName(keyOf(a, 'PRIMARY_NEED'), keyOf(b, 'PRIMARY_NEED')));
  const need = (c) => number(c.need, c.needSuppressed, withheldReason(c.needSuppressedBecause));
  const gap = (c) => (c.gap === null || c.gap === undefined ? withheld(withheldReason('FROM_WITHHELD_COUNT')) : c.gap > 0 ? `${c.gap.toLocaleString('en-GB')} short` : c.gap === 0 ? 'matched' : `${(-c.gap).toLocaleString('en-GB')} spare`);
  const chartEl = h('div', { class: 'ehc-chart', role: 'img', 'aria-label': `Bar chart of children with each primary need beside the places the local offer has for it in ${area}. The same numbers are in the table below.` });
  replace(section, heading,
    p('Children with each primary need (protected as above) beside the places that active local-offer services state for that need. Services open to the whole area count in every locality.'),
    chartEl,
    h('div', { class: 'ehc-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Need against supply' }, table({
      caption: `Need against local-offer places by primary need, ${area}`,
      head: ['Primary need', 'Children', 'Services', 'Places', 'Of which area-wide', 'Services stating no places', 'Gap'],
      numericColumns: [1, 2, 3, 4, 5, 6],
      rows: sorted.map((c) => [needName(keyOf(c, 'PRIMARY_NEED')), need(c), c.services.toLocaleString('en-GB'), c.capacity.toLocaleString('en-GB'),
        c.areaWideCapacity.toLocaleString('en-GB'), c.servicesWithoutCapacity.toLocaleString('en-GB'), gap(c)]),
    })),
    h('div', { class: 'ehc-actions' }, h('button', {
      type: 'button', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button',
      onclick: () => downloadText(`need-against-supply-${area}.csv`, csv),
    }, 'Download need against supply (CSV)')),
    protection(disclosureControl));
  const codes = sorted.map((c) => keyOf(c, 'PRIMARY_NEED'));
  chart(chartEl, {
    grid: { left: 50, right: 20, top: 40, bottom: 70 },
    legend: { top: 0, textStyle: { color: '#0b0c0c' } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: sorted.map((c, i) => (c.needSuppressed ? `${codes[i]} (withheld)` : codes[i])), axisLabel: { rotate: 35, color: '#0b0c0c' } },
    yAxis: { type: 'value', name: 'Children or places', axisLabel: { color: '#0b0c0c' } },
    series: [
      { type: 'bar', name: 'Children', itemStyle: { color: '#1d70b8' }, data: sorted.map((c) => (c.needSuppressed ? null : c.need)) },
      { type: 'bar', name: 'Places', itemStyle: { color: '#00703c' }, data: sorted.map((c) => c.capacity) },
    ],
  });
}

const DISPUTE_KIND_NAMES = { MEDIATION: 'Mediation', APPEAL: 'Appeal to the Tribunal' };
const DISPUTE_DECISION_NAMES = {
  REFUSAL_TO_ASSESS: 'Refusal to assess', REFUSAL_TO_REASSESS: 'Refusal to reassess', REFUSAL_TO_ISSUE: 'Refusal to issue a plan',
  PLAN_CONTENTS: 'Contents of the plan', NAMED_SETTING: 'School or setting named', REFUSAL_TO_AMEND: 'Refusal to amend', CEASE: 'Ceasing the plan',
};
const DISPUTE_OUTCOME_NAMES = { OPEN: 'Not yet decided', NOT_AGREED: 'No agreement' };

/** Mediations (CFA 2014 s.53–55) and appeals (s.51) about decisions notified in the year. */
function renderDisputes(section, area, year, result) {
  const { cells, total, totalSuppressed, totalSuppressedBecause, disclosureControl } = result;
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, `Mediations and appeals, ${year}`),
    p('Mediations (CFA 2014 s.53–55) and appeals to the First-tier Tribunal (s.51) about the council’s decisions whose decision notice fell in ', String(year), '. Total: ',
      h('strong', {}, totalSuppressed ? withheld(withheldReason(totalSuppressedBecause)) : (total ?? 0).toLocaleString('en-GB')), '.'),
    cells.length === 0
      ? p(`No mediation or appeal is recorded about a decision notified in ${year}.`)
      : table({
        caption: `Mediations and appeals by decision and outcome, ${area}, ${year}`,
        head: ['Kind', 'Decision disputed', 'Outcome', 'Cases'],
        numericColumns: [3],
        rows: cells.map((c) => [DISPUTE_KIND_NAMES[c.kind] ?? humanise(c.kind), DISPUTE_DECISION_NAMES[c.decision] ?? humanise(c.decision),
          DISPUTE_OUTCOME_NAMES[c.outcome] ?? humanise(c.outcome), number(c.count, c.suppressed, withheldReason(c.suppressedBecause))]),
      }),
    protection(disclosureControl));
}

function renderTimeliness(section, area, years, result) {
  const rows = years.map((y) => result[`y${y}`]);
  const chartEl = h('div', { class: 'ehc-chart', role: 'img', 'aria-label': `Line chart of the share of final plans issued within 20 weeks in ${area}, by year. The same numbers are in the table below.` });
  const anyIssued = rows.some((r) => r.issued.suppressed || (r.issued.count ?? 0) > 0);
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Timeliness: final plans within 20 weeks'),
    p('The national measure (SEND Regulations 2014, reg 13(2)): the share of new final plans issued within 20 weeks of the request, excluding processes with a lawful clock exception.'),
    anyIssued ? chartEl : p('No final plans were issued in these years.'),
    table({
      caption: `Final plans issued within 20 weeks, ${area}`,
      head: ['Year', 'Final plans issued', 'Within 20 weeks', 'Share within 20 weeks'],
      numericColumns: [1, 2, 3],
      rows: rows.map((r) => [String(r.year), number(r.issued.count, r.issued.suppressed), number(r.withinTwentyWeeks.count, r.withinTwentyWeeks.suppressed),
        r.percentage === null || r.percentage === undefined ? (r.issued.suppressed || r.withinTwentyWeeks.suppressed ? withheld() : 'none issued') : `${r.percentage.toFixed(1)}%`]),
    }),
    h('div', { class: 'ehc-actions' }, csvButton('Download this table (CSV)', `timeliness-${area}.csv`,
      ['area', 'year', 'issued', 'issued_status', 'within_20_weeks', 'within_status', 'percentage'],
      rows.map((r) => [area, r.year, r.issued.suppressed ? '' : r.issued.count, r.issued.suppressed ? 'withheld' : 'published',
        r.withinTwentyWeeks.suppressed ? '' : r.withinTwentyWeeks.count, r.withinTwentyWeeks.suppressed ? 'withheld' : 'published', r.percentage ?? '']))),
    protection(rows[0]?.disclosureControl));
  if (anyIssued) {
    chart(chartEl, {
      grid: { left: 50, right: 20, top: 30, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => (r.issued.suppressed || r.withinTwentyWeeks.suppressed ? `${r.year} (withheld)` : r.percentage === null ? `${r.year} (none issued)` : String(r.year))), axisLabel: { color: '#0b0c0c' } },
      yAxis: { type: 'value', min: 0, max: 100, name: '% within 20 weeks', axisLabel: { color: '#0b0c0c' } },
      series: [{ type: 'line', name: 'Within 20 weeks', connectNulls: false, itemStyle: { color: '#1d70b8' }, data: rows.map((r) => r.percentage) }],
    });
  }
}

function renderProvision(section, area, result) {
  const { provision, personalBudgets, disclosureControl } = result.areaProvision;
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Provision and personal budgets'),
    provision.length === 0
      ? p('No provision running today is recorded in sections F, G or H of the plans in this area.')
      : [table({
        caption: `Children receiving each type of provision today, ${area}`,
        head: ['Provision', 'Children'],
        numericColumns: [1],
        rows: provision.map((r) => [humanise(r.provisionType), number(r.children, r.suppressed)]),
      }), h('div', { class: 'ehc-actions' }, csvButton('Download provision (CSV)', `provision-${area}.csv`, ['area', 'provision_type', 'children', 'status'],
        provision.map((r) => [area, r.provisionType, r.suppressed ? '' : r.children, r.suppressed ? 'withheld' : 'published'])))],
    personalBudgets.length === 0
      ? p('No personal budgets are recorded in section J of the plans in this area.')
      : [table({
        caption: `Personal budgets by form, ${area}`,
        head: ['Form', 'Children', 'Annual total'],
        numericColumns: [1, 2],
        rows: personalBudgets.map((r) => [BUDGET_FORM_NAMES[r.form] ?? humanise(r.form), number(r.children, r.childrenSuppressed),
          r.annualSuppressed || r.annualPence === null ? withheld() : pounds(r.annualPence)]),
      }), h('div', { class: 'ehc-actions' }, csvButton('Download personal budgets (CSV)', `personal-budgets-${area}.csv`,
        ['area', 'form', 'children', 'children_status', 'annual_pounds', 'annual_status'],
        personalBudgets.map((r) => [area, r.form, r.childrenSuppressed ? '' : r.children, r.childrenSuppressed ? 'withheld' : 'published',
          r.annualSuppressed || r.annualPence === null ? '' : Math.round(r.annualPence / 100), r.annualSuppressed ? 'withheld' : 'published'])))],
    protection(disclosureControl));
}

async function renderArea(container, area, features) {
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: YEARS }, (_, i) => thisYear - YEARS + 1 + i);
  const needs = h('section', { 'aria-live': 'polite' }, p('Loading need…'));
  const timeliness = h('section', {}, p('Loading timeliness…'));
  const support = h('section', {}, p('Loading support levels…'));
  const provision = h('section', {}, p('Loading provision…'));
  const sufficiency = h('section', {}, p('Loading need against supply…'));
  const disputes = h('section', {}, p('Loading mediations and appeals…'));
  replace(container, needs, support, timeliness, provision, sufficiency, disputes);
  const [n, t, pr, su, d] = await Promise.all([
    gql(needsQuery(features), { area }),
    gql(timelinessQuery(years), { area }),
    gql(PROVISION_QUERY, { area }),
    gql(SUFFICIENCY_QUERY, { area }),
    gql(DISPUTES_QUERY, { area, year: thisYear }),
  ]);
  renderNeeds(needs, area, n.data);
  renderSupport(support, area, n.data.bySupport);
  renderTimeliness(timeliness, area, years, t.data);
  renderProvision(provision, area, pr.data);
  renderSufficiency(sufficiency, area, su.data.areaSufficiency);
  renderDisputes(disputes, area, thisYear, d.data.areaDisputes);
}

startPage({
  roles: ['COMMISSIONER'],
  demoKey: 'commissioner',
  async render({ me, session, root }) {
    if (!me.areas.length) return replace(root, banner('Your token names no area, so there is nothing to show.', { success: false }));
    const content = h('div');
    const picker = me.areas.length > 1
      ? h('div', { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label', for: 'area' }, 'Area'),
        h('select', { class: 'govuk-select', id: 'area', onchange: (e) => renderArea(content, e.target.value, session.features) },
          me.areas.map((a) => h('option', { value: a }, a))))
      : p('Area: ', h('strong', {}, me.areas[0]));
    replace(root, picker, content);
    await renderArea(content, me.areas[0], session.features);
  },
});
