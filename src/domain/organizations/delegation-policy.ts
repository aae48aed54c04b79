// The organization's resource-based delegation policy as AWS's user guide describes it
// (orgs_delegate_policies.html, security_iam_resource-based-policy-examples.html): the management account
// lets member accounts run Organizations' read-only actions (Describe*, List*) and manage policies
// (Create/Update/Delete/Attach/DetachPolicy, Tag/UntagResource). What it may name is checked here, and
// the policy engine decides, with the document as the resource policy, whether it grants a caller an action.
// Tessera honours the read-only grants (administeredOrganization); policy-management grants are accepted
// in the document, but those writes stay the management account's.
import {
  checkPolicyDocument,
  compilePolicy,
  EvaluationWorkExceeded,
  explainAuthorization,
  MALFORMED,
  type RequestPrincipal,
} from '../../policy/index.ts';
import type { OrganizationRow } from '../../store/index.ts';
import type { Principal } from '../principal.ts';
import { invalidOrgInput } from './org-errors.ts';

/** The write actions a delegation policy may grant: policy management. */
const POLICY_MANAGEMENT_ACTIONS: ReadonlySet<string> = new Set(
  [
    'CreatePolicy',
    'UpdatePolicy',
    'DeletePolicy',
    'AttachPolicy',
    'DetachPolicy',
    'TagResource',
    'UntagResource',
  ].map((a) => a.toLowerCase()),
);

/** Whether `operation` (e.g. `ListAccounts`) is read-only: AWS lets a delegation policy grant any of those. */
export const isReadOnlyOrgAction = (operation: string): boolean => /^(describe|list)/i.test(operation);

/** Whether a delegation policy may name `operation`: read-only actions and policy management. */
export const isDelegableOrgAction = (operation: string): boolean =>
  isReadOnlyOrgAction(operation) || POLICY_MANAGEMENT_ACTIONS.has(operation.toLowerCase());

const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/**
 * An Action the delegation policy may name: `*`, a pattern over `organizations:` actions (it only ever
 * grants the delegable ones), or one delegable Organizations action.
 */
function supportedAction(action: string): boolean {
  if (action === '*') return true;
  const colon = action.indexOf(':');
  if (action.slice(0, colon).toLowerCase() !== 'organizations') return false;
  const operation = action.slice(colon + 1);
  return hasWildcard(operation) || isDelegableOrgAction(operation);
}

/** A Resource the delegation policy may name: `*` or an Organizations ARN. */
const supportedResource = (resource: string): boolean =>
  resource === '*' || /^arn:[^:]+:organizations:/.test(resource);

const unsupportedAction = (action: string) =>
  invalidOrgInput(
    'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY',
    `You provided an unsupported action in the resource policy: ${action}. A delegation policy grants only ` +
      "Organizations' read-only actions and policy management actions.",
  );

/**
 * Checks PutResourcePolicy's Content (its 1 to 40,000 characters are the model's constraint, checked with
 * the request's other constraints before the action runs): a resource-based policy the engine accepts
 * (every statement with a Principal), naming only delegable actions and Organizations resources. Each
 * refusal is InvalidInputException with the Reason AWS's model gives for it.
 */
export function checkDelegationPolicy(content: string): void {
  const checked = checkPolicyDocument(content, 'resource');
  if (!checked.ok) {
    const principal =
      checked.message === MALFORMED.missingPrincipal || checked.message.startsWith('Invalid principal');
    throw principal
      ? invalidOrgInput('INVALID_PRINCIPAL', 'You specified an invalid principal element in the policy.')
      : invalidOrgInput(
          'INVALID_RESOURCE_POLICY_JSON',
          `The resource policy is not a valid policy document: ${checked.message}`,
        );
  }
  for (const statement of checked.policy.statements) {
    for (const a of statement.action?.values ?? [])
      if (!supportedAction(a.value)) throw unsupportedAction(a.value);
    for (const list of [statement.resource, statement.notResource])
      for (const r of list?.values ?? [])
        if (!supportedResource(r.value))
          throw invalidOrgInput(
            'UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY',
            `You provided an unsupported resource in the resource policy: ${r.value}. A delegation policy ` +
              'names "*" or Organizations resources.',
          );
  }
}

/** The engine's view of a caller (its kind, ARN, account, and role or parent user). */
function requestPrincipal(p: Principal): RequestPrincipal {
  switch (p.type) {
    case 'root':
      return { type: 'Account', arn: p.arn, account: p.accountId, userId: p.accountId };
    case 'user':
      return { type: 'User', arn: p.arn, account: p.accountId, userId: p.id, username: p.userName };
    case 'assumed-role':
      return { type: 'AssumedRole', arn: p.arn, roleArn: p.roleArn, account: p.accountId, userId: p.id };
    case 'federated-user':
      return {
        type: 'FederatedUser',
        arn: p.arn,
        parentUserArn: p.parentArn,
        account: p.accountId,
        userId: p.id,
      };
  }
}

/**
 * Whether the organization's delegation policy grants `caller` the Organizations `operation`, as the engine
 * reads it: the document is the resource policy of the management account's organization, the request
 * is `organizations:<operation>` on `*` (Organizations' read actions have no resource-level permissions).
 * The caller's own identity policies were already asked before the action ran, so only the resource
 * policy's verdict is wanted here: an Allow that names the caller (or its account), and no Deny. An
 * action a delegation policy cannot grant is never granted, whatever pattern names it.
 */
export function delegationPolicyAllows(
  org: OrganizationRow,
  content: string,
  caller: Principal,
  operation: string,
): boolean {
  if (!isDelegableOrgAction(operation)) return false;
  const compiled = compilePolicy(content, { id: `${org.org_id}/delegation-policy`, sourceType: 'resource' });
  if (!compiled.ok) return false;
  try {
    const explained = explainAuthorization(
      { resource: compiled.policy },
      {
        action: `organizations:${operation}`,
        resource: '*',
        resourceAccount: org.management_account_id,
        // the caller's account is a member of `org` (aws:PrincipalOrgID)
        principal: { ...requestPrincipal(caller), orgId: org.org_id },
      },
    );
    return explained.verdicts.resource === 'allow';
  } catch (error) {
    // a document too costly to evaluate grants nothing
    if (error instanceof EvaluationWorkExceeded) return false;
    throw error;
  }
}
