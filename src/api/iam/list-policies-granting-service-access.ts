// ListPoliciesGrantingServiceAccess: for each service namespace asked about, the permissions policies
// of a user (its own and its groups'), group or role that allow some action of that service.
import { defineAction } from '../action.ts';
import type { PolicyGrantingServiceAccess } from '../../protocol/index.ts';
import { allowedActions, type ApplicablePolicy, lastAccessedSubject } from '../../domain/index.ts';

function policyShape(p: ApplicablePolicy): PolicyGrantingServiceAccess {
  return p.kind === 'MANAGED'
    ? { PolicyName: p.name, PolicyType: 'MANAGED', PolicyArn: p.arn }
    : { PolicyName: p.name, PolicyType: 'INLINE', EntityType: p.holder?.type, EntityName: p.holder?.name };
}

export const ListPoliciesGrantingServiceAccess = defineAction({
  service: 'iam',
  name: 'ListPoliciesGrantingServiceAccess',
  // the Service Authorization Reference: on the user, group or role asked about
  resource: (input) => input.Arn,
  async handle(input, ctx) {
    const subject = await ctx.services.store.read((repos) =>
      lastAccessedSubject(repos, ctx.accountId, input.Arn, ['user', 'group', 'role']),
    );
    const grants = subject.policies.map((p) => ({ policy: p, allowed: allowedActions([p.document]) }));
    return {
      PoliciesGrantingServiceAccess: input.ServiceNamespaces.map((namespace) => ({
        ServiceNamespace: namespace,
        Policies: grants
          .filter((g) => g.allowed.has(namespace.toLowerCase()))
          .map((g) => policyShape(g.policy)),
      })),
      IsTruncated: false,
    };
  },
});
