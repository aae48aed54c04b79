// What each Organizations action is authorized on, per AWS's Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html): the
// ARN of the policy, root, OU, account or handshake it names, with organizations:PolicyType (from the
// request or the stored policy) and organizations:ServicePrincipal. Actions on no particular resource
// are authorized on `*`. Organizations decides delegation to member accounts itself, so the engine
// decides these as requests within the caller's account.
import type { Action, ActionContext, AuthorizationTarget } from '../action.ts';
import {
  orgAccountArn,
  orgHandshakeArn,
  orgPolicyArn,
  orgResourcePolicyArn,
  orgRootArn,
  orgUnitArn,
} from '../../domain/index.ts';
import type { ContextInput } from '../../policy/index.ts';
import type { OrganizationRow, ReadRepos } from '../../store/index.ts';

type Input = Record<string, unknown>;
type Named = 'policy' | 'node' | 'handshake';

interface Spec {
  /** The resource the action names: a policy, a node of the tree (root, OU, account) or a handshake. */
  names?: [Named, string];
  /** Where organizations:PolicyType comes from: an input member, or the named policy. */
  policyType?: string | 'stored';
  /** The action carries organizations:ServicePrincipal from its ServicePrincipal member. */
  servicePrincipal?: boolean;
}

const SPECS: Readonly<Record<string, Spec>> = {
  AcceptHandshake: { names: ['handshake', 'HandshakeId'] },
  DeclineHandshake: { names: ['handshake', 'HandshakeId'] },
  CancelHandshake: { names: ['handshake', 'HandshakeId'] },
  DescribeHandshake: { names: ['handshake', 'HandshakeId'] },
  AttachPolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  DetachPolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  DescribePolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  UpdatePolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  DeletePolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  ListTargetsForPolicy: { names: ['policy', 'PolicyId'], policyType: 'stored' },
  CreatePolicy: { policyType: 'Type' },
  ListPolicies: { policyType: 'Filter' },
  ListPoliciesForTarget: { names: ['node', 'TargetId'], policyType: 'Filter' },
  DescribeEffectivePolicy: { names: ['node', 'TargetId'], policyType: 'PolicyType' },
  EnablePolicyType: { names: ['node', 'RootId'], policyType: 'PolicyType' },
  DisablePolicyType: { names: ['node', 'RootId'], policyType: 'PolicyType' },
  CloseAccount: { names: ['node', 'AccountId'] },
  DescribeAccount: { names: ['node', 'AccountId'] },
  RemoveAccountFromOrganization: { names: ['node', 'AccountId'] },
  MoveAccount: { names: ['node', 'AccountId'] },
  RegisterDelegatedAdministrator: { names: ['node', 'AccountId'], servicePrincipal: true },
  DeregisterDelegatedAdministrator: { names: ['node', 'AccountId'], servicePrincipal: true },
  ListDelegatedAdministrators: { servicePrincipal: true },
  EnableAWSServiceAccess: { servicePrincipal: true },
  DisableAWSServiceAccess: { servicePrincipal: true },
  CreateOrganizationalUnit: { names: ['node', 'ParentId'] },
  DescribeOrganizationalUnit: { names: ['node', 'OrganizationalUnitId'] },
  UpdateOrganizationalUnit: { names: ['node', 'OrganizationalUnitId'] },
  DeleteOrganizationalUnit: { names: ['node', 'OrganizationalUnitId'] },
  ListAccountsForParent: { names: ['node', 'ParentId'] },
  ListChildren: { names: ['node', 'ParentId'] },
  ListOrganizationalUnitsForParent: { names: ['node', 'ParentId'] },
  ListParents: { names: ['node', 'ChildId'] },
  ListTagsForResource: { names: ['node', 'ResourceId'] },
  TagResource: { names: ['node', 'ResourceId'] },
  UntagResource: { names: ['node', 'ResourceId'] },
};

/** The ARN of a root, OU, account, policy or delegation policy named by its id in `org`. */
async function nodeArn(repos: ReadRepos, org: OrganizationRow, id: string): Promise<string | undefined> {
  if (id.startsWith('r-')) return orgRootArn(org, id);
  if (id.startsWith('ou-')) return orgUnitArn(org, id);
  if (/^\d{12}$/.test(id)) return orgAccountArn(org, id);
  if (id.startsWith('rp-')) return orgResourcePolicyArn(org, id);
  if (id.startsWith('p-')) {
    const policy = await repos.orgPolicies.get(org.org_id, id);
    return policy && orgPolicyArn(org, policy.policy_type, id, policy.aws_managed === 1);
  }
  return undefined;
}

async function resolve(spec: Spec, input: Input, ctx: ActionContext): Promise<AuthorizationTarget> {
  const keys: Record<string, ContextInput> = {};
  if (spec.servicePrincipal && typeof input.ServicePrincipal === 'string')
    keys['organizations:ServicePrincipal'] = input.ServicePrincipal;
  if (spec.policyType && spec.policyType !== 'stored' && typeof input[spec.policyType] === 'string')
    keys['organizations:PolicyType'] = input[spec.policyType] as string;
  const [kind, member] = spec.names ?? [];
  const id = member !== undefined ? input[member] : undefined;
  let arn = '*';
  if (kind && typeof id === 'string')
    arn =
      (await ctx.services.store.read(async (repos) => {
        if (kind === 'handshake') {
          // an invitation belongs to the organization that sent it, whoever answers it
          const handshake = await repos.organizations.handshake(id);
          const org = handshake && (await repos.organizations.byId(handshake.org_id));
          return org && orgHandshakeArn(org, id, handshake.action);
        }
        const org = await repos.organizations.ofAccount(ctx.accountId);
        if (!org) return undefined;
        if (kind === 'node') return nodeArn(repos, org, id);
        const policy = await repos.orgPolicies.get(org.org_id, id);
        if (!policy) return undefined;
        if (spec.policyType === 'stored') keys['organizations:PolicyType'] = policy.policy_type;
        return orgPolicyArn(org, policy.policy_type, id, policy.aws_managed === 1);
      })) ?? '*';
  return { arn, keys, ownAccount: true };
}

/** The action, authorized on what it names (an action not in the table keeps `*`). */
export function withOrgAuthorization(action: Action): Action {
  const spec = SPECS[action.name] ?? {};
  return { ...action, authorizationTarget: (input, ctx) => resolve(spec, input as Input, ctx) };
}
