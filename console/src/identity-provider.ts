// IAM's identity providers as the console lists them: OpenID Connect and SAML providers told apart
// by their ARN (…:oidc-provider/<url> or …:saml-provider/<name>), named by what follows, and the noun
// each type has in IAM's actions.

export type ProviderType = 'OIDC' | 'SAML';

export interface ProviderRef {
  Arn: string;
  type: ProviderType;
  /** The issuer's host and path (OIDC) or the provider's name (SAML). */
  name: string;
}

export function providerOf(arn: string): ProviderRef {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return {
    Arn: arn,
    type: resource.startsWith('saml-provider/') ? 'SAML' : 'OIDC',
    name: slash < 0 ? resource : resource.slice(slash + 1),
  };
}

/** Each type's name in IAM's actions (GetOpenIDConnectProvider, DeleteSAMLProvider, TagSAMLProvider…). */
export const PROVIDER_TYPES = {
  OIDC: { label: 'OpenID Connect', noun: 'OpenIDConnectProvider', arnMember: 'OpenIDConnectProviderArn' },
  SAML: { label: 'SAML', noun: 'SAMLProvider', arnMember: 'SAMLProviderArn' },
} as const satisfies Record<ProviderType, { label: string; noun: string; arnMember: string }>;
