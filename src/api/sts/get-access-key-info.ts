// GetAccessKeyInfo: the account an access key belongs to. Temporary keys name their account in
// their id; long-lived keys are looked up, and an unknown id is answered from its encoding, as AWS
// answers for any well-formed key id.
import { defineAction } from '../action.ts';
import { AwsError } from '../../errors.ts';
import { accountOfAccessKeyId } from '../../sts/index.ts';

export const GetAccessKeyInfo = defineAction({
  service: 'sts',
  name: 'GetAccessKeyInfo',
  resource: () => '*',
  async handle(input, ctx) {
    const id = input.AccessKeyId;
    if (!id.startsWith('ASIA')) {
      const row = await ctx.services.store.read((r) => r.accessKeys.get(id));
      if (row) return { Account: row.account_id };
    }
    const account = accountOfAccessKeyId(id);
    if (account === undefined) throw new AwsError('ValidationError', `Invalid AccessKeyId ${id}`);
    return { Account: account };
  },
});
