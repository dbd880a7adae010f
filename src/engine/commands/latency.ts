import { helpReply, NO_KEYS } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec, type CommandTip } from '../command.ts';
import { errSubcommandSyntax, errText } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, bulk, EMPTY_ARRAY, error, int, OK, type Reply } from '../reply.ts';

/**
 * LATENCY (latency.c) and SLOWLOG (slowlog.c) on the virtual clock, where a command takes no time:
 * latency monitoring stays off (latency-monitor-threshold 0), so there are no latency events and no
 * slow commands; LATENCY HISTOGRAM counts each command's calls, all in the first bucket (≤ 1 µs).
 */

const LATENCY_HELP = [
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
];

const DOCTOR_DISABLED =
  "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";

/** fillCommandCDF: the calls and the cumulative histogram, every call in the 1 µs bucket. */
const histogramOf = (calls: number): Reply =>
  array([bulk('calls'), int(calls), bulk('histogram_usec'), array([int(1), int(calls)])]);

const latencyHistogram = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const diagnostics = ctx.server.diagnostics;
  const items: Reply[] = [];
  const add = (name: string) => {
    const n = diagnostics.callCount(name);
    if (n !== undefined) items.push(bulk(name), histogramOf(n));
  };
  if (argv.length === 2) {
    for (const name of diagnostics.calledNames()) add(name);
    return array(items);
  }
  for (const name of argv.slice(2)) {
    // lookupCommandBySds: a name or `container|sub`; a container adds its subcommands' figures too.
    const [baseName = '', subName] = name.toLowerCase().split('|');
    const base = ctx.server.table.get(baseName);
    if (base === undefined) continue;
    if (subName !== undefined) {
      if (base.subcommands?.some((s) => s.name === subName)) add(`${base.name}|${subName}`);
      continue;
    }
    add(base.name);
    for (const sub of base.subcommands ?? []) add(`${base.name}|${sub.name}`);
  }
  return array(items);
};

const monitor = (
  name: string,
  arity: number,
  syntax: string,
  summary: string,
  handler: CommandSpec['handler'],
  tips?: readonly CommandTip[],
): CommandSpec => ({
  name,
  arity,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  tips: tips ?? ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
  ...(tips === undefined && { traits: { serverDependent: 'latency events and command timings' } }),
  group: 'server',
  summary,
  syntax,
  since: name === 'histogram' ? '7.0.0' : '2.8.13',
  complexity: 'O(1)',
  keys: NO_KEYS,
  handler,
});

const SLOWLOG_HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

const slowlogGet = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return error(errSubcommandSyntax(argv));
  if (argv.length === 3) {
    const n = parseInt64(arg(argv, 2));
    if (n === null || n < -1) return error(errText('count should be greater than or equal to -1'));
  }
  return EMPTY_ARRAY;
};

const slowlogSub = (
  name: string,
  arity: number,
  syntax: string,
  summary: string,
  tips: readonly CommandTip[],
  handler: CommandSpec['handler'],
): CommandSpec => ({
  name,
  arity,
  flags: ['admin', 'loading', 'stale'],
  tips,
  ...(tips.includes('nondeterministic_output') && { traits: { serverDependent: 'command timings' } }),
  group: 'server',
  summary,
  syntax,
  since: '2.2.12',
  complexity: 'O(1)',
  keys: NO_KEYS,
  handler,
});

const help = (container: string, since: string, lines: readonly string[]): CommandSpec => ({
  name: 'help',
  arity: 2,
  flags: ['loading', 'stale'],
  group: 'server',
  summary: 'Returns helpful text about the different subcommands.',
  syntax: `${container} HELP`,
  since,
  complexity: 'O(1)',
  keys: NO_KEYS,
  handler: (_ctx, argv) => helpReply(argv, lines),
});

export const latencyCommands: readonly CommandSpec[] = [
  {
    name: 'latency',
    arity: -2,
    flags: [],
    group: 'server',
    summary: 'A container for latency diagnostics commands.',
    syntax: 'LATENCY subcommand',
    since: '2.8.13',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    notes:
      'Latency monitoring is off and commands take no time on the virtual clock: no events; HISTOGRAM counts calls, all ≤ 1 µs.',
    subcommands: [
      monitor('doctor', 2, 'LATENCY DOCTOR', 'Returns a human-readable latency analysis report.', () =>
        bulk(DOCTOR_DISABLED),
      ),
      monitor('graph', 3, 'LATENCY GRAPH event', 'Returns a latency graph for an event.', (_ctx, argv) =>
        error(errText(`No samples available for event '${arg(argv, 2).replace(/[\r\n]/g, ' ')}'`)),
      ),
      help('LATENCY', '2.8.13', LATENCY_HELP),
      monitor(
        'histogram',
        -2,
        'LATENCY HISTOGRAM [command [command ...]]',
        'Returns the cumulative distribution of latencies of a subset or all commands.',
        latencyHistogram,
      ),
      monitor(
        'history',
        3,
        'LATENCY HISTORY event',
        'Returns timestamp-latency samples for an event.',
        () => EMPTY_ARRAY,
      ),
      monitor(
        'latest',
        2,
        'LATENCY LATEST',
        'Returns the latest latency samples for all events.',
        () => EMPTY_ARRAY,
      ),
      {
        ...monitor(
          'reset',
          -2,
          'LATENCY RESET [event [event ...]]',
          'Resets the latency data for one or more events.',
          () => int(0),
          ['request_policy:all_nodes', 'response_policy:all_succeeded'],
        ),
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:agg_sum'] } },
      },
    ],
  },
  {
    name: 'slowlog',
    arity: -2,
    flags: [],
    group: 'server',
    summary: 'A container for slow log commands.',
    syntax: 'SLOWLOG subcommand',
    since: '2.2.12',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    notes: 'Empty: on the virtual clock no command runs longer than slowlog-log-slower-than (10 ms).',
    subcommands: [
      slowlogSub(
        'get',
        -2,
        'SLOWLOG GET [count]',
        "Returns the slow log's entries.",
        ['request_policy:all_nodes', 'nondeterministic_output'],
        slowlogGet,
      ),
      help('SLOWLOG', '6.2.0', SLOWLOG_HELP),
      slowlogSub(
        'len',
        2,
        'SLOWLOG LEN',
        'Returns the number of entries in the slow log.',
        ['request_policy:all_nodes', 'response_policy:agg_sum', 'nondeterministic_output'],
        () => int(0),
      ),
      slowlogSub(
        'reset',
        2,
        'SLOWLOG RESET',
        'Clears all entries from the slow log.',
        ['request_policy:all_nodes', 'response_policy:all_succeeded'],
        () => OK,
      ),
    ],
  },
];
