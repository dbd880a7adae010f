import { readFileSync, writeFileSync } from 'node:fs';
import { withCompatTable } from './compat-table.ts';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withCompatTable(before);
if (after !== before) writeFileSync(path, after);
console.log(
  after === before ? 'README.md compatibility table is up to date' : 'README.md compatibility table updated',
);
