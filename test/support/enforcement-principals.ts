// IAM users with access keys and policies, made through the API as the account root, for the
// enforcement suites; and AWS's AccessDenied wording, to assert denials exactly.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  type IAMClient,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import { awsError, type Credentials, type TestServer } from './test-server.ts';

export const ACCOUNT = '123456789012';

/** arn:aws:iam::123456789012:<rest> */
export const iamArn = (rest: string, account = ACCOUNT): string => `arn:aws:iam::${account}:${rest}`;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document's JSON text. */
export const policy = (...statements: Statement[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allow = (action: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

export const deny = (action: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});

export interface IamUser {
  name: string;
  arn: string;
  creds: Credentials;
  /** An IAM client signed with the user's access key. */
  iam: IAMClient;
}

export interface UserSetup {
  path?: string;
  tags?: Record<string, string>;
  /** Inline policies by name. */
  inline?: Record<string, string>;
  /** Managed policy ARNs to attach. */
  managed?: string[];
  groups?: string[];
  boundary?: string;
}

/** Creates a user (as the root) with the given policies and an access key. */
export async function makeUser(t: TestServer, name: string, setup: UserSetup = {}): Promise<IamUser> {
  const root = t.iam();
  const tags = Object.entries(setup.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const { User } = await root.send(
    new CreateUserCommand({ UserName: name, Path: setup.path, ...(tags.length ? { Tags: tags } : {}) }),
  );
  for (const [PolicyName, PolicyDocument] of Object.entries(setup.inline ?? {}))
    await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName, PolicyDocument }));
  for (const PolicyArn of setup.managed ?? [])
    await root.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn }));
  for (const GroupName of setup.groups ?? [])
    await root.send(new AddUserToGroupCommand({ GroupName, UserName: name }));
  if (setup.boundary)
    await root.send(
      new PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: setup.boundary }),
    );
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
  const creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  return { name, arn: User!.Arn!, creds, iam: t.iam(creds) };
}

export type DenialKind = 'no-identity-allow' | 'identity-deny' | 'no-boundary-allow' | 'boundary-deny';

/** AWS's AccessDenied message for an IAM call refused by the kind of policy given. */
export function accessDenied(callerArn: string, action: string, resource: string, kind: DenialKind): string {
  const head = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  switch (kind) {
    case 'no-identity-allow':
      return `${head} because no identity-based policy allows the ${action} action`;
    case 'identity-deny':
      return `${head} with an explicit deny in an identity-based policy`;
    case 'no-boundary-allow':
      return `${head} because no permissions boundary allows the ${action} action`;
    case 'boundary-deny':
      return `${head} with an explicit deny in a permissions boundary`;
  }
}

/** Asserts the call is refused with AccessDenied (403) and exactly `message`. */
export async function expectDenied(call: () => Promise<unknown>, message: string): Promise<void> {
  const err = await awsError(call);
  expect(err).toEqual({ name: 'AccessDenied', code: 'AccessDenied', status: 403, message });
}
