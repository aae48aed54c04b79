// The AWS principals of role trust policies, as AWS keeps them. AWS refuses a trust policy that names
// an AWS principal that does not exist: an account, an IAM user or role, or the role of a role session
// ("Invalid principal in policy: "AWS":"…"", a MalformedPolicyDocument); session and federated-user
// names may be anything, and "*" is not checked. A user or role named by ARN is kept by its unique id:
// when it is deleted, every trust policy naming it shows its unique id (AIDA…/AROA…) instead, and a
// new user or role of the same name is not trusted in its place. A policy may name a user or role by
// its unique id. Per AWS's "Invalid principal in policy" troubleshooting page and the IAM user guide's
// "Unique identifiers" section.
import { checkPolicyDocument, type Policy } from '../policy/index.ts';
import { malformedPolicy } from '../errors.ts';
import type { ReadRepos, Repos } from '../store/index.ts';

/** A user or role a trust policy names by ARN, with the unique id it had when the policy was saved. */
export interface NamedPrincipal {
  arn: string;
  id: string;
}

/** Whether the principal exists, and the unique id a user or role named by ARN has. */
type Resolve = (repos: ReadRepos, value: string) => Promise<{ exists: boolean; id?: string }>;

const account = (repos: ReadRepos, accountId: string) =>
  repos.accounts.get(accountId).then((a) => ({ exists: a !== undefined }));

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const accountOf = (arn: string) => arn.split(':')[4]!;

/** A user or role whose ARN (path included) is exactly `value`. */
const entity =
  (kind: 'users' | 'roles'): Resolve =>
  async (repos, value) => {
    const row = await repos[kind].byName(accountOf(value), nameOf(value));
    if (row?.arn !== value) return { exists: false };
    return { exists: true, id: 'user_id' in row ? row.user_id : row.role_id };
  };

/** A unique id names an existing user (AIDA…) or role (AROA…). */
const uniqueId =
  (kind: 'users' | 'roles'): Resolve =>
  async (repos, value) => ({
    exists: (await repos[kind].byId(value)) !== undefined,
  });

/** How to check each form of AWS principal, by pattern. */
const FORMS: readonly [RegExp, Resolve][] = [
  [/^\d{12}$/, account],
  [/^arn:aws:iam::(\d{12}):root$/, (r, v) => account(r, accountOf(v))],
  [/^arn:aws:iam::(\d{12}):user\/(?:.*\/)?[^/]+$/, entity('users')],
  [/^arn:aws:iam::(\d{12}):role\/(?:.*\/)?[^/]+$/, entity('roles')],
  [
    /^arn:aws:sts::(\d{12}):assumed-role\/[^/]+\/.+$/,
    async (r, v) => ({ exists: (await r.roles.byName(accountOf(v), v.split('/')[1]!)) !== undefined }),
  ],
  [/^arn:aws:sts::(\d{12}):federated-user\/.+$/, (r, v) => account(r, accountOf(v))],
  [/^AIDA[A-Z0-9]{12,}$/, uniqueId('users')],
  [/^AROA[A-Z0-9]{12,}$/, uniqueId('roles')],
];

/** The AWS principal values of a policy's Principal and NotPrincipal elements, with their spans. */
function awsPrincipalValues(policy: Policy) {
  return policy.statements.flatMap((st) =>
    [st.principal, st.notPrincipal].flatMap((element) =>
      (element?.entries ?? []).filter((e) => e.type === 'AWS').flatMap((e) => e.values.values),
    ),
  );
}

/**
 * Throws MalformedPolicyDocument for the first AWS principal of `policy` that does not exist;
 * returns the users and roles it names by ARN, with their unique ids.
 */
export async function requireTrustPrincipalsExist(
  repos: ReadRepos,
  policy: Policy,
): Promise<NamedPrincipal[]> {
  const named: NamedPrincipal[] = [];
  for (const { value } of awsPrincipalValues(policy)) {
    if (value.includes('*')) continue;
    const form = FORMS.find(([re]) => re.test(value));
    if (!form) continue;
    const found = await form[1](repos, value);
    if (!found.exists) throw malformedPolicy(`Invalid principal in policy: "AWS":"${value}"`);
    if (found.id !== undefined) named.push({ arn: value, id: found.id });
  }
  return named;
}

/**
 * `document` with every Principal/NotPrincipal value equal to `arn` replaced by `id`, the rest of the
 * text as it was; undefined when the document does not name `arn` (or no longer parses).
 */
export function replacePrincipal(document: string, arn: string, id: string): string | undefined {
  const checked = checkPolicyDocument(document, 'trust');
  if (!checked.ok) return undefined;
  const spans = awsPrincipalValues(checked.policy)
    .filter((v) => v.value === arn)
    .map((v) => v.span)
    .sort((a, b) => b.start.offset - a.start.offset);
  if (spans.length === 0) return undefined;
  let out = document;
  // each span covers the JSON string token, quotes included
  for (const span of spans)
    out = out.slice(0, span.start.offset) + JSON.stringify(id) + out.slice(span.end.offset);
  return out;
}

/**
 * A user or role is being deleted: every role trust policy that names it by ARN now names its unique
 * id instead (announced as a change of that role), as AWS shows such policies.
 */
export async function retireTrustPrincipal(repos: Repos, principalId: string): Promise<void> {
  for (const ref of await repos.trustPrincipalRefs.naming(principalId)) {
    const role = await repos.roles.byId(ref.roleId);
    const rewritten = role && replacePrincipal(role.assume_role_policy, ref.principalArn, principalId);
    if (role && rewritten !== undefined)
      await repos.roles.update(role.account_id, role.role_id, { assume_role_policy: rewritten });
    await repos.trustPrincipalRefs.remove(ref.roleId, principalId);
  }
}
