// An organization for enforcement tests: the default account as management account (made through
// the Organizations API), member accounts with root keys, OUs and policies placed through the store,
// so that tests of enforcement do not depend on the tree's own API.
import { CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  attachDefaultPolicies,
  ensureAccount,
  installFullAccessPolicy,
  newOrganizationalUnitId,
  newOrgPolicyId,
} from '../../src/domain/index.ts';
import type { OrganizationRow } from '../../src/store/index.ts';
import type { Credentials, TestServer } from './test-server.ts';

export const orgs = (t: TestServer, credentials: Credentials = t.root) =>
  new OrganizationsClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });

export interface OrgFixture {
  org: OrganizationRow;
  /** A Tessera account with root keys, made a member under `parentId` (the root by default). */
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
  await orgs(t).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const { store, sealer } = t.server.services;
  const current = async () => (await store.read((r) => r.organizations.managedBy('123456789012')))!;
  const org = await current();
  const write = <T>(fn: Parameters<typeof store.write<T>>[1]) => store.write(org.management_account_id, fn);
  const now = () => new Date();
  return {
    org,
    async member(accountId, parentId = org.root_id) {
      const creds = keyFor(accountId);
      await ensureAccount(store, sealer, accountId, now(), creds);
      await write(async (repos) => {
        await repos.organizations.insertMember({
          account_id: accountId,
          org_id: org.org_id,
          parent_id: parentId,
          name: `member-${accountId}`,
          email: `${accountId}@example.com`,
          status: 'ACTIVE',
          joined_method: 'INVITED',
          joined_at: now().toISOString(),
        });
        await attachDefaultPolicies(repos, (await repos.organizations.byId(org.org_id))!, accountId, now());
      });
      return creds;
    },
    async outsider(accountId) {
      const creds = keyFor(accountId);
      await ensureAccount(store, sealer, accountId, now(), creds);
      return creds;
    },
    async ou(name, parentId = org.root_id) {
      const id = newOrganizationalUnitId(org.root_id);
      await write(async (repos) => {
        await repos.organizations.insertUnit({
          ou_id: id,
          org_id: org.org_id,
          parent_id: parentId,
          name,
          created_at: now().toISOString(),
        });
        await attachDefaultPolicies(repos, (await repos.organizations.byId(org.org_id))!, id, now());
      });
      return id;
    },
    async enable(policyType) {
      await write(async (repos) => {
        const o = (await repos.organizations.byId(org.org_id))!;
        const types = [...(JSON.parse(o.policy_types) as string[]), policyType];
        await repos.organizations.update(o.org_id, { policy_types: JSON.stringify(types) });
        await installFullAccessPolicy(
          repos,
          { ...o, policy_types: JSON.stringify(types) },
          policyType,
          now(),
        );
      });
    },
    async policy(type, document) {
      const id = newOrgPolicyId();
      await write((repos) =>
        repos.orgPolicies.insert({
          org_id: org.org_id,
          policy_id: id,
          policy_type: type,
          name: id,
          description: '',
          content: JSON.stringify(document),
          aws_managed: 0,
          created_at: now().toISOString(),
        }),
      );
      return id;
    },
    attach: (policyId, targetId) =>
      write((repos) =>
        repos.orgPolicies.attach({
          org_id: org.org_id,
          policy_id: policyId,
          target_id: targetId,
          attached_at: now().toISOString(),
        }),
      ),
    detach: (policyId, targetId) =>
      write((repos) => repos.orgPolicies.detach(org.org_id, policyId, targetId)),
    move: (accountId, parentId) =>
      write((repos) => repos.organizations.updateMember(org.org_id, accountId, { parent_id: parentId })),
  };
}
