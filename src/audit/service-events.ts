// Events of what Tessera does outside the AWS APIs, under event sources of its own (documented in the
// README): credentials it hands to a workload (the IMDS and container endpoints, as EC2 and ECS get
// them by AssumeRole as an AWS service), decisions it makes for other services through
// /_tessera/authorize, and Identity Center users signing in on its pages (signin.amazonaws.com).
import type { Principal } from '../domain/index.ts';
import type { EventType, UserIdentity } from './cloudtrail-event.ts';
import type { AuditTrail } from './audit-trail.ts';
import { EVENT_SOURCES } from './cloudtrail-event.ts';
import { RequestAudit } from './request-audit.ts';
import { awsServiceIdentity, userIdentityOf } from './user-identity.ts';
import { eventElementDate } from './event-dates.ts';

/** A role session handed to a workload: recorded in the role's account, as EC2's AssumeRole is. */
export function recordWorkloadCredentials(
  trail: AuditTrail,
  e: {
    at: Date;
    region: string;
    requestId: string;
    /** The service the workload stands for (`ec2.amazonaws.com`). */
    service: string;
    instanceId: string;
    role: { arn: string; accountId: string };
    accessKeyId: string;
    expiration: Date;
  },
): void {
  const audit = new RequestAudit(trail, {
    eventSource: EVENT_SOURCES.workloadCredentials,
    eventName: 'GetInstanceCredentials',
    at: e.at,
    region: e.region,
    sourceIp: e.service,
    userAgent: e.service,
    requestId: e.requestId,
  });
  audit.identify(awsServiceIdentity(e.service));
  audit.alsoRecordIn(e.role.accountId);
  audit.resource({ ARN: e.role.arn, accountId: e.role.accountId, type: 'AWS::IAM::Role' });
  audit.parameters({ roleArn: e.role.arn, roleSessionName: e.instanceId }, [
    { type: 'AWS::IAM::Role', name: e.role.arn },
  ]);
  audit.succeeded({
    credentials: { accessKeyId: e.accessKeyId, expiration: eventElementDate(e.expiration) },
  });
}

/**
 * A decision made for another service: the principal whose request was decided is the event's
 * identity, the asking service's principal its `invokedBy`; recorded in the principal's account and
 * in the asking service's. A denial carries AccessDenied and the message the service was given.
 */
export function recordAuthorizeDecision(
  trail: AuditTrail,
  e: {
    at: Date;
    region: string;
    sourceIp: string;
    userAgent?: string;
    requestId: string;
    principal: Principal;
    accessKeyId?: string;
    asker: Principal;
    action: string;
    resource: string;
    decision: string;
    message?: string;
  },
): void {
  const audit = new RequestAudit(trail, {
    eventSource: EVENT_SOURCES.authorize,
    eventName: 'Authorize',
    at: e.at,
    region: e.region,
    sourceIp: e.sourceIp,
    ...(e.userAgent !== undefined ? { userAgent: e.userAgent } : {}),
    requestId: e.requestId,
  });
  audit.caller(e.principal, e.accessKeyId);
  audit.identify({ ...userIdentityOf(e.principal, e.accessKeyId), invokedBy: e.asker.arn });
  audit.alsoRecordIn(e.asker.accountId);
  audit.parameters({ action: e.action, resource: e.resource }, []);
  if (e.decision === 'Allow') audit.succeeded({ decision: e.decision });
  else audit.failed('AccessDenied', e.message ?? 'Access denied');
}

/** An Identity Center user as CloudTrail names one: Unknown, with the identity store it belongs to. */
export function identityCenterUser(e: {
  accountId: string;
  identityStoreId: string;
  userId: string;
  userName: string;
}): UserIdentity {
  return {
    type: 'Unknown',
    principalId: e.userId,
    accountId: e.accountId,
    userName: e.userName,
    onBehalfOf: {
      userId: e.userId,
      identityStoreArn: `arn:aws:identitystore::${e.accountId}:identitystore/${e.identityStoreId}`,
    },
  };
}

/**
 * A sign-in step of an Identity Center user on Tessera's pages (the password, then the TOTP code),
 * recorded in the identity store's account as AWS records UserAuthentication / CredentialChallenge.
 */
export function recordIdentityCenterSignIn(
  trail: AuditTrail,
  e: {
    at: Date;
    region: string;
    sourceIp: string;
    userAgent?: string;
    requestId: string;
    accountId: string;
    identityStoreId: string;
    /** The user, when the name given is one. */
    user?: { userId: string; userName: string };
    userName: string;
    credentialType: 'PASSWORD' | 'TOTP';
    success: boolean;
  },
): void {
  const audit = signInAudit(
    trail,
    e.credentialType === 'PASSWORD' ? 'UserAuthentication' : 'CredentialVerification',
    e,
  );
  audit.identify(
    e.user
      ? identityCenterUser({ accountId: e.accountId, identityStoreId: e.identityStoreId, ...e.user })
      : { type: 'Unknown', accountId: e.accountId, userName: e.userName },
  );
  audit.alsoRecordIn(e.accountId);
  audit.additionalEventData({
    CredentialType: e.credentialType,
    MFAUsed: e.credentialType === 'TOTP' ? 'Yes' : 'No',
  });
  if (e.success) audit.succeeded(null);
  else audit.failed('Failed authentication', 'The user name, password or code was not right.');
}

/**
 * Role credentials an Identity Center user took from the portal page (the API's GetRoleCredentials is
 * recorded by the action pipeline): the user's identity, recorded in the identity store's account and
 * in the role's, as AWS records GetRoleCredentials.
 */
export function recordPortalRoleCredentials(
  trail: AuditTrail,
  e: {
    at: Date;
    region: string;
    sourceIp: string;
    userAgent?: string;
    requestId: string;
    ownerAccountId: string;
    identityStoreId: string;
    user: { userId: string; userName: string };
    accountId: string;
    roleName: string;
    assumedRoleArn: string;
  },
): void {
  const audit = new RequestAudit(trail, {
    eventSource: EVENT_SOURCES.sso,
    eventName: 'GetRoleCredentials',
    at: e.at,
    region: e.region,
    sourceIp: e.sourceIp,
    ...(e.userAgent !== undefined ? { userAgent: e.userAgent } : {}),
    requestId: e.requestId,
  });
  audit.identify(
    identityCenterUser({ accountId: e.ownerAccountId, identityStoreId: e.identityStoreId, ...e.user }),
  );
  audit.alsoRecordIn(e.ownerAccountId);
  audit.alsoRecordIn(e.accountId);
  audit.resource({ ARN: e.assumedRoleArn, accountId: e.accountId, type: 'AWS::STS::AssumedRole' });
  audit.parameters({ accountId: e.accountId, roleName: e.roleName }, []);
  audit.succeeded(null);
}

/**
 * A sign-in to the web console, as CloudTrail records ConsoleLogin (signin.amazonaws.com): the user or
 * root named (a user name that is not one is recorded as given, under an Unknown identity), whether MFA
 * was used, and Success, or Failure with AWS's "Failed authentication" as its message and no error code.
 */
export function recordConsoleLogin(
  trail: AuditTrail,
  e: {
    at: Date;
    region: string;
    sourceIp: string;
    userAgent?: string;
    requestId: string;
    accountId: string;
    /** The principal signing in, when the name given is one. */
    principal?: Principal;
    userName: string;
    mfaUsed: boolean;
    success: boolean;
  },
): void {
  const audit = signInAudit(trail, 'ConsoleLogin', e, 'AwsConsoleSignIn');
  if (e.principal) audit.caller(e.principal, undefined);
  else audit.identify({ type: 'IAMUser', accountId: e.accountId, userName: e.userName });
  audit.alsoRecordIn(e.accountId);
  audit.additionalEventData({
    LoginTo: '/console/',
    MobileVersion: 'No',
    MFAUsed: e.mfaUsed ? 'Yes' : 'No',
  });
  // AWS records a failed sign-in by its message alone, with no error code
  if (e.success) audit.succeeded({ ConsoleLogin: 'Success' });
  else audit.failedWithMessage('Failed authentication', { ConsoleLogin: 'Failure' });
}

/** The request facts every sign-in event (signin.amazonaws.com) starts from. */
function signInAudit(
  trail: AuditTrail,
  eventName: string,
  e: { at: Date; region: string; sourceIp: string; userAgent?: string; requestId: string },
  eventType?: EventType,
): RequestAudit {
  return new RequestAudit(trail, {
    eventSource: EVENT_SOURCES.signin,
    eventName,
    at: e.at,
    region: e.region,
    sourceIp: e.sourceIp,
    ...(e.userAgent !== undefined ? { userAgent: e.userAgent } : {}),
    requestId: e.requestId,
    ...(eventType !== undefined ? { eventType } : {}),
  });
}
