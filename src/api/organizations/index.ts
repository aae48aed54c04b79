// Every Organizations action Tessera serves, for the registry: the organization and its trusted
// services here; the tree and its accounts, and policies, from their own lists.
import type { Action } from '../action.ts';
import { administrationActions } from './administration-actions.ts';
import { CreateOrganization } from './create-organization.ts';
import { DeleteOrganization } from './delete-organization.ts';
import { DescribeOrganization } from './describe-organization.ts';
import { ListRoots } from './list-roots.ts';
import { withOrgAuthorization } from './org-authorization.ts';
import { policyActions } from './policy-actions.ts';
import {
  DisableAWSServiceAccess,
  EnableAWSServiceAccess,
  ListAWSServiceAccessForOrganization,
} from './service-access.ts';
import { treeActions } from './tree-actions.ts';

/** Each authorized on the policy, node or handshake it names (org-authorization.ts). */
export const organizationsActions: readonly Action[] = [
  CreateOrganization,
  DescribeOrganization,
  DeleteOrganization,
  ListRoots,
  EnableAWSServiceAccess,
  DisableAWSServiceAccess,
  ListAWSServiceAccessForOrganization,
  ...policyActions,
  ...treeActions,
  ...administrationActions,
].map(withOrgAuthorization);
