// Hash routing for the console's pages: a list page per kind of IAM entity with a page per entity
// under it (#/users, #/users/<name>, #/policies/<URL-encoded ARN>, …) and the single pages
// (#/account-settings, #/audit, …); the hash parsed into a Route, links built from one, and a hook
// that follows it.
import { useSyncExternalStore } from 'react';

/** Each list page and the page of one of its entities, named by a name or (policies, providers) an ARN. */
const ENTITY_PAGES = {
  users: 'user',
  groups: 'group',
  roles: 'role',
  policies: 'policy',
  'identity-providers': 'identity-provider',
} as const;

const SINGLE_PAGES = [
  'account-settings',
  'credential-report',
  'policy-editor',
  'audit',
  'findings',
  'graph',
  'switch-role',
  'security-credentials',
] as const;

export type ListPage = keyof typeof ENTITY_PAGES;
export type EntityPage = (typeof ENTITY_PAGES)[ListPage];
export type SinglePage = (typeof SINGLE_PAGES)[number];

export type Route = { page: ListPage | SinglePage } | { page: EntityPage; name: string };

const isListPage = (page: string): page is ListPage => Object.hasOwn(ENTITY_PAGES, page);
const isSinglePage = (page: string): page is SinglePage => (SINGLE_PAGES as readonly string[]).includes(page);

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function parseRoute(hash: string): Route {
  const [page = '', part] = hash.replace(/^#\/?/, '').split('/');
  if (isListPage(page)) {
    const name = part ? decoded(part) : undefined;
    return name ? { page: ENTITY_PAGES[page], name } : { page };
  }
  if (isSinglePage(page)) return { page };
  return { page: 'users' };
}

/** The page the navigation highlights for a route: an entity's list page, or the page itself. */
export function sectionOf(route: Route): ListPage | SinglePage {
  if (!('name' in route)) return route.page;
  const list = Object.entries(ENTITY_PAGES).find(([, entity]) => entity === route.page)?.[0];
  return list !== undefined && isListPage(list) ? list : 'users';
}

export function href(route: Route): string {
  if (!('name' in route)) return `#/${route.page}`;
  return `#/${sectionOf(route)}/${encodeURIComponent(route.name)}`;
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
