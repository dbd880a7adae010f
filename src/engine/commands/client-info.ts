import type { ClientState, CommandContext } from '../command.ts';

/** CLIENT LIST's and CLIENT INFO's line, which ACL LOG's client-info repeats. */

const argvBytes = (argv: readonly string[]): number => argv.reduce((n, a) => n + a.length, 0);

/** Dict slots (a power of two, at least 4) for `n` entries: pubsubMemOverhead counts them. */
function dictSlots(n: number): number {
  if (n === 0) return 0;
  let slots = 4;
  while (slots < n) slots *= 2;
  return slots;
}

/** getClientMemoryUsage's parts that vary here: subscriptions and watched keys (56 bytes each). */
function stateMemory(c: ClientState): number {
  const dict = (n: number) => n * 24 + dictSlots(n) * 8;
  return c.patterns.length * 24 + dict(c.channels.size) + dict(c.shardChannels.size) + c.watched.length * 56;
}

/** catClientInfoString's flags, in its order. */
function flagsOf(c: ClientState): string {
  let flags = '';
  if (c.subscriptionCount > 0) flags += 'P';
  if (c.multi !== null) flags += 'x';
  if (c.blocked !== null) flags += 'b';
  if (c.dirtyCas) flags += 'd';
  if (c.closeAfterReply) flags += 'c';
  if (c.noEvict) flags += 'e';
  return flags || 'N';
}

/**
 * One line of CLIENT LIST (catClientInfoString). Buffer sizes have no meaning here and get the
 * values of an idle Redis 7.0 connection; argv-mem, multi-mem and what subscriptions and watched
 * keys add to tot-mem are computed.
 */
export function clientInfoLine(ctx: CommandContext, c: ClientState, argv: readonly string[]): string {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const now = seconds(ctx.clock.now());
  // A blocked client keeps its command's arguments until it is answered.
  const argvMem = c === ctx.client ? argvBytes(argv) : c.blocked ? argvBytes(c.blocked.argv) : 0;
  // queueMultiCommand counts each queued command's bytes plus a pointer per argument.
  const multiMem = (c.multi ?? []).reduce((n, q) => n + argvBytes(q.argv) + 8 * q.argv.length, 0);
  const totMem = 37648 + argvMem + multiMem + stateMemory(c);
  const { addr, laddr, fd } = c.endpoint;
  return (
    `id=${c.id} addr=${addr} laddr=${laddr} fd=${fd} name=${c.name} age=${now - seconds(c.createdAt)} ` +
    `idle=${now - seconds(c.lastInteraction)} flags=${flagsOf(c)} db=${c.db} sub=${c.channels.size} ` +
    `psub=${c.patterns.length} ssub=${c.shardChannels.size} ` +
    `multi=${c.multi === null ? -1 : c.multi.length} qbuf=0 qbuf-free=20474 argv-mem=${argvMem} ` +
    `multi-mem=${multiMem} rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=${totMem} ` +
    `events=r cmd=${c.lastCommand} user=default redir=-1 resp=${c.resp}\n`
  );
}
