import { describe, expect, it } from 'vitest';
import { array, bulk, error, int, NIL, OK, type Reply, status } from '../engine/reply.ts';
import { judge } from './judge.ts';
import { readOutput } from './output-reader.ts';
import type { CommandStep, Verdict } from './types.ts';

/** The normaliser and the verdicts, on hand-made steps and replies. */

function step(line: string, output: string[] | null): CommandStep {
  const pos = { line: 1, column: 1, offset: 0 };
  const range = { start: pos, end: pos };
  return {
    kind: 'command',
    index: 0,
    section: 0,
    block: 0,
    prompt: 'dragonfly',
    line,
    range,
    expected:
      output === null
        ? { kind: 'none' }
        : { kind: 'reply', reply: readOutput(output), text: output.join('\n'), range },
  };
}

function verdict(line: string, output: string[] | null, reply: Reply, taint: string | null = null): Verdict {
  const argv = line.split(' ');
  return judge({ step: step(line, output), argv, actual: { reply, text: '' }, taint, unsupported: null });
}

describe('normaliser: harmless differences pass', () => {
  it('quoted or unquoted status replies', () => {
    expect(verdict('SET k v', ['"OK"'], OK).kind).toBe('pass');
    expect(verdict('SET k v', ['OK'], OK).kind).toBe('pass');
    expect(verdict('TYPE k', ['"string"'], status('string')).kind).toBe('pass');
  });

  it('trailing comments and whitespace', () => {
    expect(verdict('INCR k', ['(integer) 2   # now two'], int(2)).kind).toBe('pass');
    expect(verdict('GET k', ['"v"  // value'], bulk('v')).kind).toBe('pass');
    expect(verdict('SET k', ['(error)   ERR  wrong number'], error('ERR wrong number')).kind).toBe('pass');
  });

  it('bare values in redis-cli --raw form and RESP3 doubles', () => {
    expect(verdict('LPOS l c', ['2'], int(2)).kind).toBe('pass');
    expect(verdict('ZSCORE z m', ['(double) 3'], bulk('3')).kind).toBe('pass');
  });

  it('unordered replies compare as multisets, pairs kept together', () => {
    const keys = verdict('KEYS *', ['1) "b"', '2) "a"'], array([bulk('a'), bulk('b')]));
    expect(keys).toEqual({ kind: 'pass', note: 'compared as a multiset (the order is not defined)' });
    const pairs = array([bulk('f2'), bulk('2'), bulk('f1'), bulk('1')]);
    expect(verdict('HGETALL h', ['1) "f1"', '2) "1"', '3) "f2"', '4) "2"'], pairs).kind).toBe('pass');
    expect(verdict('HGETALL h', ['1) "f1"', '2) "2"', '3) "f2"', '4) "1"'], pairs).kind).toBe('fail');
    const scan = array([bulk('0'), array([bulk('y'), bulk('x')])]);
    expect(verdict('SCAN 0', ['1) "0"', '2) 1) "x"', '   2) "y"'], scan).kind).toBe('pass');
  });

  it('ordered replies stay ordered', () => {
    expect(verdict('LRANGE l 0 -1', ['1) "b"', '2) "a"'], array([bulk('a'), bulk('b')])).kind).toBe('fail');
  });

  it('an empty result shown as nothing', () => {
    expect(verdict('LRANGE l 5 10', null, array([]))).toEqual({
      kind: 'pass',
      note: 'empty result shown as nothing',
    });
    expect(verdict('SET k v', null, OK)).toEqual({ kind: 'no-expectation' });
  });

  it('a listing cut short with # ... matches a longer reply', () => {
    const s = step('LRANGE l 0 -1', ['1) "a"']);
    const cut = { ...s, expected: { ...s.expected, reply: readOutput(['1) "a"'], true) } } as CommandStep;
    const v = judge({
      step: cut,
      argv: ['LRANGE'],
      actual: { reply: array([bulk('a'), bulk('b')]), text: '' },
      taint: null,
      unsupported: null,
    });
    expect(v.kind).toBe('pass');
  });
});

describe('verdicts for what cannot be reproduced', () => {
  it('random draws, server clock, absolute expire times', () => {
    expect(verdict('SPOP s', ['"x"'], bulk('y')).kind).toBe('not-comparable');
    expect(verdict('RANDOMKEY', ['"x"'], bulk('y')).kind).toBe('not-comparable');
    expect(verdict('TIME', ['1) "1"', '2) "2"'], array([bulk('3'), bulk('4')])).kind).toBe('not-comparable');
    expect(verdict('EXPIRETIME k', ['(integer) 1755000000'], int(1767225700)).kind).toBe('not-comparable');
    expect(verdict('EXPIRETIME k', ['(integer) -1'], int(1767225700)).kind).toBe('fail');
  });

  it('placeholders, cursors and foreign notations', () => {
    expect(verdict('SCRIPT LOAD x', ['"<sha1>"'], bulk('abc'))).toEqual({
      kind: 'not-comparable',
      reason: 'the page shows a placeholder (<sha1>) instead of a reply',
    });
    expect(verdict('GET k', ['"abc..."'], bulk('abc...')).kind).toBe('pass');
    // Only a bare <name> in place of a whole reply (or element) is a placeholder; markup inside a
    // quoted value is compared, and fails when it differs.
    expect(verdict('GET k', ['<value>'], bulk('abc')).kind).toBe('not-comparable');
    expect(verdict('LRANGE l 0 -1', ['1) "a"', '2) "<item>"'], array([bulk('a'), bulk('b')])).kind).toBe(
      'not-comparable',
    );
    expect(verdict('GET k', ['"<b>not this</b>"'], bulk('<b>not this</b>')).kind).toBe('pass');
    expect(verdict('GET k', ['"<b>not this</b>"'], bulk('something else'))).toEqual({
      kind: 'fail',
      diff: [
        { op: 'expected', text: '"<b>not this</b>"' },
        { op: 'actual', text: '"something else"' },
      ],
    });
    expect(verdict('GET k', ['"see <sha1> here"'], bulk('x')).kind).toBe('fail');
    expect(verdict('SCAN 0', ['1) "17"', '2) 1) "k"'], array([bulk('0'), array([])])).kind).toBe(
      'not-comparable',
    );
    expect(verdict('SCAN 17', ['1) "0"', '2) 1) "k"'], array([bulk('0'), array([])])).kind).toBe(
      'not-comparable',
    );
    expect(verdict('LPOS l c COUNT 2', ['[2,6]'], array([int(2), int(6)])).kind).toBe('not-comparable');
  });

  it('a taint from earlier steps', () => {
    expect(verdict('SMEMBERS s', ['1) "a"'], array([bulk('b')]), 'depends on SPOP').kind).toBe(
      'not-comparable',
    );
    expect(verdict('SMEMBERS s', ['1) "b"'], array([bulk('b')]), 'depends on SPOP').kind).toBe('pass');
  });

  it('a typo stays a failure, with a diff', () => {
    const v = verdict('HSET h f v', ['(integer 1)'], int(1));
    expect(v).toEqual({
      kind: 'fail',
      diff: [
        { op: 'expected', text: '(integer 1)' },
        { op: 'actual', text: '(integer) 1' },
      ],
    });
  });

  it('unsupported wins over everything', () => {
    const v = judge({
      step: step('DIGEST k', ['"x"']),
      argv: ['DIGEST', 'k'],
      actual: { reply: error('ERR unknown command'), text: '' },
      taint: null,
      unsupported: 'no such command',
    });
    expect(v).toEqual({ kind: 'unsupported', reason: 'no such command' });
  });

  it('a failure shows a diff of canonical forms', () => {
    const v = verdict('MGET a b', ['1) "x"', '2) (nil)'], array([bulk('x'), bulk('y')]));
    expect(v.kind === 'fail' && v.diff).toEqual([
      { op: 'same', text: '1) "x"' },
      { op: 'expected', text: '2) (nil)' },
      { op: 'actual', text: '2) "y"' },
    ]);
    expect(verdict('GET k', ['(nil)'], NIL).kind).toBe('pass');
  });
});
