// The console's escalation graph over HTTP, on both backends (GET /console/api/graph in
// docs/console-api.md): the paths to admin (or to a role) in the session's account as SVG and JSON,
// revealed only to a session that may call iam:GetAccountAuthorizationDetails — anyone else gets that
// action's AccessDenied with AWS's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PASSWORD, consoleUser } from '../support/console-users.ts';
import {
  ALICE,
  CI,
  createEscalationPrincipals,
  DEPLOYER,
  ESCALATION_ACCOUNT as ACCOUNT,
} from '../support/escalation-principals.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

interface GraphAnswer {
  accountId?: string;
  target?: string;
  svg?: string;
  paths?: { from: string; to: string; length: number; steps: { kind: string; summary: string }[] }[];
  error?: { code: string; message: string };
}

describe.each(BACKENDS)('the console’s escalation graph on %s', (backend: Backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend);
    await createEscalationPrincipals(t);
    await consoleUser(t, 'boss', 'arn:aws:iam::aws:policy/AdministratorAccess');
    await consoleUser(t, 'reader');
  });
  afterAll(() => t.destroy());

  /** Signs the user in through the console's API; the session's cookie. */
  async function signIn(userName: string): Promise<string> {
    const res = await fetch(`${t.url}/console/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: ACCOUNT, userName, password: CONSOLE_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  async function graph(
    cookie: string | undefined,
    query = '',
  ): Promise<{ status: number; body: GraphAnswer }> {
    const res = await fetch(`${t.url}/console/api/graph${query}`, {
      headers: cookie === undefined ? {} : { cookie },
    });
    return { status: res.status, body: (await res.json()) as GraphAnswer };
  }

  it('draws who can reach admin for a session that may read the account’s authorization details', async () => {
    const { status, body } = await graph(await signIn('boss'));
    expect(status).toBe(200);
    expect(body.accountId).toBe(ACCOUNT);
    expect(body.target).toBe('admin');
    expect(body.svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(body.svg).toContain('>user/alice<');
    expect(body.svg).toContain('>iam:PutUserPolicy<');
    const alice = body.paths!.find((p) => p.from === ALICE);
    expect(alice).toMatchObject({ from: ALICE, to: 'admin', length: 1, steps: [{ kind: 'policy-edit' }] });
    expect(body.paths!.map((p) => p.from)).not.toContain(CI);
  });

  it('draws who can reach a role named by ?target, by name or ARN', async () => {
    const cookie = await signIn('boss');
    const byName = await graph(cookie, '?target=deployer');
    expect(byName.status).toBe(200);
    expect(byName.body.target).toBe(DEPLOYER);
    expect(byName.body.svg).toContain('>role/deployer<');
    expect(byName.body.paths!.map((p) => p.from)).toContain(CI);
    const byArn = await graph(cookie, `?target=${encodeURIComponent(DEPLOYER)}`);
    expect(byArn.body.paths).toEqual(byName.body.paths);
    const unknown = await graph(cookie, '?target=nobody');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.code).toBe('InvalidInput');
  });

  it('refuses a user who may not call iam:GetAccountAuthorizationDetails with AWS’s AccessDenied', async () => {
    const { status, body } = await graph(await signIn('reader'));
    expect(status).toBe(403);
    expect(body).toEqual({
      error: {
        code: 'AccessDenied',
        message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: * because no identity-based policy allows the iam:GetAccountAuthorizationDetails action`,
      },
    });
  });

  it('answers 401 NotSignedIn without a session', async () => {
    const { status, body } = await graph(undefined);
    expect(status).toBe(401);
    expect(body.error!.code).toBe('NotSignedIn');
  });
});
