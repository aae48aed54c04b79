// Policy documents as the console shows and starts them: IAM's URL-encoded JSON decoded and
// pretty-printed, and the drafts a new policy or role begins from.

/** IAM returns documents URL-encoded (PolicyVersion.Document, AssumeRolePolicyDocument…). */
export function readableDocument(encoded: string | undefined): string {
  if (encoded === undefined) return '';
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // not URL-encoded after all: shown as it came
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const pretty = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

/** A new identity policy: one statement to fill in. */
export const IDENTITY_POLICY_DRAFT = pretty({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: [], Resource: [] }],
});

/** A new role's trust policy: principals of this account that are allowed to assume it. */
export const trustPolicyDraft = (accountId: string) =>
  pretty({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  });
