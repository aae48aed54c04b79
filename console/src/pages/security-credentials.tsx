// "My security credentials": the MFA devices of whoever is signed in — the root's own (which AWS lets
// the root manage only here), or the IAM user's, with a link to the user's page for the rest. A role
// session has no long-term credentials of its own.
import { PageHeading } from '../components/page-heading.tsx';
import { href } from '../router.ts';
import { useSession } from '../session.ts';
import { MfaSection } from './user/mfa-section.tsx';

export function SecurityCredentialsPage() {
  const { session } = useSession();
  const { identity, role } = session;
  return (
    <>
      <PageHeading>My security credentials</PageHeading>
      {role !== undefined ? (
        <p>
          You are acting as the role session <code>{role.arn}</code>, which has no MFA devices or access keys
          of its own. Switch back to see yours.
        </p>
      ) : identity.type === 'root' ? (
        <>
          <p>
            The root user of account {session.account.id}. Assign it an MFA device: with one, every root
            sign-in asks for its code.
          </p>
          <MfaSection owner={{ root: true }} />
        </>
      ) : (
        <>
          <p>
            Your access keys, groups and policies are on{' '}
            <a href={href({ page: 'user', name: identity.name })}>your user page</a>.
          </p>
          <MfaSection owner={{ userName: identity.name }} />
        </>
      )}
    </>
  );
}
