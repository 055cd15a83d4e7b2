/**
 * Response headers for everything a browser loads from the hub (pages, assets, redirects, errors).
 * OWASP Secure Headers: no inline script, no framing, no sniffing, no referrer leaving the hub.
 */

/**
 * The pages' policy. Scripts, styles, fonts and data come from the hub alone. `style-src-attr`
 * allows style attributes only (ECharts positions its tooltips with them); `<style>` elements and
 * every inline or evaluated script stay refused.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL's policy (development only). Its bundle is served as files, so scripts still come from
 * the hub alone; its editor (Monaco) and React inject `<style>` elements and inline SVG/fonts as data
 * URIs, and Monaco may start its workers from `blob:` URLs.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every browser-facing response carries, with the given content security policy. */
export function securityHeaders(csp: string = PAGE_CSP): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
