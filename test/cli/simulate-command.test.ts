// `tessera simulate`, run as a process (`node --import tsx src/cli/main.ts simulate …`) on policy files:
// the decision and why on stdout, exit code 0 when allowed, 1 when denied, 2 for unreadable input.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

function simulate(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, 'simulate', ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

const policy = (statements: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements, ...extra }, null, 2);

describe('tessera simulate', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  let read: string;
  let deny: string;
  let boundary: string;
  let scp: string;
  let bucket: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-simulate-'));
    read = file(
      'read.json',
      policy([
        {
          Sid: 'ReadFromOffice',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::data/*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ]),
    );
    deny = file(
      'deny.json',
      policy([{ Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::data/secret' }]),
    );
    boundary = file('boundary.json', policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]));
    scp = file(
      'scp.json',
      policy([
        {
          Effect: 'Deny',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ]),
    );
    bucket = file(
      'bucket.json',
      policy([
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:user/carol' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::shared/*',
        },
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints an allowed decision with the matching statement, its file and position, and exits 0', async () => {
    const r = await simulate([
      '--identity',
      read,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::data/report',
      '--context',
      'aws:SourceIp=10.1.2.3:ip',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('s3:GetObject on arn:aws:s3:::data/report: allowed');
    expect(r.stdout).toContain('allowed by an identity-based policy');
    expect(r.stdout).toMatch(
      new RegExp(
        `Allow ${read.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(identity\\) statement 1 "ReadFromOffice" at 4:5-\\d+:\\d+`,
      ),
    );
  });

  it('reports a missing context key and exits 1 when a condition cannot be satisfied', async () => {
    const r = await simulate([
      '--identity',
      read,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::data/report',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('denied because no identity-based policy allows the s3:GetObject action');
    expect(r.stdout).toContain('missing context values: aws:SourceIp');
  });

  it('names the explicit deny and the file it came from', async () => {
    const r = await simulate([
      '--identity',
      read,
      '--identity',
      deny,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::data/public',
      '--resource',
      'arn:aws:s3:::data/secret',
      '--context',
      'aws:SourceIp=10.1.2.3:ip',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('s3:GetObject on arn:aws:s3:::data/public: allowed');
    expect(r.stdout).toContain('s3:GetObject on arn:aws:s3:::data/secret: explicitDeny');
    expect(r.stdout).toContain('denied with an explicit deny in an identity-based policy');
    expect(r.stdout).toContain(`Deny ${deny} (identity) statement 1 "NoSecrets"`);
  });

  it('applies a permissions boundary and service control policies', async () => {
    const capped = await simulate([
      '--identity',
      read,
      '--boundary',
      boundary,
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::data/x',
      '--context',
      'aws:SourceIp=10.0.0.1:ip',
    ]);
    expect(capped.status).toBe(1);
    expect(capped.stdout).toContain('denied because no permissions boundary allows the s3:PutObject action');
    const org = await simulate([
      '--identity',
      read,
      '--scp',
      scp,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::data/x',
      '--context',
      'aws:SourceIp=10.0.0.1:ip',
      '--context',
      'aws:RequestedRegion=us-east-1',
    ]);
    expect(org.status).toBe(1);
    expect(org.stdout).toContain('denied with an explicit deny in a service control policy');
    // With organization policies in play, the JSON carries AWS's OrganizationsDecisionDetail.
    const orgJson = await simulate([
      '--identity',
      read,
      '--scp',
      scp,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::data/x',
      '--context',
      'aws:SourceIp=10.0.0.1:ip',
      '--context',
      'aws:RequestedRegion=us-east-1',
      '--json',
    ]);
    const result = (JSON.parse(orgJson.stdout) as { EvaluationResults: Record<string, unknown>[] })
      .EvaluationResults[0];
    expect(result).toMatchObject({
      EvalDecision: 'explicitDeny',
      OrganizationsDecisionDetail: { AllowedByOrganizations: false },
    });
  });

  it('lets a resource policy naming the caller allow, and prints JSON in AWS shape with --json', async () => {
    const r = await simulate([
      '--resource-policy',
      bucket,
      '--principal-arn',
      'arn:aws:iam::123456789012:user/carol',
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::shared/a',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { EvaluationResults: Record<string, unknown>[] };
    expect(out.EvaluationResults[0]).toMatchObject({
      EvalActionName: 's3:GetObject',
      EvalDecision: 'allowed',
      MatchedStatements: [
        { SourcePolicyId: bucket, SourcePolicyType: 'resource', StartPosition: { Line: 4, Column: 5 } },
      ],
    });
  });

  it('exits 2 with the reason for a malformed policy file or a missing action', async () => {
    const bad = file('bad.json', policy([{ Action: 's3:GetObject', Resource: '*' }]));
    const malformed = await simulate(['--identity', bad, '--action', 's3:GetObject']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain(`${bad}: MalformedPolicyDocument:`);
    const noAction = await simulate(['--identity', read]);
    expect(noAction.status).toBe(2);
    expect(noAction.stderr).toContain('give at least one --action');
  });
});
