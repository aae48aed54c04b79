// Organizations' identifiers, in AWS's formats: o-… organizations, r-… roots, ou-…-… units,
// p-… policies, car-… account-creation requests, h-… handshakes, rp-… resource (delegation) policies.
import { randomBytes } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomLower(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += LOWER_ALNUM[bytes[i]! % LOWER_ALNUM.length];
  return out;
}

/** `o-` and 10 characters, as AWS's `^o-[a-z0-9]{10,32}$`. */
export const newOrganizationId = (): string => `o-${randomLower(10)}`;
/** `r-` and 4 characters. */
export const newRootId = (): string => `r-${randomLower(4)}`;
/** `ou-`, the root id's 4 characters, `-` and 8 more. */
export const newOrganizationalUnitId = (rootId: string): string => `ou-${rootId.slice(2)}-${randomLower(8)}`;
/** `p-` and 10 characters. */
export const newOrgPolicyId = (): string => `p-${randomLower(10)}`;
/** `car-` and 32 characters. */
export const newCreateAccountRequestId = (): string => `car-${randomLower(32)}`;
/** `h-` and 10 characters. */
export const newHandshakeId = (): string => `h-${randomLower(10)}`;
/** `rp-` and 8 characters. */
export const newResourcePolicyId = (): string => `rp-${randomLower(8)}`;
