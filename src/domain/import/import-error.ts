// Why an import was refused, said where: the dump's list, the entity's index and name, and the
// field (`RoleDetailList[3] (deployer).AssumeRolePolicyDocument: …`), on one line.

/** A refused import: `where` names the entity and field, `reason` what is wrong with it. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(where ? `${where}: ${reason}` : reason);
  }
}

/** The members that name an item of the dump's lists, in the order they are looked for. */
const NAME_MEMBERS = [
  'UserName',
  'GroupName',
  'RoleName',
  'PolicyName',
  'InstanceProfileName',
  'VersionId',
  'Key',
] as const;

function nameOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  for (const member of NAME_MEMBERS) {
    const value = (item as Record<string, unknown>)[member];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A path into the dump as a reader finds it: `UserDetailList[2] (alice).UserPolicyList[0] (s3).PolicyDocument`.
 * Each list item is followed by its name when `raw` (the dump as parsed JSON) gives it one.
 */
export function dumpPath(raw: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    const next: unknown =
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const name = nameOf(next);
      out += `[${key}]${name !== undefined ? ` (${name})` : ''}`;
    } else out += `${out ? '.' : ''}${String(key)}`;
    node = next;
  }
  return out;
}
