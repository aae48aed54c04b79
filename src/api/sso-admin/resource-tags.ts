// TagResource, UntagResource and ListTagsForResource on an instance or a permission set (named by
// ResourceArn, with the InstanceArn a permission set belongs to), within AWS's 50 tags per resource.
import { defineAction, type ActionContext } from '../action.ts';
import {
  permissionSetOf,
  permissionSetTags,
  ssoAdminError,
  tagPermissionSet,
  untagPermissionSet,
} from '../../domain/index.ts';
import type { IdcInstanceRow, ReadRepos } from '../../store/index.ts';
import { page, readInstance, requireInstance, withSsoResources } from './sso-admin-scope.ts';

const TAGGED = ['tagged'] as const;

/** The instance a tagging request is about: the InstanceArn given, or the resource itself. */
const instanceArnOf = (input: { InstanceArn?: string; ResourceArn: string }) =>
  input.InstanceArn ?? input.ResourceArn;

const isInstance = (resourceArn: string) => resourceArn.startsWith('arn:aws:sso:::instance/');

async function tagsOf(repos: ReadRepos, instance: IdcInstanceRow, resourceArn: string) {
  if (isInstance(resourceArn)) {
    if (resourceArn !== instance.instance_arn)
      throw ssoAdminError('ResourceNotFoundException', `Could not find Instance with ARN ${resourceArn}.`);
    return permissionSetTags(instance);
  }
  return permissionSetTags(await permissionSetOf(repos, instance, resourceArn));
}

/** Writes under the lock of the owner of the instance the resource belongs to. */
async function writeTags(
  ctx: ActionContext,
  input: { InstanceArn?: string; ResourceArn: string },
  change: (tags: Record<string, string>) => Record<string, string>,
  permissionSet: (repos: Parameters<typeof tagPermissionSet>[0], instance: IdcInstanceRow) => Promise<void>,
) {
  const { store } = ctx.services;
  const found = await store.read((repos) => requireInstance(repos, ctx.accountId, instanceArnOf(input)));
  await store.write(found.owner_account_id, async (repos) => {
    const instance = await requireInstance(repos, ctx.accountId, instanceArnOf(input));
    if (!isInstance(input.ResourceArn)) return permissionSet(repos, instance);
    const tags = change(await tagsOf(repos, instance, input.ResourceArn));
    if (Object.keys(tags).length > 50)
      throw ssoAdminError('ServiceQuotaExceededException', 'The resource cannot have more than 50 tags.');
    await repos.idcInstances.update(instance.instance_arn, { tags: JSON.stringify(tags) });
  });
}

export const TagResource = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'TagResource',
    resource: () => '*',
    async handle(input, ctx) {
      const tags = input.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
      await writeTags(
        ctx,
        input,
        (current) => ({ ...current, ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])) }),
        (repos, instance) => tagPermissionSet(repos, instance, input.ResourceArn, tags),
      );
      return {};
    },
  }),
  TAGGED,
);

export const UntagResource = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'UntagResource',
    resource: () => '*',
    async handle(input, ctx) {
      await writeTags(
        ctx,
        input,
        (current) => Object.fromEntries(Object.entries(current).filter(([k]) => !input.TagKeys.includes(k))),
        (repos, instance) => untagPermissionSet(repos, instance, input.ResourceArn, input.TagKeys),
      );
      return {};
    },
  }),
  TAGGED,
);

export const ListTagsForResource = withSsoResources(
  defineAction({
    service: 'sso-admin',
    name: 'ListTagsForResource',
    resource: () => '*',
    async handle(input, ctx) {
      const tags = await readInstance(ctx, instanceArnOf(input), (repos, instance) =>
        tagsOf(repos, instance, input.ResourceArn),
      );
      const list = Object.entries(tags)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([Key, Value]) => ({ Key, Value }));
      const { items, nextToken } = page(list, input.NextToken, undefined);
      return { Tags: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  }),
  TAGGED,
);
