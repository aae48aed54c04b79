// HOTP and TOTP against the RFCs' own test vectors, and the Base32 text seeds travel in.
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  codesEqual,
  findStep,
  hotp,
  newSeed,
  timeStep,
  totp,
} from '../../src/crypto/totp.ts';
import { otpauthUri } from '../../src/authn/otpauth-qr.ts';

// RFC 4226 appendix D and RFC 6238 appendix B use the ASCII secret "12345678901234567890" for SHA-1.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226)', () => {
  it('matches appendix D for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches appendix B for SHA-1 at T=%i', (seconds, code) => {
    expect(totp(RFC_SECRET, new Date(seconds * 1000), { digits: 8 })).toBe(code);
  });

  it('uses 30-second steps and six digits by default', () => {
    const at = new Date(1111111109 * 1000);
    expect(timeStep(at)).toBe(37037036);
    expect(totp(RFC_SECRET, at)).toBe('081804');
  });

  it('finds the step whose code was given, and nothing outside the range', () => {
    const step = timeStep(new Date('2026-03-01T12:00:00Z'));
    const code = hotp(RFC_SECRET, step + 1);
    expect(findStep(RFC_SECRET, code, step - 1, step + 1)).toBe(step + 1);
    expect(findStep(RFC_SECRET, code, step - 1, step)).toBeUndefined();
  });

  it('compares codes exactly', () => {
    expect(codesEqual('123456', '123456')).toBe(true);
    expect(codesEqual('123456', '123457')).toBe(false);
    expect(codesEqual('123456', '12345')).toBe(false);
  });
});

describe('Base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as the RFC vector %j without padding', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('decodes regardless of case, spaces and padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(/Base32/);
  });

  it('makes 40-byte seeds, 64 Base32 characters as AWS shows them', () => {
    const seed = newSeed();
    const text = base32Encode(seed);
    expect(text).toMatch(/^[A-Z2-7]{64}$/);
    expect(base32Decode(text).equals(seed)).toBe(true);
  });
});

describe('otpauth URI', () => {
  it('carries the label, the Base32 secret and the issuer in the Key Uri Format', () => {
    const uri = new URL(otpauthUri('phone@123456789012', 'MZXW6YTBOI'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Tessera:phone@123456789012');
    expect(uri.searchParams.get('secret')).toBe('MZXW6YTBOI');
    expect(uri.searchParams.get('issuer')).toBe('Tessera');
  });
});
