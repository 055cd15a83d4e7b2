/**
 * Starts GraphiQL (served by the hub as files: @graphql-yoga/render-graphiql's bundle) with the
 * demo-role picker. Choosing a role mints a development token (POST /dev/token), puts it in the
 * Authorization header of every tab and opens that role's saved example operations.
 */
import { EXAMPLES, WITHOUT_DEMO_ROLES } from './graphiql-examples.js';

const ROLE_KEY = 'ehc-hub.graphiql.role';
const TOKEN_KEY = 'ehc-hub.graphiql.token';
const TOKEN_ROLE_KEY = 'ehc-hub.graphiql.token-role';
const TABS_ROLE_KEY = 'ehc-hub.graphiql.tabs-role';
const GRAPHIQL_STORAGE = 'graphiql:';

self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => ({
    editorWorkerService: '/graphiql/assets/editor.worker.js',
    json: '/graphiql/assets/json.worker.js',
    graphql: '/graphiql/assets/graphql.worker.js',
  })[label] ?? '/graphiql/assets/editor.worker.js',
};

const select = document.getElementById('demo-role');
const button = document.querySelector('#role-form button');
const status = document.getElementById('role-status');

async function mint(key) {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: key }),
    credentials: 'omit',
  });
  if (!response.ok) throw new Error('demo tokens are not available');
  return (await response.json()).token;
}

function clearGraphiqlStorage() {
  for (const key of Object.keys(localStorage)) if (key.startsWith(GRAPHIQL_STORAGE)) localStorage.removeItem(key);
}

/** Keeps the user's tabs but swaps a fresh token into each tab's Authorization header. */
function refreshStoredHeaders(token) {
  const raw = localStorage.getItem(`${GRAPHIQL_STORAGE}tabState`);
  if (!raw) return;
  try {
    const state = JSON.parse(raw);
    for (const t of state.tabs ?? []) {
      let headers = {};
      try { headers = t.headers ? JSON.parse(t.headers) : {}; } catch { headers = {}; }
      headers.Authorization = `Bearer ${token}`;
      t.headers = JSON.stringify(headers, null, 2);
    }
    localStorage.setItem(`${GRAPHIQL_STORAGE}tabState`, JSON.stringify(state));
  } catch {
    clearGraphiqlStorage();
  }
}

async function start() {
  const session = await fetch('/ui/session.json', { credentials: 'omit' }).then((r) => r.json());
  const roles = session.demoRoles ?? [];
  let headers = '{}';
  let tabs = WITHOUT_DEMO_ROLES;
  if (roles.length) {
    let role = localStorage.getItem(ROLE_KEY);
    if (!roles.some((r) => r.key === role)) role = roles[0].key;
    let token = sessionStorage.getItem(TOKEN_KEY);
    if (!token || sessionStorage.getItem(TOKEN_ROLE_KEY) !== role) {
      token = await mint(role);
      sessionStorage.setItem(TOKEN_KEY, token);
      sessionStorage.setItem(TOKEN_ROLE_KEY, role);
    }
    if (localStorage.getItem(TABS_ROLE_KEY) !== role) {
      clearGraphiqlStorage();
      localStorage.setItem(TABS_ROLE_KEY, role);
    } else {
      refreshStoredHeaders(token);
    }
    headers = JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
    tabs = EXAMPLES[role] ?? WITHOUT_DEMO_ROLES;
    select.replaceChildren(...roles.map((r) => new Option(r.label, r.key, false, r.key === role)));
    select.disabled = false;
    button.disabled = false;
    const label = roles.find((r) => r.key === role).label;
    status.textContent = `Signed in as the demo ${label}. Choosing another role replaces the tabs with its examples.`;
    document.getElementById('role-form').addEventListener('submit', (event) => {
      event.preventDefault();
      localStorage.setItem(ROLE_KEY, select.value);
      sessionStorage.removeItem(TOKEN_KEY);
      window.location.reload();
    });
  } else {
    select.replaceChildren(new Option('No demo roles on this hub', ''));
    status.textContent = 'Paste your own token into the Headers tab.';
  }
  const root = document.getElementById('root');
  root.replaceChildren();
  window.YogaGraphiQL.renderYogaGraphiQL(root, {
    endpoint: '/graphql',
    title: 'EHC hub GraphiQL',
    defaultTabs: tabs.map((t) => ({ ...t, headers })),
    headers,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: true,
  });
}

start().catch((error) => {
  status.textContent = `GraphiQL could not start: ${error.message}`;
});
