// The crypto leaf's public face: sealing secrets, TOTP, password hashing.
export { hashPassword, verifyPassword } from './password-hash.ts';
export { ACCESS_KEY_SECRET_PURPOSE, Sealer } from './seal.ts';
export { base32Encode, findStep, newSeed, timeStep } from './totp.ts';
