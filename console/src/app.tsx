// The console's top level: asks the server for the session, shows sign-in without one, and with one
// the header and the page the hash names.
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { ApiError, getSession } from './api.ts';
import { ConsoleHeader } from './components/console-header.tsx';
import { ErrorAlert } from './components/error-alert.tsx';
import { AccountSettingsPage } from './pages/account-settings.tsx';
import { AuditPage } from './pages/audit.tsx';
import { CredentialReportPage } from './pages/credential-report.tsx';
import { FindingsPage } from './pages/findings.tsx';
import { GraphPage } from './pages/graph.tsx';
import { GroupDetailPage } from './pages/group-detail.tsx';
import { GroupsPage } from './pages/groups.tsx';
import { IdentityProviderDetailPage } from './pages/identity-provider-detail.tsx';
import { IdentityProvidersPage } from './pages/identity-providers.tsx';
import { PoliciesPage } from './pages/policies.tsx';
import { PolicyDetailPage } from './pages/policy-detail.tsx';
import { PolicyDraftPage } from './pages/policy-draft.tsx';
import { RoleDetailPage } from './pages/role-detail.tsx';
import { RolesPage } from './pages/roles.tsx';
import { SecurityCredentialsPage } from './pages/security-credentials.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { SwitchRolePage } from './pages/switch-role.tsx';
import { UserDetailPage } from './pages/user-detail.tsx';
import { UsersPage } from './pages/users.tsx';
import { href, useRoute, type Route } from './router.ts';
import { SessionContext, type Session, type SessionState } from './session.ts';

type State =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: Session }
  | { status: 'failed'; error: unknown };

async function loadSession(): Promise<State> {
  try {
    return { status: 'signed-in', session: await getSession() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
    return { status: 'failed', error };
  }
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void loadSession().then((loaded) => current && setState(loaded));
    return () => {
      current = false;
    };
  }, []);

  const onSignedIn = useCallback(async () => {
    const loaded = await loadSession();
    if (loaded.status === 'failed') throw loaded.error;
    setState(loaded);
  }, []);

  const setSession = useCallback((session: Session | null) => {
    setState(session === null ? { status: 'signed-out' } : { status: 'signed-in', session });
  }, []);

  switch (state.status) {
    case 'loading':
      return (
        <main id="main" className="centered" aria-busy="true">
          <p>Loading…</p>
        </main>
      );
    case 'failed':
      return (
        <main id="main" className="centered">
          <ErrorAlert error={state.error} />
          <button type="button" onClick={() => void loadSession().then(setState)}>
            Try again
          </button>
        </main>
      );
    case 'signed-out':
      return <SignInPage onSignedIn={onSignedIn} />;
    case 'signed-in':
      return <SignedIn session={state.session} setSession={setSession} />;
  }
}

function SignedIn({ session, setSession }: SessionState) {
  const route = useRoute();
  const value = useMemo(() => ({ session, setSession }), [session, setSession]);
  return (
    <SessionContext.Provider value={value}>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <ConsoleHeader route={route} />
      {/* Keyed by identity and route: a page remounts (and reloads) after a role switch or a new route. */}
      <main id="main" tabIndex={-1} key={`${session.role?.arn ?? session.identity.arn} ${routeKey(route)}`}>
        <Page route={route} />
      </main>
    </SessionContext.Provider>
  );
}

/** The skip link moves focus without touching the hash, which is the router's. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** A route as a key: its hash, which names the page and the entity it shows. */
const routeKey = (route: Route): string => href(route);

function Page({ route }: { route: Route }) {
  if ('name' in route) {
    switch (route.page) {
      case 'user':
        return <UserDetailPage userName={route.name} />;
      case 'group':
        return <GroupDetailPage groupName={route.name} />;
      case 'role':
        return <RoleDetailPage roleName={route.name} />;
      case 'policy':
        return <PolicyDetailPage policyArn={route.name} />;
      case 'identity-provider':
        return <IdentityProviderDetailPage providerArn={route.name} />;
    }
  }
  switch (route.page) {
    case 'users':
      return <UsersPage />;
    case 'groups':
      return <GroupsPage />;
    case 'roles':
      return <RolesPage />;
    case 'policies':
      return <PoliciesPage />;
    case 'identity-providers':
      return <IdentityProvidersPage />;
    case 'account-settings':
      return <AccountSettingsPage />;
    case 'credential-report':
      return <CredentialReportPage />;
    case 'policy-editor':
      return <PolicyDraftPage />;
    case 'security-credentials':
      return <SecurityCredentialsPage />;
    case 'findings':
      return <FindingsPage />;
    case 'graph':
      return <GraphPage />;
    case 'audit':
      return <AuditPage />;
    case 'switch-role':
      return <SwitchRolePage />;
  }
}
