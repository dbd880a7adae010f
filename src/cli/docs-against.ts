import { readFileSync } from 'node:fs';
import { parseDocPage } from '../docs/page.ts';
import { checkPage, countVerdicts, type PageReport } from '../docs/report.ts';
import type { StepResult } from '../docs/types.ts';
import { type Compat, DEFAULT_COMPAT } from '../engine/compat.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { printReports } from './print-reports.ts';
import { parseRedisTarget, type RedisTarget } from './redis-target.ts';
import { RespClient } from './resp-client.ts';
import { ServerRunner } from './server-runner.ts';

/**
 * `docs check --against redis://…`: the pages replayed on a real server, with the same verdicts as
 * on the playground, and with --compare every step where the playground and the server disagree
 * (how a doc writer finds out whether the page or the emulator is wrong). Loopback only unless
 * --allow-remote; the database it empties is the one the user names; the password is never printed.
 */

export interface AgainstOptions {
  readonly url: string;
  readonly db: number | null;
  readonly wholeServer: boolean;
  readonly compare: boolean;
  readonly allowRemote: boolean;
  readonly carryState: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly maxRealWaitMs: number;
}

/** Expiry settings a page may change: put back as they were when the run ends. */
const RESTORED_SETTINGS = ['hz', 'active-expire-effort'];

export async function checkAgainst(files: readonly string[], o: AgainstOptions): Promise<number> {
  const target = parseRedisTarget(o.url);
  if (typeof target === 'string') return usage(target);
  if (!target.loopback && !o.allowRemote) {
    return usage(`refusing ${target.display}: it is not on this machine (add --allow-remote to run there)`);
  }
  let client: RespClient;
  try {
    client = await RespClient.connect(target.port, target.host);
  } catch (e) {
    return usage(`could not connect to ${target.display}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const refusal = await prepare(client, target, o);
    if (refusal !== null) return usage(refusal);
    const db = o.db ?? target.db ?? 0;
    const saved = await savedSettings(client);
    try {
      const compat = await serverCompat(client);
      return await checkFiles(client, files, o, db, await describe(client, target, db), compat);
    } finally {
      for (const [name, value] of saved) await client.send(['CONFIG', 'SET', name, value]);
    }
  } catch (e) {
    return usage(`${target.display}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    client.close();
  }
}

async function checkFiles(
  client: RespClient,
  files: readonly string[],
  o: AgainstOptions,
  db: number,
  where: string,
  compat: Compat,
): Promise<number> {
  const reports: PageReport[] = [];
  const differences: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const page = parseDocPage(source, file);
    const runner = new ServerRunner(client, {
      db,
      wholeServer: o.wholeServer,
      carryState: o.carryState,
      maxRealWaitMs: o.maxRealWaitMs,
    });
    const results = await runner.runAll(page);
    reports.push({ page, results, counts: countVerdicts(results) });
    if (o.compare) {
      // The playground answers as the server it is compared with (a 7.4 lesson runs as 7.0 on 7.0).
      const local = checkPage(source, file, { carryState: o.carryState, scripting: luaScripting, compat });
      differences.push(...disagreements(file, local.results, results));
    }
  }
  if (!o.json) process.stdout.write(`${where}\n`);
  printReports(reports, o.json, o.verbose, { against: where, carryState: o.carryState });
  if (o.compare && !o.json) {
    process.stdout.write(
      differences.length === 0
        ? 'the playground and the server agree on every step\n'
        : `${differences.length} step(s) where the playground and the server disagree:\n${differences.join('')}`,
    );
  }
  const failed = reports.some((r) => r.counts.fail > 0);
  return failed || differences.length > 0 ? 1 : 0;
}

/** Steps where one side passes and the other does not, or where both print different replies. */
export function disagreements(
  file: string,
  playground: readonly StepResult[],
  server: readonly StepResult[],
): string[] {
  const out: string[] = [];
  playground.forEach((p, i) => {
    const s = server[i];
    if (p.kind !== 'command' || s?.kind !== 'command') return;
    // Both pass, or neither side's reply can be held against the page: nothing to tell apart.
    const settled = ['pass', 'not-comparable', 'unsupported'];
    if (p.verdict.kind === s.verdict.kind && settled.includes(p.verdict.kind)) return;
    if (p.verdict.kind === s.verdict.kind && p.actual.text === s.actual.text) return;
    const show = (text: string) => text.replace(/\n$/, '').replace(/\n/g, '\n                  ');
    out.push(
      `  ${file} line ${p.step.range.start.line}: ${p.step.line}\n` +
        `      playground (${p.verdict.kind}): ${show(p.actual.text)}\n` +
        `      server     (${s.verdict.kind}): ${show(s.actual.text)}\n`,
    );
  });
  return out;
}

/** AUTH when the address carries a password; refuse to empty a database nobody named. */
async function prepare(client: RespClient, target: RedisTarget, o: AgainstOptions): Promise<string | null> {
  if (target.password !== null) {
    const argv = target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password];
    const r = await client.send(argv);
    if (r.t === 'error') return `${target.display}: AUTH failed (${r.s.split(' ')[0]})`;
  }
  if (o.db !== null || target.db !== null || o.wholeServer) return null;
  await client.send(['SELECT', '0']);
  const size = await client.send(['DBSIZE']);
  if (size.t === 'int' && Number(size.n) > 0) {
    return (
      `database 0 of ${target.display} holds ${size.n} key(s), and each section ` +
      'empties it: name a database to use with --db N (it will be emptied), or pass --yes-flush'
    );
  }
  return null;
}

async function savedSettings(client: RespClient): Promise<[string, string][]> {
  const saved: [string, string][] = [];
  for (const name of RESTORED_SETTINGS) {
    const r = await client.send(['CONFIG', 'GET', name]);
    const value = r.t === 'array' ? r.items[1] : undefined;
    if (value?.t === 'bulk') saved.push([name, value.s]);
  }
  return saved;
}

/** The playground's server closest to the real one: Redis 7.4.x answers as redis-7.4, others as 7.0. */
async function serverCompat(client: RespClient): Promise<Compat> {
  const info = await client.send(['INFO', 'server']);
  const version = info.t === 'bulk' ? /redis_version:([^\r\n]+)/.exec(info.s)?.[1] : undefined;
  return version?.startsWith('7.4.') && !/dragonfly_version:/.test(info.t === 'bulk' ? info.s : '')
    ? 'redis-7.4'
    : DEFAULT_COMPAT;
}

async function describe(client: RespClient, target: RedisTarget, db: number): Promise<string> {
  const info = await client.send(['INFO', 'server']);
  const version = info.t === 'bulk' ? /redis_version:([^\r\n]+)/.exec(info.s)?.[1] : undefined;
  return `against ${target.display}${version ? ` (Redis ${version})` : ''}, database ${db}`;
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
