// One HTTP request over node:http whose reply is read whole as text: what the tests' and benchmarks'
// small signed clients share (the signed Host header goes out as signed).
import { request as httpRequest, type RequestOptions } from 'node:http';

export interface TextReply {
  status: number;
  body: string;
}

/** Sends `body` with `options`; resolves with the status and the reply's text. */
export function requestText(
  options: RequestOptions,
  body: string | Buffer = '',
  timeoutMs?: number,
): Promise<TextReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    if (timeoutMs !== undefined)
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
