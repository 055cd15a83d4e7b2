/**
 * Issue 3 / issue 16: the body limit. Under the limit the text comes back; past it nothing is kept but
 * the rest of the request is read (so the client finishes sending and reads the 413, RFC 9112 §9.6);
 * past the drain bound reading stops at once, however much the client would send.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBody } from '../../src/platform/http/read-body.js';

const LIMIT = 1000;
const DRAIN = 4000;
const CHUNK = 100;

/** A request whose body is `total` bytes (Infinity: endless) in CHUNK-byte pieces; counts what was pulled. */
function fakeRequest(total: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      if (pulled >= total) return void this.push(null);
      const n = Math.min(CHUNK, total - pulled);
      pulled += n;
      this.push(Buffer.alloc(n, 'x'));
    },
  });
  return { req: Object.assign(stream, { headers }) as unknown as IncomingMessage, pulled: () => pulled, stream };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error);

describe('readBody', () => {
  it('returns a body at the limit as text', async () => {
    const { req } = fakeRequest(LIMIT);
    expect(await readBody(req, LIMIT, DRAIN)).toBe('x'.repeat(LIMIT));
  });

  it('one byte past the limit: reads the request to its end, then refuses it as drained', async () => {
    const { req, pulled, stream } = fakeRequest(LIMIT + 1);
    const error = await rejection(readBody(req, LIMIT, DRAIN));
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).drained).toBe(true);
    expect(pulled()).toBe(LIMIT + 1);
    expect(stream.readableEnded).toBe(true);
  });

  it('a declared length past the limit but within the drain bound is read to its end too', async () => {
    const { req, pulled } = fakeRequest(DRAIN, { 'content-length': String(DRAIN) });
    expect(((await rejection(readBody(req, LIMIT, DRAIN))) as BodyTooLargeError).drained).toBe(true);
    expect(pulled()).toBe(DRAIN);
  });

  it('an endless body: stops reading just past the drain bound', async () => {
    const { req, pulled } = fakeRequest(Infinity);
    const error = await rejection(readBody(req, LIMIT, DRAIN));
    expect((error as BodyTooLargeError).drained).toBe(false);
    // One chunk over the bound, plus what the stream had buffered ahead (its high-water mark).
    expect(pulled()).toBeLessThanOrEqual(DRAIN + 2 * CHUNK);
  });

  it('a declared length past the drain bound is refused without reading a byte', async () => {
    const { req, pulled } = fakeRequest(Infinity, { 'content-length': String(DRAIN + 1) });
    expect(((await rejection(readBody(req, LIMIT, DRAIN))) as BodyTooLargeError).drained).toBe(false);
    expect(pulled()).toBe(0);
  });

  it('a client that aborts mid-body rejects with the stream error', async () => {
    const { req, stream } = fakeRequest(Infinity);
    const pending = rejection(readBody(req, LIMIT, DRAIN));
    stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    expect(await pending).toMatchObject({ code: 'ECONNRESET' });
  });

  it('a request that closes without an end or an error is not taken as complete', async () => {
    const { req, stream } = fakeRequest(Infinity);
    const pending = rejection(readBody(req, LIMIT, DRAIN));
    stream.destroy();
    expect(await pending).toBeInstanceOf(Error);
    expect(await pending).not.toBeInstanceOf(BodyTooLargeError);
  });
});
