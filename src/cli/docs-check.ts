import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isCompatRequest } from '../docs/page-compat.ts';
import { checkPage, type PageReport } from '../docs/report.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { type AgainstOptions, checkAgainst } from './docs-against.ts';
import { printReports } from './print-reports.ts';

/**
 * `docs check <file.md | dir>... [options]`: replays every example of each page on the engine (or,
 * with --against, on a real server), prints each failure with its diff and a summary line per file,
 * and exits 1 when any step failed (2 on bad usage), so doc writers and CI can run it on a docs tree.
 */

const USAGE = `usage: npm run -s cli -- docs check <file.md | dir>... [options]

  --json          print a machine-readable report instead of text
  --carry-state   keep the keyspace across sections (default: each section starts empty)
  --verbose       print every step, not only the failures
  --compat S      replay as redis-7.0, redis-7.4 or dragonfly; \`auto\` takes each page's hint, else the
                  first server that has all its commands; without it each page's hint, else redis-7.0
                  (a page's hint: \`compat: redis-7.4\` in its front matter, or <!-- compat: redis-7.4 -->)

On a real server instead of the playground:
  --against redis://[user:password@]host[:port]
                  replay each page on that server (its own clock: waits are real waits)
  --db N          run in database N, emptied (FLUSHDB) at each section; the page may not SELECT another
  --yes-flush     each section starts from FLUSHALL, and the page may use any database
                  (without --db or --yes-flush, database 0 is used only if it is empty)
  --compare       run each page on the playground and on the server; report every step where they differ
  --max-wait S    waits up to S seconds are real (default 5); longer ones move every deadline instead
  --allow-remote  allow a server that is not on this machine (loopback only by default)
`;

const SWITCHES = ['--json', '--carry-state', '--verbose', '--yes-flush', '--compare', '--allow-remote'];
const VALUED = ['--against', '--db', '--max-wait', '--compat'];

interface Parsed {
  readonly switches: Set<string>;
  readonly values: Map<string, string>;
  readonly targets: string[];
}

function parseArgs(args: readonly string[]): Parsed | string {
  const switches = new Set<string>();
  const values = new Map<string, string>();
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [name, inline] = a.startsWith('--') ? splitOption(a) : [a, undefined];
    if (SWITCHES.includes(name)) switches.add(name);
    else if (VALUED.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return `${name} needs a value`;
      values.set(name, value);
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else targets.push(a);
  }
  return { switches, values, targets };
}

function splitOption(a: string): [string, string | undefined] {
  const eq = a.indexOf('=');
  return eq < 0 ? [a, undefined] : [a.slice(0, eq), a.slice(eq + 1)];
}

export function runDocs(args: readonly string[]): number | Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') {
    process.stderr.write(sub === undefined ? USAGE : `unknown docs command '${sub}'\n${USAGE}`);
    return 2;
  }
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string' || parsed.targets.length === 0) {
    process.stderr.write(`${typeof parsed === 'string' ? `${parsed}\n` : ''}${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = parsed.targets.flatMap(markdownFiles);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const against = parsed.values.get('--against');
  if (against !== undefined) {
    const options = againstOptions(parsed, against);
    if (typeof options === 'string') {
      process.stderr.write(`${options}\n`);
      return 2;
    }
    return checkAgainst(files, options);
  }
  const { switches } = parsed;
  const compat = parsed.values.get('--compat');
  if (compat !== undefined && !isCompatRequest(compat)) {
    process.stderr.write(`unknown compatibility '${compat}' (use redis-7.0, redis-7.4, dragonfly or auto)\n`);
    return 2;
  }
  const options = {
    carryState: switches.has('--carry-state'),
    scripting: luaScripting,
    ...(compat === undefined ? {} : { compat }),
  };
  const reports: PageReport[] = files.map((file) => checkPage(readFileSync(file, 'utf8'), file, options));
  printReports(reports, switches.has('--json'), switches.has('--verbose'), {
    carryState: options.carryState,
    compat: compat ?? null,
  });
  return reports.some((r) => r.counts.fail > 0) ? 1 : 0;
}

function againstOptions(parsed: Parsed, url: string): AgainstOptions | string {
  const { switches, values } = parsed;
  const db = values.get('--db');
  const maxWait = values.get('--max-wait') ?? '5';
  if (db !== undefined && !/^\d+$/.test(db)) return `--db needs a database number, not ${db}`;
  if (!/^\d+(\.\d+)?$/.test(maxWait)) return `--max-wait needs a number of seconds, not ${maxWait}`;
  return {
    url,
    db: db === undefined ? null : Number(db),
    wholeServer: switches.has('--yes-flush'),
    compare: switches.has('--compare'),
    allowRemote: switches.has('--allow-remote'),
    carryState: switches.has('--carry-state'),
    json: switches.has('--json'),
    verbose: switches.has('--verbose'),
    maxRealWaitMs: Number(maxWait) * 1000,
  };
}

/** A file as given, or every `.md` file under a directory (sorted, for stable reports). */
function markdownFiles(target: string): string[] {
  const stat = statSync(target);
  if (!stat.isDirectory()) return [target];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') found.push(path);
    }
  };
  walk(target);
  return found.map((f) => (f.startsWith('/') ? f : relative('.', f) || f));
}
