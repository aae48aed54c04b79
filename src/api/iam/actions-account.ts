// The account-level actions in the registry: summary, aliases and the authorization snapshot.
import type { Action } from '../action.ts';
import { CreateAccountAlias } from './create-account-alias.ts';
import { DeleteAccountAlias } from './delete-account-alias.ts';
import { GetAccountAuthorizationDetails } from './get-account-authorization-details.ts';
import { GetAccountSummary } from './get-account-summary.ts';
import { ListAccountAliases } from './list-account-aliases.ts';

export const accountActions: Action[] = [
  GetAccountSummary,
  CreateAccountAlias,
  ListAccountAliases,
  DeleteAccountAlias,
  GetAccountAuthorizationDetails,
];
