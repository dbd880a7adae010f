import { describe, expect, it } from 'vitest';
import { WorkerHost } from './host.ts';
import {
  PROTOCOL_VERSION,
  type RequestBody,
  type TableQuery,
  type TableWindow,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { GHOST_MS, MAX_WINDOW } from './table-view.ts';

const START = 1_700_000_000_000;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({
    post: (m) => out.push(m),
    realNow: () => real,
    startMs: START,
    loadScripting: () => import('../engine/scripting/index.ts').then((m) => m.luaScripting),
  });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  let seq = 0;
  const exec = (...lines: string[]) => send({ type: 'exec', id: ++id, lines });
  const ready = () => host.scriptingSettled();
  const windows = (viewer = 'page') =>
    out.filter((m): m is TableWindow => m.type === 'table' && m.viewer === viewer);
  const last = (viewer = 'page'): TableWindow => {
    const w = windows(viewer).at(-1);
    if (!w) throw new Error('no window');
    return w;
  };
  const view = (q: Partial<TableQuery> = {}, viewer = 'page') => {
    send({
      type: 'table-view',
      viewer,
      query: {
        seq: ++seq,
        pattern: '*',
        ttlFilter: 'all',
        sort: { column: 'key', desc: false },
        offset: 0,
        limit: 50,
        selected: null,
        ...q,
      },
    });
    return last(viewer);
  };
  const passReal = (ms: number) => {
    real += ms;
    host.tick();
  };
  const keys = (w: TableWindow) => w.rows.map((r) => r.key);
  return { host, out, ready, exec, view, last, windows, passReal, keys };
}

describe('the key table window on the worker', () => {
  it('sorts, filters and pages the shown database', () => {
    const t = setup();
    t.exec('SET b 1', 'SET a 1 PX 5000', 'SET c 1 PX 3000', 'HSET h f v', 'SELECT 1', 'SET other 1');
    t.exec('SELECT 0');
    expect(t.keys(t.view())).toEqual(['a', 'b', 'c', 'h']);
    expect(t.view().total).toBe(4);
    expect(t.keys(t.view({ sort: { column: 'key', desc: true } }))).toEqual(['h', 'c', 'b', 'a']);
    // By deadline, keys without one last; ties by key.
    expect(t.keys(t.view({ sort: { column: 'ttl', desc: false } }))).toEqual(['c', 'a', 'b', 'h']);
    expect(t.keys(t.view({ sort: { column: 'type', desc: false } }))).toEqual(['h', 'a', 'b', 'c']);
    expect(t.keys(t.view({ ttlFilter: 'volatile' }))).toEqual(['a', 'c']);
    expect(t.keys(t.view({ ttlFilter: 'persistent' }))).toEqual(['b', 'h']);
    // Redis globs: only ^ negates a class.
    expect(t.keys(t.view({ pattern: '[^ab]' }))).toEqual(['c', 'h']);
    expect(t.keys(t.view({ pattern: '[!a]' }))).toEqual(['a']);
    const page = t.view({ offset: 1, limit: 2 });
    expect([page.offset, page.total, t.keys(page)]).toEqual([1, 4, ['b', 'c']]);
    // Past the end, the window is the last rows there are.
    expect(t.view({ offset: 10, limit: 3 }).offset).toBe(1);
    t.exec('SELECT 1');
    expect(t.keys(t.last())).toEqual(['other']);
  });

  it('keeps the window current as keys change, and sends it only when it did', () => {
    const t = setup();
    t.view();
    t.exec('SET k 1');
    const before = t.windows().length;
    t.passReal(16);
    expect(t.windows().length).toBe(before);
    t.exec('APPEND k 2');
    const row = t.last().rows[0];
    expect(row?.preview).toBe('"12"');
    t.exec('SET j 0');
    expect(t.keys(t.last())).toEqual(['j', 'k']);
    const now = t.host.clock.now();
    t.exec('EXPIRE k 100');
    expect(t.last().rows[1]?.deadline).toBe(now + 100_000);
  });

  it('marks removed rows with how they went, then lets them go', () => {
    const t = setup();
    t.view();
    t.exec('SET gone 1 PX 100', 'SET del 1', 'SET stay 1');
    t.host.clock.jump(200);
    t.exec('GET gone', 'DEL del');
    const w = t.last();
    expect(w.rows.map((r) => [r.key, r.removed?.reason, r.removed?.command])).toEqual([
      ['del', 'command', 'del'],
      ['gone', 'lazy', 'get'],
      ['stay', undefined, undefined],
    ]);
    expect([w.total, w.live]).toEqual([3, 1]);
    t.passReal(GHOST_MS + 100);
    expect(t.keys(t.last())).toEqual(['stay']);
    expect(t.last().live).toBe(1);
  });

  it('a key made again while on show as removed is live again', () => {
    const t = setup();
    t.view();
    t.exec('SET k 1', 'DEL k', 'SET k 2');
    expect(t.last().rows.map((r) => [r.key, r.removed, r.preview])).toEqual([['k', undefined, '"2"']]);
    t.passReal(GHOST_MS + 100);
    expect(t.keys(t.last())).toEqual(['k']);
  });

  it('is current in the frame a mass expiry happens, however many keys went', async () => {
    const t = setup();
    await t.ready();
    t.view({ limit: 20 });
    const n = 10_000;
    t.exec(`EVAL "for i = 1, ${n} do redis.call('SET', 'm:' .. i, 'v', 'PX', 100) end" 0`);
    t.exec('SET keep 1');
    expect(t.last().total).toBe(n + 1);
    // Every key is past its deadline; the active cycle (a few per tick) and the sweep take them.
    t.host.clock.jump(1000);
    for (let i = 0; i < 400 && t.host.engine.ks.db(0).dict.size > 1; i++) t.passReal(16);
    expect(t.host.engine.ks.db(0).dict.size).toBe(1);
    // The same frame's window already says so: every row but one is marked removed.
    expect(t.last().live).toBe(1);
    t.passReal(GHOST_MS + 100);
    expect([t.last().total, t.keys(t.last())]).toEqual([1, ['keep']]);
  });

  it('marks a flushed database in one pass, and FLUSHALL leaves nothing behind', async () => {
    const t = setup();
    await t.ready();
    t.view();
    t.exec(`EVAL "for i = 1, 5000 do redis.call('SET', 'f:' .. i, 'v') end" 0`);
    t.exec('FLUSHALL');
    expect([t.last().total, t.last().live]).toEqual([5000, 0]);
    expect(t.last().rows[0]?.removed?.reason).toBe('flush');
    t.passReal(GHOST_MS + 100);
    expect(t.last().total).toBe(0);
  });

  it('sends a bounded window and the selected key even when it is not in it', async () => {
    const t = setup();
    await t.ready();
    t.exec(`EVAL "for i = 1, 3000 do redis.call('SET', 'k:' .. i, i) end" 0`);
    const big = t.view({ limit: 1_000_000 });
    expect(big.rows.length).toBe(MAX_WINDOW);
    const w = t.view({ pattern: 'k:1*', limit: 5, selected: { db: 0, key: 'k:2999' } });
    expect(w.selected).toMatchObject({ key: 'k:2999', preview: '"2999"' });
    expect(w.rows.length).toBe(5);
    t.exec('SET k:2999 changed');
    expect(t.last().selected?.preview).toBe('"changed"');
    t.exec('DEL k:2999');
    expect(t.last().selected).toBeNull();
  });

  it('keeps each viewer its own window, and starts again on another session', () => {
    const t = setup();
    t.exec('SET a 1', 'SET b 2', 'SET c 3');
    t.view({ sort: { column: 'key', desc: true }, limit: 2 }, 'audience');
    t.view({ limit: 10 });
    expect(t.keys(t.last('audience'))).toEqual(['c', 'b']);
    expect(t.keys(t.last('page'))).toEqual(['a', 'b', 'c']);
    t.exec('SET d 4');
    expect(t.keys(t.last('audience'))).toEqual(['d', 'c']);
    t.host.store.reset();
    expect(t.last('page').total).toBe(0);
  });

  it('takes nonsense in a query as the defaults', () => {
    const t = setup();
    t.exec('SET a 1');
    const w = t.view({
      pattern: 5 as unknown as string,
      sort: { column: 'nope' as 'key', desc: false },
      limit: Number.NaN,
    });
    expect([w.total, w.rows.length]).toEqual([1, 0]);
    expect(t.keys(t.view({ limit: 3, offset: -4 }))).toEqual(['a']);
  });
});
