// AWS's own organization policies: FullAWSAccess (SCP) and RCPFullAWSAccess (RCP). When a policy type
// is enabled, its full-access policy exists in the organization and is attached to the root, every OU
// and every account; a root, OU or account made afterwards gets it too.
import type { OrganizationRow, Repos } from '../../store/index.ts';

export const SERVICE_CONTROL_POLICY = 'SERVICE_CONTROL_POLICY';
export const RESOURCE_CONTROL_POLICY = 'RESOURCE_CONTROL_POLICY';

/** The policy types whose policies Tessera enforces, with AWS's full-access policy of each. */
export const FULL_ACCESS_POLICIES: Readonly<
  Record<string, { id: string; name: string; description: string; content: string }>
> = {
  [SERVICE_CONTROL_POLICY]: {
    id: 'p-FullAWSAccess',
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    content: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    }),
  },
  [RESOURCE_CONTROL_POLICY]: {
    id: 'p-RCPFullAWSAccess',
    name: 'RCPFullAWSAccess',
    description: 'Allows access to every operation',
    content: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    }),
  },
};

/** Stores the type's full-access policy in the organization (if missing) and attaches it to every target. */
export async function installFullAccessPolicy(
  repos: Repos,
  org: OrganizationRow,
  policyType: string,
  now: Date,
): Promise<void> {
  const full = FULL_ACCESS_POLICIES[policyType];
  if (!full) return;
  if (!(await repos.orgPolicies.get(org.org_id, full.id)))
    await repos.orgPolicies.insert({
      org_id: org.org_id,
      policy_id: full.id,
      policy_type: policyType,
      name: full.name,
      description: full.description,
      content: full.content,
      aws_managed: 1,
      created_at: now.toISOString(),
    });
  const targets = [
    org.root_id,
    ...(await repos.organizations.units(org.org_id)).map((u) => u.ou_id),
    ...(await repos.organizations.members(org.org_id)).map((m) => m.account_id),
  ];
  const attached = new Set((await repos.orgPolicies.targetsOf(org.org_id, full.id)).map((t) => t.target_id));
  for (const target of targets)
    if (!attached.has(target))
      await repos.orgPolicies.attach({
        org_id: org.org_id,
        policy_id: full.id,
        target_id: target,
        attached_at: now.toISOString(),
      });
}

/**
 * Attaches the full-access policy of every enabled type to a new OU or a joining account, as AWS does,
 * so that each level of the tree allows what its parent allows until someone narrows it.
 */
export async function attachDefaultPolicies(
  repos: Repos,
  org: OrganizationRow,
  targetId: string,
  now: Date,
): Promise<void> {
  for (const policyType of JSON.parse(org.policy_types) as string[]) {
    const full = FULL_ACCESS_POLICIES[policyType];
    if (full)
      await repos.orgPolicies.attach({
        org_id: org.org_id,
        policy_id: full.id,
        target_id: targetId,
        attached_at: now.toISOString(),
      });
  }
}
