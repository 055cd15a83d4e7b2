/**
 * Talking to the hub: the token (sessionStorage, this tab only), GraphQL over POST /graphql, the
 * page session info and, in development, demo tokens. Same API and data path as any other client.
 */
const TOKEN_KEY = 'ehc-hub.token';

/**
 * Accepts `#token=…` (automation, links from a sign-in service) and removes it from the address
 * bar and history at once, so the token is not left in bookmarks, history or a shared screen.
 */
export function takeTokenFromFragment() {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]));
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

export const getToken = () => window.sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token) => window.sessionStorage.setItem(TOKEN_KEY, token.trim().replace(/^Bearer\s+/i, ''));
export const clearToken = () => window.sessionStorage.removeItem(TOKEN_KEY);

export class HubError extends Error {
  constructor(message, code, errors = []) {
    super(message);
    this.code = code;
    this.errors = errors;
  }
}

/**
 * Runs one operation. Resolves to `{ data, errors }` (a withheld field is null with an error at its
 * path, which pages show as withheld); rejects with HubError when there is no data at all.
 */
export async function gql(query, variables = {}) {
  const token = getToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    credentials: 'omit',
  });
  if (response.status === 401) throw new HubError('Your sign-in was not accepted: it may have expired.', 'UNAUTHENTICATED');
  let body;
  try {
    body = await response.json();
  } catch {
    throw new HubError(`The hub answered ${response.status} without a readable body.`, 'INTERNAL_SERVER_ERROR');
  }
  if (response.status === 429) throw new HubError('Too many requests: wait a minute and try again.', 'RATE_LIMITED', body.errors);
  const errors = body.errors ?? [];
  if (!body.data) {
    const first = errors[0];
    throw new HubError(first?.message ?? `The hub answered ${response.status}.`, first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', errors);
  }
  return { data: body.data, errors };
}

/** Errors of a result whose path starts with `prefix` (for example ['areaNeeds']). */
export const errorsAt = (errors, ...prefix) => errors.filter((e) => prefix.every((p, i) => e.path?.[i] === p));

let sessionPromise = null;
/** `{ development, demoRoles: [{ key, label, role }], features: { 'Type.field': bool } }` */
export function sessionInfo() {
  sessionPromise ??= fetch('/ui/session.json', { credentials: 'omit' }).then((r) => r.json());
  return sessionPromise;
}

/** Development only: a token for one demo role (POST /dev/token). */
export async function demoToken(key) {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: key }),
    credentials: 'omit',
  });
  if (!response.ok) throw new HubError('Demo tokens are not available on this hub.', 'NOT_FOUND');
  return (await response.json()).token;
}
