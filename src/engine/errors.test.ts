import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each Redis error text has one home: errors.ts when more than one file replies with it, else the
 * one file that does. A text written out in two files is two facts that can drift apart.
 */

const ENGINE = new URL('.', import.meta.url).pathname;
const PREFIXES = /^(ERR|WRONGTYPE|OOM|BUSYKEY|NOSCRIPT|NOTBUSY|EXECABORT|BUSY|NOPROTO) /;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The static error texts a file spells out in string literals (comments left aside). */
function errorLiterals(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$]*)(?:\$\{|`)/g)) {
    const s = m[1] ?? m[2] ?? m[3] ?? '';
    if (PREFIXES.test(s)) out.push(s);
  }
  return out;
}

describe('error texts', () => {
  it('are written out in one file each', () => {
    const homes = new Map<string, Set<string>>();
    for (const path of sources(ENGINE)) {
      for (const s of errorLiterals(readFileSync(path, 'utf8'))) {
        const files = homes.get(s) ?? new Set<string>();
        files.add(path.slice(ENGINE.length));
        homes.set(s, files);
      }
    }
    expect(homes.size).toBeGreaterThan(50);
    const twice = [...homes].filter(([, files]) => files.size > 1).map(([s, files]) => `${s}: ${[...files]}`);
    expect(twice).toEqual([]);
  });
});
