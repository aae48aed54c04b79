// Owns matching a Principal / NotPrincipal element against the requester, and how strongly a match grants:
// naming the account only delegates to the account's own policies; naming a role grants but stays
// subject to boundaries and session policies; naming a user or a session grants directly, and so does
// "*" to a calling IAM user. Per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
import type { PrincipalElement } from './policy-tree.ts';
import type { RequestPrincipal } from './request-context.ts';

/** 0: no match. */
export const NO_MATCH = 0;
/** The account is named: the grant is delegated to identity policies. */
export const ACCOUNT_GRANT = 1;
/** A role, a service or a provider is named (or "*", for a caller other than a user): grants, limited by boundaries and session policies. */
export const PRINCIPAL_GRANT = 2;
/** An IAM user (or "*", to a user) or a session is named: grants, unaffected by implicit denies elsewhere in the account. */
export const DIRECT_GRANT = 3;

export type GrantStrength = 0 | 1 | 2 | 3;
export type PrincipalMatcher = (p: RequestPrincipal) => GrantStrength;

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[a-z-]+:iam::(\d{12}):root$/;
const IDENTITIES = new Set(['Account', 'User', 'AssumedRole', 'FederatedUser']);

/**
 * "*" (as `"Principal": "*"` or `{"AWS": "*"}`): to a calling IAM user it is a grant made to the user
 * itself, as naming the user's ARN is (not limited by a boundary's implicit deny in the same account);
 * to anyone else it grants as naming a role does.
 */
const everyone: PrincipalMatcher = (p) => (p.type === 'User' ? DIRECT_GRANT : PRINCIPAL_GRANT);

function awsValueMatcher(value: string): PrincipalMatcher {
  if (value === '*') return everyone;
  const account = ACCOUNT_ID.test(value) ? value : ROOT_ARN.exec(value)?.[1];
  if (account !== undefined) {
    return (p) => (p.account === account && IDENTITIES.has(p.type) ? ACCOUNT_GRANT : NO_MATCH);
  }
  if (/^arn:[a-z-]+:iam::\d{12}:user\//.test(value)) {
    return (p) =>
      p.type === 'User' && p.arn === value
        ? DIRECT_GRANT
        : p.type === 'FederatedUser' && p.parentUserArn === value
          ? PRINCIPAL_GRANT
          : NO_MATCH;
  }
  if (/^arn:[a-z-]+:iam::\d{12}:role\//.test(value)) {
    return (p) => (p.type === 'AssumedRole' && p.roleArn === value ? PRINCIPAL_GRANT : NO_MATCH);
  }
  if (/^arn:[a-z-]+:sts::\d{12}:assumed-role\//.test(value)) {
    return (p) => (p.type === 'AssumedRole' && p.arn === value ? DIRECT_GRANT : NO_MATCH);
  }
  if (/^arn:[a-z-]+:sts::\d{12}:federated-user\//.test(value)) {
    return (p) => (p.type === 'FederatedUser' && p.arn === value ? DIRECT_GRANT : NO_MATCH);
  }
  // a unique id (what a policy shows once the user or role it named was deleted, or names on purpose)
  // matches only that user, or the sessions of that role (whose aws:userid is `AROA…:session`)
  if (/^AIDA[A-Z0-9]+$/.test(value)) {
    return (p) => (p.type === 'User' && p.userId === value ? DIRECT_GRANT : NO_MATCH);
  }
  if (/^AROA[A-Z0-9]+$/.test(value)) {
    return (p) =>
      p.type === 'AssumedRole' && p.userId?.startsWith(`${value}:`) ? PRINCIPAL_GRANT : NO_MATCH;
  }
  return () => NO_MATCH;
}

const BY_TYPE: Readonly<Record<string, (value: string) => PrincipalMatcher>> = {
  AWS: awsValueMatcher,
  Service: (v) => {
    const lower = v.toLowerCase();
    return (p) => (p.type === 'Service' && p.service?.toLowerCase() === lower ? PRINCIPAL_GRANT : NO_MATCH);
  },
  // only the callers of AssumeRoleWithWebIdentity / AssumeRoleWithSAML: a role session they obtained
  // carries its provider for aws:FederatedProvider, but is an AWS principal, never a Federated one
  Federated: (v) => (p) =>
    (p.type === 'WebIdentityUser' || p.type === 'SAMLUser') && p.federatedProvider === v
      ? PRINCIPAL_GRANT
      : NO_MATCH,
  CanonicalUser: (v) => (p) => (p.canonicalUser === v ? PRINCIPAL_GRANT : NO_MATCH),
};

/** Compiles a Principal element. Unknown principal types match nobody. */
export function compilePrincipal(element: PrincipalElement): PrincipalMatcher {
  if (element.wildcard) return everyone;
  const matchers: PrincipalMatcher[] = [];
  for (const entry of element.entries) {
    const make = BY_TYPE[entry.type];
    if (!make) continue;
    for (const v of entry.values.values) matchers.push(make(v.value));
  }
  return (p) => {
    let best: GrantStrength = NO_MATCH;
    for (const m of matchers) {
      const s = m(p);
      if (s > best) best = s;
    }
    return best;
  };
}

/** Compiles a NotPrincipal element: it applies to everyone it does not name. */
export function compileNotPrincipal(element: PrincipalElement): PrincipalMatcher {
  const named = compilePrincipal(element);
  return (p) => (named(p) === NO_MATCH ? PRINCIPAL_GRANT : NO_MATCH);
}
