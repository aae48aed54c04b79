// Sealing secrets at rest with AES-256-GCM under the master key: "v1.<iv>.<tag>.<ciphertext>",
// with the sealed value's purpose bound in as associated data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The purpose an access key's secret is sealed under (a sealed value opens only for its purpose). */
export const ACCESS_KEY_SECRET_PURPOSE = 'access-key-secret';

export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  open(sealed: string, purpose: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || iv === undefined || tag === undefined || body === undefined)
      throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
