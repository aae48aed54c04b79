// ListAccountAliases: the account's alias (none or one), paginated as AWS models it.
import { defineAction } from '../action.ts';
import { listAccountAliases } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const ListAccountAliases = defineAction({
  service: 'iam',
  name: 'ListAccountAliases',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const aliases = await ctx.services.store.read((repos) => listAccountAliases(repos, ctx.accountId));
    const page = paginateList(aliases, input, (a) => a);
    return { AccountAliases: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
