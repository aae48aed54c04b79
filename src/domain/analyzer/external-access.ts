// External access: a role whose trust policy lets a principal outside the zone of trust (the account,
// or the organization's accounts) assume it — another account, a federated identity (OIDC or SAML),
// or anyone (`*`, public when the policy engine lets a stranger in). One finding per role and principal, with
// the actions and conditions that grant it, as AWS's ExternalAccessDetails show them.
import { checkNoPublicAccess, parsePolicy, type Statement } from '../../policy/index.ts';
import type { RoleRow } from '../../store/index.ts';
import type { ComputedFinding } from './finding-shapes.ts';

/** Who is inside the zone of trust. */
export interface TrustZone {
  accounts: ReadonlySet<string>;
  orgId?: string;
}

/** The account a principal value names (`123456789012`, `arn:aws:iam::123456789012:…`), if any. */
function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  return /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
}

/** Condition keys that keep a principal inside the zone when all their values are inside it. */
function narrowedToZone(st: Statement, zone: TrustZone): boolean {
  for (const block of st.condition ?? []) {
    const op = block.operator.value;
    if (op !== 'StringEquals' && op !== 'StringEqualsIgnoreCase') continue;
    for (const entry of block.entries) {
      const key = entry.key.value.toLowerCase();
      const values = entry.values.map((v) => v.value);
      if (values.length === 0) continue;
      if (key === 'aws:principalaccount' && values.every((v) => zone.accounts.has(v))) return true;
      if (key === 'aws:principalorgid' && zone.orgId && values.every((v) => v === zone.orgId)) return true;
    }
  }
  return false;
}

function conditionsOf(st: Statement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of st.condition ?? [])
    for (const entry of block.entries) out[entry.key.value] = entry.values.map((v) => v.value).join(',');
  return out;
}

interface Grant {
  type: 'AWS' | 'Federated';
  value: string;
  public: boolean;
  actions: Set<string>;
  condition: Record<string, string>;
}

/** The external-access findings of one role. */
export function roleExternalAccess(role: RoleRow, zone: TrustZone): ComputedFinding[] {
  const parsed = parsePolicy(role.assume_role_policy);
  if (!parsed.ok) return [];
  // which statements let a stranger in, as the policy engine decides it (CheckNoPublicAccess's rule:
  // the stranger sets every condition key a caller can choose, such as sts:ExternalId)
  const publicStatements = new Set(
    checkNoPublicAccess(role.assume_role_policy).reasons.map((r) => r.statementIndex),
  );
  const grants = new Map<string, Grant>();
  for (const st of parsed.policy.statements) {
    if (st.effect !== 'Allow' || !st.principal) continue;
    if (narrowedToZone(st, zone)) continue;
    const actions = st.action ? st.action.values.map((v) => v.value) : ['sts:AssumeRole'];
    const condition = conditionsOf(st);
    const open = publicStatements.has(st.index);
    const found: { type: 'AWS' | 'Federated'; value: string; public: boolean }[] = [];
    if (st.principal.wildcard) found.push({ type: 'AWS', value: '*', public: open });
    for (const entry of st.principal.entries) {
      for (const v of entry.values.values) {
        if (entry.type === 'Federated') found.push({ type: 'Federated', value: v.value, public: false });
        else if (entry.type === 'AWS') {
          if (v.value === '*') found.push({ type: 'AWS', value: '*', public: open });
          else {
            const account = accountOf(v.value);
            if (account && !zone.accounts.has(account))
              found.push({ type: 'AWS', value: v.value, public: false });
          }
        }
      }
    }
    for (const f of found) {
      const id = `${f.type}:${f.value}`;
      const g = grants.get(id) ?? { ...f, actions: new Set<string>(), condition: {} };
      for (const a of actions) g.actions.add(a);
      Object.assign(g.condition, condition);
      g.public = g.public || f.public;
      grants.set(id, g);
    }
  }
  return [...grants.entries()].map(([id, g]) => ({
    key: `ExternalAccess|${role.arn}|${id}`,
    findingType: 'ExternalAccess',
    resource: role.arn,
    resourceType: 'AWS::IAM::Role',
    resourceOwnerAccount: role.account_id,
    details: [
      {
        externalAccessDetails: {
          action: [...g.actions].sort(),
          condition: g.condition,
          isPublic: g.public,
          principal: { [g.type]: g.value },
          sources: [{ type: 'POLICY' }],
        },
      },
    ],
  }));
}
