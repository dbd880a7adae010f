import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../engine/reply.ts';
import { createCommandTable, specFor } from '../engine/table.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import {
  absoluteDeadlineKey,
  blockingTimeout,
  isKnownReadOnly,
  isRandomPick,
  MISSING,
  randomlyChangedKey,
  readsTtl,
  replyShape,
  unreproducibleReason,
  unsupportedReason,
} from './command-traits.ts';

/**
 * The runner's command facts: the engine's come from its table, the rest from MISSING, which is
 * checked here against Redis 7.0's own COMMAND INFO and COMMAND DOCS.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('command traits', 'the traits of commands the playground lacks');

const argvOf = (line: string) => line.split(' ');

describe('command traits for the docs runner', () => {
  it('reads the engine commands from their specs', () => {
    expect(replyShape(argvOf('SMEMBERS s'))).toBe('set');
    expect(replyShape(argvOf('hgetall h'))).toBe('pairs');
    expect(replyShape(argvOf('ZSCAN z 0'))).toBe('scan-pairs');
    expect(replyShape(argvOf('SORT s BY nosort'))).toBe('set');
    expect(replyShape(argvOf('SORT s BY w_*'))).toBe('ordered');
    expect(replyShape(argvOf('LRANGE l 0 -1'))).toBe('ordered');
    expect(isRandomPick(argvOf('SRANDMEMBER s'))).toBe(true);
    expect(isRandomPick(argvOf('ZRANDMEMBER z'))).toBe(true);
    expect(randomlyChangedKey(argvOf('SPOP s 2'))).toBe('s');
    expect(randomlyChangedKey(argvOf('SRANDMEMBER s 2'))).toBeNull();
    expect(unreproducibleReason(argvOf('TIME'))).toMatch(/clock/);
    expect(readsTtl(argvOf('PEXPIRETIME k'))).toBe(true);
    expect(absoluteDeadlineKey(argvOf('SET k v EXAT 4000000000'))).toBe('k');
    expect(absoluteDeadlineKey(argvOf('SET k v EX 10'))).toBeNull();
    expect(isKnownReadOnly(argvOf('ZSCORE z m'))).toBe(true);
  });

  it('reads the commands the engine lacks from MISSING', () => {
    expect(unreproducibleReason(argvOf('OBJECT FREQ k'))).toBe('OBJECT FREQ depends on server timing');
    expect(isKnownReadOnly(argvOf('MEMORY USAGE k'))).toBe(true);
    expect(isKnownReadOnly(argvOf('CLIENT LIST'))).toBe(false);
    expect(blockingTimeout(argvOf('BLPOP a b 5'))).toEqual({ index: 3, unitMs: 1000 });
    expect(blockingTimeout(argvOf('BZMPOP 1 1 z MIN'))).toEqual({ index: 1, unitMs: 1000 });
    expect(blockingTimeout(argvOf('XREAD COUNT 2 BLOCK 500 STREAMS s $'))).toEqual({ index: 4, unitMs: 1 });
    expect(blockingTimeout(argvOf('XREAD STREAMS block 0'))).toBeNull();
    expect(unsupportedReason(argvOf('HGETDEL h FIELDS 1 f'))).toBe('HGETDEL is newer than Redis 7.0');
    expect(unsupportedReason(argvOf('hexpire h 10 FIELDS 1 f'))).toBe(
      'HEXPIRE is a Redis 7.4 and Dragonfly command, and the page runs as Redis 7.0: give it `compat: redis-7.4` in its front matter, or replay it with --compat redis-7.4',
    );
    expect(unsupportedReason(argvOf('HSETEX h 10 f v'), 'redis-7.4')).toMatch(
      /^HSETEX is a Dragonfly command, and the page runs as Redis 7\.4: /,
    );
    expect(unsupportedReason(argvOf('LCS a b'))).toBe(
      "LCS is not implemented by the playground's engine yet",
    );
  });

  it('keeps in MISSING only what the engine lacks', () => {
    const table = createCommandTable();
    for (const name of Object.keys(MISSING)) {
      expect(specFor(table, name.split('|')), name).toBeUndefined();
    }
  });
});

function texts(r: Reply | undefined): string[] {
  return r?.t === 'array' ? r.items.map((x) => (x.t === 'bulk' || x.t === 'status' ? x.s : '?')) : [];
}

describe.skipIf(!bin)('MISSING against redis-server', () => {
  let redis: RunningRedis;

  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });

  afterAll(async () => {
    await redis?.stop();
  });

  /** COMMAND INFO's entry for a command and, for a container, each of its subcommands. */
  async function info(name: string): Promise<Reply[] | null> {
    const r = await redis.client.send(['COMMAND', 'INFO', name]);
    const entry = r.t === 'array' ? r.items[0] : undefined;
    if (entry?.t !== 'array') return null;
    const subs = entry.items[9];
    return [entry, ...(subs?.t === 'array' ? subs.items : [])];
  }

  /** The names of a command's top-level arguments (COMMAND DOCS). */
  async function argumentNames(name: string): Promise<string[]> {
    const r = await redis.client.send(['COMMAND', 'DOCS', name]);
    const fields = r.t === 'array' && r.items[1]?.t === 'array' ? r.items[1].items : [];
    const at = fields.findIndex((f) => f.t === 'bulk' && f.s === 'arguments');
    const args = fields[at + 1];
    if (args?.t !== 'array') return [];
    return args.items.map((a) => {
      const kv = a.t === 'array' ? a.items : [];
      const i = kv.findIndex((f) => f.t === 'bulk' && f.s === 'name');
      const v = kv[i + 1];
      return v?.t === 'bulk' ? v.s : '?';
    });
  }

  it('agrees with Redis 7.0 on existence, writes, randomness and blocking', async () => {
    for (const [name, m] of Object.entries(MISSING)) {
      const entries = await info(name);
      if (m.origin !== undefined) {
        expect(entries, `${name} is not a Redis 7.0 command`).toBeNull();
        continue;
      }
      expect(entries, `${name} is a Redis 7.0 command`).not.toBeNull();
      const [entry, ...subs] = entries ?? [];
      const flags = texts(entry?.t === 'array' ? entry.items[2] : undefined);
      const tips = texts(entry?.t === 'array' ? entry.items[7] : undefined);
      if (m.readonly) {
        // Read-only for the runner: neither it nor any of its subcommands may write a key.
        for (const e of [entry, ...subs]) {
          expect(texts(e?.t === 'array' ? e.items[2] : undefined), name).not.toContain('write');
        }
      }
      if (m.random) expect(tips, name).toContain('nondeterministic_output');
      expect(flags.includes('blocking'), `${name} blocks`).toBe(m.timeoutArg !== undefined);
      if (m.timeoutArg !== undefined) {
        const args = await argumentNames(name);
        const timeout = m.timeoutArg < 0 ? args[args.length + m.timeoutArg] : args[m.timeoutArg - 1];
        expect(timeout, `${name}'s timeout argument`).toBe('timeout');
      }
    }
  });
});
