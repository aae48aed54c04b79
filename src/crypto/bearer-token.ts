// Bearer secrets (sign-in cookies, OIDC client secrets, device codes, access and refresh tokens): 256
// random bits in base64url behind a short prefix that says what they are, and the SHA-256 hash that is
// all the store keeps of them.
import { createHash, randomBytes } from 'node:crypto';

export function newBearerToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The hash a token is stored and looked up by (hex). */
export function bearerTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
