// GetContextKeysForPrincipalPolicy: the condition keys (and policy variables) referred to by the policies of a
// user (with its groups'), group or role, and by any policies passed as strings.
import { defineAction } from '../action.ts';
import {
  compileSource,
  contextKeysOf,
  inputSources,
  loadPrincipalPolicies,
  uniqueKeys,
} from '../../authz/index.ts';

export const GetContextKeysForPrincipalPolicy = defineAction({
  service: 'iam',
  name: 'GetContextKeysForPrincipalPolicy',
  resource: (input) => input.PolicySourceArn,
  async handle(input, ctx) {
    const source = await ctx.services.store.read((repos) =>
      loadPrincipalPolicies(repos, ctx.accountId, input.PolicySourceArn),
    );
    const trees = [...source.identity, ...inputSources(input.PolicyInputList, 'PolicyInputList')].map(
      (s) => compileSource(s, 'identity').tree,
    );
    return { ContextKeyNames: uniqueKeys(trees.flatMap(contextKeysOf)) };
  },
});
