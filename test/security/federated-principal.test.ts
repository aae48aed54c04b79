// A trust policy's Federated principal names the callers of AssumeRoleWithWebIdentity /
// AssumeRoleWithSAML only: a role session those callers obtained carries its provider (for
// aws:FederatedProvider) but is an AWS principal, and must not match Federated in another trust
// policy — else any web-identity session could assume every role that trusts the same provider.
import { describe, expect, it } from 'vitest';
import { authorize, compilePolicy } from '../../src/policy/index.ts';
import type { RequestPrincipal } from '../../src/policy/index.ts';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.example.com';
const ROLE = 'arn:aws:iam::123456789012:role/deploy';

const trust = (action: string) => {
  const compiled = compilePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: action }],
    }),
    { id: `${ROLE}#trust`, sourceType: 'resource' },
  );
  if (!compiled.ok) throw new Error('trust policy did not compile');
  return compiled.policy;
};

const decide = (principal: RequestPrincipal, action: string) =>
  authorize(
    { identity: [], resource: trust('sts:*'), resourcePolicyRequired: true },
    { action, resource: ROLE, resourceAccount: '123456789012', principal },
  ).decision;

describe('Federated principals in trust policies', () => {
  it('match the web identity caller of the provider', () => {
    expect(
      decide({ type: 'WebIdentityUser', federatedProvider: PROVIDER }, 'sts:AssumeRoleWithWebIdentity'),
    ).toBe('Allow');
  });

  it('match a SAML caller of the provider', () => {
    const saml = 'arn:aws:iam::123456789012:saml-provider/corp';
    const compiled = compilePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML' }],
      }),
      { id: 'saml-trust', sourceType: 'resource' },
    );
    if (!compiled.ok) throw new Error('trust policy did not compile');
    const d = authorize(
      { identity: [], resource: compiled.policy, resourcePolicyRequired: true },
      {
        action: 'sts:AssumeRoleWithSAML',
        resource: ROLE,
        resourceAccount: '123456789012',
        principal: { type: 'SAMLUser', federatedProvider: saml },
      },
    );
    expect(d.decision).toBe('Allow');
  });

  it('do not match a role session obtained through that provider', () => {
    const session: RequestPrincipal = {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::123456789012:assumed-role/web-app/alice',
      roleArn: 'arn:aws:iam::123456789012:role/web-app',
      account: '123456789012',
      userId: 'AROAEXAMPLE:alice',
      federatedProvider: PROVIDER,
    };
    expect(decide(session, 'sts:AssumeRole')).not.toBe('Allow');
  });
});
