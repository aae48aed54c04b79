// GetAccountPasswordPolicy: the account's custom password policy, or NoSuchEntity without one.
import { defineAction } from '../action.ts';
import { getPasswordPolicy } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';
import { passwordPolicyShape } from './shapes/password-policy-shapes.ts';

export const GetAccountPasswordPolicy = defineAction({
  service: 'iam',
  name: 'GetAccountPasswordPolicy',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    const settings = await ctx.services.store.read((repos) => getPasswordPolicy(repos, ctx.accountId));
    return { PasswordPolicy: passwordPolicyShape(settings) };
  },
});
