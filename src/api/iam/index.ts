// Every IAM action, for the registry.
import type { Action } from '../action.ts';
import { accountActions } from './actions-account.ts';
import { credentialActions } from './actions-credentials.ts';
import { groupActions } from './actions-groups.ts';
import { instanceProfileActions } from './actions-instance-profiles.ts';
import { mfaActions } from './actions-mfa.ts';
import { oidcProviderActions } from './actions-oidc.ts';
import { policyActions } from './actions-policies.ts';
import { roleActions } from './actions-roles.ts';
import { samlProviderActions } from './actions-saml.ts';
import { simulatorActions } from './actions-simulator.ts';
import { inlinePolicyActions } from './inline-policies.ts';
import { taggingActions } from './tagging.ts';
import { policyAttachmentActions } from './policy-attachments.ts';
import { permissionsBoundaryActions } from './permissions-boundaries.ts';
import { userActions } from './actions-users.ts';

export const iamActions: Action[] = [
  ...userActions,
  ...credentialActions,
  ...groupActions,
  ...roleActions,
  ...policyActions,
  ...instanceProfileActions,
  ...accountActions,
  ...mfaActions,
  ...simulatorActions,
  ...oidcProviderActions,
  ...samlProviderActions,
  ...taggingActions,
  ...inlinePolicyActions,
  ...policyAttachmentActions,
  ...permissionsBoundaryActions,
];
