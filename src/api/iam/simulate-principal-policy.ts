// SimulatePrincipalPolicy: the engine's decision for each action on each resource under the policies of a
// user (with its groups'), group or role, plus any policies passed as strings, with AWS's EvaluationResults.
import { defineAction } from '../action.ts';
import { invalidInput } from '../../errors.ts';
import {
  callerPrincipal,
  inputSources,
  loadPrincipalPolicies,
  runSimulation,
  simulationRequest,
} from '../../authz/index.ts';

export const SimulatePrincipalPolicy = defineAction({
  service: 'iam',
  name: 'SimulatePrincipalPolicy',
  resource: (input) => input.PolicySourceArn,
  async handle(input, ctx) {
    const source = await ctx.services.store.read((repos) =>
      loadPrincipalPolicies(repos, ctx.accountId, input.PolicySourceArn),
    );
    if (input.ResourcePolicy !== undefined && source.type === 'role')
      throw invalidInput('Simulation of resource-based policies is not supported for IAM roles.');
    if (input.ResourcePolicy !== undefined && source.type !== 'user' && input.CallerArn === undefined)
      throw invalidInput(
        'CallerArn is required when a ResourcePolicy is included and PolicySourceArn is not a user.',
      );
    const boundaries = inputSources(
      input.PermissionsBoundaryPolicyInputList,
      'PermissionsBoundaryPolicyInputList',
    );
    if (boundaries.length > 1) throw invalidInput('Only one permissions boundary policy may be simulated.');
    const boundary = boundaries[0] ?? source.boundary;
    const caller = input.CallerArn
      ? callerPrincipal(input.CallerArn)
      : (source.principal ?? { type: 'User' as const, account: ctx.accountId });
    // as AWS's simulator does, the SCPs that govern the principal's account take part (not for a
    // service-linked role, which SCPs do not govern); like every context key, aws:PrincipalOrgID is
    // only what ContextEntries give
    const org = await ctx.services.authorizer.organizations?.forAccount(ctx.accountId);
    const serviceLinked = input.PolicySourceArn.includes(':role/aws-service-role/');
    const principal = org ? { ...caller, orgId: org.orgId, orgPaths: org.paths } : caller;
    const request = simulationRequest(input, {
      identity: [...source.identity, ...inputSources(input.PolicyInputList, 'PolicyInputList')],
      boundary: boundary,
      principal,
    });
    return runSimulation(org?.scp && !serviceLinked ? { ...request, scp: org.scp } : request, input);
  },
});
