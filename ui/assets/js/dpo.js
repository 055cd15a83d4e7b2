/**
 * /ui/dpo: the data protection officer's oversight. The audit chain's status (auditChainStatus),
 * emergency (break-glass) accesses waiting for review with a review form (breakGlassReviews,
 * reviewBreakGlass), the access timeline with filters (accessLog), and subject access exports.
 */
import { banner, errorSummary, h, p, replace, table, tag } from './dom.js';
import { downloadText } from './csv.js';
import { gql, HubError } from './hub-client.js';
import { formatDateTime, startPage } from './layout.js';
import { CATEGORY_NAMES, humanise } from './plain-words.js';

const TIMELINE_PAGE = 50;
const BASES = ['OWNER', 'STATUTORY', 'FAMILY', 'CONSENT', 'BREAK_GLASS', 'DENIED'];
const BASIS_NAMES = { OWNER: 'Owner', STATUTORY: 'Statutory', FAMILY: 'Family', CONSENT: 'Consent', BREAK_GLASS: 'Break-glass', DENIED: 'Denied' };

async function renderChain(section) {
  replace(section, h('h2', { class: 'govuk-heading-l' }, 'Audit chain'), p('Checking every event…'));
  const { data } = await gql('query ChainStatus { auditChainStatus { intact length firstBrokenAt brokenChain } }');
  const s = data.auditChainStatus;
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Audit chain'),
    s.intact
      ? h('div', { class: 'govuk-inset-text' }, tag('Intact', 'green'), ` ${s.length.toLocaleString('en-GB')} events checked: none has been altered, removed or reordered.`)
      : h('div', { class: 'govuk-warning-text' }, h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
        h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
          `The audit chain ${s.brokenChain} is broken at its event ${s.firstBrokenAt}. Treat that chain's events from there on as untrusted and follow your incident procedure.`)),
    p('The same check runs from the command line: ', h('code', {}, 'npm run audit:verify'), '.'));
}

async function renderReviews(section, onChange) {
  const { data } = await gql(`query BreakGlassQueue {
    breakGlassReviews(pending: true) { id childId actorSub actorOrg reason createdAt expiresAt }
  }`);
  const pending = data.breakGlassReviews;
  const heading = h('h2', { class: 'govuk-heading-l' }, 'Emergency accesses to review');
  if (!pending.length) return replace(section, heading, p('There are no emergency (break-glass) accesses waiting for review.'));
  replace(section, heading,
    p(`${pending.length} emergency ${pending.length === 1 ? 'access is' : 'accesses are'} waiting for your review. Record whether each was justified.`),
    pending.map((r, i) => reviewCard(r, i, onChange)));
}

function reviewCard(r, index, onChange) {
  const noteId = `note-${index}`;
  const name = `outcome-${index}`;
  const problems = h('div');
  const note = h('textarea', { class: 'govuk-textarea', id: noteId, name: noteId, rows: '3' });
  const form = h('form', {
    class: 'ehc-review-form',
    novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      const outcome = form.querySelector(`input[name="${name}"]:checked`)?.value;
      const missing = [!outcome && 'Choose whether the access was justified', !note.value.trim() && 'Write a review note'].filter(Boolean);
      if (missing.length) {
        replace(problems, errorSummary(missing));
        return problems.querySelector('.govuk-error-summary').focus();
      }
      try {
        await gql('mutation ReviewBreakGlass($id: ID!, $outcome: BreakGlassOutcome!, $note: String!) { reviewBreakGlass(id: $id, outcome: $outcome, note: $note) { id outcome reviewedAt } }',
          { id: r.id, outcome, note: note.value });
        onChange(`Review recorded: the emergency access by ${r.actorOrg} was marked ${outcome === 'JUSTIFIED' ? 'justified' : 'not justified'}.`);
      } catch (error) {
        replace(problems, errorSummary([error.message]));
      }
    },
  },
  problems,
  h('div', { class: 'govuk-form-group' },
    h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'Was this access justified?'),
      h('div', { class: 'govuk-radios govuk-radios--small govuk-radios--inline', 'data-module': 'govuk-radios' },
        [['JUSTIFIED', 'Justified'], ['NOT_JUSTIFIED', 'Not justified']].map(([value, label]) => h('div', { class: 'govuk-radios__item' },
          h('input', { class: 'govuk-radios__input', id: `${name}-${value}`, name, type: 'radio', value }),
          h('label', { class: 'govuk-label govuk-radios__label', for: `${name}-${value}` }, label)))))),
  h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: noteId }, 'Review note'), note),
  h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button' }, 'Record review'));

  return h('div', { class: 'govuk-summary-card' },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h3', { class: 'govuk-summary-card__title' }, `Emergency access by ${r.actorOrg}, ${formatDateTime(r.createdAt)}`)),
    h('div', { class: 'govuk-summary-card__content' },
      h('dl', { class: 'govuk-summary-list' },
        [['Who', r.actorSub], ['Organisation', r.actorOrg], ['Child', h('span', { class: 'ehc-id' }, r.childId)], ['Reason given', r.reason], ['Access ended', formatDateTime(r.expiresAt)]]
          .map(([k, v]) => h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, k), h('dd', { class: 'govuk-summary-list__value' }, v)))),
      form));
}

function input(id, label, hint, attrs = {}) {
  return h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('input', { class: 'govuk-input', id, name: id, type: 'text', 'aria-describedby': hint ? `${id}-hint` : undefined, ...attrs }));
}

function renderTimeline(section) {
  const results = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'ehc-timeline-filters',
    novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      void search();
    },
  },
  h('div', { class: 'govuk-grid-row' },
    h('div', { class: 'govuk-grid-column-one-half' },
      input('filter-child', 'Child ID', 'Leave blank for every child in your areas', { spellcheck: 'false' }),
      input('filter-org', 'Organisation code', 'For example RQM or LA213', { class: 'govuk-input govuk-input--width-10', spellcheck: 'false' })),
    h('div', { class: 'govuk-grid-column-one-half' },
      h('div', { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label', for: 'filter-basis' }, 'Basis'),
        h('select', { class: 'govuk-select', id: 'filter-basis', name: 'filter-basis' },
          h('option', { value: '' }, 'Any basis'), BASES.map((b) => h('option', { value: b }, BASIS_NAMES[b])))),
      input('filter-from', 'From (date)', 'For example 2026-12-01', { type: 'date', class: 'govuk-input govuk-input--width-10' }),
      input('filter-to', 'To (date)', 'Includes the whole day', { type: 'date', class: 'govuk-input govuk-input--width-10' }))),
  h('div', { class: 'govuk-button-group' },
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button' }, 'Show events'),
    h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', onclick: () => { form.reset(); void search(); } }, 'Clear filters')));

  const value = (id) => form.querySelector(`#${id}`).value.trim();
  let events = [];
  const search = async (after = null) => {
    const filter = {};
    if (value('filter-child')) filter.childId = value('filter-child');
    if (value('filter-org')) filter.actorOrg = value('filter-org');
    if (value('filter-basis')) filter.basis = value('filter-basis');
    if (value('filter-from')) filter.from = `${value('filter-from')}T00:00:00.000Z`;
    if (value('filter-to')) filter.to = `${value('filter-to')}T23:59:59.999Z`;
    try {
      const { data } = await gql(`query AccessTimeline($filter: AccessLogFilter, $first: Int, $after: String) {
        accessLog(filter: $filter, first: $first, after: $after) {
          edges { node { id at actorSub actorOrg actorRole childId action basis categories sections flags operationName } }
          pageInfo { hasNextPage endCursor }
        }
      }`, { filter, first: TIMELINE_PAGE, after });
      const page = data.accessLog;
      events = after ? [...events, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node);
      drawEvents(page.pageInfo);
    } catch (error) {
      const message = error instanceof HubError && error.code === 'NOT_FOUND' ? 'No child with that ID in your areas.' : error.message;
      replace(results, errorSummary([message]));
    }
  };
  const filterToChild = (childId) => {
    form.querySelector('#filter-child').value = childId;
    void search();
  };
  const drawEvents = (pageInfo) => {
    if (!events.length) return replace(results, p('No access events match these filters.'));
    replace(results,
      h('div', { class: 'ehc-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Access events' }, table({
        caption: `Access events, newest first (${events.length}${pageInfo.hasNextPage ? '+' : ''})`,
        captionSize: 's',
        head: ['When', 'Who', 'Child', 'What', 'Basis'],
        rows: events.map((e) => [
          formatDateTime(e.at),
          [h('span', {}, e.actorSub), h('br'), h('span', { class: 'govuk-body-s' }, `${e.actorOrg}, ${humanise(e.actorRole).toLowerCase()}`)],
          e.childId ? h('button', { type: 'button', class: 'ehc-link-button ehc-id', onclick: () => filterToChild(e.childId), 'aria-label': `Show only events for child ${e.childId}` }, e.childId.slice(0, 8)) : 'none',
          [humanise(e.action), e.sections.length ? ` – sections ${e.sections.join(', ')}` : '',
            e.categories.length ? h('span', { class: 'govuk-body-s' }, h('br'), e.categories.map((c) => CATEGORY_NAMES[c] ?? c).join(', ')) : '',
            e.operationName ? h('span', { class: 'govuk-body-s' }, h('br'), `operation ${e.operationName}`) : ''],
          [e.basis === 'DENIED' ? tag('Denied', 'red') : e.basis === 'BREAK_GLASS' ? tag('Break-glass', 'orange') : BASIS_NAMES[e.basis] ?? e.basis,
            ...e.flags.filter((f) => !(f === 'BREAK_GLASS' && e.basis === 'BREAK_GLASS')).map((f) => [' ', tag(humanise(f), 'yellow')])],
        ]),
      })),
      pageInfo.hasNextPage ? h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', onclick: () => void search(pageInfo.endCursor) }, 'Show older events') : null);
  };

  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Access timeline'),
    p('Every read, write and refusal about children of your areas, with its legal basis.'),
    form, results);
  return search();
}

function renderExport(section) {
  const problems = h('div');
  const childInput = h('input', { class: 'govuk-input', id: 'sar-child', name: 'sar-child', type: 'text', spellcheck: 'false', 'aria-describedby': 'sar-child-hint' });
  replace(section,
    h('h2', { class: 'govuk-heading-l' }, 'Subject access requests'),
    p('A family may ask for a copy of everything held about their child and who has seen it (UK GDPR Article 15). Answer within one month of receiving the request. The export leaves out safeguarding content and is itself recorded in the audit trail.'),
    h('form', {
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const childId = childInput.value.trim();
        if (!childId) return replace(problems, errorSummary(['Enter the child ID']));
        try {
          const { data } = await gql('query SubjectAccessExport($childId: ID!) { subjectAccessExport(childId: $childId) }', { childId });
          downloadText(`subject-access-${childId}.json`, data.subjectAccessExport, 'application/json');
          replace(problems, banner('The export was downloaded. Send it to the family securely.'));
        } catch (error) {
          replace(problems, errorSummary([error.message]));
        }
      },
    },
    problems,
    h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: 'sar-child' }, 'Child ID'),
      h('div', { class: 'govuk-hint', id: 'sar-child-hint' }, 'From the access timeline, or ask the SEN team'),
      childInput),
    h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button' }, 'Download the export')),
    p('From the command line: ', h('code', {}, 'npm run sar -- --child <ID>'), '.'));
}

startPage({
  roles: ['DPO'],
  demoKey: 'dpo',
  async render({ root }) {
    const notice = h('div');
    const chain = h('section');
    const reviews = h('section');
    const timeline = h('section');
    const exportSection = h('section');
    replace(root, notice, chain, reviews, timeline, exportSection);
    const onReviewed = async (message) => {
      replace(notice, banner(message));
      notice.firstChild.focus();
      await renderReviews(reviews, onReviewed);
    };
    renderExport(exportSection);
    await Promise.all([renderChain(chain), renderReviews(reviews, onReviewed), renderTimeline(timeline)]);
  },
});
