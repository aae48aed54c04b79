// Hash routing for the console's pages (#/users, #/users/<name>, #/roles, #/policies,
// #/policy-editor, #/audit, #/switch-role): the hash parsed into a Route, links built from a Route, and a hook that follows it.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'users' }
  | { page: 'user'; userName: string }
  | { page: 'roles' }
  | { page: 'policies' }
  | { page: 'policy-editor' }
  | { page: 'audit' }
  | { page: 'switch-role' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  switch (parts[0]) {
    case 'users':
      return parts[1] ? { page: 'user', userName: decodeURIComponent(parts[1]) } : { page: 'users' };
    case 'roles':
      return { page: 'roles' };
    case 'policies':
      return { page: 'policies' };
    case 'policy-editor':
      return { page: 'policy-editor' };
    case 'audit':
      return { page: 'audit' };
    case 'switch-role':
      return { page: 'switch-role' };
    default:
      return { page: 'users' };
  }
}

export function href(route: Route): string {
  return route.page === 'user' ? `#/users/${encodeURIComponent(route.userName)}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
