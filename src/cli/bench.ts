import RedisMock from 'ioredis-mock';
import { CliSession } from '../engine/cli-session.ts';
import { ManualClock } from '../engine/clock.ts';
import { Engine } from '../engine/engine.ts';
import { LuaVm } from '../engine/scripting/lua-vm.ts';
import {
  deviation,
  header,
  type Rate,
  rate,
  rateAsync,
  type Spread,
  spread,
  spreadLine,
} from './bench-stats.ts';
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
/** How long a peer runs before the next takes its turn, within a round. */
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 50);

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

/** One peer's share of a round: its operations, and the wall and CPU time they took. */
interface Tally {
  ops: number;
  wallMs: number;
  cpuUs: number;
}

/** Runs a peer for one slice of `ms` and adds what it did to its tally. */
async function runSlice(peer: Peer, ms: number, from: number, tally: Tally): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const r = peer.async
    ? await rateAsync(ms, BATCH, peer.batch as (from: number) => Promise<void>, from)
    : rate(ms, BATCH, peer.batch as (from: number) => void, from);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  tally.ops += r.ops;
  tally.wallMs += wallMs;
  tally.cpuUs += used.user + used.system;
}

/**
 * Rounds of the three peers, after a warm-up of each (two runs' worth: on a loaded machine the
 * optimising compiler's thread gets little time, and a short warm-up leaves the first rounds
 * half-compiled). Within a round the peers take turns in short slices, the first one rotating:
 * this machine (a VM on shared cores) has slow and fast phases lasting seconds, and slices this
 * short put every peer in the same phases, so their ratio holds while their own figures swing.
 */
async function throughput(): Promise<Figures[]> {
  const all = peers();
  for (const peer of all) await runSlice(peer, 2 * DURATION_MS, 0, { ops: 0, wallMs: 0, cpuUs: 0 });
  const runs: Rate[][] = all.map(() => []);
  const slices = Math.max(1, Math.round(DURATION_MS / SLICE_MS));
  for (let round = 0; round < RUNS; round++) {
    const tallies = all.map(() => ({ ops: 0, wallMs: 0, cpuUs: 0 }));
    for (let slice = 0; slice < slices; slice++) {
      for (let k = 0; k < all.length; k++) {
        const i = (slice + k) % all.length;
        const from = round * 1_000_000 + (tallies[i] as Tally).ops;
        await runSlice(all[i] as Peer, DURATION_MS / slices, from, tallies[i] as Tally);
      }
    }
    for (const [i, t] of tallies.entries()) {
      runs[i]?.push({ wall: t.ops / (t.wallMs / 1000), cpu: t.ops / (t.cpuUs / 1e6), ops: t.ops });
    }
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
    if (run > 0) runs.push({ wall: EVAL_CALLS / (ms / 1000), cpu: EVAL_CALLS / cpuS, ops: EVAL_CALLS });
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
  const textRounds = spread(text.wall.runs.map((t, i) => t / (argv.wall.runs[i] as number)));
  const mockRounds = spread(argv.wall.runs.map((a, i) => a / (mock.wall.runs[i] as number)));
  const cpuRatio = (a: Figures, b: Figures): string => (a.cpu.median / b.cpu.median).toFixed(2);
  console.log(ratioLine('text vs argv, per round', textRounds, ''));
  console.log(ratioLine('engine vs ioredis-mock, per round', mockRounds, 'x'));
  console.log(
    `text vs argv (medians): ${(text.wall.median / argv.wall.median).toFixed(2)} (per CPU s: ${cpuRatio(text, argv)})`,
  );
  console.log(
    `engine vs ioredis-mock (medians): ${(argv.wall.median / mock.wall.median).toFixed(1)}x ` +
      `(per CPU s: ${cpuRatio(argv, mock)}x)`,
  );
}

/** A ratio measured in every round: min / median / max and how far the extremes lie from the median. */
function ratioLine(label: string, s: Spread, unit: string): string {
  const f = (n: number) => `${n.toFixed(2)}${unit}`;
  return `${label}: min ${f(s.min)}, median ${f(s.median)}, max ${f(s.max)} (±${deviation(s).toFixed(0)} %)`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
