import { ALL_KEYS, helpReply, NO_KEYS, subcommandSyntaxError } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec, type Handler } from '../command.ts';
import type { ChannelKind } from '../pubsub.ts';
import { array, bulk, bulkArray, error, int, NO_REPLY, type NoReply, type Reply } from '../reply.ts';

/**
 * Pub/sub (pubsub.c): SUBSCRIBE and friends answer with one confirmation per channel, sent as pushes
 * through the client's sink (RESP3 `>`); inside EXEC they are the transaction's reply instead.
 * PUBLISH answers the number of receivers. Keyspace notifications are published by the engine.
 */

/**
 * The confirmations of one (un)subscribe command, as pushes. Inside EXEC the first is the queued
 * command's reply and the rest go right after it, inside EXEC's array (where Redis writes them too,
 * which desynchronises the client); a client without a sink keeps only the first.
 */
function confirm(ctx: CommandContext, replies: readonly Reply[]): Reply | NoReply {
  const sink = ctx.client.sink;
  if (ctx.blocking === 'allowed' && sink) {
    for (const reply of replies) sink.deliver({ reply, push: true });
    return NO_REPLY;
  }
  ctx.client.execExtras?.at(-1)?.push(...replies.slice(1));
  return replies[0] as Reply;
}

const DENIED = {
  subscribe: error("ERR SUBSCRIBE isn't allowed for a DENY BLOCKING client"),
  ssubscribe: error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client"),
  psubscribe: error("ERR PSUBSCRIBE isn't allowed for a DENY BLOCKING client"),
};

const subscribe =
  (kind: ChannelKind): Handler =>
  (ctx, argv) => {
    // Inside EXEC SUBSCRIBE still works (backward compatibility); SSUBSCRIBE does not.
    if (ctx.blocking === 'denied' || (kind === 'shard' && ctx.blocking === 'exec')) {
      return kind === 'shard' ? DENIED.ssubscribe : DENIED.subscribe;
    }
    const { pubsub } = ctx.server;
    return confirm(
      ctx,
      argv.slice(1).map((ch) => pubsub.subscribe(ctx.client, ch, kind)),
    );
  };

const unsubscribe =
  (kind: ChannelKind): Handler =>
  (ctx, argv) => {
    const { pubsub } = ctx.server;
    const replies =
      argv.length === 1
        ? pubsub.unsubscribeAll(ctx.client, kind)
        : argv.slice(1).map((ch) => pubsub.unsubscribe(ctx.client, ch, kind));
    return confirm(ctx, replies);
  };

const psubscribe: Handler = (ctx, argv) => {
  if (ctx.blocking === 'denied') return DENIED.psubscribe;
  const { pubsub } = ctx.server;
  return confirm(
    ctx,
    argv.slice(1).map((p) => pubsub.psubscribe(ctx.client, p)),
  );
};

const punsubscribe: Handler = (ctx, argv) => {
  const { pubsub } = ctx.server;
  const replies =
    argv.length === 1
      ? pubsub.punsubscribeAll(ctx.client)
      : argv.slice(1).map((p) => pubsub.punsubscribe(ctx.client, p));
  return confirm(ctx, replies);
};

const publish =
  (kind: ChannelKind): Handler =>
  (ctx, argv) =>
    int(ctx.server.pubsub.publish(arg(argv, 1), arg(argv, 2), kind));

const channels =
  (kind: ChannelKind): Handler =>
  (ctx, argv) => {
    if (argv.length > 3) return subcommandSyntaxError(argv);
    return bulkArray(ctx.server.pubsub.activeChannels(kind, argv[2]));
  };

const numsub =
  (kind: ChannelKind): Handler =>
  (ctx, argv) => {
    const out: Reply[] = [];
    for (const ch of argv.slice(2)) out.push(bulk(ch), int(ctx.server.pubsub.subscriberCount(ch, kind)));
    return array(out);
  };

const PUBSUB_HELP = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

const ps = { group: 'pubsub', keys: NO_KEYS } as const;
const listening = ['pubsub', 'noscript', 'loading', 'stale'] as const;
const introspection = { ...ps, flags: ['pubsub', 'loading', 'stale'] } as const;

export const pubsubCommands: readonly CommandSpec[] = [
  {
    ...ps,
    name: 'subscribe',
    arity: -2,
    flags: listening,
    summary: 'Listen for messages published to the given channels',
    syntax: 'SUBSCRIBE channel [channel ...]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of channels to subscribe to.',
    handler: subscribe('channel'),
  },
  {
    ...ps,
    name: 'unsubscribe',
    arity: -1,
    flags: listening,
    summary: 'Stop listening for messages posted to the given channels',
    syntax: 'UNSUBSCRIBE [channel [channel ...]]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
    handler: unsubscribe('channel'),
  },
  {
    ...ps,
    name: 'psubscribe',
    arity: -2,
    flags: listening,
    summary: 'Listen for messages published to channels matching the given patterns',
    syntax: 'PSUBSCRIBE pattern [pattern ...]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
    handler: psubscribe,
  },
  {
    ...ps,
    name: 'punsubscribe',
    arity: -1,
    flags: listening,
    summary: 'Stop listening for messages posted to channels matching the given patterns',
    syntax: 'PUNSUBSCRIBE [pattern [pattern ...]]',
    since: '2.0.0',
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
    handler: punsubscribe,
  },
  {
    ...ps,
    name: 'publish',
    arity: 3,
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    summary: 'Post a message to a channel',
    syntax: 'PUBLISH channel message',
    since: '2.0.0',
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
    handler: publish('channel'),
  },
  {
    ...ps,
    name: 'ssubscribe',
    arity: -2,
    keys: ALL_KEYS,
    flags: listening,
    summary: 'Listen for messages published to the given shard channels',
    syntax: 'SSUBSCRIBE shardchannel [shardchannel ...]',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of shard channels to subscribe to.',
    handler: subscribe('shard'),
  },
  {
    ...ps,
    name: 'sunsubscribe',
    arity: -1,
    keys: ALL_KEYS,
    flags: listening,
    summary: 'Stop listening for messages posted to the given shard channels',
    syntax: 'SUNSUBSCRIBE [shardchannel [shardchannel ...]]',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
    handler: unsubscribe('shard'),
  },
  {
    ...ps,
    name: 'spublish',
    arity: 3,
    keys: [1, 1, 1],
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    summary: 'Post a message to a shard channel',
    syntax: 'SPUBLISH shardchannel message',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
    handler: publish('shard'),
  },
  {
    ...ps,
    name: 'pubsub',
    arity: -2,
    flags: [],
    summary: 'A container for Pub/Sub commands',
    syntax: 'PUBSUB subcommand',
    since: '2.8.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      {
        ...introspection,
        name: 'channels',
        arity: -2,
        summary: 'List active channels',
        syntax: 'PUBSUB CHANNELS [pattern]',
        since: '2.8.0',
        complexity:
          'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
        handler: channels('channel'),
      },
      {
        ...introspection,
        name: 'numsub',
        arity: -2,
        summary: 'Get the count of subscribers for channels',
        syntax: 'PUBSUB NUMSUB [channel [channel ...]]',
        since: '2.8.0',
        complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
        handler: numsub('channel'),
      },
      {
        ...introspection,
        name: 'numpat',
        arity: 2,
        summary: 'Get the count of unique patterns pattern subscriptions',
        syntax: 'PUBSUB NUMPAT',
        since: '2.8.0',
        complexity: 'O(1)',
        handler: (ctx) => int(ctx.server.pubsub.patternCount),
      },
      {
        ...introspection,
        name: 'shardchannels',
        arity: -2,
        summary: 'List active shard channels',
        syntax: 'PUBSUB SHARDCHANNELS [pattern]',
        since: '7.0.0',
        complexity:
          'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
        handler: channels('shard'),
      },
      {
        ...introspection,
        name: 'shardnumsub',
        arity: -2,
        summary: 'Get the count of subscribers for shard channels',
        syntax: 'PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]]',
        since: '7.0.0',
        complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
        handler: numsub('shard'),
      },
      {
        ...ps,
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        summary: 'Show helpful text about the different subcommands',
        syntax: 'PUBSUB HELP',
        since: '6.2.0',
        complexity: 'O(1)',
        handler: (_ctx, argv) => helpReply(argv, PUBSUB_HELP),
      },
    ],
  },
];
