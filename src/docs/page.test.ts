import { describe, expect, it } from 'vitest';
import { commandSteps, parseDocPage } from './page.ts';
import type { CommandStep, WaitStep } from './types.ts';

/** Small pages written for these tests (not taken from any documentation site). */

const PAGE = `---
title: Counter tricks
description: a made-up page
---

import Thing from '@site/thing';

# COUNTER

## Syntax

\`\`\`plaintext
INCR key
\`\`\`

\`\`\`cli
INCRBY key increment
\`\`\`

## Code Examples

### First

Make a counter:

\`\`\`shell
dragonfly$> SET hits 10
OK
dragonfly$>INCR hits  # one more
(integer) 11
\`\`\`

(After 3 seconds)

\`\`\`bash
redis> GET hits
"11"
\`\`\`

### Second

- A list item with an indented fence:

  \`\`\`cli
  127.0.0.1:6379> SET a 1
  "OK"
  127.0.0.1:6379[2]> KEYS *
  1) "a"
  # ...
  \`\`\`

\`\`\`
> SET b 2
> GET b
"2"
\`\`\`

### Bare

\`\`\`cli
SET c 3
// Wait for 2 seconds
GET c  // read it back
\`\`\`

\`\`\`cli
(integer) 4
"text"
\`\`\`

### Shortcode

{{% redis-cli %}}
SET d 4
TTL d
{{% /redis-cli %}}

After 5 seconds, nothing else happens.
`;

describe('page parser', () => {
  const page = parseDocPage(PAGE, 'counter.md');
  const commands = commandSteps(page);

  it('reads front matter and sections', () => {
    expect(page.title).toBe('Counter tricks');
    expect(page.sections.map((s) => s.title)).toEqual([
      '',
      'COUNTER',
      'Syntax',
      'Code Examples',
      'First',
      'Second',
      'Bare',
      'Shortcode',
    ]);
  });

  it('classifies blocks by prompts, tag and heading', () => {
    expect(page.blocks.map((b) => `${b.lang || '-'}:${b.role}`)).toEqual([
      'plaintext:not-example',
      'cli:not-example',
      'shell:example',
      'bash:example',
      'cli:example',
      '-:example',
      'cli:example',
      'cli:output-sample',
      'redis-cli:example',
    ]);
  });

  it('reads every prompt form and strips trailing comments', () => {
    expect(commands.map((c) => [c.prompt, c.line])).toEqual([
      ['dragonfly', 'SET hits 10'],
      ['dragonfly', 'INCR hits'],
      ['redis', 'GET hits'],
      ['host-port', 'SET a 1'],
      ['host-port', 'KEYS *'],
      ['bare-gt', 'SET b 2'],
      ['bare-gt', 'GET b'],
      ['none', 'SET c 3'],
      ['none', 'GET c'],
      ['none', 'SET d 4'],
      ['none', 'TTL d'],
    ]);
    expect(commands[1]?.comment).toBe('one more');
  });

  it('reads expected outputs, including none and a cut listing', () => {
    const expected = (i: number) => (commands[i] as CommandStep).expected;
    expect(expected(0)).toMatchObject({ kind: 'reply', reply: { kind: 'text', text: 'OK', quoted: false } });
    expect(expected(1)).toMatchObject({ kind: 'reply', reply: { kind: 'int', value: '11' } });
    expect(expected(4)).toMatchObject({ kind: 'reply', reply: { kind: 'array', cut: true } });
    expect(expected(5)).toEqual({ kind: 'none' });
    expect(expected(7)).toEqual({ kind: 'none' });
  });

  it('turns timing notes into waits before the next command of the section', () => {
    const waits = page.steps.filter((s): s is WaitStep => s.kind === 'wait');
    expect(waits.map((w) => [w.ms, w.source, w.text])).toEqual([
      [3000, 'prose', '(After 3 seconds)'],
      [2000, 'comment', 'Wait for 2 seconds'],
    ]);
    const order = page.steps.map((s) => (s.kind === 'wait' ? `wait ${s.ms}` : s.line));
    expect(order.slice(0, 4)).toEqual(['SET hits 10', 'INCR hits', 'wait 3000', 'GET hits']);
  });

  it('gives source positions for commands in indented fences', () => {
    const set = commands[3] as CommandStep;
    const line = PAGE.split('\n')[set.range.start.line - 1];
    expect(line).toBe('  127.0.0.1:6379> SET a 1');
    expect(set.range.start.column).toBe(3);
    expect(PAGE.slice(set.range.start.offset, set.range.end.offset)).toBe('127.0.0.1:6379> SET a 1');
  });

  it('groups steps by section', () => {
    const first = page.sections.find((s) => s.title === 'First');
    expect(first?.stepCount).toBe(4);
    expect(commands.filter((c) => c.section === first?.index).length).toBe(3);
  });
});

describe('page parser: redis.io shortcode glued to prose', () => {
  const page = parseDocPage(
    'Try it:\n{{% redis-cli %}}\nSET e 5\nGET e\n{{% /redis-cli %}}\nAfter 2 seconds, read it again.\n\n```\nredis> GET e\n"5"\n```\n',
  );

  it('cuts the shortcode out of the paragraph and keeps the prose around it', () => {
    expect(page.blocks.map((b) => b.lang)).toEqual(['redis-cli', '']);
    expect(page.steps.map((s) => (s.kind === 'wait' ? `wait ${s.ms}` : s.line))).toEqual([
      'SET e 5',
      'GET e',
      'wait 2000',
      'GET e',
    ]);
  });
});

describe('page parser: clients-example shortcode', () => {
  it('reads its > transcript', () => {
    const page = parseDocPage(
      '{{< clients-example demo get >}}\n> SET f "x"\nOK\n> GET f\n"x"\n{{< /clients-example >}}\n',
    );
    expect(page.blocks.map((b) => `${b.lang}:${b.role}`)).toEqual(['clients-example:example']);
    expect(commandSteps(page).map((c) => [c.prompt, c.line, c.expected.kind])).toEqual([
      ['bare-gt', 'SET f "x"', 'reply'],
      ['bare-gt', 'GET f', 'reply'],
    ]);
  });
});
