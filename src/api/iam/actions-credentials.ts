// The credential actions of IAM users in the registry: console passwords (login profiles), the
// account password policy, and access keys.
import type { Action } from '../action.ts';
import { ChangePassword } from './change-password.ts';
import { CreateAccessKey } from './create-access-key.ts';
import { CreateLoginProfile } from './create-login-profile.ts';
import { DeleteAccessKey } from './delete-access-key.ts';
import { DeleteAccountPasswordPolicy } from './delete-account-password-policy.ts';
import { DeleteLoginProfile } from './delete-login-profile.ts';
import { GetAccessKeyLastUsed } from './get-access-key-last-used.ts';
import { GetAccountPasswordPolicy } from './get-account-password-policy.ts';
import { GetLoginProfile } from './get-login-profile.ts';
import { ListAccessKeys } from './list-access-keys.ts';
import { UpdateAccessKey } from './update-access-key.ts';
import { UpdateAccountPasswordPolicy } from './update-account-password-policy.ts';
import { UpdateLoginProfile } from './update-login-profile.ts';

export const credentialActions: Action[] = [
  CreateLoginProfile,
  GetLoginProfile,
  UpdateLoginProfile,
  DeleteLoginProfile,
  ChangePassword,
  UpdateAccountPasswordPolicy,
  GetAccountPasswordPolicy,
  DeleteAccountPasswordPolicy,
  CreateAccessKey,
  ListAccessKeys,
  UpdateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
];
