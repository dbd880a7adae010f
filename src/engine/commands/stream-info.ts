import { optionName, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NO_SUCH_KEY, ERR_NOT_INTEGER } from '../errors.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, error, int, NIL, type Reply, status } from '../reply.ts';
import { MAX_ID, pelOrder, raxOrder, type Stream, ZERO_ID } from '../stream.ts';
import { subcommandSyntax } from './stream-groups.ts';
import { entryReply, idReply, longLong } from './stream-ids.ts';
import { groupLag, now } from './stream-read.ts';

/** XINFO STREAM [FULL], GROUPS, CONSUMERS and HELP (xinfoCommand). */

const HELP = [
  'XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
  'HELP',
  '    Prints this help.',
];

const cStr = (s: string) => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

/** A map reply as RESP2 sends it: a flat array of name, value. */
const fields = (pairs: [string, Reply][]): Reply => array(pairs.flatMap(([k, v]) => [bulk(k), v]));
const optInt = (v: bigint | null): Reply => (v === null ? NIL : int(v));

function streamInfo(argv: readonly string[], s: Stream): Reply {
  const opts = argv.slice(3);
  let full = false;
  let count = 10n;
  if (opts.length > 0) {
    if ((opts.length !== 1 && opts.length !== 3) || optionName(opts[0] as string) !== 'full') {
      return subcommandSyntax(argv);
    }
    full = true;
    if (opts.length === 3) {
      if (optionName(opts[1] as string) !== 'count') return subcommandSyntax(argv);
      const c = longLong(opts[2] as string);
      if (c === null) return error(ERR_NOT_INTEGER);
      count = c < 0n ? 10n : c;
    }
  }
  const head: [string, Reply][] = [
    ['length', int(s.length)],
    ['radix-tree-keys', int(s.nodes.length)],
    ['radix-tree-nodes', int(s.radixTreeNodes())],
    ['last-generated-id', idReply(s.lastId)],
    ['max-deleted-entry-id', idReply(s.maxDeletedId)],
    ['entries-added', int(s.entriesAdded)],
    ['recorded-first-entry-id', idReply(s.firstId)],
  ];
  if (!full) {
    const first = s.range(ZERO_ID, MAX_ID, false, 1)[0];
    const last = s.range(ZERO_ID, MAX_ID, true, 1)[0];
    return fields([
      ...head,
      ['groups', int(s.groups.size)],
      ['first-entry', first ? entryReply(first) : NIL],
      ['last-entry', last ? entryReply(last) : NIL],
    ]);
  }
  const limit = Number(count);
  const take = <T>(xs: T[]) => (limit > 0 ? xs.slice(0, limit) : xs);
  const groups = raxOrder(s.groups).map(([name, g]) =>
    fields([
      ['name', bulk(name)],
      ['last-delivered-id', idReply(g.lastId)],
      ['entries-read', optInt(g.entriesRead)],
      ['lag', optInt(groupLag(s, g))],
      ['pel-count', int(g.pel.size)],
      [
        'pending',
        array(
          take(pelOrder(g.pel)).map((n) =>
            array([idReply(n.id), bulk(n.consumer?.name ?? ''), int(n.deliveryTime), int(n.deliveryCount)]),
          ),
        ),
      ],
      [
        'consumers',
        array(
          raxOrder(g.consumers).map(([cname, c]) =>
            fields([
              ['name', bulk(cname)],
              ['seen-time', int(c.seenTime)],
              ['pel-count', int(c.pel.size)],
              [
                'pending',
                array(
                  take(pelOrder(c.pel)).map((n) =>
                    array([idReply(n.id), int(n.deliveryTime), int(n.deliveryCount)]),
                  ),
                ),
              ],
            ]),
          ),
        ),
      ],
    ]),
  );
  return fields([
    ...head,
    ['entries', array(s.range(ZERO_ID, MAX_ID, false, limit).map(entryReply))],
    ['groups', array(groups)],
  ]);
}

const xinfo = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sub = optionName(arg(argv, 1));
  if (sub === 'help') return array(HELP.map(status));
  const key = arg(argv, 2);
  const found = ctx.ks.lookupRead(ctx.db, key);
  if (found === undefined) return error(ERR_NO_SUCH_KEY);
  if (found.type !== 'stream') return WRONGTYPE;
  const s = (found as EntryOf<'stream'>).coll;
  if (sub === 'consumers' && argv.length === 4) {
    const g = s.groups.get(arg(argv, 3));
    if (g === undefined) {
      return error(`NOGROUP No such consumer group '${cStr(arg(argv, 3))}' for key name '${cStr(key)}'`);
    }
    const t = now(ctx);
    return array(
      raxOrder(g.consumers).map(([name, c]) =>
        fields([
          ['name', bulk(name)],
          ['pending', int(c.pel.size)],
          ['idle', int(Math.max(0, t - c.seenTime))],
        ]),
      ),
    );
  }
  if (sub === 'groups' && argv.length === 3) {
    return array(
      raxOrder(s.groups).map(([name, g]) =>
        fields([
          ['name', bulk(name)],
          ['consumers', int(g.consumers.size)],
          ['pending', int(g.pel.size)],
          ['last-delivered-id', idReply(g.lastId)],
          ['entries-read', optInt(g.entriesRead)],
          ['lag', optInt(groupLag(s, g))],
        ]),
      ),
    );
  }
  if (sub === 'stream') return streamInfo(argv, s);
  return subcommandSyntax(argv);
};

const sub = (
  name: string,
  arity: number,
  syntax: string,
  summary: string,
  extra: Partial<CommandSpec> = {},
): CommandSpec => ({
  group: 'stream',
  name,
  arity,
  flags: name === 'help' ? ['loading', 'stale'] : ['readonly'],
  keys: name === 'help' ? [0, 0, 0] : [2, 2, 1],
  syntax,
  summary,
  since: name === 'help' ? '5.0.0' : '5.0.0',
  complexity: 'O(1)',
  handler: xinfo,
  ...extra,
});

export const streamInfoCommands: readonly CommandSpec[] = [
  {
    name: 'xinfo',
    group: 'stream',
    arity: -2,
    flags: [],
    keys: [0, 0, 0],
    summary: 'A container for stream introspection commands.',
    syntax: 'XINFO subcommand',
    since: '5.0.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      sub(
        'consumers',
        4,
        'XINFO CONSUMERS key group',
        'Returns a list of the consumers in a consumer group.',
        {
          tips: ['nondeterministic_output'],
          traits: { serverDependent: "idle times are measured on the server's clock" },
        },
      ),
      sub('groups', 3, 'XINFO GROUPS key', 'Returns a list of the consumer groups of a stream.'),
      sub('help', 2, 'XINFO HELP', 'Returns helpful text about the different subcommands.'),
      sub('stream', -3, 'XINFO STREAM key [FULL [COUNT count]]', 'Returns information about a stream.', {
        complexity: 'O(1)',
        traits: {
          serverDependent: "FULL shows delivery and seen times from the server's clock",
          serverDependentWhen: (argv) => argv.slice(3).some((a) => optionName(a) === 'full'),
        },
      }),
    ],
  },
];
