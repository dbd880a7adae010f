import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isCompatRequest } from '../docs/page-compat.ts';
import {
  addCounts,
  checkPage,
  emptyCounts,
  type PageReport,
  pageJson,
  renderPageReport,
  summaryLine,
} from '../docs/report.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { flagValue } from './flags.ts';

/**
 * `docs check <file.md | dir>... [--json] [--carry-state] [--verbose]`: replays every example of
 * each page on the engine, prints each failure with its diff and a summary line per file, and exits
 * 1 when any step failed (2 on bad usage), so doc writers and CI can run it on a docs tree.
 */

const USAGE = `usage: npm run -s cli -- docs check <file.md | dir>... [--json] [--carry-state] [--verbose] [--compat <server>]

  --json          print a machine-readable report instead of text
  --carry-state   keep the keyspace across sections (default: each section starts empty)
  --verbose       print every step, not only the failures
  --compat        replay as redis-7.0, redis-7.4 or dragonfly; \`auto\` takes each page's hint, else the
                  first server that has all its commands; without it each page's hint, else redis-7.0
                  (a page's hint: \`compat: redis-7.4\` in its front matter, or <!-- compat: redis-7.4 -->)
`;

export function runDocs(args: readonly string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'check') {
    process.stderr.write(sub === undefined ? USAGE : `unknown docs command '${sub}'\n${USAGE}`);
    return 2;
  }
  const compat = flagValue(rest, '--compat');
  const withoutCompat = rest.filter((a, i) => !a.startsWith('--compat') && rest[i - 1] !== '--compat');
  const flags = new Set(withoutCompat.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => !['--json', '--carry-state', '--verbose'].includes(f));
  if (compat !== undefined && !isCompatRequest(compat)) {
    process.stderr.write(`unknown compatibility '${compat}' (use redis-7.0, redis-7.4, dragonfly or auto)\n`);
    return 2;
  }
  const targets = withoutCompat.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0 || targets.length === 0) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n` : ''}${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = targets.flatMap(markdownFiles);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const options = {
    carryState: flags.has('--carry-state'),
    scripting: luaScripting,
    ...(compat === undefined ? {} : { compat }),
  };
  const reports: PageReport[] = files.map((file) => checkPage(readFileSync(file, 'utf8'), file, options));
  const totals = emptyCounts();
  for (const r of reports) addCounts(totals, r.counts);
  if (flags.has('--json')) {
    process.stdout.write(
      `${JSON.stringify({ version: 1, options: { carryState: options.carryState, compat: compat ?? null }, totals, files: reports.map(pageJson) }, null, 2)}\n`,
    );
  } else {
    for (const r of reports) process.stdout.write(renderPageReport(r, flags.has('--verbose')));
    if (reports.length > 1) process.stdout.write(`total (${reports.length} files): ${summaryLine(totals)}\n`);
  }
  return totals.fail > 0 ? 1 : 0;
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
