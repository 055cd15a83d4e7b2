import type { IncomingMessage } from 'node:http';

/** Request bodies over this are refused with 413 before any parsing (docs/quality-targets.md). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How many bytes of an oversize body are still read (and thrown away) so that the client finishes
 * sending and then reads the 413. Closing a connection while the client is still writing makes the
 * client's TCP stack discard the response on reset (RFC 9112 §9.6, "Tear-down": a server SHOULD
 * keep reading before it closes); past this bound the hub stops reading and closes, which RFC 9110
 * §15.5.14 allows. Nothing read past MAX_BODY_BYTES is kept; slow senders are cut off by the HTTP
 * server's own request timeout.
 */
export const MAX_DRAIN_BYTES = 4 * MAX_BODY_BYTES;

export class BodyTooLargeError extends Error {
  /**
   * @param drained true when the whole request was read, so the 413 can be sent on a clean connection;
   *   false when the hub stopped reading (declared or sent past MAX_DRAIN_BYTES), so the client may see
   *   the connection close before it reads the answer.
   */
  constructor(readonly drained: boolean) {
    super(drained ? 'request body too large' : 'request body too large; stopped reading');
  }
}

/**
 * Reads the body as text. Past `limit` it keeps nothing and reads on to the end of the request,
 * then rejects with BodyTooLargeError; past `drainLimit` (declared or actually sent) it stops reading
 * at once. Rejects with the stream's error when the client aborts.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES, drainLimit = MAX_DRAIN_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > drainLimit) return reject(new BodyTooLargeError(false));
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;

    const settle = (finish: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      finish();
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > drainLimit) {
        req.pause();
        return settle(() => reject(new BodyTooLargeError(false)));
      }
      if (size > limit && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
    }
    function onEnd() {
      settle(() => (tooLarge ? reject(new BodyTooLargeError(true)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    }
    function onError(error: Error) {
      settle(() => reject(error));
    }
    function onClose() {
      settle(() => reject(new Error('request closed before its body was complete')));
    }
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
