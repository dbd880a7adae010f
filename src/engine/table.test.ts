import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findRedis74,
  findRedisServer,
  type RunningRedis,
  startRedis,
  warnRedis74Missing,
  warnRedisMissing,
} from '../testing/redis-server.ts';
import { ManualClock } from './clock.ts';
import { type CommandSpec, deadlineKind } from './command.ts';
import type { Compat } from './compat.ts';
import { Engine } from './engine.ts';
import { formatReply } from './format.ts';
import { OUT_OF_SCOPE } from './out-of-scope.ts';
import { NIL, type Reply } from './reply.ts';
import { ALL_COMMANDS, createCommandTable, specFor, tableFor } from './table.ts';

/**
 * The command table's facts that Redis itself states (arity, key positions, flags, tips) against
 * the real server's COMMAND INFO, and the playground's traits against the tips they stand on.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('command table', 'the command table against COMMAND INFO');
const bin74 = findRedis74();
if (!bin74) warnRedis74Missing('command table', "the redis-7.4 command table against 7.4.1's COMMAND INFO");

/** Every command and subcommand, by the name COMMAND INFO takes (`container|sub`). */
const withSubcommands = (specs: readonly CommandSpec[]): (readonly [string, CommandSpec])[] =>
  specs.flatMap((s) => [
    [s.name, s] as const,
    ...(s.subcommands ?? []).map((sub) => [`${s.name}|${sub.name}`, sub] as const),
  ]);
const ALL = withSubcommands(ALL_COMMANDS);

interface Info {
  readonly arity: number;
  readonly flags: readonly string[];
  readonly keys: readonly number[];
  readonly tips: readonly string[];
}

function texts(r: Reply | undefined): string[] {
  return r?.t === 'array' ? r.items.map((x) => (x.t === 'bulk' || x.t === 'status' ? x.s : '?')) : [];
}

function parseInfo(r: Reply): Info | null {
  const info = r.t === 'array' ? r.items[0] : undefined;
  if (info?.t !== 'array') return null;
  const num = (i: number) => {
    const x = info.items[i];
    return x?.t === 'int' ? Number(x.n) : Number.NaN;
  };
  return {
    arity: num(1),
    flags: texts(info.items[2]),
    keys: [num(3), num(4), num(5)],
    tips: texts(info.items[7]),
  };
}

/** Tips Redis gives for reasons the playground's comparisons need no trait for. */
const NO_TRAIT_NEEDED: Readonly<Record<string, string>> = {
  // The encoding follows the server's config; the engine reproduces the defaults exactly.
  'object|encoding': 'nondeterministic_output',
  // The running script: always nil to a client, as no other client can be mid-script here.
  'function|stats': 'nondeterministic_output',
};

describe('command traits', () => {
  it('each trait stands on the Redis tip that justifies it', () => {
    for (const [name, spec] of ALL) {
      const tips = spec.tips ?? [];
      const t = spec.traits ?? {};
      const why = `${name}: tips [${tips.join(' ')}]`;
      expect(t.unordered !== undefined, why).toBe(tips.includes('nondeterministic_output_order'));
      // Scans, random picks and TTLs are nondeterministic for Redis too; a server dependence
      // (DEBUG's internals) may be the playground's own finding.
      // Redis gives the hash-field TTL readers (HTTL, HPTTL) no tip, unlike TTL and PTTL.
      const ttl = t.readsExpiry?.absolute === false && !t.readsExpiry.fields;
      const drawn = t.scan !== undefined || t.random === true || ttl;
      if (drawn) expect(tips, why).toContain('nondeterministic_output');
      if (tips.includes('nondeterministic_output')) {
        const explained = drawn || t.serverDependent !== undefined || NO_TRAIT_NEEDED[name] !== undefined;
        expect(explained, why).toBe(true);
      }
    }
  });

  it('tells relative from absolute deadlines by command and option', () => {
    const table = createCommandTable();
    const kind = (line: string) => {
      const argv = line.split(' ');
      const spec = specFor(table, argv);
      return spec ? deadlineKind(spec, argv) : 'unknown';
    };
    expect(kind('EXPIRE k 10')).toBe('relative');
    expect(kind('psetex k 10 v')).toBe('relative');
    expect(kind('PEXPIREAT k 10')).toBe('absolute');
    expect(kind('SET k v NX px 10')).toBe('relative');
    expect(kind('SET k v EXAT 10')).toBe('absolute');
    expect(kind('SET k exat')).toBeNull();
    expect(kind('GETEX k PXAT 10')).toBe('absolute');
    expect(kind('GETEX k PERSIST')).toBeNull();
    expect(kind('GET k')).toBeNull();
  });
});

/** A server's resolved table against the COMMAND INFO of the real one (7.0.x, or the 7.4.1 oracle). */
function againstCommandInfo(compat: Compat, server: string | null): void {
  describe.skipIf(!server)(`the ${compat} command table against COMMAND INFO of its server`, () => {
    let redis: RunningRedis;
    const specs = withSubcommands(tableFor(compat).all());
    const infos = new Map<string, Info | null>();

    beforeAll(async () => {
      redis = await startRedis(server as string);
      for (const [name] of specs)
        infos.set(name, parseInfo(await redis.client.send(['COMMAND', 'INFO', name])));
    });

    afterAll(async () => {
      await redis?.stop();
    });

    it("has the server's arity, key positions, flags and tips for every command", () => {
      for (const [name, spec] of specs) {
        const info = infos.get(name);
        expect(info, `${name} is a ${compat} command`).not.toBeNull();
        expect(
          { arity: spec.arity, keys: [...spec.keys], flags: spec.flags, tips: spec.tips ?? [] },
          name,
        ).toEqual(info);
      }
    });

    it('prints COMMAND INFO flags and tips as the server does', async () => {
      const engine = new Engine({ clock: new ManualClock(), compat });
      const client = engine.createClient();
      const fields = (r: Reply): readonly Reply[] =>
        r.t === 'array' && r.items[0]?.t === 'array' ? r.items[0].items : [];
      for (const name of ['keys', 'scan', 'spop', 'time', 'echo', 'sort', 'zrank', 'httl']) {
        const mine = fields(engine.execute(client, ['COMMAND', 'INFO', name]));
        const real = fields(await redis.client.send(['COMMAND', 'INFO', name]));
        // Name, arity, flags, key positions and tips; the engine has no key specs (the ninth field).
        for (const i of [0, 1, 2, 3, 4, 5, 7]) {
          expect(formatReply(mine[i] ?? NIL), `${name} field ${i + 1}`).toBe(formatReply(real[i] ?? NIL));
        }
      }
    });
  });
}

againstCommandInfo('redis-7.0', bin);
againstCommandInfo('redis-7.4', bin74);

/** Redis 7.0's whole command list, its COMMAND INFO (ACL categories and key specs) and GETKEYS. */
describe.skipIf(!bin)('the redis-7.0 command table against the whole of redis-server 7.0', () => {
  let redis: RunningRedis;
  const table70 = tableFor('redis-7.0').all();
  const ALL70 = withSubcommands(table70);

  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('has every command of COMMAND LIST, or lists it as out of scope with a reason', async () => {
    const listed = texts(await redis.client.send(['COMMAND', 'LIST']));
    expect(listed.length).toBeGreaterThan(300);
    const mine = new Set(ALL70.map(([name]) => name));
    // A container out of scope (PUBSUB) takes its subcommands with it.
    const outside = (name: string) =>
      OUT_OF_SCOPE[name] !== undefined || OUT_OF_SCOPE[name.split('|')[0] as string] !== undefined;
    const missing = listed.filter((name) => !mine.has(name) && !outside(name));
    expect(missing, 'neither in the table nor in out-of-scope.ts').toEqual([]);
    const both = Object.keys(OUT_OF_SCOPE).filter((name) => mine.has(name) || !listed.includes(name));
    expect(both, 'out-of-scope.ts lists a command the table has, or one Redis 7.0.15 lacks').toEqual([]);
    const top = listed.filter((name) => !name.includes('|'));
    const outOfScope = Object.keys(OUT_OF_SCOPE).filter((name) => !name.includes('|'));
    expect(table70.length + outOfScope.length).toBe(top.length);
  });

  it('prints COMMAND INFO as the server does, ACL categories and key specs included', async () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    const fields = (r: Reply): readonly Reply[] =>
      r.t === 'array' && r.items[0]?.t === 'array' ? r.items[0].items : [];
    for (const [name] of ALL70) {
      const mine = fields(engine.execute(client, ['COMMAND', 'INFO', name]));
      const real = fields(await redis.client.send(['COMMAND', 'INFO', name]));
      // All but the subcommands, which the engine has only some of for a few containers (CLIENT…).
      for (let i = 0; i < 9; i++) {
        expect(formatReply(mine[i] ?? NIL), `${name} field ${i + 1}`).toBe(formatReply(real[i] ?? NIL));
      }
    }
  });

  it('extracts keys and their flags as COMMAND GETKEYS and GETKEYSANDFLAGS do', async () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    for (const line of [
      'GET k',
      'MSET a 1 b 2',
      'MGET a b c',
      'SET k v',
      'SET k v GET',
      'BITFIELD k GET u8 0',
      'BITFIELD k SET u8 0 1',
      'LMOVE a b LEFT RIGHT',
      'EVAL x 2 a b c',
      'EVAL x 0',
      'ZUNIONSTORE d 2 a b WEIGHTS 1 2',
      'ZUNIONSTORE d x a',
      'ZUNIONSTORE d 1abc a',
      'ZINTER 2 a b',
      'EVAL x 1x a',
      'SORT k LIMIT 0 1 STORE d STORE e',
      'SORT_RO k STORE d',
      'XREAD COUNT 2 STREAMS a b 0 0',
      'XREADGROUP GROUP g c STREAMS a >',
      'GEORADIUS g 1 1 1 km STORE d',
      'SORT k BY w GET h STORE d',
      'XINFO STREAM k',
      'OBJECT ENCODING k',
      'LMPOP 2 a b LEFT',
      'PING',
      'GET',
      'NOSUCH a',
      'XGROUP CREATE k g 0',
    ]) {
      const argv = line.split(' ');
      for (const sub of ['GETKEYS', 'GETKEYSANDFLAGS']) {
        const q = ['COMMAND', sub, ...argv];
        expect(formatReply(engine.execute(client, q)), q.join(' ')).toBe(
          formatReply(await redis.client.send(q)),
        );
      }
    }
  });
});
