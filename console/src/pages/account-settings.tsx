// Account settings: the account's password policy and its alias.
import { PageHeading } from '../components/page-heading.tsx';
import { useSession } from '../session.ts';
import { AccountAliasSection } from './account/account-alias-section.tsx';
import { PasswordPolicySection } from './account/password-policy-section.tsx';

export function AccountSettingsPage() {
  const { session } = useSession();
  return (
    <>
      <PageHeading>Account settings</PageHeading>
      <p>
        Account <code>{session.account.id}</code>
      </p>
      <PasswordPolicySection />
      <AccountAliasSection />
    </>
  );
}
