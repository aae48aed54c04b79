// The IAM resources a request names: the ARN an action builds from a name is completed with the
// entity's real path, and the entity's tags become aws:ResourceTag / iam:ResourceTag.
import { parseIamArn } from '../domain/arns.ts';
import type { TaggableResource } from '../store/database.ts';
import type { Repos, Store } from '../store/index.ts';

export interface ResolvedResource {
  arn: string;
  tags?: Record<string, string>;
}

type Lookup = (
  repos: Repos,
  accountId: string,
  name: string,
) => Promise<{ arn: string; id: string } | undefined>;

const LOOKUPS: Partial<Record<string, { tagType?: TaggableResource; find: Lookup }>> = {
  user: {
    tagType: 'user',
    find: async (r, a, n) => {
      const u = await r.users.byName(a, n);
      return u && { arn: u.arn, id: u.user_id };
    },
  },
  role: {
    tagType: 'role',
    find: async (r, a, n) => {
      const x = await r.roles.byName(a, n);
      return x && { arn: x.arn, id: x.role_id };
    },
  },
  group: {
    find: async (r, a, n) => {
      const g = await r.groups.byName(a, n);
      return g && { arn: g.arn, id: g.group_id };
    },
  },
};

/** Completes an IAM ARN built from a name; anything else is returned as it is. */
export async function resolveIamResource(store: Store, arn: string): Promise<ResolvedResource> {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.accountId === 'aws' || parsed.name === '*') return { arn };
  const lookup = LOOKUPS[parsed.type];
  if (!lookup) return { arn };
  return store.read(async (repos) => {
    const found = await lookup.find(repos, parsed.accountId, parsed.name);
    if (!found) return { arn };
    if (!lookup.tagType) return { arn: found.arn };
    const tags = await repos.tags.list(lookup.tagType, found.id);
    return { arn: found.arn, tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) };
  });
}
