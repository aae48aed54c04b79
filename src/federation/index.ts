// Federation's public face: OIDC token and SAML assertion validation, and their test identity providers.
export { keySourceFor } from './oidc/key-source.ts';
export { startTestIssuer } from './oidc/test-issuer.ts';
export type { TestIssuerAlgorithm } from './oidc/test-issuer.ts';
export { verifyWebIdentityToken } from './oidc/verify-web-identity-token.ts';
export { readAssertion } from './saml/assertion.ts';
export { nameQualifier, readAwsAttributes, samlConditionKeys } from './saml/aws-attributes.ts';
export { generateDevIdp, idpMetadataXml, signedSamlResponse } from './saml/dev-idp.ts';
export type { DevIdp } from './saml/dev-idp.ts';
export { MetadataError, parseSamlMetadata } from './saml/metadata.ts';
export type { SamlMetadata } from './saml/metadata.ts';
export { invalidToken, verifySamlResponse } from './saml/verify-response.ts';
