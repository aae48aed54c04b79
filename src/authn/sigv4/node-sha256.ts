// SHA-256 and HMAC-SHA256 through node:crypto, in the Checksum shape that @smithy/signature-v4
// takes as its `sha256` option, plus the one-shot helpers the verifier uses directly.
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, type BinaryLike, type Hash, type Hmac } from 'node:crypto';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBinary(data: SourceData): BinaryLike {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** A `ChecksumConstructor`: plain SHA-256, or HMAC-SHA256 when given a secret. */
export class NodeSha256 {
  private readonly secret: BinaryLike | undefined;
  private hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBinary(secret);
    this.hash = this.fresh();
  }

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

// crypto.hash (Node >= 20.12; read from the namespace so older 20.x still loads) skips the Hash
// object: about twice as fast on request-sized inputs.
/** Whether node:crypto has the one-shot `hash` (Node >= 20.12); hmac-key.ts reads it too. */
export const oneShot = typeof nodeCrypto.hash === 'function';

export function sha256Hex(data: BinaryLike): string {
  return oneShot ? nodeCrypto.hash('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: BinaryLike, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
