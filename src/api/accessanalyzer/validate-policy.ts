// ValidatePolicy: the policy engine's validator run on a policy of the type asked (identity, resource,
// a role's trust policy, SCP, RCP), its findings in Access Analyzer's shape, paged by maxResults.
import { defineAction } from '../action.ts';
import { AwsError } from '../../errors.ts';
import { validatePolicy, type PolicyKind } from '../../policy/index.ts';
import { validatePolicyFindings } from './policy-findings.ts';

const KINDS: Readonly<Record<string, PolicyKind>> = {
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
};

function pageStart(token: string | undefined): number {
  if (token === undefined) return 0;
  const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0)
    throw new AwsError('ValidationError', 'Invalid pagination token.', { fields: { reason: 'other' } });
  return n;
}

export const ValidatePolicy = defineAction({
  service: 'accessanalyzer',
  name: 'ValidatePolicy',
  resource: () => '*',
  async handle(input) {
    const trust = input.validatePolicyResourceType === 'AWS::IAM::AssumeRolePolicyDocument';
    const kind = trust ? 'trust' : KINDS[input.policyType];
    if (!kind) throw new AwsError('ValidationError', `Unsupported policyType ${input.policyType}.`);
    const all = validatePolicyFindings(input.policyDocument, validatePolicy(input.policyDocument, kind));
    const start = pageStart(input.nextToken);
    const size = input.maxResults ?? all.length;
    const findings = all.slice(start, start + size);
    const next = start + size;
    return {
      findings,
      ...(next < all.length ? { nextToken: Buffer.from(String(next)).toString('base64url') } : {}),
    };
  },
});
