// DeactivateMFADevice: detaches an MFA device from its user (or the caller); the device remains.
import { defineAction } from '../action.ts';
import { deactivateMfaDevice } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeactivateMFADevice = defineAction({
  service: 'iam',
  name: 'DeactivateMFADevice',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deactivateMfaDevice(repos, ctx.accountId, ctx.caller, input),
    );
  },
});
