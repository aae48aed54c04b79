// Encoded authorization messages: what an AccessDenied can carry so that a caller allowed
// sts:DecodeAuthorizationMessage learns why (decision, matched statements, request context).
// The message is the decision as AWS's JSON, sealed under the master key so that only this
// deployment can read it and no one can forge one.
import type { Sealer } from '../crypto/index.ts';
import type { AuthorizationRequest } from './authorize.ts';
import type { ContextInput } from '../policy/index.ts';
import { AwsError } from '../errors.ts';

const PURPOSE = 'authorization-message';

/** The decision being explained, as the engine or a caller summarises it. */
export interface AuthorizationMessageDecision {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  reason?: { policyType: string; explicit: boolean };
  /** The statements that applied: the policy's id (an ARN, or a name) and the statement's Sid. */
  matchedStatements?: readonly { policyId: string; sid?: string; effect?: 'Allow' | 'Deny' }[];
}

function values(v: ContextInput | Date): { items: { value: string }[] } {
  const list = Array.isArray(v) ? (v as readonly unknown[]) : [v];
  return { items: list.map((x) => ({ value: x instanceof Date ? x.toISOString() : String(x) })) };
}

/** The decoded form, in AWS's shape (allowed, explicitDeny, matchedStatements, failures, context). */
export function authorizationMessageJson(req: AuthorizationRequest, d: AuthorizationMessageDecision): string {
  const p = req.principal;
  const name =
    p.type === 'user'
      ? p.userName
      : p.type === 'assumed-role'
        ? p.sessionName
        : p.type === 'federated-user'
          ? p.federatedName
          : p.accountId;
  const conditions: { key: string; values: { items: { value: string }[] } }[] = [
    { key: 'aws:CurrentTime', values: values(req.request.now) },
    { key: 'aws:SourceIp', values: values(req.request.sourceIp) },
    { key: 'aws:SecureTransport', values: values(req.request.secureTransport) },
    { key: 'aws:RequestedRegion', values: values(req.request.region) },
    { key: 'aws:PrincipalArn', values: values(p.type === 'assumed-role' ? p.roleArn : p.arn) },
    { key: 'aws:PrincipalAccount', values: values(p.accountId) },
  ];
  for (const [key, v] of Object.entries(req.keys ?? {})) conditions.push({ key, values: values(v) });
  for (const [k, v] of Object.entries(req.requestTags ?? {}))
    conditions.push({ key: `aws:RequestTag/${k}`, values: values(v) });
  for (const [k, v] of Object.entries(req.resourceTags ?? {}))
    conditions.push({ key: `aws:ResourceTag/${k}`, values: values(v) });
  return JSON.stringify({
    allowed: d.decision === 'Allow',
    explicitDeny: d.decision === 'ExplicitDeny',
    matchedStatements: {
      items: (d.matchedStatements ?? []).map((s) => ({
        statementId: s.sid ?? '',
        effect: s.effect ?? (d.decision === 'Allow' ? 'ALLOW' : 'DENY'),
        principals: { items: [{ value: p.id }] },
        principalGroups: { items: [] },
        actions: { items: [{ value: req.action }] },
        resources: { items: [{ value: req.resource }] },
        conditions: { items: [] },
        policyId: s.policyId,
      })),
    },
    failures: { items: [] },
    context: {
      principal: { id: p.id, name, arn: p.arn },
      action: req.action,
      resource: req.resource,
      conditions: { items: conditions },
    },
    ...(d.reason ? { deniedBy: d.reason } : {}),
  });
}

/** Seals an explanation of a decision into an encoded authorization message. */
export function encodeAuthorizationMessage(
  services: { sealer: Sealer },
  req: AuthorizationRequest,
  decision: AuthorizationMessageDecision,
): string {
  return services.sealer.seal(authorizationMessageJson(req, decision), PURPOSE);
}

/** Opens an encoded message; InvalidAuthorizationMessageException for anything this server did not seal. */
export function decodeAuthorizationMessage(services: { sealer: Sealer }, encoded: string): string {
  try {
    return services.sealer.open(encoded.trim(), PURPOSE);
  } catch {
    throw new AwsError(
      'InvalidAuthorizationMessageException',
      'Invalid authorization message: it contains invalid characters, was changed, or was not issued by this service.',
    );
  }
}
