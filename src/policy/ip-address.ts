// Owns IPv4 and IPv6 addresses and CIDR ranges for the IpAddress / NotIpAddress operators.
// An address without a prefix is a /32 (IPv4) or /128 (IPv6) range, as AWS documents.

export interface IpRange {
  readonly v6: boolean;
  readonly base: bigint;
  readonly prefix: number;
}

export interface IpAddressValue {
  readonly v6: boolean;
  readonly value: bigint;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
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
    return v === undefined ? undefined : { v6: true, value: v };
  }
  const v = parseV4(t);
  return v === undefined ? undefined : { v6: false, value: v };
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
  return { v6: addr.v6, base: (addr.value >> shift) << shift, prefix };
}

export function rangeContains(range: IpRange, addr: IpAddressValue): boolean {
  if (range.v6 !== addr.v6) return false;
  const shift = BigInt((range.v6 ? 128 : 32) - range.prefix);
  return (addr.value >> shift) << shift === range.base;
}
