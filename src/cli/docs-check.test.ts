import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runDocs } from './docs-check.ts';

/** `docs check` on a small docs tree of our own. */

const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
mkdirSync(join(dir, 'sub'));
const fence = (body: string) => `\`\`\`shell\n${body}\n\`\`\`\n`;
writeFileSync(join(dir, 'good.md'), `### Ok\n\n${fence('dragonfly> SET k v\nOK\ndragonfly> GET k\n"v"')}`);
writeFileSync(join(dir, 'sub', 'bad.md'), `### Wrong\n\n${fence('dragonfly> INCR n\n(integer) 2')}`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    return { code: runDocs(args) as number, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('docs check', () => {
  it('passes a good page with exit code 0', () => {
    const r = run(['check', join(dir, 'good.md')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 passed, 0 failed, 0 not comparable, 0 unsupported');
  });

  it('prints each failure with its diff and exits 1; walks directories', () => {
    const r = run(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL line 4: INCR n');
    expect(r.out).toContain('- (integer) 2');
    expect(r.out).toContain('+ (integer) 1');
    expect(r.out).toContain('total (2 files): 2 passed, 1 failed');
  });

  it('prints a machine-readable report with --json', () => {
    const r = run(['check', dir, '--json']);
    const report = JSON.parse(r.out) as {
      totals: Record<string, number>;
      files: { steps: { verdict: { kind: string } }[] }[];
    };
    expect(report.totals.fail).toBe(1);
    expect(report.files.flatMap((f) => f.steps.map((s) => s.verdict.kind))).toEqual(['pass', 'pass', 'fail']);
  });

  it('checks a 1 MB page of 100,000 blocks in seconds and says where it was cut', () => {
    const big = join(dir, '..', `${dir.split('/').pop()}-big.md`);
    writeFileSync(big, Array.from({ length: 100_000 }, () => fence('PING')).join('\n'));
    const t = performance.now();
    const r = run(['check', big]);
    rmSync(big);
    // It took 75 s when every line was matched against every code block.
    expect(performance.now() - t).toBeLessThan(8000);
    expect(r.out).toContain('This page is cut at line 8001: the playground reads at most 2,000 code blocks');
    expect(r.code).toBe(0);
  });

  it('rejects bad usage with exit code 2', () => {
    expect(run(['check']).code).toBe(2);
    expect(run(['check', dir, '--bogus']).code).toBe(2);
    expect(run(['check', join(dir, 'missing.md')]).code).toBe(2);
    expect(run(['lint']).code).toBe(2);
  });
});
