// AssumeRole: a session of a role for a caller its trust policy allows (and, for the caller's own
// account or across accounts, its identity policies), with the duration, session policies, session
// tags, source identity, ExternalId and MFA rules of AWS. The handler asks the engine itself,
// because the role's trust policy takes part in the decision.
import { defineAction, type ActionContext } from '../action.ts';
import { parseIamArn } from '../../domain/index.ts';
import {
  noteRole,
  inheritedTransitiveTags,
  issueRoleSession,
  callerWithMfa,
  checkSessionPolicies,
  checkSessionTags,
  checkTagsAgainstChain,
  packedPolicyPercent,
  roleSessionDuration,
  sourceIdentityFor,
  verifyCallerMfa,
} from '../../sts/index.ts';
import { AwsError } from '../../errors.ts';
import type { ContextInput } from '../../policy/index.ts';
import type { RoleRow } from '../../store/index.ts';

/** AWS does not say whether a role exists: a missing role is refused like a forbidden one. */
function notAuthorized(ctx: ActionContext, roleArn: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
}

async function findRole(ctx: ActionContext, roleArn: string): Promise<RoleRow | undefined> {
  const parsed = parseIamArn(roleArn);
  if (!parsed || parsed.type !== 'role' || parsed.accountId === 'aws') return undefined;
  // cached with the account's principals and policies: a known role costs no database read
  const row = await ctx.services.authorizer.roleNamed(parsed.accountId, parsed.name);
  return row && (parsed.path === '/' || row.path === parsed.path) ? row : undefined;
}

export const AssumeRole = defineAction({
  service: 'sts',
  name: 'AssumeRole',
  resource: (input) => input.RoleArn,
  authorization: 'handler',
  async handle(input, ctx) {
    const { caller, services } = ctx;
    // AWS refuses every root caller, with its long-term keys or a root session
    if (caller.type === 'root')
      throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.');
    const role = await findRole(ctx, input.RoleArn);
    if (!role) throw notAuthorized(ctx, input.RoleArn);
    // the event names the role, and the role's account sees it too when it is another account
    noteRole(ctx, role);
    const incoming = inheritedTransitiveTags(caller);
    if (incoming.length > 0)
      ctx.audit?.requestParameter('incomingTransitiveTags', Object.fromEntries(incoming));

    const chained = caller.session !== undefined;
    const durationSeconds = roleSessionDuration(input.DurationSeconds, role.max_session_duration, chained);
    const sourceIdentity = sourceIdentityFor(caller, input.SourceIdentity);
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    const transitiveTagKeys = input.TransitiveTagKeys ?? [];
    checkSessionTags(tags, transitiveTagKeys);
    checkTagsAgainstChain(caller, tags);
    const policies = await checkSessionPolicies(services, input.Policy, input.PolicyArns);
    const hasPacked = input.Policy !== undefined || (input.PolicyArns?.length ?? 0) > 0 || tags.length > 0;
    const packed = packedPolicyPercent(
      policies,
      tags.map((t) => [t.Key, t.Value]),
    );

    const mfaAt = await verifyCallerMfa(services, caller, input.SerialNumber, input.TokenCode, ctx.now);
    const principal = callerWithMfa(caller, mfaAt);
    const keys: Record<string, ContextInput> = { 'sts:RoleSessionName': input.RoleSessionName };
    if (input.ExternalId !== undefined) keys['sts:ExternalId'] = input.ExternalId;
    if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
    if (transitiveTagKeys.length) keys['sts:TransitiveTagKeys'] = transitiveTagKeys;
    const requestTags = tags.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
    const decide = (action: string) =>
      services.authorizer.authorize({
        principal,
        action,
        resource: role.arn,
        resourceAccountId: role.account_id,
        resourcePolicy: { document: role.assume_role_policy, id: role.arn, required: true },
        keys,
        ...(requestTags ? { requestTags } : {}),
        request: ctx.request,
      });
    await decide('sts:AssumeRole');
    // session tags, given or carried down a chain, need sts:TagSession; a source identity, set now
    // or carried, needs sts:SetSourceIdentity (AWS asks both of the trust policy and the caller)
    if (tags.length || transitiveTagKeys.length || inheritedTransitiveTags(caller).length)
      await decide('sts:TagSession');
    if (sourceIdentity !== undefined) await decide('sts:SetSourceIdentity');

    const issued = await issueRoleSession(services, {
      role,
      sessionName: input.RoleSessionName,
      durationSeconds,
      now: ctx.now,
      caller,
      region: ctx.request.region,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
      ...(tags.length ? { tags } : {}),
      ...(transitiveTagKeys.length ? { transitiveTagKeys } : {}),
      ...(policies.sessionPolicy !== undefined ? { sessionPolicy: policies.sessionPolicy } : {}),
      ...(policies.policyArns ? { policyArns: policies.policyArns } : {}),
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {}),
    });
    const { AssumedRoleUser, ...credentials } = issued;
    return {
      Credentials: credentials,
      AssumedRoleUser,
      ...(hasPacked ? { PackedPolicySize: packed } : {}),
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
