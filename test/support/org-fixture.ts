// An organization for enforcement tests, built through the real Organizations API: the default
// account as management account, member accounts (Tessera accounts with root keys) invited and
// accepted, OUs, policy types, policies and attachments.
import {
  AcceptHandshakeCommand,
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  type Organization,
} from '@aws-sdk/client-organizations';
import { ensureAccount } from '../../src/domain/index.ts';
import type { Credentials, TestServer } from './test-server.ts';

export const orgs = (t: TestServer, credentials: Credentials = t.root) =>
  new OrganizationsClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });

export interface OrgFixture {
  org: { org_id: string; root_id: string; management_account_id: string };
  /** A Tessera account with root keys, invited, joined and moved under `parentId` (the root by default). */
  member(accountId: string, parentId?: string): Promise<Credentials>;
  /** An account with root keys outside any organization. */
  outsider(accountId: string): Promise<Credentials>;
  ou(name: string, parentId?: string): Promise<string>;
  enable(policyType: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Promise<void>;
  policy(type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', document: unknown): Promise<string>;
  attach(policyId: string, targetId: string): Promise<void>;
  detach(policyId: string, targetId: string): Promise<void>;
  move(accountId: string, parentId: string): Promise<void>;
}

const keyFor = (accountId: string): Credentials => ({
  accessKeyId: `AKIAORG${accountId.slice(0, 12).padStart(13, '0')}`,
  secretAccessKey: `orgsecret${accountId}`.padEnd(40, 'x'),
});

export async function orgFixture(t: TestServer): Promise<OrgFixture> {
  const client = orgs(t);
  const created: Organization = (await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })))
    .Organization!;
  const rootId = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const parents = new Map<string, string>();
  const { store, sealer } = t.server.services;
  let policies = 0;
  const outsider = async (accountId: string) => {
    const creds = keyFor(accountId);
    await ensureAccount(store, sealer, accountId, new Date(), creds);
    return creds;
  };
  const move = async (accountId: string, parentId: string) => {
    await client.send(
      new MoveAccountCommand({
        AccountId: accountId,
        SourceParentId: parents.get(accountId) ?? rootId,
        DestinationParentId: parentId,
      }),
    );
    parents.set(accountId, parentId);
  };
  return {
    org: { org_id: created.Id!, root_id: rootId, management_account_id: created.MasterAccountId! },
    outsider,
    move,
    async member(accountId, parentId = rootId) {
      const creds = await outsider(accountId);
      const handshake = (
        await client.send(
          new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }),
        )
      ).Handshake!;
      await orgs(t, creds).send(new AcceptHandshakeCommand({ HandshakeId: handshake.Id! }));
      if (parentId !== rootId) await move(accountId, parentId);
      return creds;
    },
    async ou(name, parentId = rootId) {
      return (await client.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name })))
        .OrganizationalUnit!.Id!;
    },
    async enable(policyType) {
      await client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: policyType }));
    },
    async policy(type, document) {
      return (
        await client.send(
          new CreatePolicyCommand({
            Name: `policy-${++policies}`,
            Description: '',
            Type: type,
            Content: JSON.stringify(document),
          }),
        )
      ).Policy!.PolicySummary!.Id!;
    },
    async attach(policyId, targetId) {
      await client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
    },
    async detach(policyId, targetId) {
      await client.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
    },
  };
}

/** An Organizations error as a test compares it: exception name, HTTP status, message, and Reason. */
export async function orgError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; status: number; message: string; Reason?: string }> {
  try {
    await fn();
  } catch (err) {
    const e = err as {
      name: string;
      message: string;
      Reason?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      name: e.name,
      status: e.$metadata?.httpStatusCode ?? 0,
      message: e.message,
      ...(e.Reason !== undefined ? { Reason: e.Reason } : {}),
    };
  }
  throw new Error('expected an AWS error, but the call succeeded');
}
