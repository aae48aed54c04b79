// Who the client of a request is: the address aws:SourceIp, the audit trail's sourceIPAddress, the
// request log and the per-address rate limit see, and whether it came over TLS (aws:SecureTransport,
// the console's Secure cookies). That is the socket's peer, unless the peer is a trusted proxy
// (TESSERA_TRUSTED_PROXIES): then X-Forwarded-For is read from the right, past every trusted hop, to
// the first address that is not one (a client cannot forge what the proxies appended after it), and
// X-Forwarded-Proto must say https for every hop that set it. From any other peer both headers are
// ignored. Resolved once per request, when the HTTP handler first sees it.
import type { IncomingMessage } from 'node:http';
import { type IpRange, parseIpAddress, parseIpRange, rangeContains } from '../policy/index.ts';

export interface Client {
  address: string;
  secure: boolean;
}

/** The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses and CIDR ranges. */
export class TrustedProxies {
  private readonly ranges: readonly IpRange[];

  /**
   * `entries` as the configuration checked them (src/config/load.ts), read as the IpAddress condition
   * operators read addresses and ranges (src/policy/ip-address.ts).
   */
  constructor(readonly entries: readonly string[]) {
    this.ranges = entries.map(parseIpRange).filter((r): r is IpRange => r !== undefined);
  }

  get none(): boolean {
    return this.ranges.length === 0;
  }

  trusts(address: string): boolean {
    const parsed = parseIpAddress(address);
    return parsed !== undefined && this.ranges.some((range) => rangeContains(range, parsed));
  }
}

const isAddress = (text: string) => parseIpAddress(text) !== undefined;

const resolved = new WeakMap<IncomingMessage, Client>();

/** An IPv4-mapped IPv6 address as IPv4 (as aws:SourceIp compares them). */
function plain(address: string): string {
  if (!address.startsWith('::ffff:')) return address;
  const v4 = address.slice(7);
  return v4.includes('.') && isAddress(v4) ? v4 : address;
}

/** One X-Forwarded-For entry as a bare address: brackets and a port (`[::1]:80`, `1.2.3.4:80`) removed. */
function hopAddress(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return plain(bracketed[1]!);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return plain(withPort ? withPort[1]! : entry);
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function socketSecure(req: IncomingMessage): boolean {
  return 'encrypted' in req.socket && req.socket.encrypted === true;
}

/** Works out the request's client (see the top of this module). */
export function resolveClient(req: IncomingMessage, proxies: TrustedProxies | undefined): Client {
  const peer = plain(req.socket.remoteAddress ?? '');
  const secure = socketSecure(req);
  if (!proxies || proxies.none || !proxies.trusts(peer)) return { address: peer, secure };
  let address = peer;
  const hops = headerList(req.headers['x-forwarded-for']);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i]!);
    // a malformed entry ends the walk: the last address a trusted hop vouched for stands
    if (!isAddress(hop)) break;
    address = hop;
    if (!proxies.trusts(hop)) break;
  }
  const protos = headerList(req.headers['x-forwarded-proto']);
  const forwardedSecure = protos.length > 0 && protos.every((p) => p.toLowerCase() === 'https');
  return { address, secure: secure || forwardedSecure };
}

/** Resolves the request's client and keeps it for the rest of the request. */
export function identifyClient(req: IncomingMessage, proxies: TrustedProxies | undefined): Client {
  const client = resolveClient(req, proxies);
  resolved.set(req, client);
  return client;
}

/** The client's address: as identified, or the socket's peer for a request never identified. */
export function clientAddress(req: IncomingMessage): string {
  return resolved.get(req)?.address ?? plain(req.socket.remoteAddress ?? '');
}

/** Whether the client reached Tessera over TLS (directly, or through trusted proxies that say so). */
export function secureTransport(req: IncomingMessage): boolean {
  return resolved.get(req)?.secure ?? socketSecure(req);
}
