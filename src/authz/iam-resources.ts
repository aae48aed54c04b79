// The IAM resources a request names: the ARN an action builds from a name is completed with the
// entity's real path, the entity's tags become aws:ResourceTag / iam:ResourceTag, and a user's or
// role's permissions boundary is kept for iam:PermissionsBoundary. Covers users, roles, groups,
// instance profiles, customer managed policies, virtual MFA devices, OIDC and SAML providers, server
// certificates.
import { parseIamArn } from '../domain/index.ts';
import type { TaggableResource, ReadRepos, Store } from '../store/index.ts';

export interface ResolvedResource {
  arn: string;
  tags?: Record<string, string>;
  /** The ARN of the user's or role's permissions boundary, when it has one. */
  permissionsBoundary?: string;
}

interface Found {
  arn: string;
  id: string;
  permissionsBoundary?: string | null;
}

type Lookup = (repos: ReadRepos, accountId: string, name: string, arn: string) => Promise<Found | undefined>;

const LOOKUPS: Partial<Record<string, { tagType?: TaggableResource; find: Lookup }>> = {
  user: {
    tagType: 'user',
    find: async (r, a, n) => {
      const u = await r.users.byName(a, n);
      return u && { arn: u.arn, id: u.user_id, permissionsBoundary: u.permissions_boundary };
    },
  },
  role: {
    tagType: 'role',
    find: async (r, a, n) => {
      const x = await r.roles.byName(a, n);
      return x && { arn: x.arn, id: x.role_id, permissionsBoundary: x.permissions_boundary };
    },
  },
  group: {
    find: async (r, a, n) => {
      const g = await r.groups.byName(a, n);
      return g && { arn: g.arn, id: g.group_id };
    },
  },
  'instance-profile': {
    tagType: 'instance-profile',
    find: async (r, a, n) => {
      const p = await r.instanceProfiles.byName(a, n);
      return p && { arn: p.arn, id: p.instance_profile_id };
    },
  },
  // policies and MFA devices are named by their full ARN, so only their tags are added
  policy: {
    tagType: 'policy',
    find: async (r, a, _n, arn) => {
      const p = await r.managedPolicies.byArn(arn);
      return p && p.account_id === a ? { arn: p.arn, id: p.policy_id } : undefined;
    },
  },
  mfa: {
    tagType: 'mfa-device',
    find: async (r, a, _n, arn) => {
      const d = await r.mfaDevices.get(a, arn);
      return d && { arn: d.serial_number, id: d.serial_number };
    },
  },
  'oidc-provider': {
    tagType: 'oidc-provider',
    find: async (r, a, _n, arn) => {
      const p = await r.oidcProviders.get(a, arn);
      return p && { arn: p.arn, id: p.arn };
    },
  },
  'saml-provider': {
    tagType: 'saml-provider',
    find: async (r, a, n) => {
      const p = await r.samlProviders.byName(a, n);
      return p && { arn: p.arn, id: p.provider_id };
    },
  },
  'server-certificate': {
    tagType: 'server-certificate',
    find: async (r, a, n) => {
      const c = await r.serverCertificates.byName(a, n);
      return c && { arn: c.arn, id: c.server_certificate_id };
    },
  },
};

/** Actions that name an entity that is not there yet: their ARN stays as built, with the requested path. */
const CREATES_ITS_RESOURCE: ReadonlySet<string> = new Set([
  'CreateUser',
  'CreateGroup',
  'CreateRole',
  'CreateServiceLinkedRole',
  'CreatePolicy',
  'CreateInstanceProfile',
  'CreateVirtualMFADevice',
  'CreateOpenIDConnectProvider',
  'CreateSAMLProvider',
  'UploadServerCertificate',
]);

/**
 * Completes an IAM ARN built from a name; anything else is returned as it is. `actionName` leaves the
 * ARN of an entity being created alone (CreateAccessKey or CreatePolicyVersion act on one that exists).
 */
export async function resolveIamResource(
  store: Store,
  arn: string,
  actionName?: string,
): Promise<ResolvedResource> {
  if (actionName !== undefined && CREATES_ITS_RESOURCE.has(actionName)) return { arn };
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.accountId === 'aws' || parsed.name === '*') return { arn };
  const lookup = LOOKUPS[parsed.type];
  if (!lookup) return { arn };
  return store.read(async (repos) => {
    const found = await lookup.find(repos, parsed.accountId, parsed.name, arn);
    if (!found) return { arn };
    const resolved: ResolvedResource = { arn: found.arn };
    if (found.permissionsBoundary) resolved.permissionsBoundary = found.permissionsBoundary;
    if (lookup.tagType) {
      const tags = await repos.tags.list(lookup.tagType, found.id);
      resolved.tags = Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
    }
    return resolved;
  });
}
