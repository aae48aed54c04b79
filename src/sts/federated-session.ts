// What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the token or assertion is
// verified: the role named by its exact ARN, session tags and policies checked, the role's trust
// policy deciding for the federated caller (with sts:TagSession and sts:SetSourceIdentity where
// tags or a source identity come along), and the session issued.
import type { ActionContext } from '../services.ts';
import type { FederatedAuthorizationRequest } from '../authz/index.ts';
import { parseIamArn } from '../domain/index.ts';
import type { ContextInput } from '../policy/index.ts';
import type { PolicyDescriptorType } from '../protocol/index.ts';
import type { RoleRow } from '../store/index.ts';
import { issueRoleSession, type RoleSessionCredentials } from './issue-session.ts';
import { checkSessionPolicies, checkSessionTags, packedPolicyPercent } from './session-rules.ts';

/** The role a federated request names, by its exact ARN (path included); undefined otherwise. */
export async function findRoleByExactArn(ctx: ActionContext, roleArn: string): Promise<RoleRow | undefined> {
  const parsed = parseIamArn(roleArn);
  if (!parsed || parsed.type !== 'role' || parsed.accountId === 'aws') return undefined;
  // cached with the account's principals and policies, as AssumeRole's
  const row = await ctx.services.authorizer.roleNamed(parsed.accountId, parsed.name);
  return row && row.arn === roleArn ? row : undefined;
}

export interface FederatedSessionRequest {
  role: RoleRow;
  caller: { type: 'WebIdentityUser' | 'SAMLUser'; federatedProvider: string };
  /** sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML. */
  action: string;
  /** The AccessDenied text for any refusal: AWS says nothing of why. */
  notAuthorized: string;
  sessionName: string;
  durationSeconds: number;
  /** The provider's condition keys (<host>:sub, saml:aud …). */
  conditionKeys: Record<string, ContextInput>;
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
  sourceIdentity: string | undefined;
  policy: string | undefined;
  policyArns: PolicyDescriptorType[] | undefined;
}

export interface FederatedSession extends RoleSessionCredentials {
  /** The packed size percentage, when session policies or tags were passed. */
  packedPolicySize: number | undefined;
}

export async function issueFederatedSession(
  ctx: ActionContext,
  req: FederatedSessionRequest,
): Promise<FederatedSession> {
  const { role, tags, transitiveTagKeys, sourceIdentity } = req;
  checkSessionTags(tags, transitiveTagKeys);
  const policies = await checkSessionPolicies(ctx.services, req.policy, req.policyArns);
  const hasPacked = req.policy !== undefined || (req.policyArns?.length ?? 0) > 0 || tags.length > 0;
  const packed = packedPolicyPercent(
    policies,
    tags.map((t) => [t.Key, t.Value]),
  );

  const keys: Record<string, ContextInput> = { ...req.conditionKeys, 'sts:RoleSessionName': req.sessionName };
  if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
  if (transitiveTagKeys.length) keys['sts:TransitiveTagKeys'] = transitiveTagKeys;
  const requestTags = tags.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
  const request = (action: string): FederatedAuthorizationRequest => ({
    principal: req.caller,
    action,
    resource: role.arn,
    resourceAccountId: role.account_id,
    trustPolicy: { document: role.assume_role_policy, id: role.arn },
    keys,
    ...(requestTags ? { requestTags } : {}),
    request: ctx.request,
  });
  const { authorizer } = ctx.services;
  await authorizer.authorizeFederated(request(req.action), req.notAuthorized);
  // session tags need sts:TagSession, a source identity sts:SetSourceIdentity
  if (tags.length) await authorizer.authorizeFederated(request('sts:TagSession'), req.notAuthorized);
  if (sourceIdentity !== undefined)
    await authorizer.authorizeFederated(request('sts:SetSourceIdentity'), req.notAuthorized);

  const issued = await issueRoleSession(ctx.services, {
    role,
    sessionName: req.sessionName,
    durationSeconds: req.durationSeconds,
    now: ctx.now,
    region: ctx.request.region,
    federatedProvider: req.caller.federatedProvider,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    ...(tags.length ? { tags } : {}),
    ...(transitiveTagKeys.length ? { transitiveTagKeys } : {}),
    ...(policies.sessionPolicy !== undefined ? { sessionPolicy: policies.sessionPolicy } : {}),
    ...(policies.policyArns ? { policyArns: policies.policyArns } : {}),
  });
  return { ...issued, packedPolicySize: hasPacked ? packed : undefined };
}
