import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luaScripting } from '../engine/scripting/index.ts';
import { checkPage } from './report.ts';

const DIR = join(import.meta.dirname, 'lessons');

describe('bundled lessons', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md'));

  it('are all bundled in the Docs panel', () => {
    const listed = readFileSync(join(import.meta.dirname, '../ui/lessons.ts'), 'utf8');
    for (const f of files) expect(listed, f).toContain(`lessons/${f}?raw`);
  });

  it.each(files)('%s replays with every step passing', (file) => {
    const report = checkPage(readFileSync(join(DIR, file), 'utf8'), file, { scripting: luaScripting });
    const notPassing = report.results
      .filter((r) => r.kind === 'command' && r.verdict.kind !== 'pass')
      .map((r) => (r.kind === 'command' ? `${r.step.line}: ${r.verdict.kind}` : ''));
    expect(notPassing).toEqual([]);
    expect(report.counts.pass).toBeGreaterThan(3);
  });
});
