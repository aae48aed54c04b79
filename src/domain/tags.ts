// IAM's tagging rules shared by every taggable entity: keys unique regardless of case, at most
// the tag quota per resource, and the aws: prefix reserved.
import { AwsError, invalidInput } from '../errors.ts';
import type { TaggableResource, Change, Repos } from '../store/index.ts';

export interface Tag {
  Key: string;
  Value: string;
}

/** Checks a tag list given in one request: no key twice, none under aws:. */
export function checkNewTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (seen.has(k))
      throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    if (k.startsWith('aws:')) throw invalidInput('User-defined tag keys can\'t start with "aws:".');
    seen.add(k);
  }
}

/** Adds tags to a resource, refusing a result above the quota. */
export async function addTags(
  repos: Repos,
  change: Change,
  type: TaggableResource,
  id: string,
  tags: readonly Tag[],
  maxTags: number,
): Promise<void> {
  checkNewTags(tags);
  const existing = await repos.tags.list(type, id);
  const keys = new Set(existing.map((t) => t.Key.toLowerCase()));
  for (const t of tags) keys.add(t.Key.toLowerCase());
  if (keys.size > maxTags)
    throw new AwsError('LimitExceeded', `The number of tags has reached the maximum limit of ${maxTags}.`);
  await repos.tags.put(change, type, id, tags);
}

/** Tags in the order IAM gives them back: sorted by key, regardless of case (as the store reads them). */
export function sortedTags<T extends Tag>(tags: readonly T[] | undefined): T[] {
  return [...(tags ?? [])].sort((a, b) => {
    const x = a.Key.toLowerCase();
    const y = b.Key.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
