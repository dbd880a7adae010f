import { describe, expect, it } from 'vitest';
import type { CommandInfo } from '../../worker/protocol.ts';
import { completions, pastedLines, syntaxHint } from './console-input.ts';

const cmd = (name: string, syntax: string, subcommands: string[] = []): CommandInfo => ({
  name,
  syntax,
  summary: '',
  since: '1.0.0',
  group: 'string',
  arity: -2,
  subcommands,
});
const COMMANDS = [
  cmd('psetex', 'PSETEX key milliseconds value'),
  cmd('persist', 'PERSIST key'),
  cmd('pexpire', 'PEXPIRE key milliseconds [NX | XX | GT | LT]'),
  cmd('config', 'CONFIG subcommand', ['get', 'set']),
];

describe('console autocomplete and hints', () => {
  it('completes command names from the table', () => {
    expect(completions('pe', COMMANDS)).toEqual(['PERSIST', 'PEXPIRE']);
    expect(completions('PS', COMMANDS)).toEqual(['PSETEX']);
    expect(completions('psetex k', COMMANDS)).toEqual([]);
  });

  it('shows the rest of the usage line as the user types arguments', () => {
    expect(syntaxHint('PSETEX ', COMMANDS)).toBe('key milliseconds value');
    expect(syntaxHint('PSETEX mykey', COMMANDS)).toBe(' milliseconds value');
    expect(syntaxHint('PSETEX mykey ', COMMANDS)).toBe('milliseconds value');
    expect(syntaxHint('PSETEX mykey 2000 "Hello"', COMMANDS)).toBe('');
    expect(syntaxHint('nosuch ', COMMANDS)).toBe('');
    expect(syntaxHint('config ', COMMANDS)).toBe('GET | SET');
  });

  it('splits a paste into lines', () => {
    expect(pastedLines('SET a 1\r\nGET a\n')).toEqual(['SET a 1', 'GET a']);
  });
});
