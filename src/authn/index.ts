// The authentication layer's public face: SigV4 verification, the authenticator, session tokens and keys, last-used data.
export { Authenticator, rootPrincipal } from './authenticator.ts';
export { LastUsedBuffer } from './last-used.ts';
export { loadMasterKey, openSealer } from './master-key.ts';
export { otpauthUri, qrCodePng, virtualMfaQrCode } from './otpauth-qr.ts';
export { SessionKeyRing, rotateSessionKeys } from './session-key-ring.ts';
export { sealSession } from './session-token.ts';
export { firstParam, parseQuery, splitCredential } from './sigv4/index.ts';
