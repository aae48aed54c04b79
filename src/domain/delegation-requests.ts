// IAM delegation requests: a partner account asks a customer for temporary access. The partner
// creates the request (its permissions are a policy template it owns, filled with parameters); an
// identity of the customer's account associates it (becoming its owner), may forward it for
// approval (UpdateDelegationRequest), accepts or rejects it, and releases the trade-in token
// (SendDelegationToken), which the partner exchanges for credentials of the accepting identity,
// limited by the requested policy. Who may see and move a request follows AWS's user guide
// ("Managing permissions for delegation requests"); the states follow delegation-lifecycle.ts.
import { randomBytes } from 'node:crypto';
import { AwsError, invalidInput, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type DelegationRequestChange,
  type DelegationRequestRow,
  type ReadRepos,
  type Repos,
} from '../store/index.ts';
import {
  delegationExpiry,
  effectiveDelegationState,
  nextDelegationState,
  type DelegationOperation,
} from './delegation-lifecycle.ts';
import { AWS_MANAGED_POLICY_PREFIX, parseIamArn } from './arns.ts';
import type { Principal } from './principal.ts';

/** The sealer purpose of trade-in tokens (at rest and as handed to the partner). */
export const TRADE_IN_TOKEN_PURPOSE = 'iam-delegation-trade-in-token';

/** A parameter of the requested permissions, as CreateDelegationRequest takes it. */
export interface DelegationPolicyParameter {
  Name?: string;
  Values?: string[];
  Type?: 'string' | 'stringList' | string;
}

/** The requested permissions: a template the partner registered, and its parameters. */
export interface DelegationPermissionInput {
  PolicyTemplateArn?: string;
  Parameters?: DelegationPolicyParameter[];
}

export interface NewDelegationRequest {
  OwnerAccountId?: string;
  Description: string;
  Permissions: DelegationPermissionInput;
  RequestMessage?: string;
  RequestorWorkflowId: string;
  RedirectUrl?: string;
  NotificationChannel: string;
  SessionDuration: number;
  OnlySendByOwner?: boolean;
}

/** The identity that accepted a request: who the delegated credentials act as (never a secret). */
export type DelegationApprover =
  | { type: 'root'; accountId: string; arn: string; id: string }
  | { type: 'user'; accountId: string; arn: string; id: string; userName: string; path: string }
  | {
      type: 'assumed-role';
      accountId: string;
      arn: string;
      id: string;
      roleId: string;
      roleName: string;
      roleArn: string;
      rolePath: string;
      sessionName: string;
    };

/** The ARN of a delegation request (GetHumanReadableSummary's EntityArn): in the partner's account. */
export function delegationRequestArn(requestorAccountId: string, id: string): string {
  return `arn:aws:iam::${requestorAccountId}:delegation-request/${id}`;
}

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):delegation-request\/([\w-]{16,128})$/;

/** The request id a delegation-request ARN names; InvalidInput for any other entity. */
export function delegationRequestIdOf(entityArn: string): { accountId: string; id: string } {
  const m = ENTITY_ARN.exec(entityArn);
  if (!m)
    throw invalidInput(
      `EntityArn ${entityArn} is not supported: the only supported entity type is delegation-request.`,
    );
  return { accountId: m[1]!, id: m[2]! };
}

const notFound = (id: string) => noSuchEntity(`The delegation request with id ${id} cannot be found.`);

/** The request's state at `now` (a request past its expiry reads EXPIRED). */
export function delegationState(row: DelegationRequestRow, now: Date): DelegationRequestRow['state'] {
  return effectiveDelegationState(row.state, row.expires_at, now);
}

/**
 * Whether `caller` may read the request: its partner's account; anyone while no owner account is set;
 * the owner account once it is.
 */
function canSee(row: DelegationRequestRow, caller: Principal): boolean {
  return (
    caller.accountId === row.requestor_account_id ||
    row.owner_account_id === null ||
    row.owner_account_id === caller.accountId
  );
}

/** The request, if `caller` may see it; NoSuchEntity otherwise (a hidden request is not named). */
export async function visibleDelegationRequest(
  repos: ReadRepos,
  caller: Principal,
  id: string,
): Promise<DelegationRequestRow> {
  const row = await repos.delegationRequests.get(id);
  if (!row || !canSee(row, caller)) throw notFound(id);
  return row;
}

/** The requests owned in the caller's account (only those with an owner), of one owner if given. */
export function listOwnedDelegationRequests(
  repos: ReadRepos,
  caller: Principal,
  ownerId: string | undefined,
): Promise<DelegationRequestRow[]> {
  return repos.delegationRequests.listOwned(caller.accountId, ownerId);
}

/**
 * The policy a template renders to. A placeholder is `{{Name}}`: a JSON string that is exactly a
 * placeholder of a stringList parameter becomes the list; elsewhere a placeholder is replaced by the
 * value (a stringList's values joined with commas). A placeholder without a parameter is refused.
 */
export function renderPolicyTemplate(
  template: string,
  parameters: readonly DelegationPolicyParameter[],
): string {
  const byName = new Map<string, DelegationPolicyParameter>();
  for (const p of parameters) {
    if (p.Name === undefined) throw invalidInput('Every policy parameter must have a Name.');
    if (byName.has(p.Name)) throw invalidInput(`Policy parameter ${p.Name} is given more than once.`);
    if (p.Type === 'string' && (p.Values?.length ?? 0) !== 1)
      throw invalidInput(`Policy parameter ${p.Name} of type string must have exactly one value.`);
    byName.set(p.Name, p);
  }
  const valueOf = (name: string): DelegationPolicyParameter => {
    const p = byName.get(name);
    if (!p) throw invalidInput(`The policy template needs a value for parameter ${name}.`);
    return p;
  };
  const fill = (s: string): string | string[] => {
    const whole = /^\{\{([^{}]+)\}\}$/.exec(s);
    if (whole) {
      const p = valueOf(whole[1]!);
      return p.Type === 'stringList' ? [...(p.Values ?? [])] : (p.Values?.[0] ?? '');
    }
    return s.replace(/\{\{([^{}]+)\}\}/g, (_, name: string) => (valueOf(name).Values ?? []).join(','));
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fill(v);
    if (Array.isArray(v))
      return v.flatMap((item) => (typeof item === 'string' ? [fill(item)].flat() : [walk(item)]));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    throw invalidInput('The policy template is not a JSON policy document.');
  }
  return JSON.stringify(walk(parsed));
}

/**
 * The policy text a template ARN names: a managed policy of the partner's own account (the partner's
 * registered template) or an AWS managed policy, at its default version.
 */
async function templateDocument(repos: ReadRepos, requestorAccountId: string, arn: string): Promise<string> {
  const parsed = parseIamArn(arn);
  const refused = () =>
    invalidInput(`PolicyTemplateArn ${arn} does not name a policy template registered for this partner.`);
  if (!parsed || parsed.type !== 'policy') throw refused();
  if (parsed.accountId !== requestorAccountId && !arn.startsWith(AWS_MANAGED_POLICY_PREFIX)) throw refused();
  const doc = await repos.effectivePolicies.defaultDocument(arn);
  if (doc === undefined) throw refused();
  return doc;
}

/** A new request id: 32 lowercase hex characters (the model allows [\w-]{16,128}). */
function newDelegationRequestId(): string {
  return randomBytes(16).toString('hex');
}

/** CreateDelegationRequest: files a new UNASSIGNED request from the caller's account. */
export async function createDelegationRequest(
  repos: Repos,
  caller: Principal,
  input: NewDelegationRequest,
  now: Date,
): Promise<DelegationRequestRow> {
  const templateArn = input.Permissions.PolicyTemplateArn;
  if (templateArn === undefined) throw invalidInput('Permissions must name a PolicyTemplateArn.');
  const template = await templateDocument(repos, caller.accountId, templateArn);
  const policy = renderPolicyTemplate(template, input.Permissions.Parameters ?? []);
  const at = now.toISOString();
  const row: DelegationRequestRow = {
    delegation_request_id: newDelegationRequestId(),
    requestor_account_id: caller.accountId,
    requestor_workflow_id: input.RequestorWorkflowId,
    owner_account_id: input.OwnerAccountId ?? null,
    owner_id: null,
    approver_id: null,
    approver: null,
    description: input.Description,
    request_message: input.RequestMessage ?? null,
    permissions: JSON.stringify(input.Permissions),
    permission_policy: policy,
    redirect_url: input.RedirectUrl ?? null,
    notification_channel: input.NotificationChannel,
    session_duration: input.SessionDuration,
    only_send_by_owner: input.OnlySendByOwner ? 1 : 0,
    notes: null,
    rejection_reason: null,
    state: 'UNASSIGNED',
    expires_at: delegationExpiry('UNASSIGNED', now).toISOString(),
    created_at: at,
    updated_at: at,
    finalized_at: null,
    trade_in_token_sealed: null,
  };
  await onUniqueViolation(
    repos.delegationRequests.insert(row),
    () =>
      new AwsError(
        'EntityAlreadyExists',
        `A delegation request with RequestorWorkflowId ${input.RequestorWorkflowId} already exists.`,
      ),
  );
  return row;
}

/**
 * The accepting identity as the delegated credentials will act as it. A session whose permissions are
 * narrower than its identity's (session policies, an AssumeRoot task, another delegation) may not
 * accept: the delegated session would carry the identity's permissions without those limits.
 */
export function approverOf(caller: Principal): DelegationApprover {
  const s = caller.session;
  if (
    s &&
    (s.sessionPolicy !== undefined ||
      (s.policyArns?.length ?? 0) > 0 ||
      (s.kind === 'root-session' && s.assumedRoot !== undefined) ||
      s.delegationRequestId !== undefined)
  )
    throw new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: iam:AcceptDelegationRequest with credentials limited by session policies.`,
    );
  const base = { accountId: caller.accountId, arn: caller.arn, id: caller.id };
  switch (caller.type) {
    case 'root':
      return { type: 'root', ...base };
    case 'user':
      return { type: 'user', ...base, userName: caller.userName, path: caller.path };
    case 'assumed-role':
      return {
        type: 'assumed-role',
        ...base,
        roleId: caller.roleId,
        roleName: caller.roleName,
        roleArn: caller.roleArn,
        rolePath: caller.rolePath,
        sessionName: caller.sessionName,
      };
    case 'federated-user':
      throw new AwsError(
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: iam:AcceptDelegationRequest: a federated user cannot be the identity a delegation maps to.`,
      );
  }
}

/** The accepting identity recorded on a request. */
export function storedApprover(row: DelegationRequestRow): DelegationApprover | undefined {
  return row.approver === null ? undefined : (JSON.parse(row.approver) as DelegationApprover);
}

/** Who may move a request: the rules beyond its state. */
function checkAuthority(op: DelegationOperation, row: DelegationRequestRow, caller: Principal): void {
  const id = row.delegation_request_id;
  if (op === 'AssociateDelegationRequest') {
    if (row.owner_account_id !== null && row.owner_account_id !== caller.accountId)
      throw invalidInput(
        `Delegation request ${id} can only be associated with an identity of account ${row.owner_account_id}.`,
      );
    return;
  }
  // every later move is the owner account's (the partner cannot approve its own request)
  if (row.owner_account_id !== caller.accountId) throw notFound(id);
  if (op === 'SendDelegationToken' && row.only_send_by_owner === 1 && row.owner_id !== caller.arn)
    throw new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: iam:SendDelegationToken on resource: delegation request ${id}: only its owner may send its token.`,
    );
}

/**
 * Moves a request by `op`: the caller must see it and have the authority, and the lifecycle table
 * must allow the move from its current state; `change` adds what the operation records. A request
 * moved by another call meanwhile is a ConcurrentModification.
 */
export async function moveDelegationRequest(
  repos: Repos,
  caller: Principal,
  op: DelegationOperation,
  id: string,
  now: Date,
  change: (row: DelegationRequestRow) => DelegationRequestChange = () => ({}),
): Promise<DelegationRequestRow> {
  const row = await visibleDelegationRequest(repos, caller, id);
  checkAuthority(op, row, caller);
  const to = nextDelegationState(op, id, delegationState(row, now));
  const update: DelegationRequestChange = {
    ...change(row),
    state: to,
    expires_at: delegationExpiry(to, now).toISOString(),
    updated_at: now.toISOString(),
  };
  if (!(await repos.delegationRequests.transition(id, row.state, update)))
    throw new AwsError(
      'ConcurrentModification',
      'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.',
    );
  return { ...row, ...update } as DelegationRequestRow;
}

/** What AssociateDelegationRequest records: the caller as owner, its account as owner account. */
export const associateChange = (caller: Principal): DelegationRequestChange => ({
  owner_id: caller.arn,
  owner_account_id: caller.accountId,
});

/** What AcceptDelegationRequest records: the caller as approver, and who the credentials act as. */
export const acceptChange = (caller: Principal): DelegationRequestChange => ({
  approver_id: caller.arn,
  approver: JSON.stringify(approverOf(caller)),
});

/** When the delegation period of a finalized request ends (its trade-in token's validity). */
export function delegationPeriodEnd(row: DelegationRequestRow): Date | undefined {
  if (row.finalized_at === null) return undefined;
  return new Date(Date.parse(row.finalized_at) + row.session_duration * 1000);
}
