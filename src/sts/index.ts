// The STS layer's public face: issuing sessions and the rules they follow.
export { accountOfAccessKeyId } from './access-key-account.ts';
export { notePrincipalTags, noteRole, noteRootTarget, noteWebIdentityCaller } from './audit-notes.ts';
export { findRoleByExactArn, issueFederatedSession } from './federated-session.ts';
export { ssoRoleCredentials, type SsoUser } from './sso-role-credentials.ts';
export { inheritedTransitiveTags, issueRoleSession, mintCredentials } from './issue-session.ts';
export type { RoleSessionCredentials } from './issue-session.ts';
export { revokeOlderSessions } from './revoke-sessions.ts';
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
