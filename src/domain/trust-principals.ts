// AWS refuses a trust policy that names an AWS principal that does not exist: an account, an IAM
// user or role, or the role of a role session ("Invalid principal in policy: "AWS":"…"", a
// MalformedPolicyDocument). Session and federated-user names may be anything; "*" and unique ids
// are not checked. Per AWS's "Invalid principal in policy" troubleshooting pages.
import type { Policy } from '../policy/index.ts';
import { malformedPolicy } from '../errors.ts';
import type { Repos } from '../store/index.ts';

type Exists = (repos: Repos, value: string) => Promise<boolean>;

const accountExists = async (repos: Repos, accountId: string) =>
  (await repos.accounts.get(accountId)) !== undefined;

/** How to check each form of AWS principal, by pattern. */
const FORMS: readonly [RegExp, Exists][] = [
  [/^\d{12}$/, accountExists],
  [/^arn:aws:iam::(\d{12}):root$/, (r, v) => accountExists(r, v.split(':')[4]!)],
  [
    /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?[^/]+$/,
    async (r, v) => (await r.users.byName(v.split(':')[4]!, v.slice(v.lastIndexOf('/') + 1)))?.arn === v,
  ],
  [
    /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?[^/]+$/,
    async (r, v) => (await r.roles.byName(v.split(':')[4]!, v.slice(v.lastIndexOf('/') + 1)))?.arn === v,
  ],
  [
    /^arn:aws:sts::(\d{12}):assumed-role\/[^/]+\/.+$/,
    async (r, v) => (await r.roles.byName(v.split(':')[4]!, v.split('/')[1]!)) !== undefined,
  ],
  [/^arn:aws:sts::(\d{12}):federated-user\/.+$/, (r, v) => accountExists(r, v.split(':')[4]!)],
];

/** Throws MalformedPolicyDocument for the first AWS principal of `policy` that does not exist. */
export async function requireTrustPrincipalsExist(repos: Repos, policy: Policy): Promise<void> {
  for (const statement of policy.statements) {
    for (const element of [statement.principal, statement.notPrincipal]) {
      for (const entry of element?.entries ?? []) {
        if (entry.type !== 'AWS') continue;
        for (const { value } of entry.values.values) {
          if (value.includes('*')) continue;
          const form = FORMS.find(([re]) => re.test(value));
          if (form && !(await form[1](repos, value)))
            throw malformedPolicy(`Invalid principal in policy: "AWS":"${value}"`);
        }
      }
    }
  }
}
