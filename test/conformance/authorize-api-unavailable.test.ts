// The authorization API while the database cannot be reached: the caller gets the 503
// ServiceUnavailable the store raised (a temporary failure to retry), not a 403 that reads as a
// refusal of its credentials; a real refusal is still 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnavailable } from '../../src/store/postgres/database-unavailable.ts';
import { sendSigned } from '../example-service/signed-http.ts';
import { ROOT, startTestServer, type TestServer } from '../support/test-server.ts';

describe('the authorization API with the database unreachable', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.destroy());

  const ask = (credentials = ROOT) =>
    sendSigned(`${t.url}/_tessera/authorize`, {
      method: 'POST',
      body: JSON.stringify({ action: 'notes:GetNote', resource: '*' }),
      headers: { 'content-type': 'application/json' },
      service: 'tessera',
      credentials,
    }).then((r) => ({ status: r.status, json: JSON.parse(r.body) as { error?: { code: string } } }));

  it('answers 503 ServiceUnavailable when authenticating the caller needs the database', async () => {
    const authenticator = t.server.authenticator;
    const original = authenticator.authenticate.bind(authenticator);
    authenticator.authenticate = () => Promise.reject(databaseUnavailable(new Error('connect ECONNREFUSED')));
    try {
      const reply = await ask();
      expect(reply.status).toBe(503);
      expect(reply.json.error?.code).toBe('ServiceUnavailable');
    } finally {
      authenticator.authenticate = original;
    }
  });

  it('still answers 403 for credentials it does not know', async () => {
    const reply = await ask({ accessKeyId: 'AKIAUNKNOWNUNKNOWN01', secretAccessKey: 'x'.repeat(40) });
    expect(reply.status).toBe(403);
    expect(reply.json.error?.code).toBe('InvalidClientTokenId');
  });
});
