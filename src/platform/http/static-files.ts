/**
 * Serving files from a folder without ever leaving it: the request path is decoded once, any
 * `..`, `.`, empty or dot-file segment, backslash or NUL is refused before the file system is
 * touched, and the resolved real path (symbolic links followed) must still lie inside the folder's
 * real path. Files are read once and kept in memory with an ETag and, for text, a gzip copy.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

export interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  contentType: string;
  etag: string;
}

/** Builds an in-memory asset (content type by extension, strong ETag, gzip copy for text). */
export function makeAsset(body: Buffer | string, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  const gzip = COMPRESSIBLE.test(contentType) && bytes.length > 1024 ? gzipSync(bytes) : null;
  return { body: bytes, gzip, contentType, etag };
}

/**
 * The safe relative path for a URL path below a mount point, or null when it could point anywhere
 * else (traversal, encoded separators, dot files, NUL) or has an extension we do not serve.
 */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  if (!(extname(decoded).toLowerCase() in CONTENT_TYPES)) return null;
  return segments.join(sep);
}

/** A read-only view of one folder: `get('css/app.css')` or null when absent or outside. */
export class StaticFolder {
  private readonly cache = new Map<string, Promise<Asset | null>>();
  private rootReal: Promise<string | null> | null = null;

  constructor(
    private readonly root: string,
    /** Rewrites a file's text before it is served (for example asset paths inside a vendor stylesheet). */
    private readonly transform?: (relative: string, text: string) => string,
  ) {}

  get(urlPath: string): Promise<Asset | null> {
    const relative = safeRelativePath(urlPath);
    if (relative === null) return Promise.resolve(null);
    let hit = this.cache.get(relative);
    if (!hit) {
      hit = this.load(relative);
      this.cache.set(relative, hit);
    }
    return hit;
  }

  private async load(relative: string): Promise<Asset | null> {
    this.rootReal ??= realpath(this.root).catch(() => null);
    const root = await this.rootReal;
    if (root === null) return null;
    try {
      const file = await realpath(join(root, relative));
      if (!file.startsWith(root + sep)) return null;
      if (!(await stat(file)).isFile()) return null;
      const type = CONTENT_TYPES[extname(file).toLowerCase()];
      if (!type) return null;
      const bytes = await readFile(file);
      const body = this.transform && type.includes('charset') ? Buffer.from(this.transform(relative, bytes.toString('utf8'))) : bytes;
      return makeAsset(body, type);
    } catch {
      return null;
    }
  }
}

/**
 * Sends an asset with its cache policy, answering 304 to a matching If-None-Match and gzip to a
 * client that accepts it. HEAD gets the headers only.
 */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, cacheControl: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', asset.etag);
  res.setHeader('vary', 'accept-encoding');
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === asset.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? asset.gzip : null;
  res.setHeader('content-type', asset.contentType);
  if (gzip) res.setHeader('content-encoding', 'gzip');
  const body = gzip ?? asset.body;
  res.setHeader('content-length', String(body.length));
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}
