// GetPolicyVersion: one version of a managed policy, its document URL-encoded as IAM returns it.
import { defineAction } from '../action.ts';
import { getPolicyVersionRow, getReadablePolicy } from '../../domain/index.ts';
import { policyAccess } from './policy-access.ts';
import { policyVersionShape } from './shapes/policy-shapes.ts';

export const GetPolicyVersion = defineAction({
  service: 'iam',
  name: 'GetPolicyVersion',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const access = policyAccess(ctx, 'GetPolicyVersion');
      const policy = await getReadablePolicy(repos, access, input.PolicyArn);
      const version = await getPolicyVersionRow(repos, policy, input.VersionId);
      return { PolicyVersion: policyVersionShape(version, policy, true) };
    });
  },
});
