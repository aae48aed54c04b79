// The userIdentity element of an event, for every kind of caller Tessera knows: the account root, an
// IAM user, a role session, a federated user, and the callers of the unsigned federation calls
// (WebIdentityUser, SAMLUser), as CloudTrail's userIdentity reference describes each.
import type { Principal, SessionClaims } from '../domain/index.ts';
import type { SessionContext, UserIdentity } from './cloudtrail-event.ts';
import { eventTimeString } from './event-dates.ts';

function sessionAttributes(session: SessionClaims): SessionContext['attributes'] {
  return {
    creationDate: eventTimeString(new Date(session.issuedAt * 1000)),
    mfaAuthenticated: session.mfaAuthenticatedAt !== undefined ? 'true' : 'false',
  };
}

function sessionContextOf(principal: Principal, session: SessionClaims): SessionContext {
  // keys in CloudTrail's order: sessionIssuer, webIdFederationData, attributes, sourceIdentity
  const context: Partial<SessionContext> = {};
  if (session.kind === 'assumed-role') {
    context.sessionIssuer = {
      type: 'Role',
      principalId: session.role.roleId,
      arn: session.role.arn,
      accountId: session.accountId,
      userName: session.role.roleName,
    };
    context.webIdFederationData = session.federatedProvider
      ? { federatedProvider: session.federatedProvider, attributes: {} }
      : {};
  } else if (session.kind === 'federated-user') {
    const user = session.sourceUser;
    context.sessionIssuer = user
      ? {
          type: 'IAMUser',
          principalId: user.userId,
          arn: user.arn,
          accountId: session.accountId,
          userName: user.userName,
        }
      : {
          type: 'Root',
          principalId: principal.accountId,
          arn: principal.arn,
          accountId: principal.accountId,
        };
  }
  context.attributes = sessionAttributes(session);
  if (session.sourceIdentity !== undefined) context.sourceIdentity = session.sourceIdentity;
  return context as SessionContext;
}

/** The identity of an authenticated caller, with the access key the request was signed with. */
export function userIdentityOf(principal: Principal, accessKeyId?: string): UserIdentity {
  const key = accessKeyId !== undefined ? { accessKeyId } : {};
  const session = principal.session;
  const context = session ? { sessionContext: sessionContextOf(principal, session) } : {};
  switch (principal.type) {
    case 'root':
      return {
        type: 'Root',
        principalId: principal.accountId,
        arn: principal.arn,
        accountId: principal.accountId,
        ...key,
        ...context,
      };
    case 'user':
      return {
        type: 'IAMUser',
        principalId: principal.id,
        arn: principal.arn,
        accountId: principal.accountId,
        ...key,
        userName: principal.userName,
        ...context,
      };
    case 'assumed-role':
      return {
        type: 'AssumedRole',
        principalId: principal.id,
        arn: principal.arn,
        accountId: principal.accountId,
        ...key,
        ...context,
      };
    case 'federated-user':
      return {
        type: 'FederatedUser',
        principalId: principal.id,
        arn: principal.arn,
        accountId: principal.accountId,
        ...key,
        ...context,
      };
  }
}

/**
 * The caller of AssumeRoleWithWebIdentity: the token's subject at its provider. CloudTrail names the
 * provider by its issuer host (`accounts.google.com`), and the principal as `<provider>:<subject>`.
 */
export function webIdentityUser(issuerHost: string, subject: string): UserIdentity {
  return {
    type: 'WebIdentityUser',
    principalId: `${issuerHost}:${subject}`,
    userName: subject,
    identityProvider: issuerHost,
  };
}

/**
 * The caller of AssumeRoleWithSAML: CloudTrail names it by the assertion's NameQualifier hash (the
 * identityProvider) and its subject, `<NameQualifier>:<subject>`.
 */
export function samlUser(nameQualifier: string, subject: string): UserIdentity {
  return {
    type: 'SAMLUser',
    principalId: `${nameQualifier}:${subject}`,
    userName: subject,
    identityProvider: nameQualifier,
  };
}

/** A call an AWS service made with its own identity (an instance's credentials, say). */
export function awsServiceIdentity(service: string): UserIdentity {
  return { type: 'AWSService', invokedBy: service };
}

/** The name LookupEvents matches `Username` against, as CloudTrail derives it for each identity. */
export function lookupUsername(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'IAMUser':
    case 'WebIdentityUser':
    case 'SAMLUser':
      return identity.userName;
    case 'Root':
      return 'root';
    case 'AssumedRole':
    case 'FederatedUser':
      // the session name: the part of the principal id after the colon
      return identity.principalId?.slice(identity.principalId.indexOf(':') + 1);
    default:
      return identity.invokedBy;
  }
}
