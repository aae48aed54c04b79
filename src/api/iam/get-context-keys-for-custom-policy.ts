// GetContextKeysForCustomPolicy: the condition keys (and policy variables) the given policies refer to.
import { defineAction } from '../action.ts';
import { compileSource, contextKeysOf, inputSources, uniqueKeys } from '../../authz/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetContextKeysForCustomPolicy = defineAction({
  service: 'iam',
  name: 'GetContextKeysForCustomPolicy',
  resource: () => ACCOUNT_WIDE,
  async handle(input) {
    const trees = inputSources(input.PolicyInputList, 'PolicyInputList').map(
      (s) => compileSource(s, 'identity').tree,
    );
    return { ContextKeyNames: uniqueKeys(trees.flatMap(contextKeysOf)) };
  },
});
