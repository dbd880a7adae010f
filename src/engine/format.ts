import type { Reply } from './reply.ts';

/**
 * redis-cli's terminal (`--no-raw`) rendering of a reply, byte for byte: `(integer) n`, `(nil)`,
 * `(error) ...`, quoted and escaped bulk strings, `(empty array)`, numbered arrays whose index is
 * right-aligned to the widest index and whose nested children are indented under their parent.
 * Every line ends with "\n". Bulk bytes stay bytes: escaping makes the result pure ASCII.
 */
export function formatReply(reply: Reply): string {
  // Most replies are one line: no stack of open arrays for them.
  if (reply.t !== 'array' || reply.items.length === 0) return scalarText(reply);
  return formatWithPrefix(reply, '');
}

/** An array being printed: the next item to print and the indentation of its items' lines. */
interface Open {
  readonly items: readonly Reply[];
  readonly prefix: string;
  readonly width: number;
  next: number;
}

/**
 * Without recursion: a script may return arrays nested thousands deep (Redis converts up to 7,994
 * levels), which would overflow the call stack of a recursive printer.
 */
function formatWithPrefix(reply: Reply, prefix: string): string {
  const out: string[] = [];
  const stack: Open[] = [];
  let current: Reply | null = reply;
  let currentPrefix = prefix;
  for (;;) {
    if (current !== null) {
      if (current.t === 'array' && current.items.length > 0) {
        const width = String(current.items.length).length;
        stack.push({ items: current.items, prefix: currentPrefix, width, next: 0 });
      } else {
        out.push(scalarText(current));
      }
      current = null;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return out.join('');
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    out.push(`${i === 0 ? '' : top.prefix}${String(i + 1).padStart(top.width)}) `);
    current = top.items[i] as Reply;
    currentPrefix = top.prefix + ' '.repeat(top.width + 2);
  }
}

function scalarText(reply: Reply): string {
  switch (reply.t) {
    case 'status':
      return `${reply.s}\n`;
    case 'error':
      return `(error) ${reply.s}\n`;
    case 'int':
      return `(integer) ${reply.n}\n`;
    case 'bulk':
      return `${quoteBytes(reply.s)}\n`;
    case 'nil':
      return '(nil)\n';
    case 'array':
      return '(empty array)\n';
  }
}

/** sdscatrepr: how redis-cli shows a bulk string. */
export function quoteBytes(s: string): string {
  let out = '"';
  let plainStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(plainStart, i) + escapeByte(c);
    plainStart = i + 1;
  }
  return `${out + s.slice(plainStart)}"`;
}

function escapeByte(c: number): string {
  switch (c) {
    case 0x5c:
      return '\\\\';
    case 0x22:
      return '\\"';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    default:
      return `\\x${(c & 0xff).toString(16).padStart(2, '0')}`;
  }
}

/** The commands of which some forms print verbatim (printsVerbatim looks closer). */
const VERBATIM_NAMES = new Set([
  'info',
  'lolwut',
  'debug',
  'memory',
  'cluster',
  'client',
  'latency',
  'proxy',
]);

/**
 * redis-cli prints the replies of INFO and a few diagnostics verbatim (cliSendCommand's output_raw):
 * with its raw formatter and no added delimiter.
 */
export function printsVerbatim(argv: readonly string[], lowerName = argv[0]?.toLowerCase()): boolean {
  const name = lowerName;
  if (name === undefined || !VERBATIM_NAMES.has(name)) return false;
  const sub = argv[1]?.toLowerCase();
  const n = argv.length;
  switch (name) {
    case 'info':
    case 'lolwut':
      return true;
    case 'debug':
      return n >= 2 && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction');
    case 'memory':
      return n >= 2 && (sub === 'malloc-stats' || sub === 'doctor');
    case 'cluster':
      return n === 2 && (sub === 'nodes' || sub === 'info');
    case 'client':
      return n >= 2 && (sub === 'list' || sub === 'info');
    case 'latency':
      return (n === 3 && sub === 'graph') || (n === 2 && sub === 'doctor');
    case 'proxy':
      return n >= 2 && sub === 'info';
    default:
      return false;
  }
}

/** cliFormatReplyRaw: bytes as they are; errors get a newline, nothing else does; arrays join with "\n". */
export function formatRaw(reply: Reply): string {
  switch (reply.t) {
    case 'nil':
      return '';
    case 'error':
      return `${reply.s}\n`;
    case 'status':
    case 'bulk':
      return reply.s;
    case 'int':
      return String(reply.n);
    case 'array':
      return reply.items.map(formatRaw).join('\n');
  }
}

/** What redis-cli prints on a terminal for one command and its reply. */
export function formatForCli(argv: readonly string[], reply: Reply, lowerName?: string): string {
  return printsVerbatim(argv, lowerName ?? argv[0]?.toLowerCase()) ? formatRaw(reply) : formatReply(reply);
}
