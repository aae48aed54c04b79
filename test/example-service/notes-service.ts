// An example of another service protected by Tessera: it stores notes per resource ARN, receives requests
// signed with SigV4 for the service `notes`, and before serving one asks Tessera's authorization API
// (POST /_tessera/authorize, itself signed with the service's own credentials for `tessera`) whether the
// signer may perform notes:GetNote or notes:PutNote on arn:aws:notes:REGION:ACCOUNT:note/ID.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendSigned, type SigningCredentials } from './signed-http.ts';

export interface NotesServiceOptions {
  /** Tessera's base URL. */
  tesseraUrl: string;
  /** The service's own IAM credentials, allowed tessera:Authorize. */
  credentials: SigningCredentials;
  region: string;
  /** The account that owns the notes. */
  accountId: string;
}

export interface NotesService {
  url: string;
  stop(): Promise<void>;
}

const ACTIONS: Record<string, string> = { GET: 'notes:GetNote', PUT: 'notes:PutNote' };

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startNotesService(opts: NotesServiceOptions): Promise<NotesService> {
  const notes = new Map<string, string>();

  /** Asks Tessera about the request exactly as it arrived. */
  async function ask(req: IncomingMessage, body: Buffer, action: string, resource: string) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const question = {
      request: {
        method: req.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        headers: req.headersDistinct,
        body: body.toString('base64'),
      },
      action,
      resource,
      context: { 'aws:SourceIp': (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '') },
    };
    const reply = await sendSigned(`${opts.tesseraUrl}/_tessera/authorize`, {
      method: 'POST',
      body: JSON.stringify(question),
      headers: { 'content-type': 'application/json' },
      service: 'tessera',
      region: opts.region,
      credentials: opts.credentials,
    });
    return { status: reply.status, answer: JSON.parse(reply.body) as Record<string, unknown> };
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const match = /^\/notes\/([A-Za-z0-9_-]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
      const action = ACTIONS[req.method ?? ''];
      if (!match || !action) return send(404, { message: 'no such route' });
      const body = await readAll(req);
      const resource = `arn:aws:notes:${opts.region}:${opts.accountId}:note/${match[1]}`;
      const { status, answer } = await ask(req, body, action, resource);
      if (status !== 200) return send(403, { message: 'request refused', error: answer.error });
      if (answer.decision !== 'Allow')
        return send(403, { message: answer.message, reason: answer.reason, decision: answer.decision });
      if (action === 'notes:PutNote') {
        notes.set(resource, body.toString('utf8'));
        return send(200, { stored: resource });
      }
      const note = notes.get(resource);
      return note === undefined ? send(404, { message: 'no such note' }) : send(200, { note });
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
