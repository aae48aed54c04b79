// `tessera graph` run as a process against a server's SQLite data directory: the paths to admin and
// to a role as text, JSON, Graphviz DOT and SVG, and the exit codes CI relies on (0 when no path reaches
// the target, 1 when one does, 2 on bad input).
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  CI,
  createEscalationPrincipals,
  DEPLOYER,
  ESCALATION_ACCOUNT as ACCOUNT,
} from '../support/escalation-principals.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const tessera = runTessera;

interface JsonReport {
  accountId: string;
  target: string;
  paths: {
    from: string;
    to: string;
    length: number;
    steps: { from: string; to: string; kind: string; permissions: { action: string; resource: string }[] }[];
  }[];
}

describe('tessera graph', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    dir = t.config.dataDir;
    await createEscalationPrincipals(t);
    await t.iam().send(new CreateUserCommand({ UserName: 'intern' }));
  });
  afterAll(() => t.destroy());

  it('prints the paths to admin with each step’s permission and statement; exits 1', async () => {
    const r = await tessera(['graph'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Who can reach admin in account ${ACCOUNT}: 1 principal, shortest path first`);
    expect(r.stdout).toMatch(/^user\/alice → admin$/m);
    expect(r.stdout).toContain('1. user/alice can give itself every permission');
    expect(r.stdout).toContain(`iam:PutUserPolicy on ${ALICE}`);
    expect(r.stdout).toContain(`allowed by ${ALICE}/self-service (user) statement 1 at 1:`);
    expect(r.stdout).not.toContain('user/ci');
  });

  it('prints JSON with every step and its permissions', async () => {
    const r = await tessera(['graph', '--format', 'json', '--account', ACCOUNT], dir);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.accountId).toBe(ACCOUNT);
    expect(report.target).toBe('admin');
    expect(report.paths).toHaveLength(1);
    expect(report.paths[0]).toMatchObject({ from: ALICE, to: 'admin', length: 1 });
    expect(report.paths[0]!.steps[0]).toMatchObject({
      from: ALICE,
      to: 'admin',
      kind: 'policy-edit',
      permissions: [{ action: 'iam:PutUserPolicy', resource: ALICE }],
    });
  });

  it('prints Graphviz DOT of the paths to a role named by --who-can-reach', async () => {
    const r = await tessera(['graph', '--who-can-reach', 'deployer', '--format', 'dot'], dir);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('digraph escalation {');
    expect(lines.at(-1)).toBe('}');
    expect(r.stdout).toContain(`"${CI}" [label="user/ci"];`);
    expect(r.stdout).toContain(`"${DEPLOYER}" [label="role/deployer", style=rounded];`);
    expect(r.stdout).toContain(`"${CI}" -> "${DEPLOYER}" [label="sts:AssumeRole"];`);
    // the same role by ARN; alice, who reaches admin, takes it over through admin
    const byArn = await tessera(['graph', '--who-can-reach', DEPLOYER, '--format', 'json'], dir);
    const paths = (JSON.parse(byArn.stdout) as JsonReport).paths;
    expect(paths.map((p) => p.from)).toEqual([CI, ALICE]);
    expect(paths[1]!.steps.map((s) => s.kind)).toEqual(['policy-edit', 'admin-takeover']);
  });

  it('prints SVG of the paths to a role, drawn without Graphviz', async () => {
    const r = await tessera(['graph', '--who-can-reach', 'deployer', '--format', 'svg'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(r.stdout.trim().endsWith('</svg>')).toBe(true);
    for (const label of ['user/ci', 'user/alice', 'admin', 'role/deployer', 'iam:UpdateAssumeRolePolicy'])
      expect(r.stdout).toContain(`>${label}<`);
  });

  it('exits 0 when no path reaches the target from --from', async () => {
    const r = await tessera(['graph', '--from', 'intern'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`No principal can reach admin in account ${ACCOUNT}.`);
    const json = await tessera(['graph', '--from', CI, '--format', 'json'], dir);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as JsonReport).paths).toEqual([]);
  });

  it(
    'exits 2 on bad input: a format, a target, a principal or an account it does not know',
    { timeout: 120_000 },
    async () => {
      const cases: [string[], RegExp][] = [
        [['--format', 'png'], /--format png: expected one of text, json, dot, svg/],
        [
          ['--who-can-reach', 'nobody'],
          /--who-can-reach nobody: no role of that name or ARN in account 123456789012/,
        ],
        [['--who-can-reach', 'alice'], /--who-can-reach alice: no role/],
        [['--from', 'ghost'], /--from ghost: no user or role of that name or ARN/],
        [['--account', '999999999999'], /account 999999999999 does not exist/],
        [['--account', 'abc'], /--account abc: expected a 12-digit account id/],
      ];
      for (const [args, message] of cases) {
        const r = await tessera(['graph', ...args], dir);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe('');
      }
      expect((await tessera(['graph', '--no-such-flag'], dir)).status).toBe(2);
    },
  );
});
