import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness.ts';
import { findRedisServer, type RunningRedis, startRedis } from '../../testing/redis-server.ts';
import { formatReply } from '../format.ts';
import { error, type Reply, status } from '../reply.ts';
import { scriptStopNote } from './limits.ts';
import { LuaVm } from './lua-vm.ts';
import { Rand48 } from './rand48.ts';

/**
 * Where a script meets a limit: Redis 7.0's own (reply nesting, syntax levels), compared with a real
 * redis-server, and the playground's (instructions, memory), which end a script with a documented
 * error and leave the interpreter working.
 */

const nested = (depth: number) => `return ${'{'.repeat(depth)}1${'}'.repeat(depth)}`;
const built = (depth: number) => `local t = 1 for i=1,${depth} do t = {t} end return t`;

const SCRIPTS = [
  nested(18),
  nested(20),
  nested(198),
  nested(199),
  built(7994),
  built(7995),
  built(12_000),
  "local t = {{err='deep'}, {ok='fine'}, 2.5, true, false, 'x'} for i=1,7993 do t = {t} end return t",
];

const bin = findRedisServer();
if (!bin) console.warn('\n[lua limits] redis-server not found: the comparison is SKIPPED.\n');

describe.skipIf(!bin)('deep replies and syntax levels vs redis-server 7.0', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('replies as Redis does, up to and past its limits', async () => {
    const h = new Harness();
    for (const script of SCRIPTS) {
      const argv = ['EVAL', script, '0'];
      const expected = formatReply(await redis.client.send(argv));
      const actual = formatReply(h.engine.execute(h.session.client, argv));
      expect(actual, script.slice(0, 60)).toBe(expected);
    }
  }, 60_000);
});

describe('deep replies', () => {
  it('converts 7,994 levels and puts the stack-limit error in place of what lies deeper', () => {
    const h = new Harness();
    let reply = h.engine.execute(h.session.client, ['EVAL', built(20_000), '0']);
    let depth = 0;
    while (reply.t === 'array') {
      reply = reply.items[0] as Reply;
      depth++;
    }
    expect(depth).toBe(7995);
    expect(reply).toEqual({ t: 'error', s: 'ERR reached lua stack limit' });
    expect(h.run('EVAL "return {{{1}}}" 0')).toBe('1) 1) 1) (integer) 1');
  });
});

describe('the playground limits', () => {
  const server = { call: () => status('OK'), random: new Rand48() };

  it('ends a script that fills its tables with Lua memory error, and runs the next one', () => {
    const vm = new LuaVm({ tableEntryBudget: 50_000 });
    const sha = 'a'.repeat(40);
    expect(vm.compile(sha, 'local t={} for i=1,100000000 do t[i]=i end return #t')).toBeNull();
    const reply = vm.run(sha, [], [], server);
    expect(reply).toEqual({ t: 'error', s: `ERR Error running script f_${sha}, not enough memory ` });
    expect(scriptStopNote(reply)).toMatch(/^The playground stopped this script: it used more memory/);
    // A pcall inside the script does not let it go on growing.
    vm.compile(
      'b'.repeat(40),
      'local t={} pcall(function() for i=1,100000 do t[i]=i end end) t[#t+1]=1 return #t',
    );
    expect(vm.run('b'.repeat(40), [], [], server).t).toBe('error');
    // Entries removed again give room back, and tables outside a run are not counted.
    vm.compile(
      'c'.repeat(40),
      'local n=0 for j=1,4 do local t={} for i=1,20000 do t[i]=i end n=n+#t for i=1,20000 do t[i]=nil end end return n',
    );
    expect(vm.run('c'.repeat(40), [], [], server)).toEqual({ t: 'int', n: 80_000 });
  });

  it("does not count the status and error tables a script's redis.call returns and drops", () => {
    const vm = new LuaVm({ tableEntryBudget: 1_000 });
    const calls = {
      call: (argv: readonly string[]) => (argv[0] === 'bad' ? error('ERR no') : status('OK')),
      random: new Rand48(),
    };
    vm.compile('d'.repeat(40), "for i=1,5000 do redis.call('SET','k',i) redis.pcall('bad') end return 1");
    expect(vm.run('d'.repeat(40), [], [], calls)).toEqual({ t: 'int', n: 1 });
    // Kept in a table of the script's own, they still count.
    vm.compile('e'.repeat(40), "local t={} for i=1,5000 do t[i]=redis.call('SET','k',i) end return #t");
    expect(vm.run('e'.repeat(40), [], [], calls).t).toBe('error');
  });

  it('refuses a string past the limit as it is made: by concatenation, or by string.rep before it builds', () => {
    const vm = new LuaVm({ stringLimit: 1024 * 1024 });
    const memory = (sha: string) => ({
      t: 'error',
      s: `ERR Error running script f_${sha}, not enough memory `,
    });
    const doubling = '1'.repeat(40);
    vm.compile(doubling, "local s = 'x' for i=1,40 do s = s .. s end return #s");
    expect(vm.run(doubling, [], [], server)).toEqual(memory(doubling));
    const rep = '2'.repeat(40);
    vm.compile(rep, "return #string.rep('ab', 1000000000)");
    const t = performance.now();
    expect(vm.run(rep, [], [], server)).toEqual(memory(rep));
    expect(performance.now() - t).toBeLessThan(1000);
    // Below the limit, string.rep is the library's, errors and all.
    const small = '3'.repeat(40);
    vm.compile(small, "return {string.rep('ab', 3, '-'), string.rep('x', 0), #string.rep('ab', 1000)}");
    expect(formatReply(vm.run(small, [], [], server))).toBe('1) "ab-ab-ab"\n2) ""\n3) (integer) 2000\n');
    const bad = '4'.repeat(40);
    vm.compile(bad, "return string.rep('ab', 'x')");
    expect(vm.run(bad, [], [], server)).toEqual({
      t: 'error',
      s: `ERR user_script:1: bad argument #2 to 'rep' (number expected, got string) script: ${bad}, on @user_script:1.`,
    });
  });

  it('turns an allocation JavaScript refuses into the same memory error, not "execution failure"', () => {
    const vm = new LuaVm();
    const sha = 'd'.repeat(40);
    vm.compile(sha, "return redis.call('GET', 'k')");
    const refusing = {
      call: () => {
        throw new RangeError('Invalid string length');
      },
      random: new Rand48(),
    };
    expect(vm.run(sha, [], [], refusing)).toEqual({
      t: 'error',
      s: `ERR Error running script f_${sha}, not enough memory `,
    });
    vm.compile('e'.repeat(40), 'return 1 + 1');
    expect(vm.run('e'.repeat(40), [], [], server)).toEqual({ t: 'int', n: 2 });
  });

  it("stops a runaway script with SCRIPT KILL's text, and the console says the budget did it", () => {
    const vm = new LuaVm({ instructionBudget: 100_000 });
    const sha = 'f'.repeat(40);
    vm.compile(sha, 'while true do end');
    const reply = vm.run(sha, [], [], server);
    expect(reply.t === 'error' && reply.s).toBe(
      `ERR Script killed by user with SCRIPT KILL... script: ${sha}, on @user_script:1.`,
    );
    expect(scriptStopNote(reply)).toBe(
      'The playground stopped this script after its budget of 100 million Lua instructions (nobody sent SCRIPT KILL; Redis has no such budget).',
    );
    expect(scriptStopNote({ t: 'array', items: [status('OK'), reply] })).not.toBeNull();
    expect(scriptStopNote({ t: 'error', s: 'ERR Error running script f_x, not enough memory' })).toBeNull();
    expect(scriptStopNote(status('OK'))).toBeNull();
  });
});
