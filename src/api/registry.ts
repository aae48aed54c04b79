// The action registry: every AWS action Tessera serves, looked up by service and operation name.
import type { Action } from './action.ts';
import { iamActions } from './iam/index.ts';
import { stsActions } from './sts/index.ts';
import { cloudtrailActions } from './cloudtrail/index.ts';
import { organizationsActions } from './organizations/index.ts';
import { accessAnalyzerActions } from './accessanalyzer/index.ts';
import { identityStoreActions } from './identitystore/index.ts';
import { ssoAdminActions } from './sso-admin/index.ts';
import { ssoOidcActions } from './sso-oidc/index.ts';
import { ssoPortalActions } from './sso/index.ts';
import type { ServiceName } from '../protocol/index.ts';

const byKey = new Map<string, Action>();
for (const a of [
  ...iamActions,
  ...stsActions,
  ...cloudtrailActions,
  ...organizationsActions,
  ...accessAnalyzerActions,
  ...identityStoreActions,
  ...ssoAdminActions,
  ...ssoOidcActions,
  ...ssoPortalActions,
]) {
  const key = `${a.service}:${a.name}`;
  if (byKey.has(key)) throw new Error(`action ${key} registered twice`);
  byKey.set(key, a);
}

export function findAction(service: ServiceName, name: string): Action | undefined {
  return byKey.get(`${service}:${name}`);
}
