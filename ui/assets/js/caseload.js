/**
 * /ui/caseload: the case coordinator's worklist. Every child of the coordinator's areas with the
 * next statutory deadline, overdue first, then by due date, naming the deadline.
 */
import { h, p, replace, table, tag } from './dom.js';
import { gql } from './hub-client.js';
import { formatDate, startPage } from './layout.js';
import { compareCaseloadRows, nextDeadline } from './deadlines.js';
import { PLAN_STATUS_NAMES } from './plain-words.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 50;

const planFields = (features) => `plan { status requestReceivedOn decisionDue decisionOn finalPlanDue nextReviewDue overdue${features['EhcPlan.deadlines'] ? ' deadlines { kind dueOn overdue }' : ''} }`;

async function loadCaseload(features) {
  const query = `query Caseload($first: Int, $after: String) {
    children(first: $first, after: $after) {
      edges { node { id givenName familyName dateOfBirth locality areaCode ${planFields(features)} } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const nodes = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await gql(query, { first: PAGE_SIZE, after });
    nodes.push(...data.children.edges.map((e) => e.node));
    if (!data.children.pageInfo.hasNextPage) return { nodes, complete: true };
    after = data.children.pageInfo.endCursor;
  }
  return { nodes, complete: false };
}

function render(root, rows, complete, onlyOverdue) {
  const overdue = rows.filter((r) => r.deadline?.overdue).length;
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  const shown = onlyOverdue ? rows.filter((r) => r.deadline?.overdue) : rows;
  const filter = h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
    h('div', { class: 'govuk-checkboxes__item' },
      h('input', { class: 'govuk-checkboxes__input', id: 'only-overdue', type: 'checkbox', checked: onlyOverdue, onchange: (e) => render(root, rows, complete, e.target.checked) }),
      h('label', { class: 'govuk-label govuk-checkboxes__label', for: 'only-overdue' }, 'Show only overdue')));

  const statusCell = (d) => {
    if (!d) return tag('Nothing due', 'grey');
    if (d.overdue) return tag('Overdue', 'red');
    if (d.dueOn <= soon && d.dueOn >= today) return tag('Due soon', 'yellow');
    return tag('On track', 'green');
  };
  replace(root,
    h('p', { class: 'govuk-body' }, h('strong', {}, String(rows.length)), ` children in your caseload. `,
      overdue ? h('strong', {}, `${overdue} ${overdue === 1 ? 'has' : 'have'} an overdue deadline.`) : 'None has an overdue deadline.'),
    complete ? null : h('div', { class: 'govuk-warning-text' }, h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), `Only the first ${rows.length} children are shown.`)),
    rows.length ? h('div', { class: 'govuk-form-group' }, filter) : null,
    rows.length === 0
      ? p('No children are registered in your area yet. Register a child through the API (registerChild) or in GraphiQL.')
      : shown.length === 0
        ? p('No child has an overdue deadline.')
        : h('div', { class: 'ehc-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Caseload' }, table({
          caption: 'Children by next deadline, overdue first',
          head: ['Child', 'Plan stage', 'Next deadline', 'Due', 'Status'],
          rows: shown.map((r) => [
            { content: [h('span', { class: 'govuk-!-font-weight-bold' }, r.name), h('br'), h('span', { class: 'govuk-body-s' }, `Born ${formatDate(r.child.dateOfBirth)}${r.child.locality ? `, ${r.child.locality}` : ''}`)] },
            r.child.plan ? PLAN_STATUS_NAMES[r.child.plan.status] ?? r.child.plan.status : 'No request yet',
            r.deadline ? r.deadline.label : 'None',
            r.deadline ? formatDate(r.deadline.dueOn) : '',
            statusCell(r.deadline),
          ]),
        })));
}

startPage({
  roles: ['CASE_COORDINATOR'],
  demoKey: 'coordinator',
  async render({ session, root }) {
    const { nodes, complete } = await loadCaseload(session.features);
    const rows = nodes.map((child) => ({
      child,
      name: [child.givenName, child.familyName].filter(Boolean).join(' ') || 'Name withheld',
      deadline: nextDeadline(child.plan),
    }));
    rows.sort(compareCaseloadRows);
    render(root, rows, complete, false);
  },
});
