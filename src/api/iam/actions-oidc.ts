// The OpenID Connect provider actions in the registry.
import type { Action } from '../action.ts';
import { AddClientIDToOpenIDConnectProvider } from './add-client-id-to-open-id-connect-provider.ts';
import { CreateOpenIDConnectProvider } from './create-open-id-connect-provider.ts';
import { DeleteOpenIDConnectProvider } from './delete-open-id-connect-provider.ts';
import { GetOpenIDConnectProvider } from './get-open-id-connect-provider.ts';
import { ListOpenIDConnectProviders } from './list-open-id-connect-providers.ts';
import { RemoveClientIDFromOpenIDConnectProvider } from './remove-client-id-from-open-id-connect-provider.ts';
import { UpdateOpenIDConnectProviderThumbprint } from './update-open-id-connect-provider-thumbprint.ts';

export const oidcProviderActions: Action[] = [
  CreateOpenIDConnectProvider,
  GetOpenIDConnectProvider,
  ListOpenIDConnectProviders,
  DeleteOpenIDConnectProvider,
  AddClientIDToOpenIDConnectProvider,
  RemoveClientIDFromOpenIDConnectProvider,
  UpdateOpenIDConnectProviderThumbprint,
];
