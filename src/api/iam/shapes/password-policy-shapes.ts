// AWS's PasswordPolicy shape from the account's stored password policy settings.
import type { PasswordPolicy } from '../../../protocol/index.ts';
import type { PasswordPolicySettings } from '../../../domain/index.ts';

/** The settings as GetAccountPasswordPolicy answers them (they are kept under AWS's names). */
export function passwordPolicyShape(settings: PasswordPolicySettings): PasswordPolicy {
  return { ...settings };
}
