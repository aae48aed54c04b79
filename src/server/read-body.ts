// Reads a request body with a size limit; an oversized client is cut off, and a client that goes
// away before its body is read is told apart from a failure (ClientAborted: nothing to answer).
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}

/** The client closed the connection or stopped sending before the body was complete. */
export class ClientAborted extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const settle = (fn: () => void): void => {
      if (done) return;
      done = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(new BodyTooLarge(`request body over ${limit} bytes`)));
        // stop reading; the 413 goes out with `connection: close` and the socket closes after it
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))));
    req.on('aborted', () => settle(() => reject(new ClientAborted('client aborted'))));
    req.on('close', () => {
      if (!req.complete) settle(() => reject(new ClientAborted('connection closed')));
    });
    req.on('error', (err) => settle(() => reject(isClientGone(err) ? new ClientAborted(err.message) : err)));
  });
}

function isClientGone(err: Error & { code?: string }): boolean {
  return err.code === 'ECONNRESET' || err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.message === 'aborted';
}
