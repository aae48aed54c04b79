// SimulateCustomPolicy: the engine's decision for each action on each resource under policies passed as
// strings (identity policies, a permissions boundary, a resource policy), with AWS's EvaluationResults.
import { defineAction } from '../action.ts';
import { invalidInput } from '../../errors.ts';
import { callerPrincipal, inputSources, runSimulation, simulationRequest } from '../../authz/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const SimulateCustomPolicy = defineAction({
  service: 'iam',
  name: 'SimulateCustomPolicy',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    if (input.ResourcePolicy !== undefined && input.CallerArn === undefined)
      throw invalidInput('CallerArn is required when a ResourcePolicy is included in the simulation.');
    const boundaries = inputSources(
      input.PermissionsBoundaryPolicyInputList,
      'PermissionsBoundaryPolicyInputList',
    );
    if (boundaries.length > 1) throw invalidInput('Only one permissions boundary policy may be simulated.');
    const principal = input.CallerArn
      ? callerPrincipal(input.CallerArn)
      : { type: 'User' as const, account: ctx.accountId };
    return runSimulation(
      simulationRequest(input, {
        identity: inputSources(input.PolicyInputList, 'PolicyInputList'),
        boundary: boundaries[0],
        principal,
      }),
      input,
    );
  },
});
