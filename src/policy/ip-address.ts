// Owns IPv4 and IPv6 addresses and CIDR ranges for the IpAddress / NotIpAddress operators.
// An address without a prefix is a /32 (IPv4) or /128 (IPv6) range, as AWS documents.

export interface IpRange {
  readonly v6: boolean;
  readonly base: bigint;
  readonly prefix: number;
  /** IPv4 only: the range as numbers, for a comparison without BigInt. */
  readonly low: number;
  readonly high: number;
}

export interface IpAddressValue {
  readonly v6: boolean;
  /** IPv6 as a BigInt (0n for IPv4). */
  readonly value: bigint;
  /** IPv4 as a number (0 for IPv6). */
  readonly n: number;
}

/** Reads dotted-quad IPv4 without regular expressions or allocation (hot path: aws:SourceIp). */
function parseV4Number(text: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return n * 256 + part;
}

function parseV4(text: string): bigint | undefined {
  const n = parseV4Number(text);
  return n === undefined ? undefined : BigInt(n);
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let v4tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    v4tail = parseV4(text.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groupsOf(halves[0] ?? '');
  const right = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4tail !== undefined) n = (n & ~0xffffffffn) | v4tail;
  return n;
}

/** Parses an address (no prefix). */
export function parseIpAddress(text: string): IpAddressValue | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseV6(t);
    return v === undefined ? undefined : { v6: true, value: v, n: 0 };
  }
  const n = parseV4Number(t);
  return n === undefined ? undefined : { v6: false, value: 0n, n };
}

/** Parses `address[/prefix]`. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return undefined;
  const width = addr.v6 ? 128 : 32;
  let prefix = width;
  if (slash >= 0) {
    const p = text.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > width) return undefined;
  }
  const shift = BigInt(width - prefix);
  const value = addr.v6 ? addr.value : BigInt(addr.n);
  const base = (value >> shift) << shift;
  const size = 2 ** (width - prefix);
  const low = addr.v6 ? 0 : Number(base);
  return { v6: addr.v6, base, prefix, low, high: addr.v6 ? 0 : low + size - 1 };
}

export function rangeContains(range: IpRange, addr: IpAddressValue): boolean {
  if (range.v6 !== addr.v6) return false;
  if (!addr.v6) return addr.n >= range.low && addr.n <= range.high;
  const shift = BigInt((range.v6 ? 128 : 32) - range.prefix);
  return (addr.value >> shift) << shift === range.base;
}
