// The crypto leaf's public face: sealing secrets, TOTP, password hashing, bearer tokens, pooled
// random bytes and ordered event ids.
export { hashPassword, verifyPassword } from './password-hash.ts';
export { ACCESS_KEY_SECRET_PURPOSE, Sealer } from './seal.ts';
export { base32Encode, base32Decode, findStep, newSeed, timeStep } from './totp.ts';
export { bearerTokenHash, newBearerToken } from './bearer-token.ts';
export { randomBytesFromPool, randomUint32FromPool } from './random-pool.ts';
export { newOrderedUuid } from './event-id.ts';
