// `tessera advise` run as a process against a server's SQLite data directory: the three output
// formats, the posture score, and the exit codes CI relies on (0 below --fail-on, 1 at or above it,
// 2 on bad input).
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const QUIET = '210987654321';

const tessera = runTessera;

describe('tessera advise', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    dir = t.config.dataDir;
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9!' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'all',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    // an account whose root deleted its own key: its worst finding is its root's use (high)
    const quiet = { accessKeyId: 'AKIAQUIETROOT0000001', secretAccessKey: 'q'.repeat(40) };
    await ensureAccount(t.server.store, t.server.services.sealer, QUIET, new Date(), quiet);
    await t.iam(quiet).send(new DeleteAccessKeyCommand({ AccessKeyId: quiet.accessKeyId }));
    await t.server.services.audit?.flush();
  });
  afterAll(() => t.destroy());

  it('prints text with the score, its explanation, the evidence and the fix; exits 1 on a high finding', async () => {
    const r = await tessera(['advise'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^Account ${ACCOUNT}: posture score \\d+/100$`, 'm'));
    expect(r.stdout).toContain('-25 root-access-keys: 1 critical finding × 25');
    expect(r.stdout).toContain(`[HIGH] console-user-without-mfa  arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(r.stdout).toContain(`[HIGH] admin-user  arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(r.stdout).toContain('$ aws iam delete-user-policy --user-name alice --policy-name all');
    expect(r.stdout).toContain('"aws:MultiFactorAuthPresent": "true"');
  });

  it('prints JSON with findings and a score per account', async () => {
    const r = await tessera(['advise', '--format', 'json', '--account', ACCOUNT, '--account', QUIET], dir);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      accounts: {
        accountId: string;
        score: { score: number; deductions: { ruleId: string; points: number }[] };
        findings: { ruleId: string; severity: string; entityArn: string; fix: { commands: string[] } }[];
      }[];
    };
    expect(out.accounts.map((a) => a.accountId)).toEqual([ACCOUNT, QUIET]);
    const [main, quiet] = out.accounts;
    expect(main!.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'root-access-keys',
        'root-used-recently',
        'console-user-without-mfa',
        'admin-user',
      ]),
    );
    expect(main!.score.score).toBe(100 - main!.score.deductions.reduce((s, d) => s + d.points, 0));
    expect(quiet!.findings.map((f) => f.ruleId)).toEqual(['root-used-recently']);
    expect(quiet!.score).toEqual({
      score: 90,
      deductions: [{ ruleId: 'root-used-recently', severity: 'high', findings: 1, points: 10 }],
    });
  });

  it('--all-accounts advises every account of the store and ends with a summary line', async () => {
    const r = await tessera(['advise', '--all-accounts'], dir);
    expect(r.status).toBe(1);
    const accounts = [...r.stdout.matchAll(/^Account (\d{12}): posture score (\d+)\/100$/gm)];
    expect(accounts.map((m) => m[1])).toEqual([ACCOUNT, QUIET]);
    const lowest = accounts.reduce((a, b) => (Number(b[2]) < Number(a[2]) ? b : a));
    const findings = (r.stdout.match(/^\[(CRITICAL|HIGH|MEDIUM|LOW)\] /gm) ?? []).length;
    const critical = (r.stdout.match(/^\[CRITICAL\] /gm) ?? []).length;
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^2 accounts: ${findings} findings \\(${critical} critical, \\d+ high, \\d+ medium, \\d+ low\\); lowest posture score ${lowest[2]}/100 \\(account ${lowest[1]}\\)$`,
      ),
    );
    const json = JSON.parse(
      (await tessera(['advise', '--all-accounts', '--format', 'json'], dir)).stdout,
    ) as {
      accounts: { accountId: string }[];
      summary: { accounts: number; findings: number; lowest: { accountId: string } };
    };
    expect(json.accounts.map((a) => a.accountId)).toEqual([ACCOUNT, QUIET]);
    expect(json.summary).toMatchObject({ accounts: 2, findings, lowest: { accountId: lowest[1] } });
    const sarif = JSON.parse(
      (await tessera(['advise', '--all-accounts', '--format', 'sarif'], dir)).stdout,
    ) as {
      runs: {
        results: { properties: { accountId: string } }[];
        properties: { summary: { accounts: number } };
      }[];
    };
    expect(new Set(sarif.runs[0]!.results.map((x) => x.properties.accountId))).toEqual(
      new Set([ACCOUNT, QUIET]),
    );
    expect(sarif.runs[0]!.properties.summary.accounts).toBe(2);
  }, 120_000);

  it('prints SARIF 2.1.0 with the rules and each result located at the entity ARN', async () => {
    const r = await tessera(['advise', '--format', 'sarif'], dir);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string } };
            logicalLocations: { fullyQualifiedName: string }[];
          }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((x) => x.id)).toContain('root-access-keys');
    const mfa = run.results.find((x) => x.ruleId === 'console-user-without-mfa')!;
    expect(mfa.level).toBe('error');
    expect(run.tool.driver.rules[mfa.ruleIndex]!.id).toBe('console-user-without-mfa');
    expect(mfa.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    );
    expect(mfa.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    );
  });

  it('exits 0 when no finding reaches --fail-on, 1 when one does', async () => {
    expect((await tessera(['advise', '--account', QUIET, '--fail-on', 'critical'], dir)).status).toBe(0);
    expect((await tessera(['advise', '--account', QUIET], dir)).status).toBe(1);
    expect(
      (await tessera(['advise', '--account', QUIET, '--key-age-days', '0', '--fail-on', 'critical'], dir))
        .status,
    ).toBe(0);
  }, 120_000);

  it('exits 2 on bad input, saying what was wrong', { timeout: 120_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /--format xml: expected one of text, json, sarif/],
      [['--fail-on', 'urgent'], /--fail-on urgent: expected critical, high, medium or low/],
      [['--key-age-days', 'ninety'], /--key-age-days ninety: expected a whole number of days/],
      [['--account', '12345'], /--account 12345: expected a 12-digit account id/],
      [['--account', '999999999999'], /account 999999999999 does not exist/],
      [['--no-such-flag'], /unknown option/],
      [['--all-accounts', '--account', ACCOUNT], /--all-accounts and --account cannot be used together/],
    ];
    for (const [args, message] of cases) {
      const r = await tessera(['advise', ...args], dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
