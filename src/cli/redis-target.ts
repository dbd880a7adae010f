import { isIP } from 'node:net';

/**
 * A server named on the command line as `redis://[user[:password]@]host[:port][/db]`. The password
 * is kept for AUTH and never printed: `display` masks it.
 */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly db: number | null;
  readonly username: string | null;
  readonly password: string | null;
  /** The address with the password masked, for messages. */
  readonly display: string;
  readonly loopback: boolean;
}

export function parseRedisTarget(text: string): RedisTarget | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a redis:// address: ${maskPassword(text)}`;
  }
  if (url.protocol !== 'redis:') return `only redis:// addresses are supported (not ${url.protocol}//)`;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return 'the address has no host';
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? null : Number(dbText);
  if (db !== null && !(Number.isInteger(db) && db >= 0)) return `not a database number: ${dbText}`;
  const username = url.username ? decodeURIComponent(url.username) : null;
  const password = url.password ? decodeURIComponent(url.password) : null;
  const auth = username || password ? `${username ?? ''}${password ? ':***' : ''}@` : '';
  return {
    host,
    port,
    db,
    username,
    password,
    display: `redis://${auth}${url.host}${db === null ? '' : `/${db}`}`,
    loopback: isLoopback(host),
  };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Hides a password in text that failed to parse as a URL. */
function maskPassword(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
