// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { KeyRow, TableWindow } from '../../worker/protocol.ts';
import { buttonText, click, renderEach, typeInto, update } from '../render-test.tsx';
import { useApp } from '../store/index.ts';
import { rowId } from '../store/keys-slice.ts';
import { tableWindow } from '../store/table-fixtures.ts';
import { KeyDetails } from './KeyDetails.tsx';

const row: KeyRow = {
  db: 0,
  key: 'cart user',
  type: 'list',
  size: 3,
  preview: '["a", …',
  encoding: 'listpack',
  deadline: 5_000_000,
  ttlGiven: 60_000,
  version: 1,
};
/** The worker's window with `r` in it (and selected): a late sequence number, so it is current. */
const windowWith = (r: KeyRow): TableWindow => tableWindow(1e9, [r], { selected: r });
const t = renderEach(
  () => <KeyDetails />,
  (c) => {
    useApp.getState().applyTable(windowWith(row));
    useApp.getState().selectKey(rowId(0, 'cart user'));
    c.details.set('0:cart user', {
      db: 0,
      key: 'cart user',
      exists: true,
      type: 'list',
      encoding: 'quicklist',
      value: '1) "a"\n2) "b"\n3) "c"',
      pttl: 41_000,
      deadline: 5_000_000,
    });
  },
);

describe('KeyDetails with a fake client', () => {
  it("reads the selected key's value through the client and shows what it answered", async () => {
    expect(t.client.inspected).toEqual([{ db: 0, key: 'cart user' }]);
    const text = t.view.container.textContent ?? '';
    expect(text).toContain('quicklist');
    expect(text).toContain('41000 ms when read');
    expect(t.view.container.querySelector('pre.value')?.textContent).toBe('1) "a"\n2) "b"\n3) "c"');
  });

  it('reads it again when the row changes', async () => {
    await update(() => useApp.getState().applyTable(windowWith({ ...row, version: 2 })));
    expect(t.client.inspected).toHaveLength(2);
  });

  it('Persist, Expire and Delete run commands with the key quoted as redis-cli needs', async () => {
    await click(buttonText(t.view.container, 'Persist'));
    await typeInto(
      t.view.container.querySelector<HTMLInputElement>('#expire-seconds') as HTMLInputElement,
      '90',
    );
    await click(buttonText(t.view.container, 'Expire'));
    await click(buttonText(t.view.container, 'Delete'));
    expect(t.client.runs.map((r) => r.lines)).toEqual([
      ['PERSIST "cart user"'],
      ['EXPIRE "cart user" 90'],
      ['DEL "cart user"'],
    ]);
  });

  it('Expire is disabled for a number of seconds that EXPIRE would refuse', async () => {
    await typeInto(
      t.view.container.querySelector<HTMLInputElement>('#expire-seconds') as HTMLInputElement,
      '-5',
    );
    expect(buttonText(t.view.container, 'Expire').disabled).toBe(true);
  });
});
