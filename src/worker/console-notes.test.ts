import { describe, expect, it } from 'vitest';
import { LuaVm } from '../engine/scripting/lua-vm.ts';
import { WorkerHost } from './host.ts';
import { type Batch, PROTOCOL_VERSION, type WorkerEvent } from './protocol.ts';

/** The playground's remarks under console lines: a script stopped by its limits, a lone surrogate. */

async function setup() {
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({
    post: (m) => out.push(m),
    realNow: () => 1000,
    startMs: 1_700_000_000_000,
    loadScripting: () =>
      Promise.resolve(() => new LuaVm({ instructionBudget: 200_000, tableEntryBudget: 10_000 })),
  });
  await host.scriptingSettled();
  let id = 0;
  /** The line's entry, with the text of the note entry after it (if any) as `note`. */
  const exec = (line: string) => {
    host.handle({ v: PROTOCOL_VERSION, type: 'exec', id: ++id, lines: [line] });
    const batch = out.filter((m): m is Batch => m.type === 'batch').at(-1);
    const [entry, after] = batch?.replies.at(-1)?.entries ?? [];
    if (!entry) throw new Error('no reply');
    return { ...entry, note: after?.note ? after.text : undefined };
  };
  return { exec };
}

describe('console notes', () => {
  it("keeps Redis's text for a runaway script and adds that the budget stopped it", async () => {
    const t = await setup();
    const entry = t.exec('EVAL "while true do end" 0');
    expect(entry.text).toMatch(/^\(error\) ERR Script killed by user with SCRIPT KILL\.\.\. script: /);
    expect(entry.note).toBe(
      'The playground stopped this script after its budget of 100 million Lua instructions (nobody sent SCRIPT KILL; Redis has no such budget).',
    );
  });

  it('says why a script that filled its tables got a memory error, and the engine goes on', async () => {
    const t = await setup();
    const entry = t.exec('EVAL "local t={} for i=1,100000000 do t[i]=i end return #t" 0');
    expect(entry.text).toMatch(/^\(error\) ERR Error running script f_[0-9a-f]{40}, not enough memory \n$/);
    expect(entry.note).toMatch(
      /^The playground stopped this script: it used more memory than a script may use here/,
    );
    expect(t.exec('EVAL "return 1" 0').text).toBe('(integer) 1\n');
  });

  it('points out a lone surrogate in typed text, which goes out as U+FFFD', async () => {
    const t = await setup();
    const entry = t.exec('SET k "a\uD83Db"');
    expect(entry.note).toBe(
      'The line holds a lone UTF-16 surrogate (U+D83D), which has no UTF-8 form: it was sent as U+FFFD, the bytes \\xef\\xbf\\xbd.',
    );
    expect(t.exec('GET k')).toMatchObject({ text: '"a\\xef\\xbf\\xbdb"\n' });
    expect(t.exec('GET k').note).toBeUndefined();
    // A whole pair is a character like any other.
    expect(t.exec('SET e "\uD83D\uDE00"').note).toBeUndefined();
  });
});
