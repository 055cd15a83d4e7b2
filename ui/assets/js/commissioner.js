/**
 * /ui/commissioner: need by primary need and locality (areaNeeds), timeliness over the years
 * (areaTimeliness), provision and personal budgets (areaProvision), each as a captioned table with
 * a CSV download, and charts (Apache ECharts, served by the hub). A withheld number is drawn as
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
    .sort((a, b) => (NEED_NAMES[a] ?? a).localeCompare(NEED_NAMES[b] ?? b));
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
  const provision = h('section', {}, p('Loading provision…'));
  replace(container, needs, timeliness, provision);
  const [n, t, pr] = await Promise.all([
    gql(needsQuery(features), { area }),
    gql(timelinessQuery(years), { area }),
    gql(PROVISION_QUERY, { area }),
  ]);
  renderNeeds(needs, area, n.data);
  renderTimeliness(timeliness, area, years, t.data);
  renderProvision(provision, area, pr.data);
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
