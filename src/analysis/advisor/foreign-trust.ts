// Which other accounts a role's trust policy lets assume the role without an `sts:ExternalId`
// condition: the third-party trust that the confused-deputy problem exploits.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html

const accountOf = (name: string) =>
  /^\d{12}$/.test(name) ? name : /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(name)?.[1];

/** The foreign accounts an Allow statement names as AWS principals without requiring an external ID. */
export function trustWithoutExternalId(document: string, ownAccount: string): string[] {
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(document) as { Statement?: unknown };
  } catch {
    return [];
  }
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as unknown[];
  const accounts = new Set<string>();
  for (const item of statements) {
    if (typeof item !== 'object' || item === null) continue;
    const st = item as Record<string, unknown>;
    if (st.Effect !== 'Allow' || typeof st.Principal !== 'object' || st.Principal === null) continue;
    const condition = (st.Condition ?? {}) as Record<string, Record<string, unknown> | null>;
    const pinned = Object.values(condition).some((block) =>
      Object.keys(block ?? {}).some((key) => key.toLowerCase() === 'sts:externalid'),
    );
    if (pinned) continue;
    const named = (st.Principal as Record<string, unknown>).AWS;
    for (const name of Array.isArray(named) ? named : [named]) {
      const account = typeof name === 'string' ? accountOf(name) : undefined;
      if (account !== undefined && account !== ownAccount) accounts.add(account);
    }
  }
  return [...accounts];
}
