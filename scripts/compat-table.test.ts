import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../src/engine/table.ts';
import { withCompatTable } from './compat-table.ts';

describe('the compatibility table (docs/compatibility.md)', () => {
  it('is generated from the command table (run `npm run gen:compat` after adding a command)', () => {
    const page = readFileSync(new URL('../docs/compatibility.md', import.meta.url), 'utf8');
    expect(withCompatTable(page)).toBe(page);
    for (const spec of ALL_COMMANDS) expect(page).toContain(`| \`${spec.name.toUpperCase()}\` |`);
  });
});
