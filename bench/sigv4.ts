// SigV4 verification benchmark: CPU time per verified request on the verify path (parse, clock and
// scope checks, canonical request, string to sign, HMAC), for requests as the AWS SDK signs them,
// with our canonicalisation and, as the peer in the same run, @smithy/signature-v4's.
// Run: node --import tsx bench/sigv4.ts
import { cpus, loadavg } from 'node:os';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  canonicalFor,
  parseAuthorization,
  verifySigV4,
  type SignedRequest,
} from '../src/authn/sigv4/index.ts';
import { hmacSha256, sha256Hex } from '../src/authn/sigv4/node-sha256.ts';
import { ALGORITHM } from '../src/authn/sigv4/parse-authorization.ts';
import { payloadHashFor } from '../src/authn/sigv4/payload-hash.ts';
import { SigningKeyCache } from '../src/authn/sigv4/signing-key-cache.ts';
import { smithyCanonicalRequest } from '../test/support/smithy-canonical.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW = new Date();
const SDK_HEADERS = {
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  'user-agent': 'aws-sdk-js/3.1177.0 ua/2.1 os/linux#6.18 lang/js md/nodejs#20.20.2 api/sts#3.1177.0 m/E',
  'amz-sdk-invocation-id': '8b7d4c2e-1111-2222-3333-444455556666',
  'amz-sdk-request': 'attempt=1; max=1',
};

interface Case {
  name: string;
  req: SignedRequest;
}

async function signed(
  name: string,
  opts: { method: string; path?: string; query?: Record<string, string>; body: string; token?: string },
  presign = false,
): Promise<Case> {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: opts.token ? 'ASIAEXAMPLE000000001' : 'AKIAEXAMPLE000000001',
      secretAccessKey: SECRET,
      ...(opts.token ? { sessionToken: opts.token } : {}),
    },
    region: 'us-east-1',
    service: opts.token ? 'iam' : 'sts',
    sha256: Sha256,
  });
  const request = {
    method: opts.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8777,
    path: opts.path ?? '/',
    query: opts.query ?? {},
    headers: { host: '127.0.0.1:8777', ...SDK_HEADERS, 'content-length': String(opts.body.length) },
    body: opts.body,
  };
  const out = presign
    ? await signer.presign(request, { signingDate: NOW, expiresIn: 900 })
    : await signer.sign(request, { signingDate: NOW });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = String(v);
  const query = new URLSearchParams(out.query as Record<string, string>).toString().replace(/\+/g, '%20');
  return { name, req: { method: out.method, path: out.path, query, headers, body: Buffer.from(opts.body) } };
}

const signingKeys = new SigningKeyCache();

/** The verify path with smithy's canonical request in place of ours: the peer. */
async function verifyWithSmithy(req: SignedRequest): Promise<void> {
  const parsed = parseAuthorization(req);
  const canonical = smithyCanonicalRequest(req, parsed, payloadHashFor(req, false));
  const stringToSign = `${ALGORITHM}\n${parsed.amzDate}\n${parsed.credentialScope}\n${sha256Hex(canonical)}`;
  const key = signingKeys.get(SECRET, parsed);
  // createHmac under the key's bytes, as verifySigV4 did before the pads were kept (src/authn/sigv4/hmac-key.ts)
  if (hmacSha256(key.key, stringToSign).toString('hex') !== parsed.signature) throw new Error('no match');
}

/** Median CPU ns per call over `rounds` rounds of `batch` calls, after a warm-up. */
async function cpuNs(fn: () => unknown, batch: number, rounds = 15): Promise<number> {
  for (let i = 0; i < batch; i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < batch; i++) await fn();
    const used = process.cpuUsage(before);
    samples.push(((used.user + used.system) * 1000) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const lookup = () => ({ secretAccessKey: SECRET });
const TOKEN = 'IQoJb3JpZ2luX2VjE' + 'A'.repeat(700);

const cases: Case[] = [
  await signed('STS GetCallerIdentity, POST form (SDK v3 headers)', {
    method: 'POST',
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  }),
  await signed('IAM ListUsers, POST form, session token', {
    method: 'POST',
    body: 'Action=ListUsers&Version=2010-05-08&MaxItems=100',
    token: TOKEN,
  }),
  await signed(
    'IAM ListUsers, presigned GET (query auth)',
    { method: 'GET', query: { Action: 'ListUsers', Version: '2010-05-08', MaxItems: '100' }, body: '' },
    true,
  ),
];

const load = loadavg()[0]!.toFixed(2);
const rows: string[] = [];
for (const { name, req } of cases) {
  await verifySigV4(req, lookup, NOW); // throws if the case does not verify
  await verifyWithSmithy(req);
  const parsed = parseAuthorization(req);
  const ours = await cpuNs(() => verifySigV4(req, lookup, NOW), 20_000);
  const peer = await cpuNs(() => verifyWithSmithy(req), 20_000);
  const parse = await cpuNs(() => parseAuthorization(req), 20_000);
  const canonical = await cpuNs(() => canonicalFor(req, parsed), 20_000);
  const smithy = await cpuNs(() => smithyCanonicalRequest(req, parsed, payloadHashFor(req, false)), 20_000);
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  rows.push(
    `| ${name} | ${f(ours)} | ${f(peer)} | ${f(parse)} | ${f(canonical)} | ${f(smithy)} | ${(peer / ours).toFixed(1)}× |`,
  );
}

console.log(
  `Measured ${NOW.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node --import tsx bench/sigv4.ts\` on ` +
    `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${load} when ` +
    `the run began, ${loadavg()[0]!.toFixed(2)} when it ended.\n`,
);
console.log(
  '| Request | verify, ns (goal < 5,000) | verify with smithy canonicalisation, ns | of which parse, ns | canonical + string to sign (ours), ns | canonical request (smithy), ns | speed-up |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
