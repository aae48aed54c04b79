// Every SSO OIDC action Tessera serves, for the registry: client registration, device authorization
// and tokens. All are unsigned: the client secret, device code or refresh token is the credential.
import type { Action } from '../action.ts';
import { CreateToken } from './create-token.ts';
import { RegisterClient } from './register-client.ts';
import { StartDeviceAuthorization } from './start-device-authorization.ts';

export const ssoOidcActions: readonly Action[] = [RegisterClient, StartDeviceAuthorization, CreateToken];
