// The STS layer's public face: issuing sessions and the rules they follow.
export { accountOfAccessKeyId } from './access-key-account.ts';
export { notePrincipalTags, noteRole, noteRootTarget, noteWebIdentityCaller } from './audit-notes.ts';
export { findRoleByExactArn, issueFederatedSession } from './federated-session.ts';
export { ssoRoleCredentials, type SsoUser } from './sso-role-credentials.ts';
export { inheritedTransitiveTags, issueRoleSession, mintCredentials } from './issue-session.ts';
export type { RoleSessionCredentials } from './issue-session.ts';
export { revokeOlderSessions } from './revoke-sessions.ts';
export {
  issueDelegatedCredentials,
  openTradeInToken,
  releasedTradeInToken,
  sealReleasedToken,
  sealTradeInToken,
} from './delegated-access.ts';
export {
  AWS_CLAIMS_NAMESPACE,
  DEFAULT_WEB_IDENTITY_TOKEN_SECONDS,
  issueWebIdentityToken,
} from './web-identity-token.ts';
export type { IssuedWebIdentityToken, WebIdentityTokenRequest } from './web-identity-token.ts';
export {
  LONGEST_WEB_IDENTITY_TOKEN_SECONDS,
  rotateWebIdentityKeys,
  WEB_IDENTITY_SIGNING_ALGORITHMS,
  webIdentityJwks,
} from './web-identity-keys.ts';
export type { WebIdentitySigningAlgorithm } from './web-identity-keys.ts';
export {
  checkRootTaskEnabled,
  issueRootSession,
  notAuthorizedForRoot,
  ROOT_TASK_SESSION_SECONDS,
  rootSessionOrganization,
  targetAccountOf,
  taskPolicyOf,
} from './root-session.ts';
export {
  callerWithMfa,
  checkSessionPolicies,
  checkSessionTags,
  checkTagsAgainstChain,
  packedPolicyPercent,
  refuseSessionCaller,
  roleSessionDuration,
  sourceIdentityFor,
  userSessionDuration,
  verifyCallerMfa,
} from './session-rules.ts';
