/**
 * What every role page shares: GOV.UK Frontend start-up, the token from `#token=…` or the sign-in
 * box (paste a token; in development also the demo picker), the signed-in line with sign out, the
 * role check, and a plain-English error panel.
 */
import { initAll } from '/ui/vendor/govuk/govuk-frontend.min.js';
import { h, replace, errorSummary, p } from './dom.js';
import { clearToken, demoToken, getToken, gql, HubError, sessionInfo, setToken, takeTokenFromFragment } from './hub-client.js';

export const ROLE_NAMES = {
  CASE_COORDINATOR: 'case coordinator',
  PRACTITIONER: 'practitioner',
  FAMILY: 'family member',
  COMMISSIONER: 'commissioner',
  DPO: 'data protection officer',
};

const PAGE_FOR_ROLE = {
  CASE_COORDINATOR: ['/ui/caseload', 'the caseload'],
  FAMILY: ['/ui/family', 'your child’s record'],
  COMMISSIONER: ['/ui/commissioner', 'commissioning'],
  DPO: ['/ui/dpo', 'data protection'],
};

/**
 * Starts a role page.
 * @param {{ roles: string[], demoKey: string, render: (ctx: { me: object, session: object, root: HTMLElement }) => Promise<void> }} page
 */
export async function startPage(page) {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
  initAll();
  takeTokenFromFragment();
  const root = document.getElementById('page');
  const signIn = document.getElementById('sign-in');
  const status = document.getElementById('signed-in');
  const session = await sessionInfo();

  const show = async (problem) => {
    root.hidden = true;
    replace(status);
    if (!getToken()) return renderSignIn(signIn, session, page.demoKey, problem, () => show());
    signIn.hidden = true;
    let me;
    try {
      ({ data: { me } } = await gql('query Me { me { sub role org agency areas } }'));
    } catch (error) {
      if (error instanceof HubError && error.code === 'UNAUTHENTICATED') {
        clearToken();
        return show(error.message);
      }
      return showError(root, error);
    }
    renderSignedIn(status, me, () => {
      clearToken();
      show();
    });
    root.hidden = false;
    if (!page.roles.includes(me.role)) return renderWrongRole(root, me, page.roles);
    replace(root, p('Loading…'));
    try {
      await page.render({ me, session, root });
    } catch (error) {
      showError(root, error);
    }
  };
  await show();
}

function renderSignedIn(status, me, signOut) {
  replace(status, h('p', { class: 'govuk-body-s ehc-signed-in' },
    'Signed in as ', h('strong', {}, me.sub), ` (${ROLE_NAMES[me.role] ?? me.role}${me.org && me.role !== 'FAMILY' ? `, ${me.org}` : ''}). `,
    h('button', { type: 'button', class: 'ehc-link-button', onclick: signOut }, 'Sign out')));
}

function renderWrongRole(root, me, roles) {
  const [href, name] = PAGE_FOR_ROLE[me.role] ?? [];
  replace(root,
    h('div', { class: 'govuk-inset-text' },
      `This page is for a ${roles.map((r) => ROLE_NAMES[r]).join(' or ')}. You are signed in as a ${ROLE_NAMES[me.role] ?? me.role}.`),
    href ? p(h('a', { class: 'govuk-link', href }, `Go to ${name}`)) : null);
}

/** Shows a failure in plain English, with the hub's code for support staff. */
export function showError(root, error) {
  const code = error instanceof HubError ? error.code : null;
  replace(root, errorSummary([
    code === 'FORBIDDEN' || code === 'NOT_FOUND'
      ? `You cannot see this: ${error.message}`
      : `Something went wrong: ${error.message}${code ? ` (${code})` : ''}. Try again, or sign out and in again.`,
  ]));
  root.hidden = false;
  root.querySelector('.govuk-error-summary')?.focus();
}

function renderSignIn(container, session, demoKey, problem, done) {
  container.hidden = false;
  const tokenError = h('p', { class: 'govuk-error-message', id: 'token-error' }, h('span', { class: 'govuk-visually-hidden' }, 'Error: '), problem ?? '');
  const input = h('textarea', {
    class: `govuk-textarea${problem ? ' govuk-textarea--error' : ''}`, id: 'token-input', name: 'token', rows: '3',
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `token-hint${problem ? ' token-error' : ''}`,
  });
  const pasteForm = h('form', {
    novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      if (!input.value.trim()) return renderSignIn(container, session, demoKey, 'Paste your access token', done);
      setToken(input.value);
      done();
    },
  },
  h('div', { class: `govuk-form-group${problem ? ' govuk-form-group--error' : ''}` },
    h('h2', { class: 'govuk-label-wrapper' }, h('label', { class: 'govuk-label govuk-label--m', for: 'token-input' }, 'Access token')),
    h('div', { class: 'govuk-hint', id: 'token-hint' }, 'Paste the token your organisation’s sign-in service gave you. It is kept in this browser tab only and forgotten when you close it.'),
    problem ? tokenError : null,
    input),
  h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button' }, 'Sign in'));

  const demo = session.demoRoles?.length ? demoPicker(session.demoRoles, demoKey, done) : null;
  replace(container, h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, pasteForm, demo)));
  if (problem) input.focus();
}

function demoPicker(roles, demoKey, done) {
  const select = h('select', { class: 'govuk-select', id: 'demo-role', name: 'demo-role', 'aria-describedby': 'demo-role-hint' },
    roles.map((r) => h('option', { value: r.key, selected: r.key === demoKey }, r.label)));
  const message = h('div', { 'aria-live': 'polite' });
  return h('form', {
    class: 'ehc-demo-picker',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        setToken(await demoToken(select.value));
        done();
      } catch (error) {
        replace(message, h('p', { class: 'govuk-error-message' }, error.message));
      }
    },
  },
  h('h2', { class: 'govuk-heading-m' }, 'Development: use a demo role'),
  h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: 'demo-role' }, 'Demo role'),
    h('div', { class: 'govuk-hint', id: 'demo-role-hint' }, 'Synthetic data only. Offered only while the hub uses the public development secret.'),
    select),
  message,
  h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button' }, 'Use this demo role'));
}

/** Dates and times the way GOV.UK writes them: 1 December 2026, 2:05pm (UK time). */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
export const formatDate = (value) => (value ? dateFormat.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value)) : '');
export const formatTime = (value) => timeFormat.format(new Date(value)).replace(/\s/g, '').replace('am', 'am').replace('pm', 'pm');
export const formatDateTime = (value) => `${formatDate(value)}, ${formatTime(value)}`;
