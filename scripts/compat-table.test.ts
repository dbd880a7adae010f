import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../src/engine/table.ts';
import { withCompatTable } from './compat-table.ts';

describe('README compatibility table', () => {
  it('is generated from the command table (run `npm run gen:compat` after adding a command)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(withCompatTable(readme)).toBe(readme);
    for (const spec of ALL_COMMANDS) expect(readme).toContain(`| \`${spec.name.toUpperCase()}\` |`);
  });
});
