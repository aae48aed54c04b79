// Every STS action, for the registry.
import type { Action } from '../action.ts';
import { AssumeRole } from './assume-role.ts';
import { AssumeRoleWithSAML } from './assume-role-with-saml.ts';
import { AssumeRoleWithWebIdentity } from './assume-role-with-web-identity.ts';
import { AssumeRoot } from './assume-root.ts';
import { DecodeAuthorizationMessage } from './decode-authorization-message.ts';
import { GetAccessKeyInfo } from './get-access-key-info.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';
import { GetDelegatedAccessToken } from './get-delegated-access-token.ts';
import { GetFederationToken } from './get-federation-token.ts';
import { GetSessionToken } from './get-session-token.ts';
import { GetWebIdentityToken } from './get-web-identity-token.ts';

export const stsActions: Action[] = [
  AssumeRole,
  AssumeRoleWithSAML,
  AssumeRoleWithWebIdentity,
  AssumeRoot,
  DecodeAuthorizationMessage,
  GetAccessKeyInfo,
  GetCallerIdentity,
  GetDelegatedAccessToken,
  GetFederationToken,
  GetSessionToken,
  GetWebIdentityToken,
];
