import type { Prepare } from './preparedValue.ts';
import { boundedCache } from '../../cache/boundedCache.ts';

interface Address {
  family: 4 | 6;
  value: bigint;
  /** IPv4 only: the address as an unsigned 32-bit number (cheaper than bigint). */
  v4?: number;
}

interface Cidr extends Address {
  prefix: number;
  /** IPv4 only: the network mask as an unsigned 32-bit number. */
  mask?: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s;
  // A trailing dotted quad (::ffff:192.0.2.1) counts as the last two groups.
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    const prefix = text.slice(0, lastColon + 1);
    text = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string | undefined) => (h === undefined || h === '' ? [] : h.split(':'));
  const head = group(halves[0]);
  const back = group(halves[1]);
  const groups: bigint[] = [];
  for (const g of [...head, ...back]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  }
  const given = head.length + back.length + tail.length;
  if (halves.length === 1 && given !== 8) return undefined;
  if (halves.length === 2 && given > 7) return undefined;
  for (const g of head) groups.push(BigInt(`0x${g}`));
  for (let i = 0; i < 8 - given; i++) groups.push(0n);
  for (const g of back) groups.push(BigInt(`0x${g}`));
  groups.push(...tail);
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function readAddress(s: string): Address | undefined {
  const t = s.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(t);
  return value === undefined ? undefined : { family: 4, value, v4: Number(value) };
}

/** Request addresses repeat (one caller, many requests): remember the last few thousand. */
const seen = boundedCache<string, Address>('policy.addresses', 4096);

export function parseAddress(s: string): Address | undefined {
  return seen.get(s, readAddress);
}

/** '203.0.113.0/24', '2001:db8::/32', or a bare address (a /32 or /128). */
export function parseCidr(s: string): Cidr | undefined {
  const [addr, prefixText, extra] = s.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const address = parseAddress(addr);
  if (address === undefined) return undefined;
  const max = BITS[address.family];
  let prefix: number = max;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
    prefix = Number(prefixText);
  }
  const cidr: Cidr = { ...address, prefix };
  if (address.family === 4) cidr.mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return cidr;
}

export function cidrContains(cidr: Cidr, address: Address): boolean {
  if (cidr.family !== address.family) return false;
  if (cidr.mask !== undefined && cidr.v4 !== undefined && address.v4 !== undefined) {
    return ((cidr.v4 & cidr.mask) >>> 0) === ((address.v4 & cidr.mask) >>> 0);
  }
  const shift = BigInt(BITS[cidr.family] - cidr.prefix);
  return cidr.value >> shift === address.value >> shift;
}

/** IpAddress / NotIpAddress: is the context address inside the policy's range? */
export const ipAddress: Prepare = (policyValue) => {
  const cidr = parseCidr(policyValue);
  if (cidr === undefined) return { kind: 'invalid', reason: `'${policyValue}' is not an IP address or CIDR range` };
  return {
    kind: 'test',
    test: (cv) => {
      const address = parseAddress(cv);
      return address !== undefined && cidrContains(cidr, address);
    },
  };
};
