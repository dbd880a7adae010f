import RedisMock from 'ioredis-mock';
import { CliSession } from '../engine/cli-session.ts';
import { ManualClock } from '../engine/clock.ts';
import { Engine } from '../engine/engine.ts';
import { LuaVm } from '../engine/scripting/lua-vm.ts';
import { header, type Rate, rate, rateAsync, type Spread, spread, spreadLine } from './bench-stats.ts';
import { SystemClock } from './system-clock.ts';

/**
 * `npm run bench`: throughput of the engine against ioredis-mock on the same PSETEX/GET/PTTL mix in
 * this process (the argv path, the console's text path, the peer, taking turns in each round so that
 * the machine's load falls on all three alike), the speed of redis.call in one EVAL loop, and how
 * fast the active cycle reclaims a million keys that expire together.
 * Not a test: it prints min / median / max over the runs (the README reports them) and the ratios of
 * the medians last.
 */

const KEYS = 10_000;
const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const EVAL_CALLS = Number(process.env.BENCH_EVAL_CALLS ?? 200_000);
const BATCH = 1000;

function mix(i: number): string[] {
  const key = `key:${i % KEYS}`;
  switch (i % 3) {
    case 0:
      return ['PSETEX', key, '60000', 'value'];
    case 1:
      return ['GET', key];
    default:
      return ['PTTL', key];
  }
}

const ARGV = Array.from({ length: KEYS * 3 }, (_, i) => mix(i));
const LINES = ARGV.map((a) => a.join(' '));

interface Peer {
  readonly label: string;
  readonly batch: (from: number) => void | Promise<void>;
  readonly async?: boolean;
}

function peers(): Peer[] {
  const engine = new Engine({ clock: new SystemClock() });
  const client = engine.createClient();
  const session = new CliSession(new Engine({ clock: new SystemClock() }));
  const mock = new RedisMock();
  return [
    {
      label: 'engine, argv in → reply out',
      batch: (from) => {
        for (let j = 0; j < BATCH; j++) engine.execute(client, ARGV[(from + j) % ARGV.length] as string[]);
      },
    },
    {
      label: 'engine, text line → tokenize → run → format',
      batch: (from) => {
        for (let j = 0; j < BATCH; j++) session.runLine(LINES[(from + j) % LINES.length] as string);
      },
    },
    {
      label: 'ioredis-mock, same mix',
      async: true,
      batch: async (from) => {
        for (let j = 0; j < BATCH; j++) {
          const [cmd, key, a, b] = ARGV[(from + j) % ARGV.length] as [string, string, string, string];
          if (cmd === 'PSETEX') await mock.psetex(key, Number(a), b);
          else if (cmd === 'GET') await mock.get(key);
          else await mock.pttl(key);
        }
      },
    },
  ];
}

async function runOnce(peer: Peer, ms: number, from: number): Promise<Rate> {
  if (peer.async) return rateAsync(ms, BATCH, peer.batch as (from: number) => Promise<void>, from);
  return rate(ms, BATCH, peer.batch as (from: number) => void, from);
}

/**
 * Rounds of the three peers in turn, after a warm-up of each (two runs' worth: on a loaded machine
 * the optimising compiler's thread gets little time, and a short warm-up leaves the first rounds
 * half-compiled); the runs of each peer.
 */
async function throughput(): Promise<Figures[]> {
  const all = peers();
  for (const peer of all) await runOnce(peer, 2 * DURATION_MS, 0);
  const runs: Rate[][] = all.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, peer] of all.entries()) runs[i]?.push(await runOnce(peer, DURATION_MS, round * 1_000_000));
  }
  return runs.map((r) => ({ wall: spread(r.map((x) => x.wall)), cpu: spread(r.map((x) => x.cpu)) }));
}

interface Figures {
  readonly wall: Spread;
  readonly cpu: Spread;
}

/** redis.call per second in one EVAL creating EVAL_CALLS keys (FLUSHALL between runs; one warm-up). */
function evalLoop(): Figures {
  const engine = new Engine({ clock: new ManualClock(1_700_000_000_000), scripting: () => new LuaVm() });
  const client = engine.createClient();
  const script = `for i=1,${EVAL_CALLS} do redis.call('SET','k'..i,i) end`;
  const runs: Rate[] = [];
  for (let run = 0; run <= RUNS; run++) {
    engine.execute(client, ['FLUSHALL']);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const reply = engine.execute(client, ['EVAL', script, '0']);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (reply.t !== 'nil') throw new Error(`EVAL loop: ${JSON.stringify(reply)}`);
    const cpuS = (used.user + used.system) / 1e6;
    if (run > 0) runs.push({ wall: EVAL_CALLS / (ms / 1000), cpu: EVAL_CALLS / cpuS });
  }
  return { wall: spread(runs.map((r) => r.wall)), cpu: spread(runs.map((r) => r.cpu)) };
}

/** One reclaim run: simulated seconds, slow and fast cycles, CPU ms and wall ms of the cycles. */
function reclaimMillion(): { simulatedS: number; slow: number; fast: number; cpuMs: number; wallMs: number } {
  const clock = new ManualClock(1_700_000_000_000);
  const engine = new Engine({ clock });
  const client = engine.createClient();
  engine.execute(client, ['CONFIG', 'SET', 'maxmemory', '0']);
  const n = 1_000_000;
  for (let i = 0; i < n; i++) engine.execute(client, ['PSETEX', `k:${i}`, '1000', 'v']);
  clock.advance(1001);
  const period = 1000 / engine.config.hz;
  let slow = 0;
  let fast = 0;
  const simStart = clock.now();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  while (engine.ks.db(0).dict.size > 0) {
    engine.runExpiryCycle('slow');
    slow++;
    // beforeSleep after the cron's event-loop turn: the fast cycle, which only runs after a slow
    // cycle that hit its time limit.
    if (!engine.runExpiryCycle('fast').skipped) fast++;
    clock.advance(period);
  }
  const used = process.cpuUsage(cpu);
  return {
    simulatedS: (clock.now() - simStart) / 1000,
    slow,
    fast,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - wall,
  };
}

function reclaimLine(): string {
  let best: ReturnType<typeof reclaimMillion> | undefined;
  for (let run = 0; run < 3; run++) {
    const r = reclaimMillion();
    if (!best || r.cpuMs < best.cpuMs) best = r;
  }
  const b = best as ReturnType<typeof reclaimMillion>;
  return (
    `reclaim 1,000,000 keys expiring together (best of 3): ${b.simulatedS.toFixed(1)} s simulated, ` +
    `${b.slow} slow + ${b.fast} fast cycles, ${b.cpuMs.toFixed(0)} ms CPU (${b.wallMs.toFixed(0)} ms wall)`
  );
}

async function main(): Promise<void> {
  console.log(
    `Node ${process.version}, ${RUNS} rounds of ${DURATION_MS} ms per measurement, PSETEX/GET/PTTL over ${KEYS} keys\n`,
  );
  console.log(header());
  const [argv, text, mock] = (await throughput()) as [Figures, Figures, Figures];
  console.log(spreadLine('engine, argv in → reply out', argv.wall, 'ops/s', argv.cpu));
  console.log(spreadLine('engine, text line → tokenize → run → format', text.wall, 'lines/s', text.cpu));
  console.log(spreadLine('ioredis-mock, same mix', mock.wall, 'ops/s', mock.cpu));
  const evals = evalLoop();
  const evalLabel = `EVAL loop, ${EVAL_CALLS.toLocaleString('en-US')} × redis.call('SET')`;
  console.log(spreadLine(evalLabel, evals.wall, 'calls/s', evals.cpu));
  console.log('');
  console.log(reclaimLine());
  const perRound = argv.wall.runs.map((a, i) => a / (mock.wall.runs[i] as number));
  const low = Math.min(...perRound).toFixed(1);
  const high = Math.max(...perRound).toFixed(1);
  const cpuRatio = (a: Figures, b: Figures): string => (a.cpu.median / b.cpu.median).toFixed(2);
  console.log(
    `text vs argv (medians): ${(text.wall.median / argv.wall.median).toFixed(2)} (per CPU s: ${cpuRatio(text, argv)})`,
  );
  console.log(
    `engine vs ioredis-mock (medians): ${(argv.wall.median / mock.wall.median).toFixed(1)}x ` +
      `(rounds: ${low}–${high}x; per CPU s: ${cpuRatio(argv, mock)}x)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
