import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import { detailsOf, rowOf } from './rows.ts';

describe('key table rows', () => {
  it('show a stream by its length and last ID, and its entries in the details', () => {
    const h = new Harness();
    h.run('XADD s 1-1 name Sara');
    h.run('XADD s 2-0 name Bob');
    h.run('XGROUP CREATE s g 0');
    const e = h.engine.ks.lookupWrite(h.engine.ks.db(0), 's');
    if (e === undefined) throw new Error('no stream');
    const row = rowOf(0, e, null, 1);
    expect(row).toMatchObject({
      type: 'stream',
      size: 2,
      encoding: 'stream',
      preview: 'length 2, last ID 2-0',
    });
    expect(detailsOf(0, 's', e, 0).value).toBe(
      'length 2, last ID 2-0, 1 consumer group(s)\n1-1: "name" "Sara"\n2-0: "name" "Bob"',
    );
    h.run('XDEL s 1-1 2-0');
    expect(rowOf(0, e, null, 2).preview).toBe('(empty stream, last ID 2-0)');
  });
});
