import { readFileSync, writeFileSync } from 'node:fs';
import { withCompatTable } from './compat-table.ts';

const path = new URL('../docs/compatibility.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withCompatTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'docs/compatibility.md is up to date' : 'docs/compatibility.md updated');
