// The principals both server benchmarks (bench/run.ts, bench/cluster-load.ts) make: `bench-role`, which
// trusts the account and may list users, the user allowed to assume it and to read notes (the
// authorization API's question), and the inline policies and keys they are given.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { SigningCredentials } from './signed-json.ts';

export const REGION = 'us-east-1';
export const ROLE = 'bench-role';
export const CALLER = 'bench-user-00000';
export const SERVICE_USER = 'bench-user-00001';
/** The session name of the temporary credentials both benchmarks sign with. */
export const TEMPORARY_SESSION = 'bench-temporary';

/** The ARN of a session of ROLE in `account`. */
export const roleSessionArn = (account: string, sessionName = TEMPORARY_SESSION) =>
  `arn:aws:sts::${account}:assumed-role/${ROLE}/${sessionName}`;

export const policy = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Gives an existing user an inline policy and an access key. */
export async function keyFor(iam: IAMClient, user: string, document: string): Promise<SigningCredentials> {
  await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'bench', PolicyDocument: document }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error(`no access key for ${user}`);
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

/**
 * The role and its caller: `bench-role` trusts the account (so the caller's own policy must allow
 * sts:AssumeRole, as on AWS) and may list users; CALLER is allowed to assume it and to read notes (the
 * authorization API's question).
 */
export async function setUpRole(
  iam: IAMClient,
  account: string,
): Promise<{ roleArn: string; caller: SigningCredentials }> {
  const trust = policy([
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
  ]);
  const role = await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: trust }));
  const roleArn = role.Role?.Arn ?? `arn:aws:iam::${account}:role/${ROLE}`;
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: ROLE,
      PolicyName: 'list-users',
      PolicyDocument: policy([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }]),
    }),
  );
  const caller = await keyFor(
    iam,
    CALLER,
    policy([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn },
      { Effect: 'Allow', Action: 'notes:GetNote', Resource: `arn:aws:notes:${REGION}:${account}:note/*` },
    ]),
  );
  return { roleArn, caller };
}

/** A session of `roleArn` named `name`, asked for by the client's caller: its temporary credentials. */
export async function assumeSession(
  sts: STSClient,
  roleArn: string,
  name: string,
): Promise<SigningCredentials> {
  const reply = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name }));
  const c = reply.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
    throw new Error('AssumeRole gave no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
