// An organization's SCPs and RCPs: created, described, updated and deleted by the management account,
// attached to and detached from its root, OUs and accounts, within AWS's quotas
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html): 5,120 characters
// a policy, every character counted as the API stores it; 10,000 SCPs and 1,000 RCPs an organization;
// at most 5 policies of a type attached directly to one target, and at least one SCP on each.
// Documents are checked by the policy engine's grammar for SCPs and RCPs.
import type {
  OrganizationRow,
  OrgAttachedPolicy,
  OrgPolicyRow,
  ReadRepos,
  Repos,
  TagPair,
} from '../../store/index.ts';
import { checkPolicyDocument, type PolicyKind, type PrincipalElement } from '../../policy/index.ts';
import { RESOURCE_CONTROL_POLICY, SERVICE_CONTROL_POLICY } from './default-policies.ts';
import { policyNotFound } from './org-errors.ts';
import { newOrgPolicyId } from './org-ids.ts';
import {
  duplicatePolicy,
  duplicatePolicyAttachment,
  immutablePolicy,
  malformedOrgPolicy,
  maxAttachmentsExceeded,
  minAttachmentsExceeded,
  nonDetachablePolicy,
  policyContentLimitExceeded,
  policyInUse,
  policyNotAttached,
  policyNumberLimitExceeded,
  policyTypeNotEnabled,
} from './org-policy-errors.ts';
import { getOrgTarget, orgTargets, type OrgTarget } from './org-targets.ts';
import { checkOrgTags, removeOrgResourceTags, tagOrgResource } from './org-tags.ts';
import { isPolicyTypeEnabled, requireAvailablePolicyType } from './policy-types.ts';

/** What each policy type allows: document grammar, size, count per organization, attachments per target. */
interface PolicyTypeRules {
  kind: PolicyKind;
  maxContentCharacters: number;
  maxPolicies: number;
  maxAttachedPerTarget: number;
  /** Every target keeps at least one policy of the type attached (SCPs). */
  minAttachedPerTarget: number;
}

export const POLICY_TYPE_RULES: Readonly<Record<string, PolicyTypeRules>> = {
  [SERVICE_CONTROL_POLICY]: {
    kind: 'scp',
    maxContentCharacters: 5120,
    maxPolicies: 10_000,
    maxAttachedPerTarget: 5,
    minAttachedPerTarget: 1,
  },
  [RESOURCE_CONTROL_POLICY]: {
    kind: 'rcp',
    maxContentCharacters: 5120,
    maxPolicies: 1000,
    maxAttachedPerTarget: 5,
    minAttachedPerTarget: 0,
  },
};

/** AWS's RCPFullAWSAccess: attached to every target while RCPs are enabled, and never detachable. */
const NON_DETACHABLE_POLICY_IDS: ReadonlySet<string> = new Set(['p-RCPFullAWSAccess']);

function rulesOf(policyType: string): PolicyTypeRules {
  const rules = POLICY_TYPE_RULES[policyType];
  if (!rules) throw new Error(`no rules for policy type ${policyType}`);
  return rules;
}

/** Orders policies and targets the same way on every backend: by id, code unit by code unit. */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks a document for a policy of the type: its size (ConstraintViolationException,
 * POLICY_CONTENT_LIMIT_EXCEEDED), then the engine's grammar (MalformedPolicyDocumentException), then what
 * AWS's RCP syntax adds (orgs_manage_policies_rcps_syntax.html): Version 2012-10-17, and `Allow` for
 * RCPFullAWSAccess alone.
 */
export function checkOrgPolicyContent(policyType: string, content: string): void {
  const rules = rulesOf(policyType);
  // the API stores the document as given: every character counts, white space included
  if ([...content].length > rules.maxContentCharacters) throw policyContentLimitExceeded();
  const checked = checkPolicyDocument(content, rules.kind);
  if (!checked.ok) throw malformedOrgPolicy(checked.message);
  if (rules.kind === 'rcp') {
    if (checked.policy.version?.value !== '2012-10-17')
      throw malformedOrgPolicy('Every resource control policy must include "Version": "2012-10-17".');
    for (const statement of checked.policy.statements) {
      if (statement.effectText.value !== 'Deny')
        throw malformedOrgPolicy(
          'The effect of Allow is only supported for the RCPFullAWSAccess policy: every statement of a ' +
            'resource control policy must have "Effect": "Deny".',
        );
      // RCPs have Principal, Action, Resource or NotResource and Condition; no NotAction, no NotPrincipal
      if (statement.notAction)
        throw malformedOrgPolicy('NotAction is not supported in resource control policies.');
      if (statement.notPrincipal)
        throw malformedOrgPolicy('NotPrincipal is not supported in resource control policies.');
      if (!isEveryone(statement.principal))
        throw malformedOrgPolicy(
          'The Principal of a resource control policy must be "*": narrow it with conditions instead.',
        );
    }
  }
}

/** `"Principal": "*"` or `{"AWS": "*"}`: an RCP governs every caller, narrowed by its conditions. */
function isEveryone(principal: PrincipalElement | undefined): boolean {
  if (!principal) return false;
  if (principal.wildcard) return true;
  return (
    principal.entries.length === 1 &&
    principal.entries[0]!.type === 'AWS' &&
    principal.entries[0]!.values.values.every((v) => v.value === '*')
  );
}

/** The organization's policy with this id (AWS's own included); PolicyNotFoundException otherwise. */
export async function getOrgPolicy(
  repos: ReadRepos,
  org: OrganizationRow,
  policyId: string,
): Promise<OrgPolicyRow> {
  const policy = await repos.orgPolicies.get(org.org_id, policyId);
  if (!policy) throw policyNotFound();
  return policy;
}

/** A policy the caller may change: not one of AWS's own (InvalidInputException, IMMUTABLE_POLICY). */
async function getChangeableOrgPolicy(
  repos: ReadRepos,
  org: OrganizationRow,
  policyId: string,
): Promise<OrgPolicyRow> {
  const policy = await getOrgPolicy(repos, org, policyId);
  if (policy.aws_managed) throw immutablePolicy();
  return policy;
}

/** ListPolicies: the organization's policies of one type, AWS's own first. */
export async function listOrgPolicies(
  repos: ReadRepos,
  org: OrganizationRow,
  policyType: string,
): Promise<OrgPolicyRow[]> {
  const rows = await repos.orgPolicies.list(org.org_id, policyType);
  return rows.sort((a, b) => b.aws_managed - a.aws_managed || byId(a.policy_id, b.policy_id));
}

export interface NewOrgPolicy {
  name: string;
  description: string;
  content: string;
  policyType: string;
  tags?: readonly TagPair[];
}

/** CreatePolicy: a customer policy of an available type (the type need not be enabled yet). */
export async function createOrgPolicy(
  repos: Repos,
  org: OrganizationRow,
  input: NewOrgPolicy,
  now: Date,
): Promise<OrgPolicyRow> {
  requireAvailablePolicyType(org, input.policyType);
  checkOrgPolicyContent(input.policyType, input.content);
  if (input.tags) checkOrgTags(input.tags);
  if (await repos.orgPolicies.byName(org.org_id, input.policyType, input.name)) throw duplicatePolicy();
  const existing = await repos.orgPolicies.list(org.org_id, input.policyType);
  if (existing.filter((p) => !p.aws_managed).length >= rulesOf(input.policyType).maxPolicies)
    throw policyNumberLimitExceeded();
  const row: OrgPolicyRow = {
    org_id: org.org_id,
    policy_id: newOrgPolicyId(),
    policy_type: input.policyType,
    name: input.name,
    description: input.description,
    content: input.content,
    aws_managed: 0,
    created_at: now.toISOString(),
  };
  await repos.orgPolicies.insert(row);
  if (input.tags && input.tags.length > 0) await tagOrgResource(repos, org, row.policy_id, input.tags);
  return row;
}

export interface OrgPolicyChanges {
  name?: string;
  description?: string;
  content?: string;
}

/** UpdatePolicy: a new name, description or document for a customer policy. */
export async function updateOrgPolicy(
  repos: Repos,
  org: OrganizationRow,
  policyId: string,
  changes: OrgPolicyChanges,
): Promise<OrgPolicyRow> {
  const policy = await getChangeableOrgPolicy(repos, org, policyId);
  if (changes.content !== undefined) checkOrgPolicyContent(policy.policy_type, changes.content);
  if (changes.name !== undefined && changes.name !== policy.name) {
    const named = await repos.orgPolicies.byName(org.org_id, policy.policy_type, changes.name);
    if (named && named.policy_id !== policyId) throw duplicatePolicy();
  }
  const patch = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.content !== undefined ? { content: changes.content } : {}),
  };
  if (Object.keys(patch).length > 0) await repos.orgPolicies.update(org.org_id, policyId, patch);
  return { ...policy, ...patch };
}

/** DeletePolicy: a customer policy attached to nothing (PolicyInUseException otherwise), and its tags. */
export async function deleteOrgPolicy(repos: Repos, org: OrganizationRow, policyId: string): Promise<void> {
  await getChangeableOrgPolicy(repos, org, policyId);
  if ((await repos.orgPolicies.targetsOf(org.org_id, policyId)).length > 0) throw policyInUse();
  await removeOrgResourceTags(repos, policyId);
  await repos.orgPolicies.delete(org.org_id, policyId);
}

/** The policies of one type attached directly to a target. */
async function attachedOfType(
  repos: ReadRepos,
  org: OrganizationRow,
  targetId: string,
  policyType: string,
): Promise<OrgAttachedPolicy[]> {
  return repos.orgPolicies.attachedTo(org.org_id, [targetId], policyType);
}

/** AttachPolicy: the policy on a root, OU or account of the organization, within the type's quota. */
export async function attachOrgPolicy(
  repos: Repos,
  org: OrganizationRow,
  policyId: string,
  targetId: string,
  now: Date,
): Promise<void> {
  const policy = await getOrgPolicy(repos, org, policyId);
  await getOrgTarget(repos, org, targetId);
  if (!isPolicyTypeEnabled(org, policy.policy_type)) throw policyTypeNotEnabled();
  const attached = await attachedOfType(repos, org, targetId, policy.policy_type);
  if (attached.some((p) => p.policy_id === policyId)) throw duplicatePolicyAttachment();
  if (attached.length >= rulesOf(policy.policy_type).maxAttachedPerTarget) throw maxAttachmentsExceeded();
  await repos.orgPolicies.attach({
    org_id: org.org_id,
    policy_id: policyId,
    target_id: targetId,
    attached_at: now.toISOString(),
  });
}

/**
 * DetachPolicy: the policy off a target; RCPFullAWSAccess stays (InvalidInputException,
 * NON_DETACHABLE_POLICY) and so does a target's last SCP (ConstraintViolationException,
 * MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED).
 */
export async function detachOrgPolicy(
  repos: Repos,
  org: OrganizationRow,
  policyId: string,
  targetId: string,
): Promise<void> {
  const policy = await getOrgPolicy(repos, org, policyId);
  await getOrgTarget(repos, org, targetId);
  if (NON_DETACHABLE_POLICY_IDS.has(policyId)) throw nonDetachablePolicy();
  const attached = await attachedOfType(repos, org, targetId, policy.policy_type);
  if (!attached.some((p) => p.policy_id === policyId)) throw policyNotAttached();
  if (attached.length <= rulesOf(policy.policy_type).minAttachedPerTarget) throw minAttachmentsExceeded();
  await repos.orgPolicies.detach(org.org_id, policyId, targetId);
}

/** ListPoliciesForTarget: the policies of one type attached directly to a root, OU or account. */
export async function policiesForTarget(
  repos: ReadRepos,
  org: OrganizationRow,
  targetId: string,
  policyType: string,
): Promise<OrgPolicyRow[]> {
  await getOrgTarget(repos, org, targetId);
  const attached = await attachedOfType(repos, org, targetId, policyType);
  return attached.sort((a, b) => b.aws_managed - a.aws_managed || byId(a.policy_id, b.policy_id));
}

/** ListTargetsForPolicy: the roots, OUs and accounts the policy is attached to, by id. */
export async function targetsForPolicy(
  repos: ReadRepos,
  org: OrganizationRow,
  policyId: string,
): Promise<OrgTarget[]> {
  await getOrgPolicy(repos, org, policyId);
  const ids = (await repos.orgPolicies.targetsOf(org.org_id, policyId)).map((t) => t.target_id).sort(byId);
  return orgTargets(repos, org, ids);
}
