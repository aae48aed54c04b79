// The organization tree's and its accounts' actions, for the Organizations registry: OUs and the
// walks through them, accounts (created, invited, moved, removed, closed) and delegated administrators.
import type { Action } from '../action.ts';
import { RemoveAccountFromOrganization, LeaveOrganization } from './account-departures.ts';
import { DescribeAccount, ListAccounts, ListAccountsForParent } from './account-listing.ts';
import { CloseAccount } from './close-account.ts';
import { CreateAccount, DescribeCreateAccountStatus, ListCreateAccountStatus } from './create-account.ts';
import {
  DeregisterDelegatedAdministrator,
  ListDelegatedAdministrators,
  ListDelegatedServicesForAccount,
  RegisterDelegatedAdministrator,
} from './delegated-administrators.ts';
import {
  DescribeHandshake,
  ListHandshakesForAccount,
  ListHandshakesForOrganization,
} from './handshake-listing.ts';
import { AcceptHandshake, CancelHandshake, DeclineHandshake } from './handshake-responses.ts';
import { InviteAccountToOrganization } from './invite-account.ts';
import { MoveAccount } from './move-account.ts';
import {
  CreateOrganizationalUnit,
  DeleteOrganizationalUnit,
  DescribeOrganizationalUnit,
  ListOrganizationalUnitsForParent,
  UpdateOrganizationalUnit,
} from './organizational-units.ts';
import { ListChildren, ListParents } from './tree-listing.ts';

export const treeActions: readonly Action[] = [
  CreateOrganizationalUnit,
  DescribeOrganizationalUnit,
  UpdateOrganizationalUnit,
  DeleteOrganizationalUnit,
  ListOrganizationalUnitsForParent,
  ListChildren,
  ListParents,
  CreateAccount,
  DescribeCreateAccountStatus,
  ListCreateAccountStatus,
  DescribeAccount,
  ListAccounts,
  ListAccountsForParent,
  MoveAccount,
  RemoveAccountFromOrganization,
  LeaveOrganization,
  CloseAccount,
  InviteAccountToOrganization,
  AcceptHandshake,
  DeclineHandshake,
  CancelHandshake,
  DescribeHandshake,
  ListHandshakesForAccount,
  ListHandshakesForOrganization,
  RegisterDelegatedAdministrator,
  DeregisterDelegatedAdministrator,
  ListDelegatedAdministrators,
  ListDelegatedServicesForAccount,
];
