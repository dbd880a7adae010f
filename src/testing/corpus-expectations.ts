import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPage, type PageReport } from '../docs/report.ts';
import type { CommandResult } from '../docs/types.ts';
import { luaScripting } from '../engine/scripting/index.ts';

/**
 * The corpus test's bookkeeping (Node only, never bundled): where the shared docs corpus lives, the
 * per-step verdicts it currently gets, and the committed expectations file with the recorded cause
 * of every failure. A failure's cause comes with what a real redis-server 7.0 replies to the same
 * steps, so the file shows that the page, not the engine, is wrong.
 */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpus beside the checkout, or wherever DOCS_CORPUS_DIR points. */
export const CORPUS_DIR = resolve(REPO_ROOT, process.env.DOCS_CORPUS_DIR ?? '../shared/docs-corpus');
export const EXPECTATIONS_FILE = resolve(REPO_ROOT, 'src/docs/corpus-expectations.json');

export interface FailureNote {
  readonly command: string;
  /** Why the step fails: hand-written, or the runner's hint marked `auto:` until someone reviews it. */
  readonly cause: string;
  /**
   * What the real server the page ran as replied to the same steps (redis-cli form): redis-server
   * 7.0, or the 7.4.1 oracle; or why it could not be asked (there is no Dragonfly server here).
   */
  readonly redis: string;
}

export interface PageExpectations {
  /** `"<line> <verdict>"` for every command step, in page order. */
  readonly steps: readonly string[];
  /** Failing steps by line. */
  readonly failures: Readonly<Record<string, FailureNote>>;
}

export interface ExpectationsFile {
  readonly about: string;
  readonly pages: Readonly<Record<string, PageExpectations>>;
}

export const ABOUT =
  'Verdicts of every step of ../shared/docs-corpus, checked by src/docs/corpus.test.ts. Regenerate with ' +
  '`UPDATE_EXPECTATIONS=1 npx vitest run src/docs/corpus.test.ts` (asks a local redis-server about new ' +
  'failures and keeps the causes already written).';

export function corpusPages(dir = CORPUS_DIR): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'README.md') found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found;
}

export function corpusExists(): boolean {
  return existsSync(CORPUS_DIR);
}

/**
 * A corpus page replayed on the server it needs (`auto`, page-compat.ts): Redis 7.0 unless it runs
 * commands only Redis 7.4 or Dragonfly has, such as the field-expiry pages.
 */
export function checkCorpusPage(path: string): PageReport {
  return checkPage(readFileSync(join(CORPUS_DIR, path), 'utf8'), path, {
    scripting: luaScripting,
    compat: 'auto',
  });
}

export function stepLines(report: PageReport): string[] {
  return report.results
    .filter((r): r is CommandResult => r.kind === 'command')
    .map((r) => `${r.step.range.start.line} ${r.verdict.kind}`);
}

export function failures(report: PageReport): CommandResult[] {
  return report.results.filter((r): r is CommandResult => r.kind === 'command' && r.verdict.kind === 'fail');
}

export function readExpectations(): ExpectationsFile | null {
  if (!existsSync(EXPECTATIONS_FILE)) return null;
  return JSON.parse(readFileSync(EXPECTATIONS_FILE, 'utf8')) as ExpectationsFile;
}
