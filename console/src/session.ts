// The console session as GET /console/api/session returns it (docs/console-api.md), and the React
// context that hands it, and the way to replace it, to every page.
import { createContext, useContext } from 'react';

export interface Account {
  id: string;
  alias?: string;
}

export interface Identity {
  type: string;
  arn: string;
  name: string;
}

/** A role as the switch-role form names it; `recentRoles` holds the last five. */
export interface RoleChoice {
  accountId: string;
  roleName: string;
  displayName: string;
  color: string;
}

/** The role session the console is switched into. */
export interface SwitchedRole extends RoleChoice {
  arn: string;
}

export interface Session {
  account: Account;
  identity: Identity;
  mfaUsed: boolean;
  csrfToken: string;
  expiresAt: string;
  role?: SwitchedRole;
  recentRoles: RoleChoice[];
}

export interface SessionState {
  session: Session;
  /** Replace the session (after switching role) or end it (null: back to sign-in). */
  setSession: (session: Session | null) => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error('useSession() outside a signed-in console');
  return state;
}
