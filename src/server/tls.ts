// TLS for the server: the configured PEM certificate and key (checked to belong together), or a
// self-signed certificate kept in the data directory, and the HTTPS server that reloads them.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { Config } from '../config/index.ts';
import { ensureDataDir } from '../store/index.ts';

/** A TLS certificate or key that cannot be used, with a one-line message naming the file and the fault. */
export class TlsConfigError extends Error {
  override readonly name = 'TlsConfigError';
}

/** File names of the self-signed certificate and its key in the data directory. */
export const SELF_SIGNED_CERT_FILE = 'tls-cert.pem';
export const SELF_SIGNED_KEY_FILE = 'tls-key.pem';

/** How long a generated certificate is valid, and how long before its end a new one replaces it. */
const SELF_SIGNED_DAYS = 365;
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export interface TlsKeyPair {
  /** The PEM certificate (chain), as given to `tls.createSecureContext`. */
  cert: string;
  /** The PEM private key. */
  key: string;
}

/** The server's TLS: where its certificate comes from, and the pair read at start. */
export interface ServerTls {
  /** The certificate file: the one to pass to `--ca-bundle` when `selfSigned`. */
  certFile: string;
  keyFile: string;
  selfSigned: boolean;
  /** The pair read at start. */
  pair: TlsKeyPair;
  /** Reads and checks the pair again (SIGHUP); a self-signed one is regenerated when near its end. */
  reload(now?: Date): Promise<TlsKeyPair>;
}

type TlsConfig = Pick<Config, 'tlsCert' | 'tlsKey' | 'tlsSelfSigned' | 'dataDir' | 'host'>;

/**
 * The TLS the configuration asks for, read and checked, or undefined for plain HTTP. Throws a one-line
 * error for a half-given pair, an unreadable file, something that is not PEM, or a key that is not the
 * certificate's.
 */
export async function loadTls(config: TlsConfig, now = new Date()): Promise<ServerTls | undefined> {
  const { tlsCert, tlsKey } = config;
  if (config.tlsSelfSigned && (tlsCert || tlsKey))
    throw new TlsConfigError(
      'TLS: --tls-self-signed cannot be combined with --tls-cert/--tls-key; choose one',
    );
  if (config.tlsSelfSigned) {
    const certFile = path.join(config.dataDir, SELF_SIGNED_CERT_FILE);
    const keyFile = path.join(config.dataDir, SELF_SIGNED_KEY_FILE);
    const reload = (at = new Date()) => selfSignedKeyPair(config, certFile, keyFile, at);
    return { certFile, keyFile, selfSigned: true, pair: await reload(now), reload };
  }
  if (!tlsCert && !tlsKey) return undefined;
  if (!tlsCert || !tlsKey)
    throw new TlsConfigError(
      `TLS: ${tlsCert ? 'TESSERA_TLS_CERT (--tls-cert) is set without TESSERA_TLS_KEY (--tls-key)' : 'TESSERA_TLS_KEY (--tls-key) is set without TESSERA_TLS_CERT (--tls-cert)'}; give both`,
    );
  const reload = () => Promise.resolve(readKeyPair(tlsCert, tlsKey).pair);
  return { certFile: tlsCert, keyFile: tlsKey, selfSigned: false, pair: await reload(), reload };
}

/**
 * Serves `handler` over HTTPS with `tls`'s certificate, or over plain HTTP without it. `reloadTls`
 * reads the certificate again and uses it for new connections; open ones keep theirs, and a pair
 * that fails its checks leaves the running one in place.
 */
export function serveHttp(
  tls: ServerTls | undefined,
  handler: RequestListener,
): { server: Server; reloadTls(): Promise<void> } {
  if (!tls) return { server: createHttpServer(handler), reloadTls: () => Promise.resolve() };
  const server = createHttpsServer({ ...tls.pair, minVersion: 'TLSv1.2' }, handler);
  return {
    server,
    async reloadTls() {
      const next = await tls.reload();
      server.setSecureContext({ ...next, minVersion: 'TLSv1.2' });
    },
  };
}

/** Reads a PEM certificate and key and checks that the key is the certificate's; clear errors otherwise. */
export function readKeyPair(
  certFile: string,
  keyFile: string,
): { pair: TlsKeyPair; certificate: X509Certificate } {
  const cert = readPem(certFile, 'certificate');
  const key = readPem(keyFile, 'private key');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (err) {
    throw new TlsConfigError(`TLS: ${certFile} does not hold a PEM certificate (${message(err)})`, {
      cause: err,
    });
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch (err) {
    throw new TlsConfigError(
      `TLS: ${keyFile} does not hold an unencrypted PEM private key (${message(err)})`,
      {
        cause: err,
      },
    );
  }
  if (!certificate.checkPrivateKey(keyObject))
    throw new TlsConfigError(
      `TLS: the private key in ${keyFile} does not match the certificate in ${certFile}`,
    );
  return { pair: { cert, key }, certificate };
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TlsConfigError(`TLS: cannot read the ${what} file ${file} (${message(err)})`, { cause: err });
  }
}

/** The self-signed pair in the data directory, generated when missing, unreadable, near its end or not for `host`. */
async function selfSignedKeyPair(
  config: TlsConfig,
  certFile: string,
  keyFile: string,
  now: Date,
): Promise<TlsKeyPair> {
  const names = subjectNames(config.host);
  try {
    const { pair, certificate } = readKeyPair(certFile, keyFile);
    const current = Date.parse(certificate.validTo) - RENEW_BEFORE_MS > now.getTime();
    const covers =
      names.ips.every((ip) => certificate.checkIP(ip) !== undefined) &&
      names.dns.every((dns) => certificate.checkHost(dns) !== undefined);
    if (current && covers) return pair;
  } catch {
    // missing or broken: generate a new one below
  }
  ensureDataDir(config.dataDir);
  const notAfterDate = new Date(now.getTime() + SELF_SIGNED_DAYS * 24 * 3600 * 1000);
  const generated = await generate([{ name: 'commonName', value: names.dns[0] ?? 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  // the key first, so a certificate is never there without its key; each replaced whole
  writeReplacing(keyFile, generated.private, 0o600);
  writeReplacing(certFile, generated.cert, 0o644);
  return { cert: generated.cert, key: generated.private };
}

/** The names a self-signed certificate covers: localhost, 127.0.0.1 and ::1, and the listen host. */
function subjectNames(host: string): { dns: string[]; ips: string[] } {
  const dns = ['localhost'];
  const ips = ['127.0.0.1', '::1'];
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === '0.0.0.0' || bare === '::') {
    // listening everywhere: the machine's own name is the likeliest one clients use
    const own = hostname();
    if (own && !dns.includes(own)) dns.push(own);
  } else if (isIP(bare)) {
    if (!ips.includes(bare)) ips.push(bare);
  } else if (bare && !dns.includes(bare)) dns.unshift(bare);
  return { dns, ips };
}

function writeReplacing(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, text, { mode, flag: 'wx' });
  chmodSync(tmp, mode); // exact whatever the umask
  renameSync(tmp, file);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
