// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyRow } from '../../worker/protocol.ts';
import { FakeClient } from '../fake-client.ts';
import { buttonText, click, type Rendered, render, typeInto, update } from '../render-test.tsx';
import { useApp } from '../store/index.ts';
import { rowId } from '../store/keys-slice.ts';
import { KeyDetails } from './KeyDetails.tsx';

const initial = useApp.getState();
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
let client: FakeClient;
let view: Rendered;

beforeEach(async () => {
  useApp.setState(initial, true);
  useApp.getState().replaceRows([row]);
  useApp.getState().selectKey(rowId(0, 'cart user'));
  client = new FakeClient();
  client.details.set('0:cart user', {
    db: 0,
    key: 'cart user',
    exists: true,
    type: 'list',
    encoding: 'quicklist',
    value: '1) "a"\n2) "b"\n3) "c"',
    pttl: 41_000,
    deadline: 5_000_000,
  });
  view = await render(<KeyDetails />, client);
});
afterEach(() => view.unmount());

describe('KeyDetails with a fake client', () => {
  it("reads the selected key's value through the client and shows what it answered", async () => {
    expect(client.inspected).toEqual([{ db: 0, key: 'cart user' }]);
    const text = view.container.textContent ?? '';
    expect(text).toContain('quicklist');
    expect(text).toContain('41000 ms when read');
    expect(view.container.querySelector('pre.value')?.textContent).toBe('1) "a"\n2) "b"\n3) "c"');
  });

  it('reads it again when the row changes', async () => {
    await update(() => useApp.getState().replaceRows([{ ...row, version: 2 }]));
    expect(client.inspected).toHaveLength(2);
  });

  it('Persist, Expire and Delete run commands with the key quoted as redis-cli needs', async () => {
    await click(buttonText(view.container, 'Persist'));
    await typeInto(
      view.container.querySelector<HTMLInputElement>('#expire-seconds') as HTMLInputElement,
      '90',
    );
    await click(buttonText(view.container, 'Expire'));
    await click(buttonText(view.container, 'Delete'));
    expect(client.runs.map((r) => r.lines)).toEqual([
      ['PERSIST "cart user"'],
      ['EXPIRE "cart user" 90'],
      ['DEL "cart user"'],
    ]);
  });

  it('Expire is disabled for a number of seconds that EXPIRE would refuse', async () => {
    await typeInto(
      view.container.querySelector<HTMLInputElement>('#expire-seconds') as HTMLInputElement,
      '-5',
    );
    expect(buttonText(view.container, 'Expire').disabled).toBe(true);
  });
});
