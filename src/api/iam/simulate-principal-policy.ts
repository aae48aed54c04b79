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
    const principal = input.CallerArn
      ? callerPrincipal(input.CallerArn)
      : (source.principal ?? { type: 'User' as const, account: ctx.accountId });
    return runSimulation(
      simulationRequest(input, {
        identity: [...source.identity, ...inputSources(input.PolicyInputList, 'PolicyInputList')],
        boundary: boundary,
        principal,
      }),
      input,
    );
  },
});
