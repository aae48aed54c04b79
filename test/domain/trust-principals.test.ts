// The principals a role's trust policy may name, against a SQLite store with two accounts: AWS
// principals must exist where their ARN says (account, user or role with its path, the role of a
// role session), else MalformedPolicyDocument "Invalid principal in policy"; "*", services, session
// and federated-user names, and federated providers are not looked up. A refused CreateRole makes
// no role; a refused UpdateAssumeRolePolicy keeps the policy the role had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { createOidcProvider } from '../../src/domain/oidc-providers.ts';
import { createRole, updateAssumeRolePolicy } from '../../src/domain/roles.ts';
import { createUser } from '../../src/domain/users.ts';
import type { Repos } from '../../src/store/index.ts';
import { NOW, openDomainStore, type DomainStore } from '../support/domain-store.ts';

const Q = DEFAULT_QUOTAS;
type Principal = Record<string, string | string[]>;
const trust = (principal: Principal, action = 'sts:AssumeRole') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: action }],
  });
const invalid = (value: string) => ({
  code: 'MalformedPolicyDocument',
  message: `Invalid principal in policy: "AWS":"${value}"`,
});

describe('trust policy principals', () => {
  let db: DomainStore;
  /** The account the roles are made in: user /team/dev, role /svc/app, an OIDC provider. */
  let A: string;
  /** Another account: user carol. */
  let B: string;
  /** An account id no account has. */
  const NONE = '999999999999';
  let roles = 0;
  beforeAll(async () => {
    db = await openDomainStore('trust-principals');
    A = await db.newAccount();
    B = await db.newAccount();
    await db.write(A, async (r) => {
      await createUser(r, A, { UserName: 'dev', Path: '/team/' }, Q, NOW);
      await createRole(
        r,
        A,
        { RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) },
        Q,
        NOW,
      );
      await createOidcProvider(
        r,
        A,
        { Url: 'https://token.example.com', ClientIDList: ['sts.amazonaws.com'] },
        { dev: false, tagsPerResource: Q.tagsPerResource },
        NOW,
      );
    });
    await db.write(B, (r) => createUser(r, B, { UserName: 'carol' }, Q, NOW));
  });
  afterAll(() => db.close());

  const create =
    (document: string, name = `r${++roles}`) =>
    (r: Repos) =>
      createRole(r, A, { RoleName: name, AssumeRolePolicyDocument: document }, Q, NOW);
  const roleCount = () => db.store.rawRows('roles').then((rows) => rows.length);

  describe('refuses an AWS principal that does not exist', () => {
    it.each([
      ['a user of no such name', () => `arn:aws:iam::${A}:user/ghost`],
      ['a user named without its path', () => `arn:aws:iam::${A}:user/dev`],
      ['a user under another path', () => `arn:aws:iam::${A}:user/other/dev`],
      ['a user of another account that has none of that name', () => `arn:aws:iam::${B}:user/dev`],
      ['a role of no such name', () => `arn:aws:iam::${A}:role/ghost`],
      ['a role named without its path', () => `arn:aws:iam::${A}:role/app`],
      ['an account id no account has', () => NONE],
      ['the root of an account that does not exist', () => `arn:aws:iam::${NONE}:root`],
      ['a session of a role that does not exist', () => `arn:aws:sts::${A}:assumed-role/ghost/s`],
      ['a federated user of an account that does not exist', () => `arn:aws:sts::${NONE}:federated-user/bob`],
    ])('%s', async (_what, principal) => {
      const before = await roleCount();
      expect(await db.refuses(A, create(trust({ AWS: principal() })))).toEqual(invalid(principal()));
      expect(await roleCount()).toBe(before);
    });
  });

  it('accepts AWS principals that exist, in this account or another', async () => {
    const principals = [
      A,
      B,
      `arn:aws:iam::${A}:root`,
      `arn:aws:iam::${B}:root`,
      `arn:aws:iam::${A}:user/team/dev`,
      `arn:aws:iam::${B}:user/carol`,
      `arn:aws:iam::${A}:role/svc/app`,
    ];
    const role = await db.write(A, create(trust({ AWS: principals })));
    expect(JSON.parse(role.assume_role_policy)).toEqual(JSON.parse(trust({ AWS: principals })));
  });

  it('accepts any session name of an existing role, which a session ARN names without its path', async () => {
    await db.write(A, create(trust({ AWS: `arn:aws:sts::${A}:assumed-role/app/any-session-name` })));
  });

  it('accepts any federated-user name in an existing account', async () => {
    await db.write(A, create(trust({ AWS: `arn:aws:sts::${B}:federated-user/anyone` })));
  });

  it('does not look up "*" or service principals', async () => {
    await db.write(A, create(trust({ AWS: '*' })));
    await db.write(A, create(trust({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] })));
  });

  it('does not look up federated providers: one that exists and one that does not are both taken', async () => {
    await db.write(
      A,
      create(
        trust(
          { Federated: `arn:aws:iam::${A}:oidc-provider/token.example.com` },
          'sts:AssumeRoleWithWebIdentity',
        ),
      ),
    );
    await db.write(
      A,
      create(
        trust(
          { Federated: `arn:aws:iam::${A}:oidc-provider/ghost.example.com` },
          'sts:AssumeRoleWithWebIdentity',
        ),
      ),
    );
    await db.write(
      A,
      create(trust({ Federated: `arn:aws:iam::${NONE}:saml-provider/Ghost` }, 'sts:AssumeRoleWithSAML')),
    );
  });

  it('names the first principal that does not exist, in the order the policy lists them', async () => {
    const first = `arn:aws:iam::${A}:user/ghost1`;
    const second = `arn:aws:iam::${A}:user/ghost2`;
    expect(
      await db.refuses(A, create(trust({ AWS: [`arn:aws:iam::${A}:user/team/dev`, first, second] }))),
    ).toEqual(invalid(first));
  });

  it('checks every statement, not only the first', async () => {
    const ghost = `arn:aws:iam::${A}:role/ghost`;
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: ghost }, Action: 'sts:TagSession' },
      ],
    });
    expect(await db.refuses(A, create(document))).toEqual(invalid(ghost));
  });

  it('refuses a role that trusts itself by ARN when it is created, since it does not exist yet', async () => {
    const self = `arn:aws:iam::${A}:role/selfish`;
    expect(await db.refuses(A, create(trust({ AWS: self }), 'selfish'))).toEqual(invalid(self));
  });

  it('keeps the old trust policy when an update names a principal that does not exist', async () => {
    const role = await db.write(A, create(trust({ AWS: A }), 'updated'));
    const ghost = `arn:aws:iam::${A}:user/ghost`;
    expect(
      await db.refuses(A, (r) => updateAssumeRolePolicy(r, A, 'updated', trust({ AWS: ghost }), Q)),
    ).toEqual(invalid(ghost));
    const after = await db.read((r) => r.roles.byName(A, 'updated'));
    expect(after?.assume_role_policy).toBe(role.assume_role_policy);
    // and takes one whose principals exist, including the role itself now that it does
    const self = trust({ AWS: role.arn });
    await db.write(A, (r) => updateAssumeRolePolicy(r, A, 'updated', self, Q));
    expect((await db.read((r) => r.roles.byName(A, 'updated')))?.assume_role_policy).toBe(self);
  });
});
