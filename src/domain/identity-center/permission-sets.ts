// IAM Identity Center permission sets: name, description, session duration (ISO 8601, 1 to 12 hours,
// PT1H by default) and relay state; an inline policy (checked as an identity policy), AWS managed
// policies, customer managed policy references (by name and path, resolved in each account at
// provisioning), a permissions boundary and tags, within AWS's quotas. Every change that reaches the
// provisioned roles moves `updated_at`, so that accounts provisioned before it show as out of date.
// Deleting one that is assigned or provisioned is refused, as AWS refuses it.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import { checkPolicyDocument } from '../../policy/index.ts';
import type { IdcInstanceRow, IdcPermissionSetRow, ReadRepos, Repos } from '../../store/index.ts';
import { AWS_MANAGED_POLICY_PREFIX } from '../arns.ts';
import { AWS_ACCOUNT } from '../managed-policies.ts';
import { instanceIdOf } from './instances.ts';
import { durationSeconds } from './portal.ts';

/** AWS's quotas for permission sets (IAM Identity Center User Guide, "Quotas"). */
export const PERMISSION_SET_QUOTAS = {
  /** Permission sets per instance. */
  perInstance: 2000,
  /** AWS managed and customer managed policies attached to one permission set, together. */
  managedPolicies: 20,
  /** Characters of the inline policy (the model's PermissionSetPolicyDocument). */
  inlinePolicyLength: 32768,
  /** Tags per resource. */
  tags: 50,
} as const;

export const DEFAULT_SESSION_DURATION = 'PT1H';

/** A customer managed policy, named as it is in every account the permission set reaches. */
export interface CustomerManagedPolicyReference {
  Name: string;
  Path: string;
}

/** A permission set's boundary: an AWS managed policy, or a customer managed one by reference. */
export interface PermissionSetBoundary {
  ManagedPolicyArn?: string;
  CustomerManagedPolicyReference?: CustomerManagedPolicyReference;
}

export interface NewPermissionSet {
  Name: string;
  Description?: string;
  SessionDuration?: string;
  RelayState?: string;
  Tags?: { Key: string; Value: string }[];
}

export interface PermissionSetChanges {
  Description?: string;
  SessionDuration?: string;
  RelayState?: string;
}

/** SSO Admin's errors carry their message as `Message` too, as AWS's shapes name it. */
export const ssoAdminError = (
  code:
    | 'ResourceNotFoundException'
    | 'ConflictException'
    | 'ValidationException'
    | 'ServiceQuotaExceededException'
    | 'AccessDenied',
  message: string,
): AwsError => new AwsError(code, message, { fields: { Message: message } });

const invalid = (message: string) => ssoAdminError('ValidationException', message);

export const permissionSetArnOf = (instanceArn: string, permissionSetId: string) =>
  `arn:aws:sso:::permissionSet/${instanceIdOf(instanceArn)}/${permissionSetId}`;

/** The managed policy ARNs (JSON list) of a permission set. */
export const managedPoliciesOf = (row: IdcPermissionSetRow): string[] =>
  JSON.parse(row.managed_policies) as string[];
export const customerPoliciesOf = (row: IdcPermissionSetRow): CustomerManagedPolicyReference[] =>
  JSON.parse(row.customer_managed_policies) as CustomerManagedPolicyReference[];
export const permissionSetBoundaryOf = (row: IdcPermissionSetRow): PermissionSetBoundary | undefined =>
  row.permissions_boundary === null
    ? undefined
    : (JSON.parse(row.permissions_boundary) as PermissionSetBoundary);
export const permissionSetTags = (row: { tags: string }): Record<string, string> =>
  JSON.parse(row.tags) as Record<string, string>;

/** The session duration's seconds: an ISO 8601 duration of 1 to 12 hours, or ValidationException. */
export function checkSessionDuration(iso: string): number {
  const seconds = durationSeconds(iso);
  if (seconds === undefined) throw invalid(`The session duration ${iso} is not a valid ISO-8601 duration.`);
  if (seconds < 3600 || seconds > 43200)
    throw invalid('The session duration must be between 1 and 12 hours.');
  return seconds;
}

function checkName(name: string): void {
  if (!/^[\w+=,.@-]{1,32}$/.test(name))
    throw invalid(
      "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and length between 1 and 32",
    );
}

function checkDescription(description: string): void {
  if (
    description.length < 1 ||
    description.length > 700 ||
    !/^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/.test(description)
  )
    throw invalid(
      "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length between 1 and 700 and use printable Latin-1 characters",
    );
}

function checkRelayState(relayState: string): void {
  if (relayState.length < 1 || relayState.length > 240)
    throw invalid(
      "1 validation error detected: Value at 'relayState' failed to satisfy constraint: Member must have length between 1 and 240",
    );
}

function checkPath(path: string): void {
  if (path.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(path))
    throw invalid(`The path ${path} is not valid: it must begin and end with /.`);
}

function checkPolicyName(name: string): void {
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) throw invalid(`The policy name ${name} is not valid.`);
}

/** Checks tags as SSO Admin does: distinct keys, not `aws:`, within the quota once added. */
function mergeTags(current: Record<string, string>, tags: readonly { Key: string; Value: string }[]) {
  const out = { ...current };
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw invalid('Duplicate tag keys are not allowed.');
    if (t.Key.toLowerCase().startsWith('aws:')) throw invalid('Tag keys may not begin with aws:.');
    seen.add(t.Key);
    out[t.Key] = t.Value;
  }
  if (Object.keys(out).length > PERMISSION_SET_QUOTAS.tags)
    throw ssoAdminError(
      'ServiceQuotaExceededException',
      `The resource cannot have more than ${PERMISSION_SET_QUOTAS.tags} tags.`,
    );
  return out;
}

/** The permission set of the instance, or ResourceNotFoundException. */
export async function permissionSetOf(
  repos: ReadRepos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
): Promise<IdcPermissionSetRow> {
  const row = await repos.idcPermissionSets.byArn(permissionSetArn);
  if (!row || row.instance_arn !== instance.instance_arn)
    throw ssoAdminError(
      'ResourceNotFoundException',
      `Could not find PermissionSet with ARN ${permissionSetArn}.`,
    );
  return row;
}

export async function createPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  input: NewPermissionSet,
  now: Date,
): Promise<IdcPermissionSetRow> {
  checkName(input.Name);
  if (input.Description !== undefined) checkDescription(input.Description);
  if (input.RelayState !== undefined) checkRelayState(input.RelayState);
  const sessionDuration = input.SessionDuration ?? DEFAULT_SESSION_DURATION;
  checkSessionDuration(sessionDuration);
  const tags = mergeTags({}, input.Tags ?? []);
  if ((await repos.idcPermissionSets.count(instance.instance_arn)) >= PERMISSION_SET_QUOTAS.perInstance)
    throw ssoAdminError(
      'ServiceQuotaExceededException',
      `The instance cannot have more than ${PERMISSION_SET_QUOTAS.perInstance} permission sets.`,
    );
  const taken = (await repos.idcPermissionSets.ofInstance(instance.instance_arn)).some(
    (p) => p.name === input.Name,
  );
  if (taken)
    throw ssoAdminError('ConflictException', `PermissionSet with name ${input.Name} already exists.`);
  const row: IdcPermissionSetRow = {
    permission_set_arn: permissionSetArnOf(instance.instance_arn, `ps-${randomBytes(8).toString('hex')}`),
    instance_arn: instance.instance_arn,
    name: input.Name,
    description: input.Description ?? null,
    session_duration: sessionDuration,
    relay_state: input.RelayState ?? null,
    inline_policy: null,
    managed_policies: '[]',
    customer_managed_policies: '[]',
    permissions_boundary: null,
    tags: JSON.stringify(tags),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await repos.idcPermissionSets.insert(row);
  return row;
}

export async function updatePermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  changes: PermissionSetChanges,
  now: Date,
): Promise<void> {
  await permissionSetOf(repos, instance, permissionSetArn);
  const patch: Partial<IdcPermissionSetRow> = { updated_at: now.toISOString() };
  if (changes.Description !== undefined) {
    checkDescription(changes.Description);
    patch.description = changes.Description;
  }
  if (changes.SessionDuration !== undefined) {
    checkSessionDuration(changes.SessionDuration);
    patch.session_duration = changes.SessionDuration;
  }
  if (changes.RelayState !== undefined) {
    checkRelayState(changes.RelayState);
    patch.relay_state = changes.RelayState;
  }
  await repos.idcPermissionSets.update(permissionSetArn, patch);
}

/** Deletes a permission set that is neither assigned nor provisioned anywhere (ConflictException). */
export async function deletePermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
): Promise<void> {
  await permissionSetOf(repos, instance, permissionSetArn);
  const assigned = await repos.idcAssignments.assignments({
    instanceArn: instance.instance_arn,
    permissionSetArn,
  });
  const provisioned = await repos.idcAssignments.provisionedOf(permissionSetArn);
  if (assigned.length > 0 || provisioned.length > 0)
    throw ssoAdminError(
      'ConflictException',
      'The permission set is provisioned to one or more accounts: remove its account assignments first.',
    );
  await repos.idcPermissionSets.delete(permissionSetArn);
}

/** Applies a change to the permission set's policies and marks it changed. */
async function change(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  now: Date,
  fn: (row: IdcPermissionSetRow) => Partial<IdcPermissionSetRow>,
): Promise<void> {
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  await repos.idcPermissionSets.update(permissionSetArn, { ...fn(row), updated_at: now.toISOString() });
}

export function putInlinePolicyToPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  document: string,
  now: Date,
): Promise<void> {
  if (document.length < 1 || document.length > PERMISSION_SET_QUOTAS.inlinePolicyLength)
    throw invalid(
      `The inline policy must be between 1 and ${PERMISSION_SET_QUOTAS.inlinePolicyLength} characters.`,
    );
  const checked = checkPolicyDocument(document, 'identity');
  if (!checked.ok) throw invalid(`The inline policy is not valid: ${checked.message}`);
  return change(repos, instance, permissionSetArn, now, () => ({ inline_policy: document }));
}

export function deleteInlinePolicyFromPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  now: Date,
): Promise<void> {
  return change(repos, instance, permissionSetArn, now, () => ({ inline_policy: null }));
}

const attachedCount = (row: IdcPermissionSetRow) =>
  managedPoliciesOf(row).length + customerPoliciesOf(row).length;

function refuseOverQuota(row: IdcPermissionSetRow): void {
  if (attachedCount(row) >= PERMISSION_SET_QUOTAS.managedPolicies)
    throw ssoAdminError(
      'ServiceQuotaExceededException',
      `The permission set cannot have more than ${PERMISSION_SET_QUOTAS.managedPolicies} managed policies attached.`,
    );
}

/** An AWS managed policy Tessera has, or ValidationException. */
async function requireAwsManagedPolicy(repos: ReadRepos, arn: string): Promise<void> {
  const row = arn.startsWith(AWS_MANAGED_POLICY_PREFIX) ? await repos.managedPolicies.byArn(arn) : undefined;
  if (!row || row.account_id !== AWS_ACCOUNT)
    throw invalid(`The managed policy ${arn} is not an AWS managed policy that exists.`);
}

export async function attachManagedPolicyToPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  policyArn: string,
  now: Date,
): Promise<void> {
  await requireAwsManagedPolicy(repos, policyArn);
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  const current = managedPoliciesOf(row);
  if (current.includes(policyArn))
    throw ssoAdminError(
      'ConflictException',
      `The managed policy ${policyArn} is already attached to the permission set.`,
    );
  refuseOverQuota(row);
  await change(repos, instance, permissionSetArn, now, () => ({
    managed_policies: JSON.stringify([...current, policyArn]),
  }));
}

export async function detachManagedPolicyFromPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  policyArn: string,
  now: Date,
): Promise<void> {
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  const current = managedPoliciesOf(row);
  if (!current.includes(policyArn))
    throw ssoAdminError(
      'ResourceNotFoundException',
      `The managed policy ${policyArn} is not attached to the permission set.`,
    );
  await change(repos, instance, permissionSetArn, now, () => ({
    managed_policies: JSON.stringify(current.filter((a) => a !== policyArn)),
  }));
}

/** A reference with its path defaulted to `/`, checked. */
export function customerReference(ref: { Name: string; Path?: string }): CustomerManagedPolicyReference {
  checkPolicyName(ref.Name);
  const path = ref.Path ?? '/';
  checkPath(path);
  return { Name: ref.Name, Path: path };
}

const sameReference = (a: CustomerManagedPolicyReference, b: CustomerManagedPolicyReference) =>
  a.Name === b.Name && a.Path === b.Path;

export async function attachCustomerPolicyToPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  reference: { Name: string; Path?: string },
  now: Date,
): Promise<void> {
  const ref = customerReference(reference);
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  const current = customerPoliciesOf(row);
  if (current.some((r) => sameReference(r, ref)))
    throw ssoAdminError(
      'ConflictException',
      `The customer managed policy ${ref.Path}${ref.Name} is already attached to the permission set.`,
    );
  refuseOverQuota(row);
  await change(repos, instance, permissionSetArn, now, () => ({
    customer_managed_policies: JSON.stringify([...current, ref]),
  }));
}

export async function detachCustomerPolicyFromPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  reference: { Name: string; Path?: string },
  now: Date,
): Promise<void> {
  const ref = customerReference(reference);
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  const current = customerPoliciesOf(row);
  if (!current.some((r) => sameReference(r, ref)))
    throw ssoAdminError(
      'ResourceNotFoundException',
      `The customer managed policy ${ref.Path}${ref.Name} is not attached to the permission set.`,
    );
  await change(repos, instance, permissionSetArn, now, () => ({
    customer_managed_policies: JSON.stringify(current.filter((r) => !sameReference(r, ref))),
  }));
}

export async function putPermissionSetBoundary(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  boundary: { ManagedPolicyArn?: string; CustomerManagedPolicyReference?: { Name: string; Path?: string } },
  now: Date,
): Promise<void> {
  const hasArn = boundary.ManagedPolicyArn !== undefined;
  const hasRef = boundary.CustomerManagedPolicyReference !== undefined;
  if (hasArn === hasRef)
    throw invalid(
      'The permissions boundary must name either a managed policy ARN or a customer managed policy reference.',
    );
  const stored: PermissionSetBoundary = hasArn
    ? { ManagedPolicyArn: boundary.ManagedPolicyArn! }
    : { CustomerManagedPolicyReference: customerReference(boundary.CustomerManagedPolicyReference!) };
  if (stored.ManagedPolicyArn) await requireAwsManagedPolicy(repos, stored.ManagedPolicyArn);
  await change(repos, instance, permissionSetArn, now, () => ({
    permissions_boundary: JSON.stringify(stored),
  }));
}

export function deletePermissionSetBoundary(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  now: Date,
): Promise<void> {
  return change(repos, instance, permissionSetArn, now, () => ({ permissions_boundary: null }));
}

/** TagResource on a permission set: tags do not reach the roles, so the set is not marked changed. */
export async function tagPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  tags: readonly { Key: string; Value: string }[],
): Promise<void> {
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  await repos.idcPermissionSets.update(permissionSetArn, {
    tags: JSON.stringify(mergeTags(permissionSetTags(row), tags)),
  });
}

export async function untagPermissionSet(
  repos: Repos,
  instance: IdcInstanceRow,
  permissionSetArn: string,
  keys: readonly string[],
): Promise<void> {
  const row = await permissionSetOf(repos, instance, permissionSetArn);
  const tags = permissionSetTags(row);
  for (const k of keys) delete tags[k];
  await repos.idcPermissionSets.update(permissionSetArn, { tags: JSON.stringify(tags) });
}
