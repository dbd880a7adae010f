import { describe, expect, it } from 'vitest';
import { displayKey, keyArgument, removalLabel } from './key-view.ts';
import type { RowState } from './store/keys-slice.ts';

const row = (key: string, deadline: number | null, extra: Partial<RowState> = {}): RowState => ({
  db: 0,
  key,
  type: 'string',
  size: 1,
  preview: '"v"',
  encoding: 'embstr',
  deadline,
  ttlGiven: deadline === null ? null : 1000,
  version: 1,
  ...extra,
});

describe('key table rows', () => {
  it('shows bytes as UTF-8 and quotes keys so the console gets the same bytes back', () => {
    expect(displayKey('caf\xc3\xa9')).toBe('café');
    expect(keyArgument('a b"\\\xc3\xa9')).toBe('"a b\\"\\\\\\xc3\\xa9"');
  });

  it('says how a removed key went', () => {
    expect(removalLabel(row('k', 1, { removed: { reason: 'lazy', command: 'get', at: 0 } }))).toBe(
      'expired on access (GET)',
    );
    expect(removalLabel(row('k', 1, { removed: { reason: 'active', at: 0 } }))).toBe(
      'expired by the active cycle',
    );
    expect(removalLabel(row('k', 1, { removed: { reason: 'command', command: 'del', at: 0 } }))).toBe(
      'deleted by DEL',
    );
  });
});
