import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` is how an IPv4 peer looks on a dual-stack socket; budgets and lists use `10.0.0.1`. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Parses TRUST_PROXY's entries (addresses or CIDRs); a wrong entry stops the server rather than trust too much. */
export function trustList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    if (!isIP(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range.`);
    if (bits === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(bits), family(address));
  }
  return list;
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy. Then X-Forwarded-For is
 * read from its right end (the hop nearest to us), skipping trusted proxies, and the first other address
 * is the client. Anything left of it was written by the client and could be made up.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string {
  let address = peer ? plain(peer) : 'unknown';
  if (!forwardedFor || !isIP(address) || !trusted.check(address, family(address))) return address;
  const hops = forwardedFor
    .split(',')
    .map((h) => plain(h.trim()))
    .reverse();
  for (const hop of hops) {
    if (!isIP(hop)) break;
    address = hop;
    if (!trusted.check(hop, family(hop))) break;
  }
  return address;
}
