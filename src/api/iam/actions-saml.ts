// The SAML provider actions in the registry.
import type { Action } from '../action.ts';
import { CreateSAMLProvider } from './create-saml-provider.ts';
import { DeleteSAMLProvider } from './delete-saml-provider.ts';
import { GetSAMLProvider } from './get-saml-provider.ts';
import { ListSAMLProviders } from './list-saml-providers.ts';
import { UpdateSAMLProvider } from './update-saml-provider.ts';

export const samlProviderActions: Action[] = [
  CreateSAMLProvider,
  GetSAMLProvider,
  ListSAMLProviders,
  UpdateSAMLProvider,
  DeleteSAMLProvider,
];
