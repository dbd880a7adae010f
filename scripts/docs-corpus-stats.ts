import { readFileSync, writeFileSync } from 'node:fs';
import { corpusTable, withCorpusTable } from '../src/docs/corpus-table.ts';
import {
  CORPUS_DIR,
  checkCorpusPage,
  corpusExists,
  corpusPages,
} from '../src/testing/corpus-expectations.ts';

/**
 * `npm run -s docs:stats`: replays the docs corpus (../shared/docs-corpus or $DOCS_CORPUS_DIR) as
 * the corpus test does and writes the verdicts per family into README.md between its markers
 * (src/docs/corpus.test.ts fails while the README's copy is stale).
 */
if (!corpusExists()) {
  console.error(`docs corpus not found at ${CORPUS_DIR} (set DOCS_CORPUS_DIR)`);
  process.exit(1);
}
const table = corpusTable(new Map(corpusPages().map((path) => [path, checkCorpusPage(path)])));
const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withCorpusTable(before, table);
if (after !== before) writeFileSync(path, after);
console.log(table);
console.log(after === before ? 'README.md corpus table is up to date' : 'README.md corpus table updated');
