// Who is calling: the authenticated principal behind a request, as the engine and handlers see it.

export type Principal =
  | { type: 'root'; accountId: string; arn: string; id: string }
  | { type: 'user'; accountId: string; arn: string; id: string; userName: string; path: string };

export function isRoot(p: Principal): p is Extract<Principal, { type: 'root' }> {
  return p.type === 'root';
}
