import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkPage, type VerdictCounts } from '../src/docs/index.ts';

/**
 * `npm run -s docs:stats`: verdicts per family over the docs corpus (../shared/docs-corpus), as the
 * markdown table the README shows. Pass rate = passed / (passed + failed): the steps a real Redis 7.0
 * can reproduce and whose page shows a reply.
 */
const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '..', 'shared', 'docs-corpus');

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pages(p);
    return name.endsWith('.md') && name !== 'README.md' ? [p] : [];
  });
}

const families = new Map<string, VerdictCounts>();
for (const file of pages(corpus)) {
  const rel = relative(corpus, file);
  const [top, family] = rel.split('/');
  const name = top === 'dragonfly-pr260' ? `${family} (PR #260, cli fences)` : (family as string);
  const counts = checkPage(readFileSync(file, 'utf8'), rel).counts;
  const sum = families.get(name) ?? {
    pass: 0,
    fail: 0,
    'not-comparable': 0,
    unsupported: 0,
    'no-expectation': 0,
  };
  for (const k of Object.keys(sum) as (keyof VerdictCounts)[]) sum[k] += counts[k];
  families.set(name, sum);
}

console.log('| family | steps | pass | fail | not comparable | unsupported | no expectation | pass rate |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, c] of [...families].sort()) {
  const steps = Object.values(c).reduce((a, b) => a + b, 0);
  const rate = c.pass + c.fail > 0 ? `${((100 * c.pass) / (c.pass + c.fail)).toFixed(1)} %` : '—';
  console.log(
    `| ${name} | ${steps} | ${c.pass} | ${c.fail} | ${c['not-comparable']} | ${c.unsupported} | ${c['no-expectation']} | ${rate} |`,
  );
}
