/**
 * A tiny element builder: every value lands in textContent or an attribute, never in innerHTML,
 * so nothing the API returns can become markup.
 *
 *   h('p', { class: 'govuk-body' }, 'Hello ', h('strong', {}, name))
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A GOV.UK table with a caption; `cells` per row are strings, nodes or { content, numeric, class }. */
export function table({ caption, head, rows, captionSize = 'm', numericColumns = [] }) {
  const cell = (tagName, value, index) => {
    const spec = value && typeof value === 'object' && !(value instanceof Node) && 'content' in value ? value : { content: value };
    const numeric = spec.numeric ?? numericColumns.includes(index);
    const base = tagName === 'th' ? 'govuk-table__header' : 'govuk-table__cell';
    return h(tagName, { class: [base, numeric ? `${base}--numeric` : '', spec.class ?? ''].filter(Boolean).join(' '), scope: spec.scope }, spec.content);
  };
  return h('table', { class: 'govuk-table' },
    h('caption', { class: `govuk-table__caption govuk-table__caption--${captionSize}` }, caption),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, head.map((v, i) => cell('th', typeof v === 'object' && v && 'content' in v ? { scope: 'col', ...v } : { content: v, scope: 'col' }, i)))),
    h('tbody', { class: 'govuk-table__body' }, rows.map((row) => h('tr', { class: 'govuk-table__row' }, row.map((v, i) => cell(i === 0 && row.rowHeader !== false ? 'th' : 'td', i === 0 ? rowHeader(v) : v, i))))),
  );
}

const rowHeader = (v) => (v && typeof v === 'object' && !(v instanceof Node) && 'content' in v ? { scope: 'row', ...v } : { content: v, scope: 'row' });

/** A GOV.UK tag. */
export const tag = (text, colour) => h('strong', { class: `govuk-tag${colour ? ` govuk-tag--${colour}` : ''}` }, text);

/** A paragraph in body text. */
export const p = (...children) => h('p', { class: 'govuk-body' }, ...children);

/** The "withheld" mark for a protected number: hatched, with the word and the reason if known. */
export function withheld(reason) {
  return h('span', { class: 'ehc-withheld' },
    h('span', { class: 'ehc-withheld__label' }, 'withheld'),
    reason ? h('span', { class: 'ehc-withheld__reason' }, reason) : null);
}

/** A success or information notification banner, focused so screen readers announce it. */
export function banner(text, { success = true, title } = {}) {
  const el = h('div', {
    class: `govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`,
    role: success ? 'alert' : 'region',
    'aria-labelledby': 'banner-title',
    tabindex: '-1',
  },
  h('div', { class: 'govuk-notification-banner__header' },
    h('h2', { class: 'govuk-notification-banner__title', id: 'banner-title' }, title ?? (success ? 'Success' : 'Important'))),
  h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-notification-banner__heading' }, text)));
  return el;
}

/** An error summary (GOV.UK pattern) listing problems; focused on render. */
export function errorSummary(messages) {
  return h('div', { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary', tabindex: '-1' },
    h('div', { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
      h('div', { class: 'govuk-error-summary__body' },
        h('ul', { class: 'govuk-list govuk-error-summary__list' }, messages.map((m) => h('li', {}, m))))));
}
